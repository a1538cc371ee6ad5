import { type ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { type MessageConnection, StreamMessageReader, StreamMessageWriter, createMessageConnection } from 'vscode-jsonrpc/node';
import { Linter } from '../../src/core';
import { generatedFile } from './inputs';

/**
 * The language server's budgets (issue 14), measured through a real JSON-RPC client over stdio:
 * `lspColdMs` from `initialize` (server process just started) to the first diagnostics of an opened
 * example; `lspEditMs` from a one-character change in a 300-line file to its diagnostics. Beside
 * them, `inProcessRelintMs`: the same re-lint in this process, as the VS Code extension does it
 * today — the difference is what running the extension as a client of the server would add.
 */

interface Session {
  server: ChildProcess;
  client: MessageConnection;
  published: (uri: string, version?: number) => Promise<void>;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function start(root: string): Session {
  const server = spawn(process.execPath, [path.join(root, 'bin', 'prompt-cache-lint.js'), 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const client = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
  const waiting: Array<{ uri: string; version?: number; resolve: () => void }> = [];
  client.onNotification('textDocument/publishDiagnostics', (params: { uri: string; version?: number }) => {
    for (let i = waiting.length - 1; i >= 0; i--) {
      if (waiting[i].uri === params.uri && (waiting[i].version === undefined || waiting[i].version === params.version)) {
        waiting.splice(i, 1)[0].resolve();
      }
    }
  });
  client.listen();
  return { server, client, published: (uri, version) => new Promise((resolve) => waiting.push({ uri, version, resolve })) };
}

async function stop(session: Session): Promise<void> {
  await session.client.sendRequest('shutdown');
  await session.client.sendNotification('exit');
  await new Promise((resolve) => session.server.once('exit', resolve));
  session.client.dispose();
}

export async function lspBench(root: string): Promise<{ lspColdMs: number; lspEditMs: number; inProcessRelintMs: number }> {
  const example = path.join(root, 'examples', 'python', 'rag_bot.py');
  const exampleUri = pathToFileURL(example).toString();
  const cold: number[] = [];
  for (let run = 0; run < 5; run++) {
    const session = start(root);
    const t0 = performance.now();
    await session.client.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(path.join(root, 'examples')).toString(), capabilities: {} });
    await session.client.sendNotification('initialized', {});
    const shown = session.published(exampleUri);
    await session.client.sendNotification('textDocument/didOpen', { textDocument: { uri: exampleUri, languageId: 'python', version: 1, text: fs.readFileSync(example, 'utf8') } });
    await shown;
    cold.push(performance.now() - t0);
    await stop(session);
  }

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pcl-lsp-bench-'));
  const file = path.join(dir, 'agent.py');
  const text = generatedFile('python', 300, 6);
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).toString();
  const session = start(root);
  await session.client.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).toString(), capabilities: {} });
  await session.client.sendNotification('initialized', {});
  let version = 1;
  const opened = session.published(uri, version);
  await session.client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version, text } });
  await opened;
  // A character typed at the end of a comment line in the middle of the file, then removed, again and again.
  const lines = text.split('\n');
  const line = Math.floor(lines.length / 2);
  const edits: number[] = [];
  for (let i = 0; i < 25; i++) {
    version++;
    const add = i % 2 === 0;
    const change = add ? { range: { start: { line, character: lines[line].length }, end: { line, character: lines[line].length } }, text: 'x' } : { range: { start: { line, character: lines[line].length }, end: { line, character: lines[line].length + 1 } }, text: '' };
    const shown = session.published(uri, version);
    const t0 = performance.now();
    await session.client.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    await shown;
    if (i >= 5) {
      edits.push(performance.now() - t0);
    }
  }
  await stop(session);

  // The same edits linted in this process (the extension's way today).
  const linter = new Linter();
  const inProcess: number[] = [];
  let current = text;
  for (let i = 0; i < 25; i++) {
    current = i % 2 === 0 ? current.replace(lines[line], `${lines[line]}x`) : current.replace(`${lines[line]}x`, lines[line]);
    const t0 = performance.now();
    await linter.lint(current, 'python', { fileName: file });
    if (i >= 5) {
      inProcess.push(performance.now() - t0);
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return { lspColdMs: median(cold), lspEditMs: median(edits), inProcessRelintMs: median(inProcess) };
}
