import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { type Baseline, contextFingerprint, readBaseline, stalenessNote } from './mutation-baseline';
import { SHARED_DIR } from './shared-dir';

/**
 * `npm run test:mutation [-- group …]`: Stryker over `src/core`, one run per group of folders, then
 * one merged report (reports/mutation/mutation.json and index.html) and the per-folder summary.
 *
 * Why groups: Stryker instruments every file it mutates, and instrumented code runs several times
 * slower even when none of its mutants is active. Mutating `tokens` makes every lint's exact count
 * go through mutant switches — the unit suite's initial run took 8–9 minutes with `tokens`
 * instrumented, against 30 seconds to under 2 minutes for every other group — so one run over the
 * whole core pays that on every test of every mutant. Separate runs keep each group's slowdown to its own mutants. Each group keeps
 * its own report and incremental file, so a group can be re-run alone (`-- dialects`) and the merge
 * still shows the others' last results, with their dates. `-- --merge-only` only merges and
 * summarises; `-- --survivors` lists the surviving mutants too; `-- --force` ignores the
 * incremental files; `-- --checker` adds the TypeScript checker (off by default: see the config's
 * comment). Stryker's incremental mode does not see fixtures, helpers or the rest of
 * `src`; each full run records them (mutation-baseline.ts) and later runs say what changed since.
 */
interface Group {
  name: string;
  mutate: string[];
  /** The test files run against this group's mutants, when not the config's whole list. */
  spec?: string[];
}

const ROOT = path.resolve(__dirname, '..', '..');
const OUT = path.join(ROOT, 'reports', 'mutation');
const GROUPS_DIR = path.join(OUT, 'groups');
const CORE = 'src/core';

/** The tests that check counts: the exact counter's groups run only these (see GROUPS). */
const EXACT_COUNT_TESTS = ['exact-tokens', 'unicode-scripts', 'token-estimator'].map((f) => `out/test/unit/${f}.test.js`);

export const GROUPS: Group[] = [
  { name: 'rules-fixes-models', mutate: ['rules', 'fixes', 'models'].map((f) => `${CORE}/${f}/**/*.ts`) },
  { name: 'request', mutate: [`${CORE}/request/**/*.ts`] },
  { name: 'dialects', mutate: [`${CORE}/dialects/**/*.ts`] },
  { name: 'report-modules-root', mutate: [`${CORE}/report/**/*.ts`, `${CORE}/modules/**/*.ts`, `${CORE}/*.ts`] },
  { name: 'parsing-syntax', mutate: [`${CORE}/parsing/**/*.ts`, `${CORE}/syntax/**/*.ts`] },
  // The cl100k counter apart from the rest of the estimator: every lint runs it, and instrumented it
  // makes the suite's initial run 46 s instead of 18, which the other files' mutants need not pay.
  { name: 'tokens-cl100k', mutate: [`${CORE}/tokens/bpe-counter.ts`] },
  {
    name: 'tokens',
    mutate: ['claude-estimator', 'content-kind', 'count-tokens-api', 'exact-token-counter', 'text-features', 'token-counter', 'unicode-scripts'].map((f) => `${CORE}/tokens/${f}.ts`),
  },
  // The offline exact counter, against the tests that check counts. Every lint counts exactly, so
  // against the whole suite each rule test of each mutant runs the instrumented counter (Stryker
  // estimated 28 hours at one runner); the rule tests check findings, not counts. A lower bound.
  // One group per file: the count tests spend their time in the counter's inner loops, and each
  // instrumented file slows them (all five together: 21 s per surviving mutant; one at a time:
  // 6–15 s), so a file's survivors only pay for their own file's instrumentation.
  ...[['classes', 'char-classes', 'unicode'], ['stream', 'marked-stream'], ['tiler', 'vocabulary'], ['counter', 'exact-counter']].map(([name, ...files]) => ({
    name: `tokens-exact-${name}`,
    mutate: files.map((f) => `${CORE}/tokens/exact/${f}.ts`),
    spec: EXACT_COUNT_TESTS,
  })),
];

/**
 * Unit test files the mutation runs leave out, and why; every other unit test file is in
 * stryker.config.json's list (a project-meta test checks both ways). The two sweeps were measured:
 * over about 20,000 mutants they never killed one that the files before them had left alive, and
 * as every surviving mutant re-runs every test that covers it, they were over a quarter of the
 * estimated time spent on mutants (test durations times the runs the reports record). `npm test` runs them in full.
 */
export const LEFT_OUT: Record<string, string> = {
  cli: 'runs the core in a child process, which never sees the active mutant',
  robustness: 'seeded damage to every fixture and example: no mutant killed that other tests missed, a sixth of the run time',
  'project-meta': 'README, docs and config checks, and two sweeps over every fixture and example: no mutant killed, an eighth of the run time',
  'mutation-scripts': 'tests these scripts, which are not mutated',
};

interface Report {
  schemaVersion: string;
  thresholds: Record<string, number>;
  files: Record<string, unknown>;
  testFiles?: Record<string, unknown>;
  projectRoot?: string;
}

function groupConfig(group: Group, withChecker: boolean): string {
  const base = JSON.parse(fs.readFileSync(path.join(ROOT, 'stryker.config.json'), 'utf8')) as Record<string, unknown>;
  delete base.$schema;
  const config = {
    ...base,
    mutate: group.mutate,
    reporters: ['json', 'progress'],
    jsonReporter: { fileName: path.relative(ROOT, reportOf(group)) },
    incrementalFile: path.relative(ROOT, stateFileOf(group, withChecker, 'incremental')),
    ...(group.spec && { mochaOptions: { ...(base.mochaOptions as object), spec: group.spec } }),
    ...(withChecker && { checkers: ['typescript'] }),
  };
  const file = path.join(GROUPS_DIR, `${group.name}.stryker.json`);
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

function reportOf(group: Group): string {
  return path.join(GROUPS_DIR, `${group.name}.json`);
}

// Runs with and without the checker keep separate incremental files: a type error is a result
// only the checker gives, and reusing it in a run without one would mix the two scores.
function stateFileOf(group: Group, withChecker: boolean, kind: 'incremental' | 'baseline'): string {
  return path.join(GROUPS_DIR, `${group.name}${withChecker ? '.checker' : ''}.${kind}.json`);
}

/** Whether the group's last run (the one its report is from) had the checker: the newer incremental file. */
function lastRunHadChecker(group: Group): boolean {
  const written = (file: string) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : -1);
  return written(stateFileOf(group, true, 'incremental')) > written(stateFileOf(group, false, 'incremental'));
}

function runGroup(group: Group, force: boolean, withChecker: boolean): { ok: boolean; minutes: number } {
  const started = Date.now();
  console.log(`\n== ${group.name}: ${group.mutate.join(' ')}`);
  const full = force || !fs.existsSync(stateFileOf(group, withChecker, 'incremental'));
  const context = contextFingerprint(ROOT, group.mutate);
  const note = full ? undefined : stalenessNote(group.name, readBaseline(stateFileOf(group, withChecker, 'baseline')), context);
  if (note) {
    console.log(`note: ${note}`);
  }
  const result = spawnSync('npx', ['stryker', 'run', path.relative(ROOT, groupConfig(group, withChecker)), ...(force ? ['--force'] : [])], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, PCL_MUTATION: '1', PCL_SHARED_DIR: SHARED_DIR },
  });
  const ok = result.status === 0;
  if (ok && full) {
    const baseline: Baseline = { date: new Date(started).toISOString().slice(0, 16).replace('T', ' ') + ' UTC', files: context };
    fs.writeFileSync(stateFileOf(group, withChecker, 'baseline'), JSON.stringify(baseline, null, 1));
  }
  return { ok, minutes: (Date.now() - started) / 60000 };
}

/** One report from the groups' last reports: files and test files are disjoint or identical across groups. */
function merge(): { report: Report; sources: string[]; notes: string[] } | undefined {
  const sources: string[] = [];
  const notes: string[] = [];
  let merged: Report | undefined;
  for (const group of GROUPS) {
    const file = reportOf(group);
    if (!fs.existsSync(file)) {
      sources.push(`${group.name}: no report yet`);
      continue;
    }
    const report = JSON.parse(fs.readFileSync(file, 'utf8')) as Report;
    sources.push(`${group.name}: ${fs.statSync(file).mtime.toISOString().slice(0, 16).replace('T', ' ')} UTC`);
    const note = stalenessNote(group.name, readBaseline(stateFileOf(group, lastRunHadChecker(group), 'baseline')), contextFingerprint(ROOT, group.mutate));
    if (note) {
      notes.push(note);
    }
    merged = merged
      ? { ...merged, files: { ...merged.files, ...report.files }, testFiles: { ...merged.testFiles, ...report.testFiles } }
      : report;
  }
  return merged && { report: merged, sources, notes };
}

function html(report: Report): string {
  const elements = fs.readFileSync(require.resolve('mutation-testing-elements/dist/mutation-test-elements.js'), 'utf8');
  // As Stryker's own HTML reporter: the report inline, with `<` split so no string closes the script.
  const data = JSON.stringify(report).replace(/</g, '<"+"');
  return `<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>Prompt Cache Lint: mutation report</title><script>${elements}</script></head>
<body>
<mutation-test-report-app titlePostfix="Prompt Cache Lint"></mutation-test-report-app>
<script>
  const app = document.querySelector('mutation-test-report-app');
  app.report = ${data};
  const updateTheme = () => { document.body.style.backgroundColor = app.themeBackgroundColor; };
  app.addEventListener('theme-changed', updateTheme);
  updateTheme();
</script>
</body>
</html>
`;
}

function main(): void {
  const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = names.filter((n) => !GROUPS.some((g) => g.name === n));
  if (unknown.length) {
    console.error(`unknown group(s): ${unknown.join(', ')}; the groups are ${GROUPS.map((g) => g.name).join(', ')}`);
    process.exit(2);
  }
  if (!fs.existsSync(SHARED_DIR)) {
    console.log(`note: ${SHARED_DIR} is absent, so the tests that read recorded counts and the reference counter skip themselves`);
  }
  fs.mkdirSync(GROUPS_DIR, { recursive: true });
  // --merge-only: merge the groups' last reports and print the summary, running nothing.
  const chosen = process.argv.includes('--merge-only') ? [] : names.length ? GROUPS.filter((g) => names.includes(g.name)) : GROUPS;
  const times: string[] = [];
  let failed = false;
  for (const group of chosen) {
    const { ok, minutes } = runGroup(group, process.argv.includes('--force'), process.argv.includes('--checker'));
    times.push(`${group.name} ${minutes.toFixed(1)} min${ok ? '' : ' (failed)'}`);
    failed ||= !ok;
  }
  const merged = merge();
  if (!merged) {
    console.error('no group report to merge');
    process.exit(1);
  }
  fs.writeFileSync(path.join(OUT, 'mutation.json'), JSON.stringify(merged.report));
  fs.writeFileSync(path.join(OUT, 'index.html'), html(merged.report));
  if (times.length) {
    console.log(`\nRun times: ${times.join(', ')}`);
  }
  console.log(`Reports merged (last run of each group): ${merged.sources.join('; ')}`);
  merged.notes.forEach((note) => console.log(`note: ${note}`));
  console.log(`Wrote ${path.relative(ROOT, path.join(OUT, 'index.html'))} and mutation.json\n`);
  const summary = spawnSync(process.execPath, [path.join(__dirname, 'mutation-summary.js'), ...process.argv.slice(2).filter((a) => a === '--survivors')], { stdio: 'inherit' });
  process.exitCode = failed ? 1 : (summary.status ?? 1);
}

if (require.main === module) {
  main();
}
