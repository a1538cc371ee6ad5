import { type Finding, type RequestModel, type Severity, type SourceRange, breakpointHover, inlineSavingsLabel, requestHover, ruleDocsUrl } from '../core';

/**
 * Findings, hovers and inlay hints in the Language Server Protocol's terms (plain objects with its
 * shapes; 0-based lines, UTF-16 columns, as the core already counts). The one mapping both editor
 * adapters use: the language server sends these as they are, and the VS Code extension builds its
 * objects from them.
 */

export const DIAGNOSTIC_SOURCE = 'Prompt Cache Lint';

export interface LspPosition {
  line: number;
  character: number;
}

export interface LspRange {
  start: LspPosition;
  end: LspPosition;
}

export interface LspDiagnostic {
  range: LspRange;
  /** 1 error, 2 warning, 3 information, 4 hint. */
  severity: 1 | 2 | 3 | 4;
  code: string;
  codeDescription: { href: string };
  source: string;
  message: string;
}

const SEVERITY: Record<Severity, LspDiagnostic['severity']> = { error: 1, warning: 2, info: 3, hint: 4 };

export function lspRange(range: SourceRange): LspRange {
  return { start: { line: range.start.line, character: range.start.character }, end: { line: range.end.line, character: range.end.character } };
}

export function diagnosticOf(finding: Finding): LspDiagnostic {
  return { range: lspRange(finding.range), severity: SEVERITY[finding.severity], code: finding.ruleId, codeDescription: { href: ruleDocsUrl(finding.ruleId) }, source: DIAGNOSTIC_SOURCE, message: finding.message };
}

function contains(range: LspRange, position: LspPosition): boolean {
  const after = (a: LspPosition, b: LspPosition) => a.line > b.line || (a.line === b.line && a.character >= b.character);
  return after(position, range.start) && after(range.end, position);
}

/** The cost hover at a position: on a `cache_control` (its breakpoint), else on a request call's callee. */
export function hoverAt(requests: readonly RequestModel[], position: LspPosition, apiCount?: (request: RequestModel) => number | undefined): { markdown: string; range: LspRange } | undefined {
  for (const request of requests) {
    for (const breakpoint of request.breakpoints) {
      const range = lspRange(breakpoint.marker.range);
      if (contains(range, position)) {
        return { markdown: breakpointHover(request, breakpoint, apiCount?.(request)), range };
      }
    }
  }
  for (const request of requests) {
    const start = lspRange(request.call.range).start;
    const callee = { start, end: { line: start.line, character: start.character + request.call.callee.split('\n')[0].length } };
    if (contains(callee, position)) {
      return { markdown: requestHover(request, apiCount?.(request)), range: callee };
    }
  }
  return undefined;
}

/** Inlay hints: one per line holding `cache_control` markers, the savings (or "not cached") of each, with the hover as tooltip. */
export function savingsHints(requests: readonly RequestModel[], inRange: (line: number) => boolean): Array<{ line: number; label: string; tooltip: string }> {
  const byLine = new Map<number, { labels: string[]; tooltips: string[] }>();
  for (const request of requests) {
    for (const breakpoint of request.breakpoints) {
      const line = breakpoint.marker.range.end.line;
      if (!inRange(line)) {
        continue;
      }
      const entry = byLine.get(line) ?? { labels: [], tooltips: [] };
      entry.labels.push(inlineSavingsLabel(breakpoint));
      entry.tooltips.push(breakpointHover(request, breakpoint));
      byLine.set(line, entry);
    }
  }
  return [...byLine].map(([line, entry]) => ({ line, label: ` ${entry.labels.join('  |  ')}`, tooltip: entry.tooltips.join('\n\n---\n\n') }));
}
