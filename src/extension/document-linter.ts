import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { FolderPromptFiles, type LintResult, type Linter, type SourceLanguage, type TextEdit, type Tree, fixAllEdit } from '../core';
import { toDiagnostic } from './convert';
import { Debouncer } from './debounce';
import type { Logger } from './logger';
import { type ExtensionSettings, readSettings } from './settings';

export const LANGUAGE_IDS: Record<string, SourceLanguage> = {
  python: 'python',
  typescript: 'typescript',
  typescriptreact: 'typescript',
  javascript: 'javascript',
  javascriptreact: 'javascript',
};

const SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs']);

export interface LintedDocument {
  uri: string;
  version: number;
  result: LintResult;
  settings: ExtensionSettings;
}

/** The file name the core picks a grammar by: it follows the language id, so an untitled React file still gets the TSX parser. */
function grammarFileName(document: vscode.TextDocument): string {
  return document.languageId === 'typescriptreact' ? `${document.fileName}.tsx` : document.fileName;
}

/** Debounce by size: small files lint almost at once, big ones wait for a pause in typing. */
function debounceMs(document: vscode.TextDocument): number {
  const length = document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
  return length < 50_000 ? 120 : length < 500_000 ? 300 : 800;
}

/**
 * Lints documents as they open and change, keeps the latest result per document (never a stale
 * one: results are tagged with the document version they were computed for), and publishes
 * diagnostics.
 */
export class DocumentLinter implements vscode.Disposable {
  private readonly results = new Map<string, LintedDocument>();
  private readonly timers = new Debouncer();
  /** The last syntax tree per document, kept in step with edits so re-parsing is incremental. */
  private readonly trees = new Map<string, { tree: Tree; version: number }>();
  private readonly emitter = new vscode.EventEmitter<{ uri: vscode.Uri; version: number }>();
  /** Prompt-file readers by workspace folder (each caches what it read by path and mtime). */
  private readonly promptFiles = new Map<string, FolderPromptFiles>();
  /** One watcher per prompt file some open document reads, so edits outside VS Code re-lint too. */
  private readonly promptWatchers = new Map<string, vscode.Disposable>();
  /** Fires after a document's diagnostics, hovers and hints reflect a new version. */
  readonly onDidLint = this.emitter.event;

  constructor(
    private readonly linter: Linter,
    private readonly diagnostics: vscode.DiagnosticCollection,
    private readonly log: Logger,
  ) {}

  static supports(document: vscode.TextDocument): boolean {
    return LANGUAGE_IDS[document.languageId] !== undefined && SCHEMES.has(document.uri.scheme);
  }

  /**
   * Apply an edit to the document's stored tree before the next parse (tree-sitter then reuses
   * everything the edit did not touch). Offsets are in the text before the change.
   */
  applyChanges(event: vscode.TextDocumentChangeEvent): void {
    const key = event.document.uri.toString();
    const stored = this.trees.get(key);
    if (!stored) {
      return;
    }
    if (stored.version !== event.document.version - 1) {
      // Missed a change: start from scratch rather than reuse a tree that no longer matches.
      this.dropTree(key);
      return;
    }
    // VS Code reports changes of one event against the text before the event, last first.
    for (const change of [...event.contentChanges].sort((a, b) => b.rangeOffset - a.rangeOffset)) {
      const lines = change.text.split('\n');
      const newEnd = {
        row: change.range.start.line + lines.length - 1,
        column: lines.length === 1 ? change.range.start.character + change.text.length : lines[lines.length - 1].length,
      };
      stored.tree.edit({
        startIndex: change.rangeOffset,
        oldEndIndex: change.rangeOffset + change.rangeLength,
        newEndIndex: change.rangeOffset + change.text.length,
        startPosition: { row: change.range.start.line, column: change.range.start.character },
        oldEndPosition: { row: change.range.end.line, column: change.range.end.character },
        newEndPosition: newEnd,
      });
    }
    stored.version = event.document.version;
  }

  private dropTree(key: string): void {
    this.trees.get(key)?.tree.delete();
    this.trees.delete(key);
  }

  schedule(document: vscode.TextDocument, immediately = false): void {
    if (!DocumentLinter.supports(document)) {
      return;
    }
    this.timers.schedule(document.uri.toString(), immediately ? 0 : debounceMs(document), () => void this.lint(document));
  }

  /** The result for the document's current version, or undefined when none is current. */
  resultFor(document: vscode.TextDocument): LintedDocument | undefined {
    const linted = this.results.get(document.uri.toString());
    return linted && linted.version === document.version ? linted : undefined;
  }

  /**
   * Fix all safe problems in the document as the core's fix-all does it (re-lint and repeat until
   * settled), as one minimal edit of the current version; undefined when nothing is fixable or the
   * document has no current result.
   */
  /** The one edit fix-all makes (every safe fix, or only `ruleId`'s), re-linting between passes. */
  fixAllEdit(document: vscode.TextDocument, ruleId?: string): TextEdit | undefined {
    const linted = this.resultFor(document);
    const language = LANGUAGE_IDS[document.languageId];
    if (!linted || !language) {
      return undefined;
    }
    const promptFiles = linted.settings.readPromptFiles ? this.promptFilesFor(document) : undefined;
    const options = { fileName: grammarFileName(document), config: linted.settings.config, promptFiles, followImports: linted.settings.followImports };
    return fixAllEdit(document.getText(), linted.result, (t) => this.linter.lintSync(t, language, options), ruleId);
  }


  isCurrent(document: vscode.TextDocument): boolean {
    return this.resultFor(document) !== undefined;
  }

  async lint(document: vscode.TextDocument): Promise<void> {
    const language = LANGUAGE_IDS[document.languageId];
    if (!language || document.isClosed) {
      return;
    }
    const version = document.version;
    const settings = readSettings(document);
    for (const problem of settings.problems) {
      this.log.once(`settings:${problem}`, `Settings: ${problem}`);
    }
    if (!settings.enable) {
      this.forget(document);
      return;
    }
    const fileName = grammarFileName(document);
    try {
      await this.linter.prepare(language, fileName, settings.followImports && settings.readPromptFiles);
    } catch (error) {
      this.log.once('prepare', `Could not load the ${language} parser: ${(error as Error).message}`);
      return;
    }
    if (document.isClosed || document.version !== version) {
      return; // a newer version is scheduled; never show results for an old one
    }
    const key = document.uri.toString();
    const stored = this.trees.get(key);
    const previousTree = stored && stored.version === version ? stored.tree : undefined;
    const promptFiles = settings.readPromptFiles ? this.promptFilesFor(document) : undefined;
    const result = this.linter.lintSync(document.getText(), language, { fileName, config: settings.config, previousTree, keepTree: true, promptFiles, followImports: settings.followImports });
    if (!result) {
      return;
    }
    this.dropTree(key);
    if (result.tree) {
      this.trees.set(key, { tree: result.tree, version });
      result.tree = undefined;
    }
    if (result.internalError) {
      this.log.once(`internal:${result.internalError}`, `Internal error linting ${document.uri.fsPath}: ${result.internalError}`);
    }
    const hadPromptFiles = this.results.get(key)?.result.promptFiles !== undefined;
    this.results.set(key, { uri: key, version, result, settings });
    if (hadPromptFiles || result.promptFiles) {
      this.watchPromptFiles();
    }
    this.diagnostics.set(document.uri, result.findings.map(toDiagnostic));
    this.emitter.fire({ uri: document.uri, version });
  }

  /** Reading is confined to the document's workspace folder; a file outside any folder reads nothing. */
  private promptFilesFor(document: vscode.TextDocument): FolderPromptFiles | undefined {
    return this.promptFilesAt(document.uri);
  }

  /** The workspace-folder reader for a file (a document, a notebook), shared by everything in that folder. */
  promptFilesAt(uri: vscode.Uri): FolderPromptFiles | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (uri.scheme !== 'file' || !folder || folder.uri.scheme !== 'file') {
      return undefined;
    }
    let reader = this.promptFiles.get(folder.uri.fsPath);
    if (!reader) {
      reader = new FolderPromptFiles(folder.uri.fsPath);
      // Modules open in an editor are read as typed, not as last saved.
      reader.openDocument = (file) => {
        const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file);
        return open && { version: open.version, text: () => open.getText() };
      };
      this.promptFiles.set(folder.uri.fsPath, reader);
    }
    return reader;
  }

  /** Watch exactly the prompt files current results read; stop watching the ones none reads any more. */
  private watchPromptFiles(): void {
    const wanted = new Set<string>();
    for (const linted of this.results.values()) {
      for (const file of linted.result.promptFiles ?? []) {
        wanted.add(file);
      }
    }
    for (const [file, watcher] of this.promptWatchers) {
      if (!wanted.has(file)) {
        watcher.dispose();
        this.promptWatchers.delete(file);
      }
    }
    for (const file of wanted) {
      if (!this.promptWatchers.has(file)) {
        const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(file)), path.basename(file)));
        const changed = (uri: vscode.Uri) => this.promptFileChanged(uri);
        this.promptWatchers.set(file, vscode.Disposable.from(watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed), watcher.onDidDelete(changed)));
      }
    }
  }

  /** An open module was edited: the open documents that import it re-lint (debounced, like typing). */
  importedDocumentChanged(document: vscode.TextDocument): void {
    if (document.uri.scheme !== 'file') {
      return;
    }
    const file = document.uri.fsPath;
    for (const other of vscode.workspace.textDocuments) {
      if (other !== document && this.results.get(other.uri.toString())?.result.promptFiles?.includes(file)) {
        this.schedule(other);
      }
    }
  }

  /** A prompt file saved or changed on disk re-lints the open documents whose requests read it. */
  promptFileChanged(file: vscode.Uri): void {
    if (file.scheme !== 'file') {
      return;
    }
    // Results name files by their real path (symlinks resolved).
    const names = new Set([file.fsPath]);
    try {
      names.add(fs.realpathSync(file.fsPath));
    } catch {
      // a file saved and removed at once: its own path is enough
    }
    for (const document of vscode.workspace.textDocuments) {
      if (this.resultFor(document)?.result.promptFiles?.some((read) => names.has(read))) {
        this.schedule(document, true);
      }
    }
  }

  forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    this.timers.cancel(key);
    const hadPromptFiles = this.results.get(key)?.result.promptFiles !== undefined;
    this.results.delete(key);
    this.dropTree(key);
    this.diagnostics.delete(document.uri);
    if (hadPromptFiles) {
      this.watchPromptFiles();
    }
  }

  /** Re-lint every open document (settings or the workspace file changed). */
  relintAll(): void {
    for (const document of vscode.workspace.textDocuments) {
      this.schedule(document, true);
    }
  }

  /** For tests and diagnostics of the extension itself: how much state is held. */
  get trackedDocuments(): number {
    return this.results.size + this.timers.size + this.trees.size + this.promptWatchers.size;
  }

  dispose(): void {
    this.timers.dispose();
    for (const watcher of this.promptWatchers.values()) {
      watcher.dispose();
    }
    this.promptWatchers.clear();
    this.results.clear();
    for (const key of [...this.trees.keys()]) {
      this.dropTree(key);
    }
    this.emitter.dispose();
  }
}
