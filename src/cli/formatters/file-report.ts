import type { LintResult, SourceLanguage } from '../../core';

/** One file's outcome: a lint result, or the reason it could not be linted. */
export interface FileReport {
  filePath: string;
  language?: SourceLanguage;
  result?: LintResult;
  problem?: string;
  /** Set when the file was linted in a worker thread: its JSON object and request count, built there (requests hold syntax trees, which stay there). */
  json?: Record<string, unknown>;
  requestCount?: number;
}
