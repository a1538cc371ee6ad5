import * as fs from 'fs';
import * as path from 'path';
import { isNotebookFile, languageOfFile } from '../core';

/** Folders never worth linting: dependencies, VCS data, virtualenvs, caches, build output of tools. */
const SKIPPED_DIRECTORIES = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  '.venv',
  'venv',
  '.env',
  '__pycache__',
  '.tox',
  '.nox',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
  'site-packages',
  '.vscode-test',
]);

/** Larger files are reported and skipped: no prompt source is this big, and parsing it would stall CI. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

export interface FileProblem {
  filePath: string;
  message: string;
}

/** Expand the command line's paths into lintable files; problems (missing paths) are collected, not thrown. */
export function collectFiles(inputs: string[]): { files: string[]; problems: FileProblem[] } {
  const files: string[] = [];
  const problems: FileProblem[] = [];
  const seen = new Set<string>();
  const add = (file: string) => {
    if (!seen.has(file)) {
      seen.add(file);
      files.push(file);
    }
  };
  for (const input of inputs) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(input);
    } catch {
      problems.push({ filePath: input, message: 'no such file or directory' });
      continue;
    }
    if (stat.isDirectory()) {
      walk(input, add, problems);
    } else if (languageOfFile(input) || isNotebookFile(input)) {
      add(input);
    } else {
      problems.push({ filePath: input, message: 'not a Python, TypeScript, JavaScript or notebook file (by extension)' });
    }
  }
  return { files, problems };
}

function walk(directory: string, add: (file: string) => void, problems: FileProblem[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    problems.push({ filePath: directory, message: `cannot read directory: ${(error as Error).message}` });
    return;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name) && !fs.existsSync(path.join(full, 'pyvenv.cfg'))) {
        walk(full, add, problems);
      }
    } else if (entry.isFile() && (languageOfFile(entry.name) || isNotebookFile(entry.name))) {
      add(full);
    }
  }
}

export type ReadResult = { text: string } | { problem: string };

/** Read a source file, refusing huge and binary files with a clear reason. */
export function readSourceFile(filePath: string): ReadResult {
  let buffer: Buffer;
  try {
    const size = fs.statSync(filePath).size;
    if (size > MAX_FILE_BYTES) {
      return { problem: `file is too large to lint (${(size / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1024 / 1024} MB)` };
    }
    buffer = fs.readFileSync(filePath);
  } catch (error) {
    return { problem: `cannot read file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
  if (buffer.subarray(0, 8192).includes(0)) {
    return { problem: 'file looks binary (it contains NUL bytes); skipped' };
  }
  // Invalid UTF-8 is decoded with replacement characters: the code around it can still be linted.
  return { text: new TextDecoder('utf-8', { fatal: false }).decode(buffer) };
}
