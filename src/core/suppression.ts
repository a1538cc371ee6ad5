import type { SourceComment } from './syntax/language-support';

const DIRECTIVE = /prompt-cache-lint:\s*disable-(next-line|line|file)\b([^\n]*)/;

/**
 * Lines on which findings are suppressed, from `prompt-cache-lint: disable-next-line [rules]`
 * (the next line) and `prompt-cache-lint: disable-line [rules]` (its own line), and rules
 * suppressed in the whole file by `prompt-cache-lint: disable-file [rules]` (anywhere; usually at
 * the top). No rule list means every rule. Directives are read from real comment nodes only.
 */
export class Suppressions {
  private readonly byLine = new Map<number, Set<string> | 'all'>();
  private wholeFile: Set<string> | 'all' = new Set();

  constructor(comments: readonly SourceComment[]) {
    for (const comment of comments) {
      const match = DIRECTIVE.exec(comment.text);
      if (!match) {
        continue;
      }
      const line = match[1] === 'next-line' ? comment.line + 1 : comment.line;
      const rules = match[2]
        .replace(/\*\/\s*$/, '')
        .split(/[\s,]+/)
        .filter((r) => /^[a-z][a-z-]*$/.test(r));
      if (match[1] === 'file') {
        this.wholeFile = rules.length === 0 || this.wholeFile === 'all' ? 'all' : new Set([...this.wholeFile, ...rules]);
        continue;
      }
      const existing = this.byLine.get(line);
      if (rules.length === 0 || existing === 'all') {
        this.byLine.set(line, 'all');
      } else {
        this.byLine.set(line, new Set([...(existing ?? []), ...rules]));
      }
    }
  }

  isSuppressed(ruleId: string, line: number): boolean {
    if (this.wholeFile === 'all' || this.wholeFile.has(ruleId)) {
      return true;
    }
    const rules = this.byLine.get(line);
    return rules === 'all' || (rules !== undefined && rules.has(ruleId));
  }
}
