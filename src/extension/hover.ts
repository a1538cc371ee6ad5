import * as vscode from 'vscode';
import { hoverAt } from '../protocol/lsp-shapes';
import { toRange } from './convert';
import type { DocumentLinter } from './document-linter';
import type { ExactCounts } from './exact-counts';
import type { Logger } from './logger';

/** Cost tooltips on a `cache_control` and on the request call's callee. */
export class CostHover implements vscode.HoverProvider {
  constructor(
    private readonly linter: DocumentLinter,
    private readonly exact: ExactCounts,
    private readonly log: Logger,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    return this.log.guard('hover', undefined, () => {
      const linted = this.linter.resultFor(document);
      if (!linted) {
        return undefined;
      }
      const found = hoverAt(linted.result.requests, position, (request) => this.exact.countFor(request, linted.settings.config.defaultModel));
      if (found) {
        const text = markdown(`${found.markdown}\n\n[Show cache map](command:promptCacheLint.showCacheMap)`);
        // Only this one command may run from the hover.
        text.isTrusted = { enabledCommands: ['promptCacheLint.showCacheMap'] };
        return new vscode.Hover(text, toRange(found.range));
      }
      return undefined;
    });
  }
}

export function markdown(text: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(text);
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}
