import * as fs from 'fs';
import * as path from 'path';
import { type Linter, fixAll, isNotebookFile, languageOfFile, mayHoldRequest } from '../core';
import type { FileLintSettings } from './lint-file';
import { readerFor } from './lint-file';
import { unifiedDiff } from './unified-diff';

/** What `--fix` did to one file. */
export interface FileFix {
  filePath: string;
  /** The text after fixing, when it changed. */
  fixed?: string;
  original: string;
  fixesApplied: number;
  /** Why the file was left as it is, when it was not fixed. */
  skipped?: string;
}

const BOM = '\uFEFF';

/**
 * Apply every safe fix to a file as the editor's fix-all does (the core's one implementation):
 * a pass of non-overlapping safe fixes, re-lint, repeat until nothing is left (bounded passes),
 * never stepping to a text that no longer parses. Files that do not parse, are not valid UTF-8, or
 * are notebooks are left alone. Nothing is written here.
 */
export async function fixFile(linter: Linter, filePath: string, settings: FileLintSettings): Promise<FileFix> {
  const language = languageOfFile(filePath);
  let buffer: Buffer;
  try {
    buffer = fs.readFileSync(filePath);
  } catch (error) {
    return { filePath, original: '', fixesApplied: 0, skipped: `cannot read file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
  if (isNotebookFile(filePath) || !language) {
    return { filePath, original: '', fixesApplied: 0, skipped: isNotebookFile(filePath) ? 'notebooks are not fixed from the command line' : 'unsupported file type' };
  }
  let text: string;
  try {
    // Strict: a file with invalid UTF-8 would be written back with replacement characters.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buffer);
  } catch {
    return { filePath, original: '', fixesApplied: 0, skipped: 'not valid UTF-8; not rewritten' };
  }
  const bom = text.startsWith(BOM);
  const body = bom ? text.slice(1) : text;
  if (buffer.subarray(0, 8192).includes(0) || !mayHoldRequest(body)) {
    return { filePath, original: text, fixesApplied: 0 };
  }
  const options = { fileName: path.resolve(filePath), config: settings.config, promptFiles: settings.root ? readerFor(settings.root) : undefined, followImports: settings.imports };
  await linter.prepare(language, options.fileName, settings.imports);
  const first = linter.lintSync(body, language, options);
  if (!first || first.internalError) {
    return { filePath, original: text, fixesApplied: 0, skipped: first?.internalError ? `internal error: ${first.internalError}` : 'could not be linted' };
  }
  if (first.hasSyntaxErrors) {
    return { filePath, original: text, fixesApplied: 0, skipped: 'has syntax errors; not fixed' };
  }
  let lints = 0;
  const result = fixAll(body, (candidate) => (lints++ === 0 ? first : linter.lintSync(candidate, language, options)));
  if (result.text === body) {
    return { filePath, original: text, fixesApplied: 0 };
  }
  return { filePath, original: text, fixed: bom ? BOM + result.text : result.text, fixesApplied: result.fixesApplied };
}

/** Whether the fixed text (not written: `--fix-dry-run`) still has an error-severity finding. */
export async function errorsAfterFix(linter: Linter, fix: FileFix, settings: FileLintSettings): Promise<boolean> {
  const language = languageOfFile(fix.filePath);
  if (fix.fixed === undefined || !language) {
    return false;
  }
  const body = fix.fixed.startsWith(BOM) ? fix.fixed.slice(1) : fix.fixed;
  const result = await linter.lint(body, language, { fileName: path.resolve(fix.filePath), config: settings.config, promptFiles: settings.root ? readerFor(settings.root) : undefined, followImports: settings.imports });
  return result.findings.some((f) => f.severity === 'error');
}

/**
 * Write a fixed file in place: to a temporary file beside it, then renamed over it, so a failure
 * leaves the original bytes. A read-only file (no write bit for anyone) is not replaced. Returns
 * why the file could not be written, or undefined.
 */
export function writeFix(fix: FileFix): string | undefined {
  if (fix.fixed === undefined) {
    return undefined;
  }
  const temporary = `${fix.filePath}.prompt-cache-lint-${process.pid}.tmp`;
  try {
    const mode = fs.statSync(fix.filePath).mode;
    if ((mode & 0o222) === 0) {
      return 'the file is read-only; not fixed';
    }
    fs.writeFileSync(temporary, fix.fixed, { mode });
    fs.renameSync(temporary, fix.filePath);
    return undefined;
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    return `cannot write the fixed file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
  }
}

/** The unified diff `--fix-dry-run` prints for one file ('' when nothing would change). */
export function fixDiff(fix: FileFix, cwd = process.cwd()): string {
  if (fix.fixed === undefined) {
    return '';
  }
  const name = path.relative(cwd, path.resolve(fix.filePath)).split(path.sep).join('/');
  return unifiedDiff(fix.original, fix.fixed, name.startsWith('..') ? path.resolve(fix.filePath) : name);
}
