/** Shared vocabulary of the analysis core. Nothing here knows about any editor. */

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export type SourceLanguage = 'python' | 'typescript' | 'javascript';

/** Zero-based position; `character` counts UTF-16 code units, as editors and tree-sitter do. */
export interface SourcePosition {
  line: number;
  character: number;
}

/** A span of the source file: offsets index the JS string, positions are zero-based. */
export interface SourceRange {
  startOffset: number;
  endOffset: number;
  start: SourcePosition;
  end: SourcePosition;
}

/** A replacement of [startOffset, endOffset) by newText in the original source. */
export interface TextEdit {
  startOffset: number;
  endOffset: number;
  newText: string;
}

export interface Fix {
  title: string;
  /** Safe fixes change cost and latency only; unsafe ones change what the model sees. */
  safe: boolean;
  edits: TextEdit[];
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  range: SourceRange;
  fixes: Fix[];
}
