import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import { type CodeAction, CodeActionKind, type Connection, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, TextDocumentSyncKind, TextDocuments, createConnection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FolderPromptFiles, type LintConfig, type LintResult, Linter, type SourceLanguage, type TextEdit, fixAllEdit, languageOfFile, resolveConfig } from '../core';
import { diagnosticOf, hoverAt, savingsHints } from '../protocol/lsp-shapes';

/**
 * `prompt-cache-lint lsp --stdio`: the same engine as the CLI and the VS Code extension, for every
 * editor with a Language Server Protocol client. Diagnostics (with the rule's documentation link),
 * quick fixes, "Fix all <rule> problems", `source.fixAll.promptCacheLint`, hovers and inlay hints;
 * settings come from `workspace/configuration` (section `promptCacheLint`, the VS Code keys), with
 * the defaults when a client does not answer.
 */

const LANGUAGE_IDS: Record<string, SourceLanguage> = { python: 'python', typescript: 'typescript', typescriptreact: 'typescript', javascript: 'javascript', javascriptreact: 'javascript' };
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.promptCacheLint`;
/** A client that never answers `workspace/configuration` must not stall linting. */
const CONFIGURATION_TIMEOUT_MS = 500;
/** As the CLI's limit: a larger document is not linted (a warning is logged and its diagnostics cleared). */
const MAX_DOCUMENT_CHARS = 8_000_000;
/** Files whose changes can change a lint: prompt and data files, templates, and modules. */
const WATCHED = '**/*.{md,txt,prompt,json,yaml,yml,toml,j2,jinja,jinja2,py,pyi,ts,tsx,mts,cts,js,jsx,mjs,cjs}';

interface ServerSettings {
  config: LintConfig;
  readPromptFiles: boolean;
  followImports: boolean;
  inlineSavings: boolean;
}

interface Linted {
  version: number;
  result: LintResult;
  settings: ServerSettings;
}

export function startServer(connection: Connection = createConnection()): Connection {
  const documents = new TextDocuments(TextDocument);
  const linter = new Linter();
  const results = new Map<string, Linted>();
  const pending = new Map<string, NodeJS.Immediate>();
  const readers = new Map<string, FolderPromptFiles>();
  let roots: string[] = [];
  let canPullConfiguration = false;
  let canWatchFiles = false;
  let settingsCache: ServerSettings | undefined;

  const log = (message: string) => connection.console.error(`prompt-cache-lint: ${message}`);

  async function settings(): Promise<ServerSettings> {
    if (settingsCache) {
      return settingsCache;
    }
    let section: Record<string, unknown> | undefined;
    if (canPullConfiguration) {
      const answer = connection.workspace.getConfiguration('promptCacheLint').then(
        (value: unknown) => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined),
        () => undefined,
      );
      section = await Promise.race([answer, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), CONFIGURATION_TIMEOUT_MS))]);
    }
    const { config, problems } = resolveConfig(section ? { defaultModel: section.defaultModel, reuseCalls: section.reuseCalls, rules: section.rules } : undefined);
    problems.forEach((problem) => log(`settings: ${problem}`));
    settingsCache = {
      config,
      readPromptFiles: section?.readPromptFiles !== false,
      followImports: section?.followImports !== false,
      inlineSavings: section?.inlineSavings !== false,
    };
    return settingsCache;
  }

  function fileOf(uri: string): string | undefined {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  }

  /** Prompt files and imports are read only inside the workspace root that holds the file. */
  function readerFor(file: string | undefined): FolderPromptFiles | undefined {
    const root = file ? roots.filter((r) => file.startsWith(r + path.sep)).sort((a, b) => b.length - a.length)[0] : undefined;
    if (!root) {
      return undefined;
    }
    let reader = readers.get(root);
    if (!reader) {
      reader = new FolderPromptFiles(root);
      // Modules open in the editor are read as typed (unsaved), as the VS Code extension does.
      reader.openDocument = (modulePath) => {
        const open = documents.get(pathToFileURL(modulePath).toString());
        return open ? { version: open.version, text: () => open.getText() } : undefined;
      };
      readers.set(root, reader);
    }
    return reader;
  }

  function languageOf(document: TextDocument): SourceLanguage | undefined {
    return LANGUAGE_IDS[document.languageId] ?? languageOfFile(fileOf(document.uri) ?? document.uri);
  }

  async function lint(document: TextDocument): Promise<void> {
    const language = languageOf(document);
    if (!language) {
      return;
    }
    if (document.getText().length > MAX_DOCUMENT_CHARS) {
      log(`${document.uri}: ${(document.getText().length / 1e6).toFixed(1)} million characters, over the ${MAX_DOCUMENT_CHARS / 1e6} million the linter reads; not linted`);
      results.delete(document.uri);
      await connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: [] });
      return;
    }
    const current = await settings();
    const file = fileOf(document.uri);
    const options = { fileName: file ?? document.uri, config: current.config, promptFiles: current.readPromptFiles ? readerFor(file) : undefined, followImports: current.followImports };
    const result = await linter.lint(document.getText(), language, options);
    if (result.internalError) {
      log(`${document.uri}: internal error: ${result.internalError}`);
    }
    // A newer version may have arrived while this one was linted: only the newest is published.
    if (documents.get(document.uri)?.version !== document.version) {
      return;
    }
    results.set(document.uri, { version: document.version, result, settings: current });
    await connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: result.findings.map(diagnosticOf) });
  }

  function schedule(document: TextDocument): void {
    // Changes that arrive together are linted once, right after them (no timer: the budget is per keystroke).
    const queued = pending.get(document.uri);
    if (queued) {
      clearImmediate(queued);
    }
    pending.set(
      document.uri,
      setImmediate(() => {
        pending.delete(document.uri);
        void lint(document).catch((error: unknown) => log(`lint failed: ${error instanceof Error ? error.stack : String(error)}`));
      }),
    );
  }

  function current(uri: string): Linted | undefined {
    const document = documents.get(uri);
    const linted = results.get(uri);
    return document && linted && linted.version === document.version ? linted : undefined;
  }

  function toLspEdits(document: TextDocument, edits: readonly TextEdit[]) {
    return edits.map((e) => ({ range: { start: document.positionAt(e.startOffset), end: document.positionAt(e.endOffset) }, newText: e.newText }));
  }

  function fixAllEdits(document: TextDocument, linted: Linted, ruleId?: string) {
    const language = languageOf(document);
    if (!language) {
      return undefined;
    }
    const file = fileOf(document.uri);
    const options = { fileName: file ?? document.uri, config: linted.settings.config, promptFiles: linted.settings.readPromptFiles ? readerFor(file) : undefined, followImports: linted.settings.followImports };
    const edit = fixAllEdit(document.getText(), linted.result, (t) => linter.lintSync(t, language, options), ruleId);
    return edit ? toLspEdits(document, [edit]) : undefined;
  }


  connection.onInitialize((params) => {
    canPullConfiguration = !!params.capabilities.workspace?.configuration;
    canWatchFiles = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    const folders = params.workspaceFolders?.map((f) => fileOf(f.uri)).filter((f): f is string => !!f) ?? [];
    const rootUri = params.rootUri ? fileOf(params.rootUri) : undefined;
    roots = folders.length > 0 ? folders : rootUri ? [rootUri] : [];
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
        inlayHintProvider: true,
      },
      serverInfo: { name: 'prompt-cache-lint' },
    };
  });

  connection.onInitialized(() => {
    if (canPullConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'promptCacheLint' }).catch(() => undefined);
    }
    if (canWatchFiles) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: WATCHED }] }).catch(() => undefined);
    }
  });

  connection.onDidChangeConfiguration(() => {
    settingsCache = undefined;
    documents.all().forEach(schedule);
  });

  /** Open documents whose last lint read one of these files (a prompt file, a data file, an imported module). */
  function dependentsOf(files: ReadonlySet<string>): TextDocument[] {
    return documents.all().filter((document) => results.get(document.uri)?.result.promptFiles?.some((read) => files.has(read)));
  }

  // Watched files changed on disk: the documents that read them re-lint (readers re-check stamps).
  connection.onDidChangeWatchedFiles((params) => {
    const changed = new Set(params.changes.map((change) => fileOf(change.uri)).filter((file): file is string => !!file));
    dependentsOf(changed).forEach(schedule);
  });

  documents.onDidOpen(({ document }) => schedule(document));
  documents.onDidChangeContent(({ document }) => {
    schedule(document);
    // An open module edited (unsaved): the documents that import it re-lint too.
    const file = fileOf(document.uri);
    if (file) {
      dependentsOf(new Set([file])).filter((other) => other.uri !== document.uri).forEach(schedule);
    }
  });
  documents.onDidClose(({ document }) => {
    results.delete(document.uri);
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });

  connection.onCodeAction((params) => {
    const document = documents.get(params.textDocument.uri);
    const linted = current(params.textDocument.uri);
    if (!document || !linted) {
      return [];
    }
    const only = params.context.only;
    const wantsFixAll = !only || only.some((kind) => FIX_ALL_KIND.startsWith(kind) || kind === FIX_ALL_KIND);
    const wantsQuickFix = !only || only.some((kind) => CodeActionKind.QuickFix.startsWith(kind));
    const actions: CodeAction[] = [];
    if (wantsQuickFix) {
      const seenRules = new Set<string>();
      for (const diagnostic of params.context.diagnostics) {
        const finding = linted.result.findings.find(
          (f) => f.ruleId === diagnostic.code && f.message === diagnostic.message && f.range.start.line === diagnostic.range.start.line && f.range.start.character === diagnostic.range.start.character,
        );
        if (!finding) {
          continue;
        }
        let preferred = false;
        for (const fix of finding.fixes) {
          actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.safe && !preferred, edit: { changes: { [document.uri]: toLspEdits(document, fix.edits) } } });
          preferred ||= fix.safe;
        }
        if (!seenRules.has(finding.ruleId) && linted.result.findings.filter((f) => f.ruleId === finding.ruleId && f.fixes.some((x) => x.safe)).length > 1) {
          seenRules.add(finding.ruleId);
          const edits = fixAllEdits(document, linted, finding.ruleId);
          if (edits) {
            actions.push({ title: `Fix all ${finding.ruleId} problems in this file`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: { changes: { [document.uri]: edits } } });
          }
        }
      }
    }
    if (wantsFixAll) {
      const edits = fixAllEdits(document, linted);
      if (edits) {
        actions.push({ title: 'Fix all safe Prompt Cache Lint problems', kind: FIX_ALL_KIND, edit: { changes: { [document.uri]: edits } } });
      }
    }
    return actions;
  });

  connection.onHover((params) => {
    const linted = current(params.textDocument.uri);
    const found = linted && hoverAt(linted.result.requests, params.position);
    return found ? { contents: { kind: 'markdown', value: found.markdown }, range: found.range } : null;
  });

  connection.languages.inlayHint.on((params) => {
    const document = documents.get(params.textDocument.uri);
    const linted = current(params.textDocument.uri);
    if (!document || !linted || !linted.settings.inlineSavings) {
      return [];
    }
    const lines = document.getText().split('\n');
    return savingsHints(linted.result.requests, (line) => line >= params.range.start.line && line <= params.range.end.line).map(({ line, label, tooltip }) => ({
      position: { line, character: (lines[line] ?? '').replace(/\r$/, '').length },
      label,
      paddingLeft: true,
      tooltip: { kind: 'markdown', value: tooltip },
    }));
  });

  documents.listen(connection);
  connection.listen();
  return connection;
}
