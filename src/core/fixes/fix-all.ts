import type { Finding, Fix, TextEdit } from '../types';
import { applyEdits } from './source-edits';

/** As ESLint: fixes can enable further fixes, so fix-all re-lints and repeats, but never forever. */
export const MAX_FIX_PASSES = 10;

function overlaps(a: Fix, b: Fix): boolean {
  return a.edits.some((x) => b.edits.some((y) => x.startOffset < y.endOffset && y.startOffset < x.endOffset));
}

/** The first safe fix of every finding, skipping any that would overlap an earlier one: one pass of fix-all. */
export function safeFixes(findings: readonly Finding[], ruleId?: string): Fix[] {
  const chosen: Fix[] = [];
  for (const finding of findings) {
    if (ruleId !== undefined && finding.ruleId !== ruleId) {
      continue;
    }
    const fix = finding.fixes.find((f) => f.safe);
    if (fix && !chosen.some((c) => overlaps(c, fix))) {
      chosen.push(fix);
    }
  }
  return chosen;
}

/** What fix-all needs from a lint: its findings, and whether the text parsed. */
export interface FixableLint {
  findings: readonly Finding[];
  hasSyntaxErrors: boolean;
}

export interface FixAllResult {
  text: string;
  /** Passes that changed the text. */
  passes: number;
  fixesApplied: number;
  /** Why it stopped: nothing left to fix, the pass limit, a pass that broke the parse, or no lint result. */
  stoppedBy: 'settled' | 'pass-limit' | 'syntax-error' | 'no-result';
}

/**
 * Fix all safe problems: apply one pass of non-overlapping safe fixes, re-lint, and repeat until no
 * safe fix is left. A pass that would turn a file that parsed into one that does not is not taken.
 * The one implementation behind the editor's fix-all command, `source.fixAll`, "Fix all <rule>
 * problems" (`ruleId`: only that rule's fixes), the CLI's `--fix` and the tests.
 */
export function fixAll(text: string, lintOnce: (text: string) => FixableLint | undefined, maxPasses = MAX_FIX_PASSES, ruleId?: string): FixAllResult {
  let current = text;
  let fixesApplied = 0;
  let lint = lintOnce(current);
  for (let pass = 0; ; pass++) {
    if (!lint) {
      return { text: current, passes: pass, fixesApplied, stoppedBy: 'no-result' };
    }
    const chosen = safeFixes(lint.findings, ruleId);
    if (chosen.length === 0) {
      return { text: current, passes: pass, fixesApplied, stoppedBy: 'settled' };
    }
    if (pass === maxPasses) {
      return { text: current, passes: pass, fixesApplied, stoppedBy: 'pass-limit' };
    }
    const next = applyEdits(
      current,
      chosen.flatMap((f) => f.edits),
    );
    const nextLint = lintOnce(next);
    if (nextLint && nextLint.hasSyntaxErrors && !lint.hasSyntaxErrors) {
      return { text: current, passes: pass, fixesApplied, stoppedBy: 'syntax-error' };
    }
    current = next;
    fixesApplied += chosen.length;
    lint = nextLint;
  }
}

/** The one edit that turns `before` into `after`: their common start and end are left alone (cursor and markers stay put). */
export function minimalEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) {
    return undefined;
  }
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) {
    start++;
  }
  let end = 0;
  while (end < shorter - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) {
    end++;
  }
  return { startOffset: start, endOffset: before.length - end, newText: after.slice(start, after.length - end) };
}

/**
 * The one edit an editor's fix-all applies to a document: the first pass uses the result already
 * shown (so the edit matches the diagnostics the user sees), later passes re-lint; only `ruleId`'s
 * fixes when given. Undefined when nothing changes.
 */
export function fixAllEdit(text: string, shown: FixableLint, relint: (text: string) => FixableLint | undefined, ruleId?: string): TextEdit | undefined {
  if (!shown.findings.some((f) => (ruleId === undefined || f.ruleId === ruleId) && f.fixes.some((x) => x.safe))) {
    return undefined;
  }
  return minimalEdit(text, fixAll(text, (t) => (t === text ? shown : relint(t)), undefined, ruleId).text);
}
