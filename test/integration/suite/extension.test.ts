import * as assert from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import * as vscode from 'vscode';
import { Linter } from '../../../src/core';
import type { PromptCacheLintApi } from '../../../src/extension/extension';

const EXTENSION_ID = 'prompt-cache-lint.prompt-cache-lint';
const SOURCE = 'Prompt Cache Lint';

let api: PromptCacheLintApi;
const workspaceDir = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
const created: string[] = [];

/** The rule fixtures of the unit harness (compiled tests live in out/test/integration/suite). */
const RULE_FIXTURES = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'rules');

/** The bundled framework examples (examples/frameworks/). */
const FRAMEWORK_EXAMPLES = path.resolve(__dirname, '..', '..', '..', '..', 'examples', 'frameworks');

/** A fresh copy of a workspace sample (or of another file) on disk, so edits never touch the committed files. */
async function openCopy(name: string, source = path.join(workspaceDir(), name)): Promise<vscode.TextDocument> {
  const copy = path.join(workspaceDir(), `tmp-${Date.now()}-${Math.floor(Math.random() * 1e6)}-${name}`);
  fs.copyFileSync(source, copy);
  created.push(copy);
  const document = await vscode.workspace.openTextDocument(copy);
  await vscode.window.showTextDocument(document);
  await linted(document);
  return document;
}

/** Wait for the extension's "document linted" event for the document's current version. */
function linted(document: vscode.TextDocument): Promise<void> {
  if (api.isLinted(document)) {
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no lint of ${document.fileName} v${document.version}`)), 30_000);
    const listener = api.onDidLintDocument((event) => {
      if (event.uri.toString() === document.uri.toString() && event.version === document.version) {
        clearTimeout(timer);
        listener.dispose();
        resolve();
      }
    });
  });
}

const ours = (document: vscode.TextDocument) => vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === SOURCE);
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

/**
 * Wait until the document's rule codes are `expected`, re-checking after each lint of it. File
 * watchers deliver events late and in bursts (a file's creation can arrive after a later save), so
 * the first re-lint after a change is not necessarily the one that read the change; waiting for the
 * state still fails, with what was last seen, when the change never reaches the findings.
 */
function untilCodes(document: vscode.TextDocument, expected: string[], why: string): Promise<void> {
  const current = () => ours(document).map(codeOf).sort();
  const matches = () => JSON.stringify(current()) === JSON.stringify([...expected].sort());
  if (matches()) {
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`after ${why}: expected [${expected.join(', ')}], still [${current().join(', ')}]`));
    }, 30_000);
    const listener = api.onDidLintDocument((event) => {
      if (event.uri.toString() === document.uri.toString() && matches()) {
        clearTimeout(timer);
        listener.dispose();
        resolve();
      }
    });
  });
}

async function quickFixes(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  return codeActions(document, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
}

async function codeActions(document: vscode.TextDocument, range: vscode.Range, kind: string): Promise<vscode.CodeAction[]> {
  // The built-in TypeScript extension's providers can cancel the shared request while tsserver
  // starts; ask again then. The command does not carry the actions' diagnostics back.
  for (let attempt = 1; ; attempt++) {
    try {
      return await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, range, kind);
    } catch (error) {
      if (attempt >= 5 || !String(error).includes('Canceled')) {
        throw error;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

async function applyAndRelint(document: vscode.TextDocument, action: vscode.CodeAction): Promise<void> {
  assert.ok(action.edit, `${action.title} has no edit`);
  assert.ok(await vscode.workspace.applyEdit(action.edit));
  await linted(document);
}

describe('Prompt Cache Lint in VS Code', () => {
  before(async () => {
    const extension = vscode.extensions.getExtension<PromptCacheLintApi>(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is not installed`);
    api = await extension.activate();
  });

  after(async () => {
    // Save edited copies first: closing a dirty editor can save it later, after rmSync, leaving a stray copy.
    for (const document of vscode.workspace.textDocuments) {
      if (document.isDirty && created.includes(document.fileName)) {
        await document.save();
      }
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const file of created) {
      fs.rmSync(file, { force: true, recursive: true });
    }
  });

  it('publishes diagnostics with source, rule code, documentation link and range', async () => {
    const document = await openCopy('short_system.py');
    const diagnostics = ours(document);
    assert.deepStrictEqual(diagnostics.map(codeOf), ['below-minimum']);
    const [d] = diagnostics;
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.strictEqual(d.range.start.line, 13);
    assert.ok(document.getText(d.range).startsWith('"cache_control"'), document.getText(d.range));
    assert.match(String(typeof d.code === 'object' ? d.code.target : ''), /docs\/rules\/below-minimum\.md$/);
  });

  it('a quick fix edits the document and the finding disappears; it does not apply twice', async () => {
    const document = await openCopy('ttl_order.py');
    const [diagnostic] = ours(document);
    assert.strictEqual(codeOf(diagnostic), 'ttl-order');
    const actions = await quickFixes(document, diagnostic);
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix, `no preferred fix among ${actions.map((a) => a.title).join(', ')}`);
    assert.strictEqual(fix.title, 'Change this TTL to "5m"');
    await applyAndRelint(document, fix);
    assert.ok(document.getText().includes('"ttl": "5m"'));
    assert.deepStrictEqual(ours(document).map(codeOf), []);
    // Applying the same fix's edit again would change nothing more: the TTL is already "5m".
    const fixed = document.getText();
    assert.strictEqual(fixed.split('"ttl": "5m"').length - 1, 1, 'the TTL was written once');
  });

  it('reads framework calls: a LangChain example in Python and a Bedrock Converse example in TypeScript', async () => {
    const python = await openCopy('langchain_rag.py', path.join(FRAMEWORK_EXAMPLES, 'langchain_rag.py'));
    // Without its prompt file next to it the guide's size is unknown: only the misplaced markers are certain.
    const pythonFindings = ours(python);
    assert.deepStrictEqual(pythonFindings.map(codeOf), ['ignored-cache-marker', 'ignored-cache-marker']);
    assert.match(pythonFindings[0].message, /additional_kwargs/);
    assert.ok(python.getText(pythonFindings[0].range).startsWith('"cache_control"'), python.getText(pythonFindings[0].range));
    assert.strictEqual(pythonFindings[1].severity, vscode.DiagnosticSeverity.Error, 'ChatBedrock model_kwargs are rejected');
    const removal = (await quickFixes(python, pythonFindings[1])).find((a) => a.title.startsWith('Remove this marker'));
    assert.ok(removal, 'the rejected marker can be removed');
    assert.ok(!removal.isPreferred, 'removal is a suggestion');

    const typescript = await openCopy('bedrock-converse.ts', path.join(FRAMEWORK_EXAMPLES, 'bedrock-converse.ts'));
    const tsFindings = ours(typescript);
    assert.deepStrictEqual(tsFindings.map(codeOf), ['ignored-cache-marker']);
    assert.match(tsFindings[0].message, /cachePoint must be its own element/);
    const lines = typescript.getText().split('\n');
    const callLine = lines.findIndex((l) => l.includes('new ConverseCommand'));
    const hover = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', typescript.uri, new vscode.Position(callLine, lines[callLine].indexOf('new ConverseCommand') + 2));
    const hoverText = hover.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(hoverText, /Claude request/);
  });

  it('"Fix all safe problems" writes the core fix-all result, byte for byte, and a second run changes nothing', async () => {
    const fixture = path.join(RULE_FIXTURES, 'invalid-cache-control', 'bad-values.py');
    const document = await openCopy('bad-values.py', fixture);
    const expected = fs.readFileSync(`${fixture}.fixed`, 'utf8');
    assert.ok(ours(document).length > 0);
    assert.strictEqual(await vscode.commands.executeCommand<boolean>('promptCacheLint.fixAll'), true);
    await linted(document);
    assert.strictEqual(document.getText(), expected);
    assert.strictEqual(await vscode.commands.executeCommand<boolean>('promptCacheLint.fixAll'), false, 'nothing left to fix');
    assert.strictEqual(document.getText(), expected);
  });

  it('source.fixAll.promptCacheLint offers the same edit, for code actions on save', async () => {
    const fixture = path.join(RULE_FIXTURES, 'too-many-breakpoints', 'middle-entry.ts');
    const document = await openCopy('middle-entry.ts', fixture);
    const whole = new vscode.Range(0, 0, document.lineCount, 0);
    const actions = await codeActions(document, whole, 'source.fixAll.promptCacheLint');
    const fixAll = actions.filter((a) => a.kind?.value === 'source.fixAll.promptCacheLint');
    assert.strictEqual(fixAll.length, 1, actions.map((a) => `${a.kind?.value}: ${a.title}`).join(', '));
    await applyAndRelint(document, fixAll[0]);
    assert.strictEqual(document.getText(), fs.readFileSync(`${fixture}.fixed`, 'utf8'));
    const after = await codeActions(document, whole, 'source.fixAll.promptCacheLint');
    assert.deepStrictEqual(after.filter((a) => a.kind?.value === 'source.fixAll.promptCacheLint'), [], 'offered again after everything was fixed');
  });

  it('"add a breakpoint" converts a string system prompt into a cached block list, keeping quote style', async () => {
    const document = await openCopy('long-static-system.ts');
    const [diagnostic] = ours(document);
    assert.strictEqual(codeOf(diagnostic), 'missed-opportunity');
    const fix = (await quickFixes(document, diagnostic)).find((a) => a.title.startsWith('Add a cache breakpoint'));
    assert.ok(fix);
    await applyAndRelint(document, fix);
    assert.ok(document.getText().includes('system: [{ type: "text", text: SYSTEM_PROMPT, cache_control: { type: "ephemeral" } }]'), document.getText());
    assert.deepStrictEqual(ours(document).map(codeOf), []);
  });

  it('"disable for this line" writes the suppression comment above, with the indentation', async () => {
    const document = await openCopy('short_system.py');
    const [diagnostic] = ours(document);
    const fix = (await quickFixes(document, diagnostic)).find((a) => a.title === 'Disable below-minimum for this line');
    assert.ok(fix);
    await applyAndRelint(document, fix);
    assert.strictEqual(document.lineAt(13).text, '                # prompt-cache-lint: disable-next-line below-minimum');
    assert.deepStrictEqual(ours(document), []);
  });

  it('"Fix all <rule> problems in this file" fixes every one of them; "Disable <rule> for this file" writes the file directive at the top', async () => {
    const document = await openCopy('two_short.py');
    await untilCodes(document, ['below-minimum', 'below-minimum'], 'opening a file with two short prompts');
    const [first] = ours(document);
    const actions = await quickFixes(document, first);
    const disable = actions.find((a) => a.title === 'Disable below-minimum for this file');
    assert.ok(disable, actions.map((a) => a.title).join(' | '));
    const all = actions.find((a) => a.title === 'Fix all below-minimum problems in this file');
    assert.ok(all, actions.map((a) => a.title).join(' | '));
    await applyAndRelint(document, all);
    await untilCodes(document, [], 'fixing all below-minimum problems');
    assert.ok(!document.getText().includes('cache_control'), document.getText());
    const again = await openCopy('two_short.py');
    await untilCodes(again, ['below-minimum', 'below-minimum'], 'opening another copy');
    const disableAgain = (await quickFixes(again, ours(again)[1])).find((a) => a.title === 'Disable below-minimum for this file');
    assert.ok(disableAgain);
    await applyAndRelint(again, disableAgain);
    assert.strictEqual(again.lineAt(0).text, '# prompt-cache-lint: disable-file below-minimum');
    await untilCodes(again, [], 'disabling the rule for the file');
  });

  it('the language status item counts the requests and says when the file was linted', async () => {
    const document = await openCopy('two_short.py');
    await untilCodes(document, ['below-minimum', 'below-minimum'], 'opening a file with two requests');
    const status = api.languageStatus(document);
    assert.strictEqual(status.text, '2 Claude requests');
    assert.match(status.detail, /default model Claude Sonnet 4\.5 · linted at /);
  });

  it('the cache map panel draws the request under the cursor, with a strict CSP and nothing loaded', async () => {
    const document = await openCopy('cached.py');
    const editor = await vscode.window.showTextDocument(document);
    const call = document.getText().split('\n').findIndex((l) => l.includes('messages.create'));
    editor.selection = new vscode.Selection(call, 0, call, 0);
    await vscode.commands.executeCommand('promptCacheLint.showCacheMap');
    const drawn = async (predicate: (html: string) => boolean, why: string) => {
      const deadline = Date.now() + 15_000;
      while (!predicate(api.cacheMapContent())) {
        assert.ok(Date.now() < deadline, `${why}: ${api.cacheMapContent().slice(0, 400)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    await drawn((html) => html.includes('class="prefix-bar"') && html.includes(`at line ${call + 1}`), 'the map of the request under the cursor');
    const html = api.cacheMapContent();
    assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
    // The CSP names VS Code's own webview origin; nothing in the page loads anything.
    assert.ok(!/\b(src|href)=|<link|url\(/i.test(html), 'nothing is loaded');
    assert.match(html, /class="breakpoint cached"/);
    assert.match(html, /class="cost-chart"/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('promptCacheLint.run: onSave keeps what is shown while typing and lints on save', async () => {
    const config = vscode.workspace.getConfiguration('promptCacheLint');
    // code-server saves edited files after a delay by default, which is exactly a save: off here.
    const files = vscode.workspace.getConfiguration('files');
    await files.update('autoSave', 'off', vscode.ConfigurationTarget.Global);
    await config.update('run', 'onSave', vscode.ConfigurationTarget.Global);
    try {
      // The setting change re-lints every open document: let that settle before the edit.
      await new Promise((resolve) => setTimeout(resolve, 700));
      const document = await openCopy('short_system.py');
      await untilCodes(document, ['below-minimum'], 'opening (a file is linted when opened)');
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.strictEqual(vscode.workspace.getConfiguration('promptCacheLint', document.uri).get('run'), 'onSave');
      const line = document.getText().split('\n').findIndex((l) => l.includes('"cache_control"'));
      const edit = new vscode.WorkspaceEdit();
      edit.delete(document.uri, document.lineAt(line).rangeIncludingLineBreak);
      const before = document.version;
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.ok(document.version > before, `the edit applied (${before} -> ${document.version})`);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.ok(!api.isLinted(document), `an edit is not linted before the save (version ${document.version}, dirty ${document.isDirty})`);
      assert.deepStrictEqual(ours(document).map(codeOf), ['below-minimum'], 'the diagnostics stay as they were');
      assert.ok(await document.save());
      await untilCodes(document, [], 'saving');
    } finally {
      await config.update('run', undefined, vscode.ConfigurationTarget.Global);
      await files.update('autoSave', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('source.fixAll.promptCacheLint applies the safe fixes only', async () => {
    const document = await openCopy('request-id.ts');
    assert.deepStrictEqual(ours(document).map(codeOf), ['volatile-before-breakpoint']);
    const all = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.promptCacheLint');
    // Moving a breakpoint is a suggestion, not a safe fix: fix-all leaves it to the user.
    assert.deepStrictEqual(all, []);
    const move = (await quickFixes(document, ours(document)[0])).find((a) => a.title.startsWith('Move the breakpoint'));
    assert.ok(move && !move.isPreferred);
  });

  it('hover on cache_control shows the cost breakdown; hover on the call shows the request', async () => {
    const document = await openCopy('cached.py');
    const line = document.getText().split('\n').findIndex((l) => l.includes('"cache_control"'));
    const column = document.lineAt(line).text.indexOf('"cache_control"') + 3;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(line, column));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    for (const expected of ['Prompt cache breakpoint #1', 'Claude Sonnet 4.5', 'Cached prefix', 'Minimum to cache', 'Cost per call, no cache', 'Cache write', 'Cache hit', 'per 1,000 hits', 'Pays off from', 'text counted exactly offline']) {
      assert.ok(text.includes(expected), `hover lacks "${expected}":\n${text}`);
    }
    const callLine = document.getText().split('\n').findIndex((l) => l.includes('messages.create'));
    const callColumn = document.lineAt(callLine).text.indexOf('client.messages.create') + 2;
    const callHovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(callLine, callColumn));
    assert.ok(callHovers.some((h) => h.contents.some((c) => (typeof c === 'string' ? c : c.value).includes('Claude request'))));
  });

  it('inlay hints show savings for a cached breakpoint and a marker for one that will not cache', async () => {
    const cached = await openCopy('cached.py');
    const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', cached.uri, new vscode.Range(0, 0, cached.lineCount, 0));
    const labels = hints.map((h) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')));
    assert.strictEqual(labels.length, 1, labels.join(' | '));
    // An exact offline count: no ≈.
    assert.match(labels[0], /1,\d{3} tok cached · −\$0\.\d+\/call \(−\d+%\)/);
    assert.ok(!labels[0].includes('≈'), labels[0]);
    const short = await openCopy('short_system.py');
    const shortHints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', short.uri, new vscode.Range(0, 0, short.lineCount, 0));
    const shortLabel = shortHints.map((h) => (typeof h.label === 'string' ? h.label : '')).join('');
    assert.match(shortLabel, /✕ not cached: below the 1,024 min/);
  });

  it('editing the document updates the diagnostics', async () => {
    const document = await openCopy('cached.py');
    assert.deepStrictEqual(ours(document), []);
    const text = document.getText();
    const start = text.indexOf('"claude-sonnet-4-5"');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(document.positionAt(start), document.positionAt(start + '"claude-sonnet-4-5"'.length)), '"claude-haiku-4-5"');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await linted(document);
    assert.deepStrictEqual(ours(document).map(codeOf), ['below-minimum']);
  });

  it('closing a document clears its diagnostics and state', async () => {
    const document = await openCopy('short_system.py');
    assert.strictEqual(ours(document).length, 1);
    const before = api.trackedDocuments();
    // Changing the language closes the document and reopens it as plain text, deterministically.
    const plain = await vscode.languages.setTextDocumentLanguage(document, 'plaintext');
    assert.deepStrictEqual(ours(plain), []);
    assert.ok(api.trackedDocuments() < before, `${api.trackedDocuments()} entries after closing, ${before} before`);
  });

  it('exact counts: key in SecretStorage, count_tokens on a local server, API count in the hover, clear failure message', async () => {
    let lastKey: string | undefined;
    const server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        lastKey = String(req.headers['x-api-key']);
        const body = JSON.parse(raw) as { max_tokens?: unknown };
        const status = lastKey === 'busy-key' ? 429 : body.max_tokens === undefined ? 200 : 400;
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(status === 200 ? { input_tokens: 1777 } : { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const config = vscode.workspace.getConfiguration('promptCacheLint');
    try {
      await config.update('apiBaseUrl', `http://127.0.0.1:${(server.address() as AddressInfo).port}`, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('promptCacheLint.setApiKey', 'busy-key');
      const document = await openCopy('cached.py');
      const failed = await vscode.commands.executeCommand<{ counted: number; error?: string }>('promptCacheLint.countTokensExactly');
      assert.strictEqual(failed.counted, 0);
      assert.match(failed.error ?? '', /rate limited/);
      await vscode.commands.executeCommand('promptCacheLint.setApiKey', 'good-key');
      const summary = await vscode.commands.executeCommand<{ counted: number; error?: string }>('promptCacheLint.countTokensExactly');
      assert.deepStrictEqual([summary.counted, summary.error], [1, undefined]);
      assert.strictEqual(lastKey, 'good-key');
      const line = document.getText().split('\n').findIndex((l) => l.includes('"cache_control"'));
      const column = document.lineAt(line).text.indexOf('"cache_control"') + 3;
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(line, column));
      const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      assert.ok(text.includes('1,777 tokens (API count)'), text);
      const again = await vscode.commands.executeCommand<{ counted: number; cached: number }>('promptCacheLint.countTokensExactly');
      assert.deepStrictEqual([again.counted, again.cached], [0, 1], 'an unchanged request is not sent twice');
    } finally {
      await vscode.commands.executeCommand('promptCacheLint.clearApiKey');
      await config.update('apiBaseUrl', undefined, vscode.ConfigurationTarget.Global);
      server.close();
    }
  });

  it('holds no more state after a thousand edits than before them', async () => {
    const document = await openCopy('cached.py');
    const before = api.trackedDocuments();
    const end = document.lineAt(document.lineCount - 1).range.end;
    for (let i = 0; i < 500; i++) {
      const insert = new vscode.WorkspaceEdit();
      insert.insert(document.uri, end, '#');
      assert.ok(await vscode.workspace.applyEdit(insert));
      const remove = new vscode.WorkspaceEdit();
      remove.delete(document.uri, new vscode.Range(end, end.translate(0, 1)));
      assert.ok(await vscode.workspace.applyEdit(remove));
    }
    await linted(document);
    assert.strictEqual(api.trackedDocuments(), before);
    assert.deepStrictEqual(ours(document), []);
  });

  it('incremental re-parsing after multi-line edits gives the same findings as a fresh lint', async () => {
    const document = await openCopy('ttl_order.py');
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(2, 0), 'EXTRA = {\n    "a": 1,\n}\n');
    const text = document.getText();
    const model = text.indexOf('"claude-sonnet-4-5"');
    edit.replace(document.uri, new vscode.Range(document.positionAt(model), document.positionAt(model + '"claude-sonnet-4-5"'.length)), '"claude-haiku-4-5"');
    const last = document.lineAt(document.lineCount - 1).range.end;
    edit.insert(document.uri, last, '\nclient.messages.create(model="claude-2.1", max_tokens=5, messages=[], system=[{"type": "text", "text": "x", "cache_control": {"type": "ephemeral"}}])\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await linted(document);
    const fresh = await new Linter().lint(document.getText(), 'python', { fileName: document.fileName });
    const expected = fresh.findings.map((f) => `${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character} ${f.ruleId}`).sort();
    const actual = ours(document).map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${codeOf(d)}`).sort();
    assert.ok(expected.length >= 3, expected.join('\n'));
    assert.deepStrictEqual(actual, expected);
  });

  it('reads a prompt file the code names, and re-lints when that file is saved or changes on disk', async () => {
    // A prompt file and a source file reading it, both fresh copies removed after the suite.
    const prompt = path.join(workspaceDir(), `tmp-${Date.now()}-prompt.md`);
    fs.writeFileSync(prompt, 'Be brief.');
    created.push(prompt);
    const source = path.join(workspaceDir(), `tmp-${Date.now()}-reads_prompt.py`);
    fs.writeFileSync(
      source,
      `import anthropic\n\nclient = anthropic.Anthropic()\n\nclient.messages.create(\n    model="claude-sonnet-4-5",\n    max_tokens=100,\n    system=[{"type": "text", "text": open("${path.basename(prompt)}").read(), "cache_control": {"type": "ephemeral"}}],\n    messages=[{"role": "user", "content": "hi"}],\n)\n`,
    );
    created.push(source);
    const document = await vscode.workspace.openTextDocument(source);
    await linted(document);
    assert.deepStrictEqual(ours(document).map(codeOf), ['below-minimum']);

    const promptDocument = await vscode.workspace.openTextDocument(prompt);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(promptDocument.uri, new vscode.Position(0, 0), 'Follow the support policy carefully, cite the relevant section, and keep answers short. '.repeat(120));
    assert.ok(await vscode.workspace.applyEdit(edit));
    // Editing the prompt file is not saving it: the source still reads what is on disk.
    await new Promise((r) => setTimeout(r, 300));
    assert.deepStrictEqual(ours(document).map(codeOf), ['below-minimum']);
    // Under heavy load VS Code can give up a save when its will-save participants run late; that
    // is VS Code's save, not what this test is about, so a second try is fair.
    let saved = await promptDocument.save();
    saved ||= await promptDocument.save();
    assert.ok(saved && !promptDocument.isDirty, 'VS Code did not save the prompt file');
    await untilCodes(document, [], 'the prompt file was saved');

    // Changed outside VS Code (a git checkout, another editor): the file watcher re-lints.
    fs.writeFileSync(prompt, 'Be brief again.');
    await untilCodes(document, ['below-minimum'], 'the prompt file changed on disk');
  });

  it('follows an import into a workspace module, and re-lints the importer as that module is edited (unsaved)', async () => {
    // A folder with a prompts module and an agent importing it, removed after the suite.
    const folder = path.join(workspaceDir(), `tmp_${Date.now()}_pkg`);
    fs.mkdirSync(folder);
    const modulePath = path.join(folder, 'prompts.py');
    const agentPath = path.join(folder, 'agent.py');
    const moduleText = (system: string, today: string) => `import datetime\n\nSYSTEM = ${JSON.stringify(system)}\n\n\ndef today():\n    return ${today}\n`;
    fs.writeFileSync(modulePath, moduleText('Be brief.', '"Today."'));
    fs.writeFileSync(
      agentPath,
      'import anthropic\nfrom prompts import SYSTEM, today\n\nclient = anthropic.Anthropic()\n\nclient.messages.create(\n    model="claude-sonnet-4-5",\n    max_tokens=100,\n    system=[{"type": "text", "text": today()}, {"type": "text", "text": SYSTEM, "cache_control": {"type": "ephemeral"}}],\n    messages=[{"role": "user", "content": "hi"}],\n)\n',
    );
    created.push(modulePath, agentPath, folder);
    const agent = await vscode.workspace.openTextDocument(agentPath);
    await linted(agent);
    // Both texts are read from prompts.py: the breakpoint's whole prefix is known, and too small.
    assert.deepStrictEqual(ours(agent).map(codeOf), ['below-minimum']);

    const module = await vscode.workspace.openTextDocument(modulePath);
    const replaceModule = async (text: string) => {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(module.uri, new vscode.Range(0, 0, module.lineCount, 0), text);
      assert.ok(await vscode.workspace.applyEdit(edit));
    };
    const policy = 'Follow the support policy carefully, cite the relevant section, and keep answers short. '.repeat(120);
    await replaceModule(moduleText(policy, '"Today."'));
    // Not saved: the importer reads the module as typed.
    assert.ok(module.isDirty);
    await untilCodes(agent, [], 'the imported module was edited');

    await replaceModule(moduleText(policy, 'f"Now: {datetime.datetime.now()}"'));
    // The imported helper now returns per-call text, and it sits before the breakpoint.
    await untilCodes(agent, ['volatile-before-breakpoint'], 'the imported helper became per-call');
    const finding = ours(agent).find((d) => codeOf(d) === 'volatile-before-breakpoint');
    assert.match(finding?.message ?? '', /prompts\.py:7/);
    // No fix may edit what stands for the other module's text; only the suppression comment is offered.
    const titles = (await quickFixes(agent, finding!)).map((a) => a.title);
    assert.deepStrictEqual(titles, ['Disable volatile-before-breakpoint for this line', 'Disable volatile-before-breakpoint for this file', 'Show documentation for volatile-before-breakpoint']);
  });

  it('lints a Jupyter notebook as one program and puts each diagnostic on its own cell', async () => {
    const file = path.join(workspaceDir(), `tmp_${Date.now()}_notebook.ipynb`);
    const code = (source: string) => ({ cell_type: 'code', source, metadata: {}, outputs: [], execution_count: null });
    const notebookJson = {
      cells: [
        code('%pip install anthropic\nimport anthropic\nfrom datetime import datetime\n\nclient = anthropic.Anthropic()\nNOTE = "Be brief."'),
        { cell_type: 'markdown', source: '# Ask', metadata: {} },
        code('client.messages.create(\n    model="claude-sonnet-4-5",\n    max_tokens=100,\n    system=[{"type": "text", "text": NOTE, "cache_control": {"type": "ephemeral"}}],\n    messages=[{"role": "user", "content": "hi"}],\n)'),
      ],
      metadata: { kernelspec: { name: 'python3', language: 'python', display_name: 'Python 3' }, language_info: { name: 'python' } },
      nbformat: 4,
      nbformat_minor: 5,
    };
    fs.writeFileSync(file, JSON.stringify(notebookJson));
    created.push(file);
    const linted = new Promise<void>((resolve) => {
      const listener = api.onDidLintNotebook((notebook) => {
        if (notebook.uri.fsPath === file) {
          listener.dispose();
          resolve();
        }
      });
    });
    const notebook = await vscode.workspace.openNotebookDocument(vscode.Uri.file(file));
    await vscode.window.showNotebookDocument(notebook);
    await linted;
    const codesOn = (index: number) => ours(notebook.cellAt(index).document).map(codeOf).sort();
    // NOTE (cell 0) is known in cell 2: too short to cache.
    assert.deepStrictEqual(codesOn(0), []);
    assert.deepStrictEqual(codesOn(2), ['below-minimum']);
    const short = ours(notebook.cellAt(2).document)[0];
    assert.strictEqual(short.range.start.line, 3, 'the range is relative to the cell');

    // Editing the first cell re-lints the notebook: a long note is worth caching.
    const relinted = new Promise<void>((resolve) => {
      const listener = api.onDidLintNotebook((n) => {
        if (n === notebook && codesOn(2).length === 0) {
          listener.dispose();
          resolve();
        }
      });
    });
    const edit = new vscode.WorkspaceEdit();
    const first = notebook.cellAt(0).document;
    edit.replace(first.uri, first.lineAt(5).range, `NOTE = "${'Follow the support policy carefully, cite the relevant section, and keep answers short. '.repeat(120)}"`);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await relinted;
    assert.deepStrictEqual(codesOn(2), []);
  });

  it('reads .prompt-cache-lint.json from the workspace and re-lints when it changes', async () => {
    const document = await openCopy('short_system.py');
    assert.deepStrictEqual(ours(document).map(codeOf), ['below-minimum']);
    const file = path.join(workspaceDir(), '.prompt-cache-lint.json');
    try {
      fs.writeFileSync(file, JSON.stringify({ rules: { 'below-minimum': 'off' } }));
      await untilCodes(document, [], 'the workspace file turned the rule off');
    } finally {
      fs.rmSync(file, { force: true });
    }
    await untilCodes(document, ['below-minimum'], 'the workspace file was removed');
  });
});
