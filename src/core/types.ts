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
  /**
   * Set only while a value read from another workspace module is evaluated: that module's path
   * (relative to the root). Such ranges are moved onto the importing use before they leave the
   * module reader, so findings and edits never carry one.
   */
  file?: string;
}

/** A replacement of [startOffset, endOffset) by newText in the original source. */
export interface TextEdit {
  startOffset: number;
  endOffset: number;
  newText: string;
  /**
   * The edit would change text that stands for another module's (an imported name a value was read
   * through): the linter drops any fix holding such an edit, so no fix ever edits the wrong file.
   */
  refused?: true;
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
  /** In a notebook: relative to the cell `cell`. */
  range: SourceRange;
  fixes: Fix[];
  /** In a notebook: the 0-based index of the cell the finding is in (edits are relative to that cell too). */
  cell?: number;
}
