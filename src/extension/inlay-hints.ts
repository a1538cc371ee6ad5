import * as vscode from 'vscode';
import { breakpointHover, inlineSavingsLabel } from '../core';
import type { DocumentLinter } from './document-linter';
import { markdown } from './hover';
import type { Logger } from './logger';

/**
 * Inline savings at the end of each breakpoint's line, as inlay hints: VS Code places and styles
 * them, users can toggle them with `editor.inlayHints.enabled` as well as our own setting, and
 * tests can read them through `vscode.executeInlayHintProvider`.
 */
export class SavingsInlayHints implements vscode.InlayHintsProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeInlayHints = this.changed.event;

  constructor(
    private readonly linter: DocumentLinter,
    private readonly log: Logger,
  ) {
    linter.onDidLint(() => this.changed.fire());
  }

  refresh(): void {
    this.changed.fire();
  }

  provideInlayHints(document: vscode.TextDocument, range: vscode.Range): vscode.InlayHint[] {
    return this.log.guard('inlay hints', [], () => {
      const linted = this.linter.resultFor(document);
      if (!linted || !linted.settings.inlineSavings) {
        return [];
      }
      const byLine = new Map<number, { labels: string[]; tooltips: string[] }>();
      for (const request of linted.result.requests) {
        for (const breakpoint of request.breakpoints) {
          const line = breakpoint.marker.range.end.line;
          if (line < range.start.line || line > range.end.line) {
            continue;
          }
          const entry = byLine.get(line) ?? { labels: [], tooltips: [] };
          entry.labels.push(inlineSavingsLabel(breakpoint));
          entry.tooltips.push(breakpointHover(request, breakpoint));
          byLine.set(line, entry);
        }
      }
      return [...byLine.entries()].map(([line, entry]) => {
        const hint = new vscode.InlayHint(document.lineAt(line).range.end, ` ${entry.labels.join('  |  ')}`);
        hint.paddingLeft = true;
        hint.tooltip = markdown(entry.tooltips.join('\n\n---\n\n'));
        return hint;
      });
    });
  }

  dispose(): void {
    this.changed.dispose();
  }
}
