import * as vscode from 'vscode';
import { savingsHints } from '../protocol/lsp-shapes';
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
      return savingsHints(linted.result.requests, (line) => line >= range.start.line && line <= range.end.line).map(({ line, label, tooltip }) => {
        const hint = new vscode.InlayHint(document.lineAt(line).range.end, label);
        hint.paddingLeft = true;
        hint.tooltip = markdown(tooltip);
        return hint;
      });
    });
  }

  dispose(): void {
    this.changed.dispose();
  }
}
