import * as path from 'path';
import { FolderPromptFiles, type LintConfig, type Linter, isNotebookFile, languageOfFile, mayHoldRequest } from '../core';
import { readSourceFile } from './files';
import type { FileReport } from './formatters/file-report';
import { fileJson } from './formatters/json';

/** What linting one file needs besides the file: the same in the main thread and in workers. */
export interface FileLintSettings {
  config: LintConfig;
  /** The root files and imports are read in; undefined: nothing is read beyond the file. */
  root?: string;
  imports: boolean;
}

/** One workspace reader per root and thread, so modules are parsed once per thread. */
const readers = new Map<string, FolderPromptFiles>();

export function readerFor(root: string): FolderPromptFiles {
  let reader = readers.get(root);
  if (!reader) {
    reader = new FolderPromptFiles(root);
    readers.set(root, reader);
  }
  return reader;
}

/** Lint one file as the CLI reports it; never throws. `portable`: the report crosses threads (no syntax trees in it). */
export async function lintFile(linter: Linter, filePath: string, settings: FileLintSettings, portable = false): Promise<FileReport> {
  const notebook = isNotebookFile(filePath);
  const language = notebook ? 'python' : languageOfFile(filePath);
  const read = readSourceFile(filePath);
  if ('problem' in read || !language) {
    return { filePath, language, problem: 'problem' in read ? read.problem : 'unsupported file type' };
  }
  // (A notebook is always read: a malformed one is reported.)
  if (!notebook && !mayHoldRequest(read.text)) {
    // Names none of the calls a request is made with: nothing to report, so not even parsed.
    return { filePath, language, result: { language, requests: [], findings: [], hasSyntaxErrors: false } };
  }
  // lint() never throws; an internal error in one file comes back in its result.
  const options = { fileName: path.resolve(filePath), config: settings.config, promptFiles: settings.root ? readerFor(settings.root) : undefined, followImports: settings.imports };
  const result = notebook ? await linter.lintNotebook(read.text, options) : await linter.lint(read.text, language, options);
  const report: FileReport = { filePath, language, ...(result.unreadable ? { problem: result.unreadable } : { result }) };
  if (!portable) {
    return report;
  }
  // Requests hold syntax trees: only what the formatters read leaves the thread.
  const { requests, ...rest } = result;
  return { ...report, json: fileJson(report), requestCount: requests.length, ...(report.result ? { result: { ...rest, requests: [] } } : {}) };
}
