import type { SyntaxNode } from '../parsing/parser';
import type { SourceLanguage, TextEdit } from '../types';

/**
 * Builders for the text edits fixes are made of. They work on the syntax tree so that commas,
 * indentation and quote style stay as the file has them.
 */
export class SourceEditor {
  private lineStarts: number[] | undefined;
  private lineEnding: string | undefined;

  constructor(
    readonly text: string,
    readonly language: SourceLanguage,
    /** The quote character most string literals in the file use, if known (asked for lazily). */
    private readonly fileQuote: () => string | undefined = () => undefined,
    /** Uses a value from another module was read through (`start:end`): edits into them are refused. */
    private readonly importedUses: ReadonlySet<string> = new Set(),
  ) {}

  private refused(node: SyntaxNode): TextEdit | undefined {
    return this.importedUses.has(`${node.startIndex}:${node.endIndex}`) ? { startOffset: node.startIndex, endOffset: node.startIndex, newText: '', refused: true } : undefined;
  }

  /** The quote style to write: the file's own, else double for Python, single for JS/TS. */
  preferredQuote(): string {
    return this.fileQuote() ?? (this.language === 'python' ? '"' : "'");
  }

  quote(text: string, quote: string): string {
    const escaped = text.replace(/\\/g, '\\\\').replace(new RegExp(quote, 'g'), `\\${quote}`);
    return `${quote}${escaped}${quote}`;
  }

  /** `"cache_control": {"type": "ephemeral"}` (Python) or `cache_control: { type: 'ephemeral' }` (JS/TS). */
  cacheControlEntry(quote: string, ttl?: string): string {
    const q = (s: string) => this.quote(s, quote);
    if (this.language === 'python') {
      return `${q('cache_control')}: {${q('type')}: ${q('ephemeral')}${ttl ? `, ${q('ttl')}: ${q(ttl)}` : ''}}`;
    }
    return `cache_control: { type: ${q('ephemeral')}${ttl ? `, ttl: ${q(ttl)}` : ''} }`;
  }

  /** A one-block system list wrapping an expression: `[{"type": "text", "text": EXPR, "cache_control": …}]`. */
  textBlockList(expressionText: string, quote: string): string {
    const q = (s: string) => this.quote(s, quote);
    if (this.language === 'python') {
      return `[{${q('type')}: ${q('text')}, ${q('text')}: ${expressionText}, ${this.cacheControlEntry(quote)}}]`;
    }
    return `[{ type: ${q('text')}, text: ${expressionText}, ${this.cacheControlEntry(quote)} }]`;
  }

  /** Replace a value the user wrote here (a TTL, a type); never one read from another module. */
  replace(node: SyntaxNode, newText: string): TextEdit {
    return this.refused(node) ?? { startOffset: node.startIndex, endOffset: node.endIndex, newText };
  }

  /** Replace an expression by one built around its own text (`X` → `[{"text": X, …}]`): right even when X is imported. */
  wrap(node: SyntaxNode, newText: string): TextEdit {
    return { startOffset: node.startIndex, endOffset: node.endIndex, newText };
  }

  /** Remove one entry of a dict/object literal or argument list, with its comma and, when alone, its line. */
  removeEntry(entry: SyntaxNode): TextEdit {
    const refused = this.refused(entry);
    if (refused) {
      return refused;
    }
    const container = entry.parent;
    const siblings = container ? namedNonComments(container) : [entry];
    const index = siblings.findIndex((s) => s.id === entry.id);
    const whole = this.wholeLines(entry);
    if (whole) {
      // The entry before keeps its comma (a trailing comma is valid in every list we edit); only if the
      // tree shows none between them is the separator taken from the previous entry instead. Comment
      // lines in between are the user's and stay.
      const previous = index > 0 ? siblings[index - 1] : undefined;
      const separated = !previous || (container?.children ?? []).some((c) => c !== null && c.type === ',' && c.startIndex >= previous.endIndex && c.endIndex <= entry.startIndex);
      if (index === siblings.length - 1 && previous && !separated) {
        return { startOffset: previous.endIndex, endOffset: entry.endIndex, newText: '' };
      }
      return whole;
    }
    if (index > 0 && index === siblings.length - 1) {
      return { startOffset: siblings[index - 1].endIndex, endOffset: entry.endIndex, newText: '' };
    }
    if (index >= 0 && index < siblings.length - 1) {
      return { startOffset: entry.startIndex, endOffset: siblings[index + 1].startIndex, newText: '' };
    }
    return { startOffset: entry.startIndex, endOffset: entry.endIndex, newText: '' };
  }

  /** Add `entryText` as the last entry of a dict/object literal. */
  appendEntry(objectNode: SyntaxNode, written: string): TextEdit {
    const refused = this.refused(objectNode);
    if (refused) {
      return refused;
    }
    // `dict(type="text", ...)`, `TextBlockParam(...)`: the entry goes in as a keyword argument.
    const keyword = this.language === 'python' && objectNode.type === 'argument_list' ? /^(["'])([A-Za-z_]\w*)\1:\s*([\s\S]*)$/.exec(written) : null;
    const entryText = keyword ? `${keyword[2]}=${keyword[3]}` : written;
    const entries = namedNonComments(objectNode);
    const last = entries[entries.length - 1];
    if (!last) {
      const open = objectNode.startIndex + 1;
      const pad = this.language === 'python' ? '' : ' ';
      return { startOffset: open, endOffset: objectNode.endIndex - 1, newText: `${pad}${entryText}${pad}` };
    }
    return this.insertAfterItem(last, entryText);
  }

  /** Insert `written` as a new item of a list (or entry of an object) right after `item`, on its own line when the list has one item a line. */
  insertAfterItem(item: SyntaxNode, written: string): TextEdit {
    const container = item.parent;
    const after = this.text.slice(item.endIndex, container ? container.endIndex : item.endIndex + 200);
    const trailingComma = /^\s*,/.exec(after);
    const multiLine = container !== null && item.startPosition.row !== container.startPosition.row;
    if (multiLine) {
      const indent = this.indentOfLine(item.startPosition.row);
      if (trailingComma) {
        const commaEnd = item.endIndex + trailingComma[0].length;
        return { startOffset: commaEnd, endOffset: commaEnd, newText: `\n${indent}${written},` };
      }
      return { startOffset: item.endIndex, endOffset: item.endIndex, newText: `,\n${indent}${written}` };
    }
    return { startOffset: item.endIndex, endOffset: item.endIndex, newText: `, ${written}` };
  }

  /** A suppression comment on its own line above `line`, with that line's indentation. */
  suppressionAbove(line: number, ruleId: string): TextEdit {
    const offset = this.offsetOfLine(line);
    const comment = this.language === 'python' ? '#' : '//';
    this.lineEnding ??= this.text.includes('\r\n') ? '\r\n' : '\n';
    return { startOffset: offset, endOffset: offset, newText: `${this.indentOfLine(line)}${comment} prompt-cache-lint: disable-next-line ${ruleId}${this.lineEnding}` };
  }

  /**
   * `prompt-cache-lint: disable-file <rule>` as a comment line at the top of the file, after a
   * shebang and a Python encoding declaration (which must stay on the first two lines).
   */
  fileSuppression(ruleId: string): TextEdit {
    const comment = this.language === 'python' ? '#' : '//';
    this.lineEnding ??= this.text.includes('\r\n') ? '\r\n' : '\n';
    let line = 0;
    const lineText = (n: number) => this.text.slice(this.offsetOfLine(n), this.offsetOfLine(n + 1)).replace(/\r?\n$/, '');
    if (lineText(0).startsWith('#!')) {
      line = 1;
    }
    if (this.language === 'python' && line < 2 && /^[ \t\f]*#.*?coding[:=][ \t]*[-\w.]+/.test(lineText(line))) {
      line++;
    }
    const offset = Math.min(this.offsetOfLine(line), this.text.length);
    // A file whose last line has no newline gets one before the comment when the comment goes after it.
    const before = offset === this.text.length && this.text.length > 0 && !this.text.endsWith('\n') ? this.lineEnding : '';
    return { startOffset: offset, endOffset: offset, newText: `${before}${comment} prompt-cache-lint: disable-file ${ruleId}${this.lineEnding}` };
  }

  indentOfLine(line: number): string {
    const start = this.offsetOfLine(line);
    const match = /^[ \t]*/.exec(this.text.slice(start, start + 200));
    return match ? match[0] : '';
  }

  offsetOfLine(line: number): number {
    if (!this.lineStarts) {
      // Built on first use: most lints compute no fix that needs it.
      this.lineStarts = [0];
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) {
        this.lineStarts.push(i + 1);
      }
    }
    return line < this.lineStarts.length ? this.lineStarts[line] : this.text.length;
  }

  /** The full lines an entry occupies, if nothing but whitespace and its comma shares them. */
  private wholeLines(entry: SyntaxNode): TextEdit | undefined {
    const lineStart = this.text.lastIndexOf('\n', entry.startIndex - 1) + 1;
    if (this.text.slice(lineStart, entry.startIndex).trim() !== '') {
      return undefined;
    }
    const rest = /^[ \t]*,?[ \t]*(\r?\n|$)/.exec(this.text.slice(entry.endIndex, entry.endIndex + 200));
    if (!rest) {
      return undefined;
    }
    return { startOffset: lineStart, endOffset: entry.endIndex + rest[0].length, newText: '' };
  }
}

function namedNonComments(node: SyntaxNode): SyntaxNode[] {
  return node.namedChildren.filter((child): child is SyntaxNode => child !== null && child.type !== 'comment');
}

/** Apply non-overlapping edits to text (later offsets first, so earlier ones stay valid). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.startOffset - a.startOffset || b.endOffset - a.endOffset);
  let out = text;
  let limit = Infinity;
  for (const edit of sorted) {
    if (edit.endOffset > limit) {
      throw new Error('overlapping edits');
    }
    out = out.slice(0, edit.startOffset) + edit.newText + out.slice(edit.endOffset);
    limit = edit.startOffset;
  }
  return out;
}
