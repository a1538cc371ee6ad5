import * as vscode from 'vscode';
import type { FolderPromptFiles, Linter } from '../core';
import { toDiagnostic } from './convert';
import { Debouncer } from './debounce';
import type { Logger } from './logger';
import { readSettings } from './settings';

/** Typing in a cell re-lints the notebook after this pause. */
const DEBOUNCE_MS = 300;

/**
 * Jupyter notebooks: the code cells of one notebook are one Python program (a name defined in one
 * cell is used in a later one), linted together; each diagnostic goes on its own cell. Hovers and
 * quick fixes stay with plain files for now.
 */
export class NotebookLinter implements vscode.Disposable {
  private readonly timers = new Debouncer();
  /** The cell documents each notebook last published diagnostics on, to clear them. */
  private readonly published = new Map<string, vscode.Uri[]>();
  private readonly emitter = new vscode.EventEmitter<vscode.NotebookDocument>();
  /** Fires after a notebook's diagnostics reflect its current cells. */
  readonly onDidLint = this.emitter.event;

  constructor(
    private readonly linter: Linter,
    private readonly diagnostics: vscode.DiagnosticCollection,
    private readonly log: Logger,
    private readonly promptFilesFor: (uri: vscode.Uri) => FolderPromptFiles | undefined,
  ) {}

  static isPythonNotebook(notebook: vscode.NotebookDocument): boolean {
    return notebook.notebookType === 'jupyter-notebook' && notebook.getCells().some((cell) => cell.kind === vscode.NotebookCellKind.Code && cell.document.languageId === 'python');
  }

  /** The notebook a cell document belongs to, if it is one we lint. */
  notebookOf(document: vscode.TextDocument): vscode.NotebookDocument | undefined {
    if (document.uri.scheme !== 'vscode-notebook-cell') {
      return undefined;
    }
    return vscode.workspace.notebookDocuments.find((notebook) => notebook.getCells().some((cell) => cell.document === document));
  }

  schedule(notebook: vscode.NotebookDocument, immediately = false): void {
    this.timers.schedule(notebook.uri.toString(), immediately ? 0 : DEBOUNCE_MS, () => void this.lint(notebook));
  }

  async lint(notebook: vscode.NotebookDocument): Promise<void> {
    if (notebook.isClosed || !NotebookLinter.isPythonNotebook(notebook)) {
      this.forget(notebook);
      return;
    }
    const cells = notebook.getCells().filter((cell) => cell.kind === vscode.NotebookCellKind.Code && cell.document.languageId === 'python');
    const settings = readSettings(cells[0].document);
    if (!settings.enable) {
      this.forget(notebook);
      return;
    }
    const versions = cells.map((cell) => cell.document.version);
    const promptFiles = settings.readPromptFiles && notebook.uri.scheme === 'file' ? this.promptFilesFor(notebook.uri) : undefined;
    const result = await this.linter.lintCells(
      cells.map((cell) => ({ index: cell.index, source: cell.document.getText() })),
      { fileName: notebook.uri.scheme === 'file' ? notebook.uri.fsPath : undefined, config: settings.config, promptFiles, followImports: settings.followImports },
    );
    if (notebook.isClosed || cells.some((cell, i) => cell.document.version !== versions[i])) {
      return; // a cell changed meanwhile: its own lint is scheduled
    }
    if (result.internalError) {
      this.log.once(`internal:${result.internalError}`, `Internal error linting ${notebook.uri.toString()}: ${result.internalError}`);
    }
    const byCell = new Map<number, vscode.Diagnostic[]>();
    for (const finding of result.findings) {
      if (finding.cell !== undefined) {
        byCell.set(finding.cell, [...(byCell.get(finding.cell) ?? []), toDiagnostic(finding)]);
      }
    }
    for (const uri of this.published.get(notebook.uri.toString()) ?? []) {
      this.diagnostics.delete(uri);
    }
    const published: vscode.Uri[] = [];
    for (const [index, diagnostics] of byCell) {
      const cell = notebook.cellAt(index);
      this.diagnostics.set(cell.document.uri, diagnostics);
      published.push(cell.document.uri);
    }
    this.published.set(notebook.uri.toString(), published);
    this.emitter.fire(notebook);
  }

  forget(notebook: vscode.NotebookDocument): void {
    const key = notebook.uri.toString();
    this.timers.cancel(key);
    for (const uri of this.published.get(key) ?? []) {
      this.diagnostics.delete(uri);
    }
    this.published.delete(key);
  }

  dispose(): void {
    this.timers.dispose();
    this.emitter.dispose();
  }
}
