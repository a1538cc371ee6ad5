import type { LintResult, SourceLanguage } from '../../core';

/** One file's outcome: a lint result, or the reason it could not be linted. */
export interface FileReport {
  filePath: string;
  language?: SourceLanguage;
  result?: LintResult;
  problem?: string;
}
