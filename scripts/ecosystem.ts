import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { FolderPromptFiles, Linter } from '../src/core';
import type { SourceLanguage } from '../src/core/types';

/**
 * `npm run ecosystem`: lint a pinned list of public repositories (Ruff's ecosystem check) and
 * compare with the committed snapshot, so a change in what the linter reaches shows as a diff to
 * read. The repositories are bare git snapshots in a cache folder outside this repo (never
 * committed; `PCL_ECOSYSTEM_CACHE`, default `../.mirror`, laid out as `<owner>+<name>/repo`);
 * each repository's pinned commit is unpacked once (`git archive`) into a folder beside the cache
 * (`PCL_ECOSYSTEM_TREES`, default `../.ecosystem-trees`) so imports, prompt files and data files
 * resolve as they would in the user's workspace; nothing is executed. Notebooks are linted too.
 * Without the cache it says so and exits 0, so CI needs no network.
 *
 *   npm run ecosystem                  compare with ecosystem/snapshot.json
 *   npm run ecosystem -- --update      rewrite the snapshot (read the diff first)
 *   npm run ecosystem -- --json        per-repo totals as JSON
 */
interface PinnedRepo {
  repo: string;
  commit: string;
  /** Only paths under these folders (large repos). */
  under?: string[];
}

interface FileRecord {
  requests: number;
  breakpoints: number;
  /** `cache_control` written in the file / tied to a request. */
  written: number;
  attached: number;
  /** Prompt blocks with text read from another module of the repository (imports followed). */
  imported?: number;
  findings: string[];
}

type Snapshot = Record<string, Record<string, FileRecord>>;

const ROOT = path.resolve(__dirname, '..', '..');
const PINNED = path.join(ROOT, 'ecosystem', 'repos.json');
const SNAPSHOT = path.join(ROOT, 'ecosystem', 'snapshot.json');
const CACHE = path.resolve(process.env.PCL_ECOSYSTEM_CACHE ?? path.join(ROOT, '..', '.mirror'));
const TREES = path.resolve(process.env.PCL_ECOSYSTEM_TREES ?? path.join(ROOT, '..', '.ecosystem-trees'));
const EXTENSIONS: Record<string, SourceLanguage> = { '.ipynb': 'python', '.py': 'python', '.ts': 'typescript', '.tsx': 'typescript', '.mts': 'typescript', '.cts': 'typescript', '.js': 'javascript', '.jsx': 'javascript', '.mjs': 'javascript', '.cjs': 'javascript' };
const SKIPPED_DIRS = /(^|\/)(node_modules|dist|build|out|vendor|\.next|__snapshots__)\//;
/** Files that may call Claude: the rest of a repository is not read. */
const MENTIONS = /anthropic|claude|cache_control|cacheControl/i;
const MAX_BYTES = 1_000_000;
/** Notebooks carry their outputs (images): a larger cap, as the CLI's. */
const MAX_NOTEBOOK_BYTES = 8_000_000;

function gitDirOf(repo: string): string | undefined {
  const base = path.join(CACHE, repo.replace('/', '+'));
  for (const candidate of [path.join(base, 'repo'), base]) {
    if (fs.existsSync(path.join(candidate, 'HEAD')) || fs.existsSync(path.join(candidate, '.git'))) {
      return candidate;
    }
  }
  return undefined;
}

function git(gitDir: string, args: string[], input?: string): Buffer {
  return execFileSync('git', ['--git-dir', fs.existsSync(path.join(gitDir, '.git')) ? path.join(gitDir, '.git') : gitDir, ...args], { input, maxBuffer: 1 << 30 });
}

/** The candidate source files of a repo at its pinned commit, with their text. */
function sourceFiles(gitDir: string, pinned: PinnedRepo): Array<{ file: string; text: string; language: SourceLanguage }> {
  const listing = git(gitDir, ['ls-tree', '-r', '-l', pinned.commit]).toString('utf8').split('\n');
  const wanted: Array<{ sha: string; file: string; language: SourceLanguage }> = [];
  for (const line of listing) {
    const match = /^\d+ blob ([0-9a-f]+)\s+(\d+)\t(.*)$/.exec(line);
    const file = match?.[3] ?? '';
    if (!match || Number(match[2]) > (file.endsWith('.ipynb') ? MAX_NOTEBOOK_BYTES : MAX_BYTES)) {
      continue;
    }
    const language = EXTENSIONS[path.extname(file)];
    if (!language || SKIPPED_DIRS.test(file) || file.endsWith('.d.ts') || /\.min\.js$/.test(file)) {
      continue;
    }
    if (pinned.under && !pinned.under.some((folder) => file.startsWith(folder))) {
      continue;
    }
    wanted.push({ sha: match[1], file, language });
  }
  const out = git(gitDir, ['cat-file', '--batch'], wanted.map((w) => w.sha).join('\n') + '\n');
  const files: Array<{ file: string; text: string; language: SourceLanguage }> = [];
  let offset = 0;
  for (const entry of wanted) {
    const headerEnd = out.indexOf(10, offset);
    const size = Number(out.subarray(offset, headerEnd).toString('utf8').split(' ')[2]);
    const text = out.subarray(headerEnd + 1, headerEnd + 1 + size).toString('utf8');
    offset = headerEnd + 1 + size + 1;
    if (MENTIONS.test(text) && !text.includes('\0')) {
      files.push({ file: entry.file, text, language: entry.language });
    }
  }
  return files;
}

/** Files worth unpacking: sources, and what prompts are read from (text, data, templates). */
const UNPACKED = /\.(py|pyi|ts|tsx|mts|cts|js|jsx|mjs|cjs|ipynb|json|ya?ml|toml|md|txt|j2|jinja2?|prompt|cfg|ini)$/i;

/**
 * The pinned commit's source and text files unpacked on disk (once), so imports resolve inside
 * it. Snapshots may lack their largest blobs: those are skipped.
 */
function treeOf(gitDir: string, pinned: PinnedRepo): string {
  const dir = path.join(TREES, `${pinned.repo.replace('/', '+')}@${pinned.commit.slice(0, 12)}`);
  if (fs.existsSync(path.join(dir, '.unpacked'))) {
    return dir;
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const wanted: Array<{ sha: string; file: string }> = [];
  for (const line of git(gitDir, ['ls-tree', '-r', '-l', pinned.commit]).toString('utf8').split('\n')) {
    const match = /^\d+ blob ([0-9a-f]+)\s+(\d+)\t(.*)$/.exec(line);
    if (match && Number(match[2]) <= MAX_NOTEBOOK_BYTES && UNPACKED.test(match[3]) && !/(^|\/)node_modules\//.test(match[3])) {
      wanted.push({ sha: match[1], file: match[3] });
    }
  }
  for (let start = 0; start < wanted.length; start += 2000) {
    const batch = wanted.slice(start, start + 2000);
    const out = git(gitDir, ['cat-file', '--batch'], batch.map((w) => w.sha).join('\n') + '\n');
    let offset = 0;
    for (const entry of batch) {
      const headerEnd = out.indexOf(10, offset);
      const header = out.subarray(offset, headerEnd).toString('utf8').split(' ');
      if (header[1] === 'missing') {
        offset = headerEnd + 1;
        continue;
      }
      const size = Number(header[2]);
      const target = path.join(dir, entry.file);
      if (path.relative(dir, target).startsWith('..')) {
        throw new Error(`refusing to unpack ${entry.file} outside ${dir}`);
      }
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, out.subarray(headerEnd + 1, headerEnd + 1 + size));
      offset = headerEnd + 1 + size + 1;
    }
  }
  fs.writeFileSync(path.join(dir, '.unpacked'), pinned.commit);
  return dir;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const pinnedRepos = JSON.parse(fs.readFileSync(PINNED, 'utf8')) as PinnedRepo[];
  if (!fs.existsSync(CACHE)) {
    console.log(`ecosystem: no repository cache at ${CACHE} (set PCL_ECOSYSTEM_CACHE); nothing checked.`);
    return;
  }
  const linter = new Linter();
  const snapshot: Snapshot = {};
  const missing: string[] = [];
  const totals: Record<string, { files: number; requests: number; breakpoints: number; written: number; attached: number; findings: number }> = {};
  const started = Date.now();
  for (const pinned of pinnedRepos) {
    const gitDir = gitDirOf(pinned.repo);
    if (!gitDir) {
      missing.push(pinned.repo);
      continue;
    }
    const records: Record<string, FileRecord> = {};
    const total = { files: 0, requests: 0, breakpoints: 0, written: 0, attached: 0, findings: 0 };
    const tree = args.includes('--no-imports') ? undefined : treeOf(gitDir, pinned);
    const workspace = tree ? new FolderPromptFiles(tree) : undefined;
    for (const { file, text, language } of sourceFiles(gitDir, pinned)) {
      const options = { fileName: tree ? path.join(tree, file) : file, promptFiles: workspace };
      const result = file.endsWith('.ipynb') ? await linter.lintNotebook(text, options) : await linter.lint(text, language, options);
      if (result.unreadable) {
        continue;
      }
      if (result.internalError) {
        console.error(`${pinned.repo}/${file}: internal error: ${result.internalError}`);
      }
      total.files++;
      const record: FileRecord = {
        requests: result.requests.length,
        breakpoints: result.requests.reduce((sum, r) => sum + r.breakpoints.length, 0),
        written: result.cacheControl?.written ?? 0,
        attached: result.cacheControl?.attached ?? 0,
        ...importedBlocks(result),
        findings: result.findings.map((f) => `${f.cell !== undefined ? `cell ${f.cell} ` : ''}${f.range.start.line + 1}:${f.range.start.character + 1} ${f.ruleId} ${f.message}`),
      };
      if (record.requests || record.written || record.findings.length) {
        records[file] = record;
      }
      total.requests += record.requests;
      total.breakpoints += record.breakpoints;
      total.written += record.written;
      total.attached += record.attached;
      total.findings += record.findings.length;
    }
    snapshot[pinned.repo] = records;
    totals[pinned.repo] = total;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (args.includes('--json')) {
    console.log(JSON.stringify({ totals, missing, seconds: Number(seconds) }, null, 2));
  } else {
    printTotals(totals);
    console.log(`(${seconds} s${missing.length ? `; not in the cache, skipped: ${missing.join(', ')}` : ''})`);
  }
  const previous = fs.existsSync(SNAPSHOT) ? (JSON.parse(fs.readFileSync(SNAPSHOT, 'utf8')) as Snapshot) : {};
  if (args.includes('--update')) {
    // A repository missing from this machine's cache keeps its recorded entry: it was not checked.
    const kept = Object.fromEntries(pinnedRepos.map(({ repo }) => [repo, snapshot[repo] ?? previous[repo]]).filter(([, records]) => records !== undefined));
    fs.writeFileSync(SNAPSHOT, JSON.stringify(kept, null, 1) + '\n');
    console.log(`wrote ${path.relative(ROOT, SNAPSHOT)}${missing.length ? ` (kept the recorded entries of ${missing.length} repositories not in the cache)` : ''}`);
    return;
  }
  const changes = diff(previous, snapshot, new Set(missing));
  if (changes.length === 0) {
    console.log('no change from the snapshot');
  } else {
    const files = changes.filter((line) => !line.startsWith(' ')).length;
    console.log(`\n${files} file(s) changed from the snapshot (--update to accept):\n${changes.join('\n')}`);
    process.exitCode = 1;
  }
}

/** Blocks with a part read from another module: known text from there, or an unknown part whose reason names where. */
function importedBlocks(result: { requests: Array<{ blocks: Array<{ segments: Array<{ source?: string; reason?: string }> }> }> }): { imported?: number } {
  const fromElsewhere = (segment: { source?: string; reason?: string }) => segment.source !== undefined || /\(in [^()]+:\d+\)/.test(segment.reason ?? '');
  const count = result.requests.reduce((sum, request) => sum + request.blocks.filter((block) => block.segments.some(fromElsewhere)).length, 0);
  return count ? { imported: count } : {};
}

function printTotals(totals: Record<string, { files: number; requests: number; breakpoints: number; written: number; attached: number; findings: number }>): void {
  const rows = Object.entries(totals);
  const sum = rows.reduce((acc, [, t]) => ({ files: acc.files + t.files, requests: acc.requests + t.requests, breakpoints: acc.breakpoints + t.breakpoints, written: acc.written + t.written, attached: acc.attached + t.attached, findings: acc.findings + t.findings }), { files: 0, requests: 0, breakpoints: 0, written: 0, attached: 0, findings: 0 });
  const line = (name: string, t: typeof sum) => `${name.padEnd(38)} ${String(t.files).padStart(5)} ${String(t.requests).padStart(8)} ${String(t.breakpoints).padStart(11)} ${`${t.attached}/${t.written}`.padStart(13)} ${String(t.findings).padStart(8)}`;
  console.log(`${'repository'.padEnd(38)} ${'files'.padStart(5)} ${'requests'.padStart(8)} ${'breakpoints'.padStart(11)} ${'cc attached'.padStart(13)} ${'findings'.padStart(8)}`);
  for (const [name, t] of rows) {
    console.log(line(name, t));
  }
  console.log(line('total', sum));
}

/** Per-file differences, findings line by line, so each change can be read. */
function diff(before: Snapshot, after: Snapshot, skipped: Set<string>): string[] {
  const out: string[] = [];
  for (const repo of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (skipped.has(repo)) {
      continue;
    }
    const a = before[repo] ?? {};
    const b = after[repo] ?? {};
    for (const file of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      const x = a[file] ?? { requests: 0, breakpoints: 0, written: 0, attached: 0, findings: [] };
      const y = b[file] ?? { requests: 0, breakpoints: 0, written: 0, attached: 0, findings: [] };
      const lines: string[] = [];
      for (const key of ['requests', 'breakpoints', 'written', 'attached', 'imported'] as const) {
        if ((x[key] ?? 0) !== (y[key] ?? 0)) {
          lines.push(`  ${key} ${x[key]} → ${y[key]}`);
        }
      }
      const removed = x.findings.filter((f) => !y.findings.includes(f));
      const added = y.findings.filter((f) => !x.findings.includes(f));
      lines.push(...removed.map((f) => `  - ${f}`), ...added.map((f) => `  + ${f}`));
      if (lines.length) {
        out.push(`${repo}/${file}`, ...lines);
      }
    }
  }
  return out;
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
