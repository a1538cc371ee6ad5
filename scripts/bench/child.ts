/**
 * Measurements that need a fresh process: cold first lint, activation, peak memory. Prints one
 * JSON object. Usage: node child.js cold|activate|memory
 */
import * as path from 'path';
import * as fs from 'fs';
import { bigLiteralFile, crossFileProject, generatedFile } from './inputs';

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

/**
 * A 5,000-module workspace, reached lazily: 250 files each importing 20 of its modules are linted
 * with one workspace reader (modules parsed once, a bounded number kept). Peak and retained extra
 * heap and RSS over the run.
 */
async function workspace(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const core = require(path.join(ROOT, 'out', 'src', 'core')) as typeof import('../../src/core');
  const dir = process.argv[3];
  const mains: string[] = [];
  for (let first = 0; first < 5000; first += 20) {
    mains.push(crossFileProject(dir, 'python', 20, first));
  }
  const linter = new core.Linter();
  const files = new core.FolderPromptFiles(dir);
  await linter.lint('x = 1', 'python', { fileName: path.join(dir, 'warm.py'), promptFiles: files });
  global.gc?.();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  let reached = 0;
  for (const main of mains) {
    const result = await linter.lint(fs.readFileSync(main, 'utf8'), 'python', { fileName: main, promptFiles: files });
    reached += result.promptFiles?.length ?? 0;
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  }
  global.gc?.();
  const after = process.memoryUsage();
  console.log(JSON.stringify({ modules: reached, extraRss: peakRss - before.rss, extraHeap: peakHeap - before.heapUsed, retainedHeap: after.heapUsed - before.heapUsed }));
}

/** The exact counter in a fresh process: the first count (vocabulary and Unicode tables loaded), and the memory both vocabularies hold. */
async function exactFirst(): Promise<void> {
  const start = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exact = require(path.join(ROOT, 'out', 'src', 'core', 'tokens', 'exact', 'exact-counter')) as typeof import('../../src/core/tokens/exact/exact-counter');
  exact.exactContentTokens('You are a support agent for Acme. Answer briefly, cite the policy, and never promise refunds.\n', 'v3');
  const ms = performance.now() - start;
  global.gc?.();
  const used = (): number => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const before = used();
  exact.exactContentTokens('Zweite Generation: ein anderer Text.', 'v4.7');
  global.gc?.();
  const secondVocabulary = used() - before;
  console.log(JSON.stringify({ ms, secondVocabulary, total: used() }));
}

async function baseline(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(path.join(ROOT, 'out', 'src', 'core', 'tokens', 'exact', 'exact-counter'));
  global.gc?.();
  const m = process.memoryUsage();
  console.log(JSON.stringify({ total: m.heapUsed + m.arrayBuffers }));
}

const mode = process.argv[2];
(mode === 'cold' ? cold() : mode === 'activate' ? activate() : mode === 'workspace' ? workspace() : mode === 'exact-first' ? exactFirst() : mode === 'exact-baseline' ? baseline() : memory()).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
