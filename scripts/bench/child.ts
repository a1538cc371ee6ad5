/**
 * Measurements that need a fresh process: cold first lint, activation, peak memory. Prints one
 * JSON object. Usage: node child.js cold|activate|memory
 */
import * as path from 'path';
import { bigLiteralFile, generatedFile } from './inputs';

const ROOT = path.resolve(__dirname, '..', '..', '..');

async function cold(): Promise<void> {
  const text = generatedFile('python', 300, 3);
  const start = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const core = require(path.join(ROOT, 'out', 'src', 'core')) as typeof import('../../src/core');
  const linter = new core.Linter();
  await linter.lint(text, 'python', { fileName: 'a.py' });
  console.log(JSON.stringify({ ms: performance.now() - start }));
}

async function activate(): Promise<void> {
  const { stub } = await import('./vscode-stub');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Module = require('module') as { _load: (request: string, ...rest: unknown[]) => unknown };
  const load = Module._load;
  Module._load = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? stub : load.call(this, request, ...rest);
  };
  // The unpacked .vsix's extension folder (what users install); the development build otherwise.
  const extensionPath = process.argv[3] ?? ROOT;
  const start = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const extension = require(path.join(extensionPath, 'dist', 'extension.js')) as { activate(context: unknown): unknown };
  extension.activate({ extensionPath, subscriptions: [], secrets: { get: async () => undefined, store: async () => undefined, delete: async () => undefined } });
  console.log(JSON.stringify({ ms: performance.now() - start }));
}

async function memory(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const core = require(path.join(ROOT, 'out', 'src', 'core')) as typeof import('../../src/core');
  const linter = new core.Linter();
  const { text } = bigLiteralFile();
  global.gc?.();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  for (let i = 0; i < 6; i++) {
    await linter.lint(text.replace('# settings', `# setting${i}`), 'python', { fileName: 'big.py' });
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  }
  global.gc?.();
  const after = process.memoryUsage();
  console.log(JSON.stringify({ extraRss: peakRss - before.rss, extraHeap: peakHeap - before.heapUsed, retainedHeap: after.heapUsed - before.heapUsed }));
}

const mode = process.argv[2];
(mode === 'cold' ? cold() : mode === 'activate' ? activate() : memory()).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
