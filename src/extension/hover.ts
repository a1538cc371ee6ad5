import * as vscode from 'vscode';
import { breakpointHover, requestHover } from '../core';
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
      for (const request of linted.result.requests) {
        for (const breakpoint of request.breakpoints) {
          const range = toRange(breakpoint.marker.range);
          if (range.contains(position)) {
            return new vscode.Hover(markdown(breakpointHover(request, breakpoint, this.exact.countFor(request, linted.settings.config.defaultModel))), range);
          }
        }
      }
      for (const request of linted.result.requests) {
        const start = toRange(request.call.range).start;
        const callee = new vscode.Range(start, start.translate(0, request.call.callee.split('\n')[0].length));
        if (callee.contains(position)) {
          return new vscode.Hover(markdown(requestHover(request, this.exact.countFor(request, linted.settings.config.defaultModel))), callee);
        }
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
