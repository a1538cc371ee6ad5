import * as assert from 'assert';
import { type ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { type MessageConnection, StreamMessageReader, StreamMessageWriter, createMessageConnection } from 'vscode-jsonrpc/node';
import { EXAMPLES_ROOT, REPO_ROOT } from '../helpers/paths';

/**
 * The language server as an editor sees it: `prompt-cache-lint lsp --stdio` in its own process,
 * driven by a real JSON-RPC client (vscode-jsonrpc) over its standard input and output.
 */
describe('language server (lsp --stdio)', function () {
  this.timeout(30_000);
  let server: ChildProcess;
  let client: MessageConnection;
  const published = new Map<string, Array<{ code: string; message: string; severity: number; range: { start: { line: number; character: number } }; codeDescription: { href: string }; source: string }>>();
  const waiters: Array<() => void> = [];
  const file = path.join(EXAMPLES_ROOT, 'python', 'rag_bot.py');
  const uri = pathToFileURL(file).toString();
  const text = fs.readFileSync(file, 'utf8');

  before(async () => {
    server = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'prompt-cache-lint.js'), 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    client = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
    client.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: never[] }) => {
      published.set(params.uri, params.diagnostics);
      waiters.splice(0).forEach((wake) => wake());
    });
    // A client that says it serves configuration and then never answers: the server must go on with defaults.
    client.onRequest('workspace/configuration', () => new Promise(() => undefined));
    client.onRequest('client/registerCapability', () => null);
    client.listen();
    const result = await client.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(EXAMPLES_ROOT).toString(),
      workspaceFolders: [{ uri: pathToFileURL(EXAMPLES_ROOT).toString(), name: 'examples' }],
      capabilities: { workspace: { configuration: true } },
    });
    assert.ok(result.capabilities.hoverProvider && result.capabilities.codeActionProvider && result.capabilities.inlayHintProvider);
    await client.sendNotification('initialized', {});
  });

  after(async () => {
    await client.sendRequest('shutdown');
    await client.sendNotification('exit');
    await new Promise((resolve) => server.once('exit', resolve));
    client.dispose();
  });

  const diagnosticsFor = (target: string, predicate: (d: NonNullable<ReturnType<typeof published.get>>) => boolean) =>
    new Promise<NonNullable<ReturnType<typeof published.get>>>((resolve) => {
      const check = () => {
        const current = published.get(target);
        if (current && predicate(current)) {
          resolve(current);
        } else {
          waiters.push(check);
        }
      };
      check();
    });

  it('publishes diagnostics with code, documentation link and source for an opened file (settings: defaults, the client never answered)', async () => {
    await client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
    const diagnostics = await diagnosticsFor(uri, (d) => d.length > 0);
    const minimum = diagnostics.find((d) => d.code === 'below-minimum');
    assert.ok(minimum, JSON.stringify(diagnostics));
    assert.strictEqual(minimum.source, 'Prompt Cache Lint');
    assert.match(minimum.codeDescription.href, /docs\/rules\/below-minimum\.md$/);
    assert.strictEqual(minimum.severity, 2);
  });

  it('offers the quick fixes, "disable" for line and file, and source.fixAll; hover gives the cost text; inlay hints the savings', async () => {
    const diagnostics = await diagnosticsFor(uri, (d) => d.length > 0);
    const minimum = diagnostics.find((d) => d.code === 'below-minimum')!;
    const actions = await client.sendRequest<Array<{ title: string; kind: string; edit: { changes: Record<string, Array<{ newText: string }>> } }>>('textDocument/codeAction', {
      textDocument: { uri },
      range: minimum.range,
      context: { diagnostics: [minimum] },
    });
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Disable below-minimum for this line') && titles.includes('Disable below-minimum for this file'), titles.join(' | '));
    assert.ok(actions.some((a) => a.kind === 'source.fixAll.promptCacheLint'), titles.join(' | '));
    const fixAll = await client.sendRequest<Array<{ kind: string }>>('textDocument/codeAction', { textDocument: { uri }, range: minimum.range, context: { diagnostics: [], only: ['source.fixAll.promptCacheLint'] } });
    assert.deepStrictEqual(fixAll.map((a) => a.kind), ['source.fixAll.promptCacheLint']);
    const line = text.split('\n').findIndex((l) => l.includes('"cache_control"'));
    const column = text.split('\n')[line].indexOf('"cache_control"') + 2;
    const hover = await client.sendRequest<{ contents: { kind: string; value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line, character: column } });
    assert.ok(hover && hover.contents.kind === 'markdown');
    assert.match(hover.contents.value, /Prompt cache breakpoint #1/);
    const hints = await client.sendRequest<Array<{ label: string; position: { line: number } }>>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } } });
    assert.ok(hints.some((h) => h.position.line === line), JSON.stringify(hints));
  });

  it('an edit re-lints: the diagnostics follow the new version', async () => {
    const previous = await diagnosticsFor(uri, (d) => d.length > 0);
    const minimum = previous.find((d) => d.code === 'below-minimum')!;
    const line = text.split('\n').findIndex((l, i) => i >= minimum.range.start.line && l.includes('"cache_control"'));
    // Delete the line with the breakpoint that is too short: its finding goes.
    await client.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, text: '' }] });
    const after = await diagnosticsFor(uri, (d) => d !== previous);
    assert.ok(!after.some((d) => d.code === 'below-minimum' && d.range.start.line === minimum.range.start.line), JSON.stringify(after));
  });

  it('answers an unknown method with an error and keeps serving after a malformed message', async () => {
    await assert.rejects(client.sendRequest('promptCacheLint/noSuchThing', {}), /Unhandled method/);
    server.stdin!.write('Content-Length: 9\r\n\r\n{not json');
    const hover = await client.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///nowhere.py' }, position: { line: 0, character: 0 } });
    assert.strictEqual(hover, null);
  });
});

describe('language server: other files, size limit', function () {
  this.timeout(30_000);
  let server: ChildProcess;
  let client: MessageConnection;
  let root: string;
  const published = new Map<string, Array<{ code: string }>>();
  const logged: string[] = [];
  let wake: Array<() => void> = [];
  const until = async (check: () => boolean, what: string) => {
    const deadline = Date.now() + 15_000;
    while (!check()) {
      assert.ok(Date.now() < deadline, `timed out: ${what}`);
      await new Promise<void>((resolve) => {
        wake.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  };
  const LONG = 'Answer support questions precisely and cite the policy section you rely on. '.repeat(120);
  const moduleText = (text: string) => `SYSTEM = "${text}"\n`;
  const MAIN = 'import anthropic\nfrom prompts import SYSTEM\nclient = anthropic.Anthropic()\n\ndef ask(q):\n    return client.messages.create(model="claude-sonnet-4-5", max_tokens=10, system=[{"type": "text", "text": SYSTEM, "cache_control": {"type": "ephemeral"}}], messages=[{"role": "user", "content": q}])\n';

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'pcl-lsp-ws-'));
    fs.writeFileSync(path.join(root, 'prompts.py'), moduleText('Be brief.'));
    fs.writeFileSync(path.join(root, 'main.py'), MAIN);
    server = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'prompt-cache-lint.js'), 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    client = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
    client.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: Array<{ code: string }> }) => {
      published.set(params.uri, params.diagnostics);
      wake.splice(0).forEach((w) => w());
    });
    client.onNotification('window/logMessage', (params: { message: string }) => {
      logged.push(params.message);
      wake.splice(0).forEach((w) => w());
    });
    client.onRequest('client/registerCapability', () => null);
    client.listen();
    await client.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(root).toString(), workspaceFolders: [{ uri: pathToFileURL(root).toString(), name: 'ws' }], capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } } });
    await client.sendNotification('initialized', {});
  });

  after(async () => {
    await client.sendRequest('shutdown');
    await client.sendNotification('exit');
    await new Promise((resolve) => server.once('exit', resolve));
    client.dispose();
    wake = [];
    fs.rmSync(root, { recursive: true, force: true });
  });

  const mainUri = () => pathToFileURL(path.join(root, 'main.py')).toString();
  const codes = () => (published.get(mainUri()) ?? []).map((d) => d.code);

  it('follows an import; an unsaved edit of the open module re-lints the importer', async () => {
    await client.sendNotification('textDocument/didOpen', { textDocument: { uri: mainUri(), languageId: 'python', version: 1, text: MAIN } });
    await until(() => codes().includes('below-minimum'), 'below-minimum from the imported short prompt');
    const moduleUri = pathToFileURL(path.join(root, 'prompts.py')).toString();
    await client.sendNotification('textDocument/didOpen', { textDocument: { uri: moduleUri, languageId: 'python', version: 1, text: moduleText('Be brief.') } });
    await client.sendNotification('textDocument/didChange', { textDocument: { uri: moduleUri, version: 2 }, contentChanges: [{ text: moduleText(LONG) }] });
    await until(() => !codes().includes('below-minimum'), 'the importer re-linted with the unsaved module text');
    await client.sendNotification('textDocument/didClose', { textDocument: { uri: moduleUri } });
  });

  it('a watched module changed on disk re-lints the documents that import it', async () => {
    fs.writeFileSync(path.join(root, 'prompts.py'), moduleText('Short again.'));
    await client.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(root, 'prompts.py')).toString(), type: 2 }] });
    await until(() => codes().includes('below-minimum'), 'the importer re-linted after the change on disk');
  });

  it('a 10 MB document is not linted: a logged warning, no diagnostics, and the server goes on', async () => {
    const big = `${MAIN}\nDATA = "${'x'.repeat(10_000_000)}"\n`;
    const uri = pathToFileURL(path.join(root, 'big.py')).toString();
    await client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: big } });
    await until(() => logged.some((m) => /big\.py: 10\.0 million characters/.test(m)) && published.has(uri), 'the warning and the (empty) diagnostics');
    assert.deepStrictEqual(published.get(uri), []);
    const hover = await client.sendRequest('textDocument/hover', { textDocument: { uri: mainUri() }, position: { line: 0, character: 0 } });
    assert.strictEqual(hover, null);
  });
});
