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
  const start = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const extension = require(path.join(ROOT, 'dist', 'extension.js')) as { activate(context: unknown): unknown };
  extension.activate({ extensionPath: ROOT, subscriptions: [], secrets: { get: async () => undefined, store: async () => undefined, delete: async () => undefined } });
  console.log(JSON.stringify({ ms: performance.now() - start }));
}

async function memory(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const core = require(path.join(ROOT, 'out', 'src', 'core')) as typeof import('../../src/core');
  const linter = new core.Linter();
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const { text } = bigLiteralFile();
  for (let i = 0; i < 6; i++) {
    await linter.lint(text.replace('# settings', `# setting${i}`), 'python', { fileName: 'big.py' });
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  console.log(JSON.stringify({ baseline, peak, extra: peak - baseline }));
}

const mode = process.argv[2];
(mode === 'cold' ? cold() : mode === 'activate' ? activate() : memory()).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
