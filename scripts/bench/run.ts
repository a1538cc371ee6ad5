import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Linter, type SourceLanguage } from '../../src/core';
import { SourceParser } from '../../src/core/parsing/parser';
import { bigLiteralFile, generatedFile, tsRequest } from './inputs';

/**
 * `npm run bench [-- --json]`: the performance figures of issue "lint while typing with no
 * perceptible lag". Medians over repeated runs after warm-up; times in milliseconds, sizes in bytes.
 * Machines are shared and noisy: compare medians and ratios, not single runs.
 */
const ROOT = path.resolve(__dirname, '..', '..', '..');
const WORK = path.join(ROOT, '.bench');
const json = process.argv.includes('--json');
const log = (s: string) => {
  if (!json) {
    console.error(s);
  }
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function timeLint(linter: Linter, text: string, language: SourceLanguage, runs: number, warmup = 3): Promise<number> {
  const fileName = language === 'python' ? 'a.py' : 'a.ts';
  for (let i = 0; i < warmup; i++) {
    await linter.lint(text, language, { fileName });
  }
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await linter.lint(text, language, { fileName });
    times.push(performance.now() - start);
  }
  return median(times);
}

/**
 * Times re-lints after one-character edits at `at` (cycling over five nearby offsets, each replaced
 * by a letter or digit of the same kind), each reparsed incrementally from the previous tree. With
 * `fresh`, the edits walk forward one character at a time, so no text repeats an earlier one.
 */
async function relintTimes(linter: Linter, text: string, fileName: string, at: number, { fresh = false } = {}): Promise<number[]> {
  let tree = (await linter.lint(text, 'python', { fileName, keepTree: true })).tree!;
  const times: number[] = [];
  let current = text;
  for (let i = 0; i < 12; i++) {
    const offset = fresh ? at + i : at + (/\d/.test(text[at]) ? 0 : i % 5);
    const replacement = fresh ? (current[offset] === 'q' ? 'z' : 'q') : /\d/.test(text[offset]) ? String(i % 10) : String.fromCharCode(97 + (i % 26));
    const next = current.slice(0, offset) + replacement + current.slice(offset + 1);
    const row = current.slice(0, offset).split('\n').length - 1;
    const column = offset - (current.lastIndexOf('\n', offset - 1) + 1);
    tree.edit({ startIndex: offset, oldEndIndex: offset + 1, newEndIndex: offset + 1, startPosition: { row, column }, oldEndPosition: { row, column: column + 1 }, newEndPosition: { row, column: column + 1 } });
    const start = performance.now();
    const result = await linter.lint(next, 'python', { fileName, previousTree: tree, keepTree: true });
    times.push(performance.now() - start);
    tree.delete();
    tree = result.tree!;
    current = next;
  }
  tree.delete();
  return times.slice(2);
}

function childRuns(mode: string, runs: number, ...args: string[]): Record<string, number>[] {
  const script = path.join(ROOT, 'out', 'scripts', 'bench', 'child.js');
  return Array.from({ length: runs }, () => JSON.parse(execFileSync(process.execPath, ['--expose-gc', script, mode, ...args], { encoding: 'utf8' })) as Record<string, number>);
}

function child(mode: string, runs: number, ...args: string[]): number[] {
  return childRuns(mode, runs, ...args).map((r) => r.ms);
}

function wallMs(command: string, args: string[], runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const result = spawnSync(command, args, { cwd: ROOT, stdio: 'ignore' });
    if (result.status === null || result.status > 2) {
      throw new Error(`${command} ${args.join(' ')} failed (${result.status})`);
    }
    times.push(performance.now() - start);
  }
  return median(times);
}

/** 1,000 TypeScript files of ~40 lines, each with a Claude request, for the whole-process comparison with ESLint. */
function tsTree(): string {
  const dir = path.join(WORK, 'ts-tree');
  if (!fs.existsSync(path.join(dir, 'file999.ts'))) {
    fs.mkdirSync(dir, { recursive: true });
    for (let i = 0; i < 1000; i++) {
      fs.writeFileSync(path.join(dir, `file${i}.ts`), `import Anthropic from "@anthropic-ai/sdk";\nconst client = new Anthropic();\nconst GUIDE = "Answer briefly and cite the policy section.";\n\n${tsRequest(i)}\n${tsRequest(i + 1000)}`);
    }
  }
  const config = path.join(WORK, 'eslint.config.mjs');
  fs.writeFileSync(config, `import tseslint from 'typescript-eslint';\nexport default [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser }, rules: { 'no-debugger': 'error' } }];\n`);
  return dir;
}

async function main(): Promise<void> {
  fs.mkdirSync(WORK, { recursive: true });
  const linter = new Linter();
  const rows: [string, string, string][] = [];
  const results: Record<string, number> = {};

  log('typical and large files…');
  const typical: number[] = [];
  const large: number[] = [];
  const floor: number[] = [];
  for (const language of ['python', 'typescript'] as const) {
    typical.push(await timeLint(linter, generatedFile(language, 300, 3), language, 30));
    const big = generatedFile(language, 10_000, 200);
    const lintMs = await timeLint(linter, big, language, 10);
    large.push(lintMs);
    const parser = await SourceParser.create(language === 'python' ? 'python' : 'typescript');
    const parseTimes: number[] = [];
    for (let i = 0; i < 13; i++) {
      const start = performance.now();
      parser.parse(big).delete();
      parseTimes.push(performance.now() - start);
    }
    const parseMs = median(parseTimes.slice(3));
    floor.push(lintMs / parseMs);
    rows.push([`Lint a 300-line ${language} file, 3 requests`, `${typical[typical.length - 1].toFixed(2)} ms`, '≤ 5 ms']);
    rows.push([`Lint a 10,000-line ${language} file, 200 requests`, `${lintMs.toFixed(1)} ms (parse alone ${parseMs.toFixed(1)} ms)`, '≤ 100 ms']);
  }
  results.typicalFileMs = Math.max(...typical);
  results.largeFileMs = Math.max(...large);
  results.parseFloorRatio = Math.max(...floor);
  rows.push(['Lint time ÷ tree-sitter parse time, 10,000-line file', floor.map((r) => `${r.toFixed(2)}×`).join(' / '), '≤ 2×']);

  log('big literal…');
  const { text: bigText, source } = bigLiteralFile();
  // Typing inside the ~190k-token literal: every edit makes a text never seen before, so its count
  // cannot come from any cache (the literal is what changed).
  const insideLiteral = bigText.indexOf('\n', Math.floor(bigText.length / 2)) + 1;
  results.bigLiteralRelintMs = median(await relintTimes(linter, bigText, 'big.py', insideLiteral, { fresh: true }));
  rows.push([`Re-lint after a 1-character edit inside a ~190k-token literal (${source})`, `${results.bigLiteralRelintMs.toFixed(1)} ms`, '≤ 15 ms']);
  // An edit in the comment on line 1, outside the literal: the literal's count comes from cache.
  results.bigLiteralEditOutsideRelintMs = median(await relintTimes(linter, bigText, 'big.py', 2));
  rows.push(['Re-lint after a 1-character edit outside that literal (line 1 comment)', `${results.bigLiteralEditOutsideRelintMs.toFixed(1)} ms`, '— (the old bigLiteralRelintMs case)']);
  // What typing costs in the large file: incremental parse, then the whole analysis again.
  const largePython = generatedFile('python', 10_000, 200);
  results.largeFileRelintMs = median(await relintTimes(linter, largePython, 'a.py', largePython.indexOf('total = 0') + 'total = '.length));
  // The same measurement under the name the reach issue gives its budget (per-function reuse is not built yet).
  results.relintAfterEditMs = results.largeFileRelintMs;
  rows.push(['Re-lint after a 1-character edit in the 10,000-line python file (`relintAfterEditMs`)', `${results.largeFileRelintMs.toFixed(1)} ms`, '≤ 20 ms']);

  log('long run without spaces…');
  const noSpace: number[] = [];
  for (let i = 0; i < 7; i++) {
    const blob = Array.from({ length: 50_000 }, (_, j) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'[(j * 7919 + i * 104729) % 64]).join('');
    const text = `client.messages.create(model="claude-sonnet-4-5", max_tokens=5, messages=[], system=[{"type": "text", "text": "${blob}", "cache_control": {"type": "ephemeral"}}])\n`;
    const start = performance.now();
    await linter.lint(text, 'python', { fileName: 'blob.py' });
    noSpace.push(performance.now() - start);
  }
  results.noSpaceRunMs = median(noSpace);
  rows.push(['A 50,000-character string without spaces in a prompt (uncached)', `${results.noSpaceRunMs.toFixed(1)} ms`, '≤ 50 ms']);

  log('cold start, activation, memory (fresh processes)…');
  results.coldFirstLintMs = median(child('cold', 5));
  rows.push(['First lint in a fresh process (parser WASM + token ranks load lazily)', `${results.coldFirstLintMs.toFixed(0)} ms`, '≤ 400 ms']);
  const memory = childRuns('memory', 3);
  results.peakExtraRssBytes = median(memory.map((r) => r.extraRss));
  results.peakExtraHeapBytes = median(memory.map((r) => r.extraHeap));
  results.retainedExtraHeapBytes = median(memory.map((r) => r.retainedHeap));
  rows.push(['Peak extra resident memory (RSS, includes the parsers\' WASM memory) linting the big-literal file 6×', `${(results.peakExtraRssBytes / 1024 / 1024).toFixed(0)} MB`, '≤ 80 MB']);
  rows.push(['Peak extra JS heap (heapUsed sampled after each of those lints, before GC)', `${(results.peakExtraHeapBytes / 1024 / 1024).toFixed(0)} MB`, '≤ 80 MB']);
  rows.push(['Extra JS heap still held after the lints and a full GC (caches, kept trees)', `${(results.retainedExtraHeapBytes / 1024 / 1024).toFixed(0)} MB`, '—']);

  log('packaging the .vsix…');
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: ROOT, stdio: 'ignore' });
  const vsix = path.join(ROOT, 'prompt-cache-lint.vsix');
  results.vsixBytes = fs.statSync(vsix).size;
  rows.push(['.vsix size', `${(results.vsixBytes / 1024 / 1024).toFixed(2)} MB`, '≤ 6 MB']);
  // Activation of what users install: the production bundle inside the .vsix, unpacked.
  const unpacked = path.join(WORK, 'vsix');
  fs.rmSync(unpacked, { recursive: true, force: true });
  execFileSync('unzip', ['-q', '-o', vsix, '-d', unpacked]);
  results.activationMs = median(child('activate', 5, path.join(unpacked, 'extension')));
  rows.push(['Extension activate() incl. loading the packaged production bundle (stub vscode API: no VS Code here)', `${results.activationMs.toFixed(1)} ms`, '≤ 30 ms']);

  log('CLI vs ESLint on 1,000 TypeScript files…');
  const tree1000 = tsTree();
  const ours = wallMs(process.execPath, [path.join(ROOT, 'bin', 'prompt-cache-lint.js'), '--format', 'json', tree1000], 3);
  const eslint = wallMs(process.execPath, [path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--no-config-lookup', '-c', path.join(WORK, 'eslint.config.mjs'), tree1000], 3);
  results.eslintRatio = ours / eslint;
  rows.push(['CLI over 1,000 TS files vs ESLint (typescript-eslint parser, one rule), whole process', `${(ours / 1000).toFixed(2)} s vs ${(eslint / 1000).toFixed(2)} s = ${results.eslintRatio.toFixed(2)}×`, '≤ 0.5×']);

  if (json) {
    console.log(JSON.stringify(results));
  } else {
    console.log(['| Case | Median | Target |', '|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n'));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
