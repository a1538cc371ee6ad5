import type { Finding, SourceRange, TextEdit } from './types';

/**
 * A Jupyter notebook is one Python program: its code cells in order. Magics (`%time`, `%%bash`)
 * and shell lines (`!pip install`) are not Python; they are blanked with spaces so every other
 * character keeps its offset, line and column. Results are mapped back to (cell, line in cell).
 */

export interface NotebookCell {
  /** 0-based index among all cells (markdown included), as Jupyter numbers them. */
  index: number;
  source: string;
  /** Where the cell starts in the program: offset and line. */
  startOffset: number;
  startLine: number;
}

export interface NotebookProgram {
  text: string;
  cells: NotebookCell[];
}

/** Notebooks larger than this are not read: a notebook with embedded outputs that size is not a prompt source. */
export const MAX_NOTEBOOK_CHARS = 8_000_000;

/** The program a notebook's code cells make, or why it cannot be read. */
export function notebookProgram(json: string): NotebookProgram | { reason: string } {
  if (json.length > MAX_NOTEBOOK_CHARS) {
    return { reason: `notebook larger than ${MAX_NOTEBOOK_CHARS / 1_000_000} MB` };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    return { reason: `not a notebook: ${(error as Error).message.split('\n')[0].slice(0, 80)}` };
  }
  const notebook = parsed as { cells?: unknown; metadata?: { kernelspec?: { language?: unknown }; language_info?: { name?: unknown } } } | null;
  if (!notebook || typeof notebook !== 'object' || !Array.isArray(notebook.cells)) {
    return { reason: 'not a notebook: no list of cells' };
  }
  const language = notebook.metadata?.language_info?.name ?? notebook.metadata?.kernelspec?.language ?? 'python';
  if (typeof language === 'string' && language.toLowerCase() !== 'python') {
    return { reason: `a ${language} notebook, not Python` };
  }
  const code: Array<{ index: number; source: string }> = [];
  notebook.cells.forEach((cell: unknown, index: number) => {
    const { cell_type: type, source } = (cell ?? {}) as { cell_type?: unknown; source?: unknown };
    if (type === 'code') {
      code.push({ index, source: Array.isArray(source) ? source.filter((part): part is string => typeof part === 'string').join('') : typeof source === 'string' ? source : '' });
    }
  });
  return programOfCells(code);
}

/** The program code cells make, in order (an editor's open notebook gives them directly). */
export function programOfCells(code: ReadonlyArray<{ index: number; source: string }>): NotebookProgram {
  const cells: NotebookCell[] = [];
  let text = '';
  let line = 0;
  for (const { index, source: raw } of code) {
    // Line ends as VS Code counts them; a lone \r would shift every line after it.
    const source = blankMagics(raw.replace(/\r\n?/g, '\n'));
    if (cells.length > 0) {
      text += '\n';
      line++;
    }
    cells.push({ index, source, startOffset: text.length, startLine: line });
    text += source;
    line += source.split('\n').length - 1;
  }
  return { text, cells };
}

/** `%magic`, `%%cell_magic` (the whole cell), `!shell` and `cmd?` help lines become spaces. */
function blankMagics(code: string): string {
  const lines = code.split('\n');
  if (/^\s*%%/.test(lines[0] ?? '') && !/^\s*%%(time|timeit|capture|prun)\b/.test(lines[0])) {
    // A cell magic runs the cell as something else (bash, javascript, html): none of it is Python.
    return lines.map((l) => ' '.repeat(l.length)).join('\n');
  }
  return lines.map((l) => (/^\s*(%|!)/.test(l) || /^\s*[\w.]+\?\??\s*$/.test(l) ? ' '.repeat(l.length) : l)).join('\n');
}

/** The cell an offset of the program lies in. */
export function cellAt(program: NotebookProgram, offset: number): NotebookCell {
  let found = program.cells[0];
  for (const cell of program.cells) {
    if (cell.startOffset <= offset) {
      found = cell;
    } else {
      break;
    }
  }
  return found;
}

/** A program range as a range inside its cell (the cell it starts in). */
export function toCellRange(program: NotebookProgram, range: SourceRange): { cell: NotebookCell; range: SourceRange } {
  const cell = cellAt(program, range.startOffset);
  const end = Math.min(range.endOffset, cell.startOffset + cell.source.length);
  const endLine = Math.max(range.start.line, Math.min(range.end.line, cell.startLine + cell.source.split('\n').length - 1));
  return {
    cell,
    range: {
      startOffset: range.startOffset - cell.startOffset,
      endOffset: end - cell.startOffset,
      start: { line: range.start.line - cell.startLine, character: range.start.character },
      end: { line: endLine - cell.startLine, character: endLine === range.end.line ? range.end.character : 0 },
    },
  };
}

/** Findings of the program, each on its cell with cell-relative positions; a fix's edits must stay within that cell, else the fix is dropped. */
export function findingsByCell(program: NotebookProgram, findings: Finding[]): Finding[] {
  return findings.map((finding) => {
    const { cell, range } = toCellRange(program, finding.range);
    const end = cell.startOffset + cell.source.length;
    const inCell = (edit: TextEdit) => edit.startOffset >= cell.startOffset && edit.endOffset <= end;
    const fixes = finding.fixes
      .filter((fix) => fix.edits.every(inCell))
      .map((fix) => ({ ...fix, edits: fix.edits.map((edit) => ({ ...edit, startOffset: edit.startOffset - cell.startOffset, endOffset: edit.endOffset - cell.startOffset })) }));
    return { ...finding, cell: cell.index, range, fixes, message: cellLines(program, finding.message, cell) };
  });
}

/** "line 79" in a message means a line of the whole program: say it as the notebook shows it. */
function cellLines(program: NotebookProgram, message: string, own: NotebookCell): string {
  return message.replace(/\bline (\d+)\b/g, (_, written: string) => {
    const line = Number(written) - 1;
    let cell = program.cells[0];
    for (const candidate of program.cells) {
      if (candidate.startLine <= line) {
        cell = candidate;
      }
    }
    const inCell = line - cell.startLine + 1;
    return cell === own ? `line ${inCell}` : `cell ${cell.index} line ${inCell}`;
  });
}

export function isNotebookFile(fileName: string): boolean {
  return fileName.toLowerCase().endsWith('.ipynb');
}
