import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { Linter, MODEL_FAMILIES, setWasmDirectory } from '../core';
import { CacheCodeActions } from './code-actions';
import { toWorkspaceEdit } from './convert';
import { DocumentLinter, LANGUAGE_IDS } from './document-linter';
import { ExactCounts } from './exact-counts';
import { CostHover } from './hover';
import { SavingsInlayHints } from './inlay-hints';
import { Logger } from './logger';
import { LanguageStatus, type StatusSummary } from './language-status';
import { CacheMapPanel } from './cache-map-panel';
import { NotebookLinter } from './notebook-linter';
import { CONFIG_FILE_NAME, SETTINGS_SECTION, forgetWorkspaceConfig, runMode } from './settings';

/** What the extension exposes to other extensions and to its integration tests. */
export interface PromptCacheLintApi {
  /** Fires when a document's diagnostics, hovers and hints reflect a new version. */
  onDidLintDocument: vscode.Event<{ uri: vscode.Uri; version: number }>;
  /** True when the results for the document's current version are published. */
  isLinted(document: vscode.TextDocument): boolean;
  /** Documents the extension holds state for (for leak checks). */
  trackedDocuments(): number;
  /** Fires when a notebook's diagnostics reflect its current cells. */
  onDidLintNotebook: vscode.Event<vscode.NotebookDocument>;
  /** What the language status item shows for a document. */
  languageStatus(document: vscode.TextDocument): StatusSummary;
  /** The cache map panel's page as last drawn ('' when closed), without its per-draw nonce. */
  cacheMapContent(): string;
}

export function activate(context: vscode.ExtensionContext): PromptCacheLintApi {
  // A packaged extension ships the parser WASM next to the bundle; in development it comes from node_modules.
  const bundledWasm = path.join(context.extensionPath, 'dist', 'wasm');
  if (fs.existsSync(bundledWasm)) {
    setWasmDirectory(bundledWasm);
  }
  const log = new Logger();
  const diagnostics = vscode.languages.createDiagnosticCollection('promptCacheLint');
  // Constructing the linter loads nothing: parsers and token ranks load on the first lint.
  const linter = new Linter();
  const documents = new DocumentLinter(linter, diagnostics, log);
  const notebooks = new NotebookLinter(linter, diagnostics, log, (uri) => documents.promptFilesAt(uri));
  const inlayHints = new SavingsInlayHints(documents, log);
  const exact = new ExactCounts(context.secrets, documents, log);
  const selector = Object.keys(LANGUAGE_IDS).flatMap((language) => [
    { language, scheme: 'file' },
    { language, scheme: 'untitled' },
  ]);

  const status = new LanguageStatus(selector, documents);
  const cacheMap = new CacheMapPanel(documents, log);
  context.subscriptions.push(
    status,
    cacheMap,
    vscode.commands.registerCommand('promptCacheLint.showCacheMap', () => cacheMap.show()),
    log,
    diagnostics,
    documents,
    notebooks,
    inlayHints,
    vscode.languages.registerCodeActionsProvider(selector, new CacheCodeActions(documents, log), { providedCodeActionKinds: CacheCodeActions.kinds }),
    vscode.languages.registerHoverProvider(selector, new CostHover(documents, exact, log)),
    vscode.languages.registerInlayHintsProvider(selector, inlayHints),
    vscode.workspace.onDidOpenTextDocument((document) => documents.schedule(document, true)),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.contentChanges.length > 0) {
        documents.applyChanges(event);
        // `promptCacheLint.run: onSave`: what is shown stays until the next save.
        if (runMode(event.document) === 'onSave') {
          return;
        }
        documents.schedule(event.document);
        documents.importedDocumentChanged(event.document);
        const notebook = notebooks.notebookOf(event.document);
        if (notebook) {
          notebooks.schedule(notebook);
        }
      }
    }),
    vscode.workspace.onDidOpenNotebookDocument((notebook) => notebooks.schedule(notebook, true)),
    vscode.workspace.onDidChangeNotebookDocument((event) => {
      if (event.contentChanges.length > 0) {
        notebooks.schedule(event.notebook);
      }
    }),
    vscode.workspace.onDidCloseNotebookDocument((notebook) => notebooks.forget(notebook)),
    vscode.workspace.onDidCloseTextDocument((document) => documents.forget(document)),
    vscode.workspace.onDidSaveTextDocument((document) => {
      documents.promptFileChanged(document.uri);
      if (runMode(document) === 'onSave') {
        documents.schedule(document, true);
        documents.importedDocumentChanged(document);
      }
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SETTINGS_SECTION)) {
        documents.relintAll();
        vscode.workspace.notebookDocuments.forEach((notebook) => notebooks.schedule(notebook, true));
        inlayHints.refresh();
      }
    }),
    vscode.commands.registerCommand('promptCacheLint.fixAll', () => fixAllInActiveEditor(documents)),
    vscode.commands.registerCommand('promptCacheLint.showModels', () => showModels()),
    vscode.commands.registerCommand('promptCacheLint.showOutput', () => log.show()),
    vscode.commands.registerCommand('promptCacheLint.setApiKey', (key?: string) => exact.setApiKey(typeof key === 'string' ? key : undefined)),
    vscode.commands.registerCommand('promptCacheLint.clearApiKey', () => exact.clearApiKey()),
    vscode.commands.registerCommand('promptCacheLint.countTokensExactly', async () => {
      const summary = await exact.countDocument(vscode.window.activeTextEditor?.document);
      if (summary.error) {
        void vscode.window.showWarningMessage(`Prompt Cache Lint: exact counts unavailable, showing estimates: ${summary.error}`);
      } else {
        const skipped = summary.skipped.length ? ` ${summary.skipped.length} request(s) skipped (not fully static).` : '';
        void vscode.window.showInformationMessage(`Prompt Cache Lint: counted ${summary.counted} request(s) with the API (${summary.cached} already known).${skipped}`);
      }
      return summary;
    }),
  );
  const watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`);
  const workspaceFileChanged = () => {
    forgetWorkspaceConfig();
    documents.relintAll();
  };
  context.subscriptions.push(watcher, watcher.onDidChange(workspaceFileChanged), watcher.onDidCreate(workspaceFileChanged), watcher.onDidDelete(workspaceFileChanged));

  for (const document of vscode.workspace.textDocuments) {
    documents.schedule(document, true);
  }
  for (const notebook of vscode.workspace.notebookDocuments) {
    notebooks.schedule(notebook, true);
  }
  return {
    onDidLintNotebook: notebooks.onDidLint,
    onDidLintDocument: documents.onDidLint,
    isLinted: (document) => documents.isCurrent(document),
    trackedDocuments: () => documents.trackedDocuments,
    languageStatus: (document) => status.summary(document),
    cacheMapContent: () => cacheMap.content,
  };
}

/** The *Fix all safe problems* command; resolves to whether the document changed (for callers and tests). */
async function fixAllInActiveEditor(documents: DocumentLinter): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  const edit = editor && documents.fixAllEdit(editor.document);
  if (!editor || !edit) {
    return false;
  }
  return vscode.workspace.applyEdit(toWorkspaceEdit(editor.document, [edit]));
}

async function showModels(): Promise<void> {
  const rows = MODEL_FAMILIES.map((f) => {
    const min = f.minCacheableTokens ? `${f.minCacheableTokens.value}` : 'no caching';
    const price = f.prices ? `$${f.prices.value.input} / $${f.prices.value.write5m} / $${f.prices.value.write1h} / $${f.prices.value.read}` : '—';
    const source = f.minCacheableTokens ? `${f.minCacheableTokens.source} (${f.minCacheableTokens.date})` : '';
    return `| ${f.displayName} | ${f.idForms.map((id) => `\`${id}\``).join(', ')} | ${min} | ${price} | ${f.tokenizer.value} | ${source} |`;
  });
  const content = [
    '# Claude models known to Prompt Cache Lint',
    '',
    'Prices in USD per million tokens: input / 5-minute cache write / 1-hour cache write / cache read.',
    '',
    '| Model | Id forms | Minimum cacheable tokens | Prices | Tokenizer generation | Source of the minimum |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  await vscode.window.showTextDocument(document, { preview: true });
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
