import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { ClaudeTokenCounter, ClaudeTokenEstimator, type LintConfig, Linter, MODEL_FAMILIES, describeCount, exactFamilyOf, vocabularySource, TOOL_VERSION, isNotebookFile, mayHoldRequest, resolveConfig, resolveModel } from '../core';
import { type CliOptions, USAGE, UsageError, parseArgs } from './args';
import { collectFiles, readSourceFile } from './files';
import { type FileLintSettings, lintFile } from './lint-file';
import type { FileReport } from './formatters/file-report';
import { formatJson } from './formatters/json';
import { formatSarif } from './formatters/sarif';
import { formatText } from './formatters/text';
import { formatHtml } from './formatters/html';
import { type FileFix, errorsAfterFix, fixDiff, fixFile, writeFix } from './fix-files';
import { ChangedLinesError, ChangedSince, onChangedLine } from './changed-lines';

export const CONFIG_FILE_NAME = '.prompt-cache-lint.json';

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  color: boolean;
}

const defaultIo: Io = {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
  color: !!process.stdout.isTTY && !process.env.NO_COLOR,
};

/** Run the CLI; resolves to the exit code (0 clean, 1 error findings, 2 usage or unreadable files). */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let options: CliOptions;
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`prompt-cache-lint: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  switch (options.command) {
    case 'help':
      io.out(USAGE);
      return 0;
    case 'version':
      io.out(TOOL_VERSION);
      return 0;
    case 'models':
      io.out(formatModels(options.format));
      return 0;
    case 'tokens':
      return countTokens(options, io);
    case 'lint':
      return lintFiles(options, io);
    case 'lsp':
      // The server owns stdin/stdout until the client sends `exit` (the library then ends the process).
      (await import('../lsp/server')).startServer();
      return new Promise<number>(() => undefined);
  }
}

function loadConfig(options: CliOptions, io: Io): { config: LintConfig; ok: boolean } {
  let fileConfig: unknown;
  let ok = true;
  const configPath = options.config ?? (fs.existsSync(CONFIG_FILE_NAME) ? CONFIG_FILE_NAME : undefined);
  if (configPath) {
    try {
      fileConfig = JSON.parse(fs.readFileSync(configPath, 'utf8'));
    } catch (error) {
      io.err(`prompt-cache-lint: cannot read config ${configPath}: ${(error as Error).message}`);
      ok = false;
    }
  }
  const { config, problems } = resolveConfig(fileConfig);
  for (const problem of problems) {
    io.err(`prompt-cache-lint: ${configPath}: ${problem}`);
    ok = false;
  }
  if (options.model) {
    config.defaultModel = options.model;
    if (resolveModel(options.model).assumed) {
      io.err(`prompt-cache-lint: unknown model "${options.model}"; known ids are listed by \`prompt-cache-lint models\``);
      ok = false;
    }
  }
  if (options.reuse) {
    config.reuseCalls = options.reuse;
  }
  return { config, ok };
}

async function lintFiles(options: CliOptions, io: Io): Promise<number> {
  const loaded = loadConfig(options, io);
  const config = loaded.config;
  let ok = loaded.ok;
  const { files, problems } = collectFiles(options.paths);
  const reports: FileReport[] = problems.map((p) => ({ filePath: p.filePath, problem: p.message }));
  const linter = new Linter();
  const root = path.resolve(options.root ?? '.');
  if (options.root !== undefined && !isDirectory(root)) {
    io.err(`prompt-cache-lint: --root ${options.root} is not a folder`);
    return 2;
  }
  const settings: FileLintSettings = { config, root: options.promptFiles ? root : undefined, imports: options.imports };
  if (options.fix) {
    const fixes = await fixFiles(linter, files, settings);
    for (const fix of fixes.filter((f) => f.skipped && f.fixed === undefined && !/^notebooks /.test(f.skipped))) {
      io.err(`prompt-cache-lint: ${fix.filePath}: ${fix.skipped}`);
    }
    if (options.fix === 'dry-run') {
      // The diff is the output; the exit code says what would remain after it.
      const diffs = fixes.map((f) => fixDiff(f)).filter((d) => d !== '');
      io.out(diffs.length > 0 ? diffs.join('').trimEnd() : '');
      const after = await lintAll(linter, files.filter((_, i) => fixes[i].fixed === undefined), settings);
      const fixedErrors = await Promise.all(fixes.filter((f) => f.fixed !== undefined).map((f) => errorsAfterFix(linter, f, settings)));
      const errors = fixedErrors.some(Boolean) || after.some((r) => r.result?.findings.some((f) => f.severity === 'error'));
      return !ok || after.some((r) => r.problem) ? 2 : errors ? 1 : 0;
    }
    let unwritten = false;
    for (const fix of fixes) {
      const failure = writeFix(fix);
      if (failure) {
        io.err(`prompt-cache-lint: ${fix.filePath}: ${failure}`);
        fix.fixed = undefined;
        unwritten = true;
      }
    }
    if (unwritten) {
      ok = false;
    }
    const fixed = fixes.filter((f) => f.fixed !== undefined);
    if (fixed.length > 0) {
      io.err(`prompt-cache-lint: fixed ${fixed.reduce((n, f) => n + f.fixesApplied, 0)} problem(s) in ${fixed.length} file(s)`);
    }
  }
  // The HTML report draws requests, which do not cross threads: linted here.
  reports.push(...(await lintAll(linter, files, settings, options.format === 'html')));
  if (options.changedSince !== undefined) {
    const changed = new ChangedSince(options.changedSince);
    try {
      for (const report of reports) {
        if (report.result) {
          const lines = changed.linesOf(report.filePath);
          // A notebook's findings are numbered by cell: kept when the notebook changed at all.
          const keep = isNotebookFile(report.filePath) ? () => lines === 'all' || lines.length > 0 : (line: number) => onChangedLine(lines, line);
          report.result = { ...report.result, findings: report.result.findings.filter((f) => keep(f.range.start.line + 1)) };
        }
      }
    } catch (error) {
      if (error instanceof ChangedLinesError) {
        io.err(`prompt-cache-lint: ${error.message}`);
        return 2;
      }
      throw error;
    }
  }
  const output = options.format === 'json' ? formatJson(reports) : options.format === 'sarif' ? formatSarif(reports) : options.format === 'html' ? formatHtml(reports) : formatText(reports, io.color);
  io.out(output);
  for (const report of reports) {
    if (report.problem || report.result?.internalError) {
      io.err(`prompt-cache-lint: ${report.filePath}: ${report.problem ?? `internal error: ${report.result?.internalError}`}`);
    }
  }
  if (!ok || reports.some((r) => r.problem || r.result?.internalError)) {
    return 2;
  }
  return reports.some((r) => r.result?.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

/** The fixes `--fix` / `--fix-dry-run` would make, file by file, in the main thread. */
async function fixFiles(linter: Linter, files: string[], settings: FileLintSettings): Promise<FileFix[]> {
  const fixes: FileFix[] = [];
  for (const file of files) {
    fixes.push(await fixFile(linter, file, settings));
  }
  return fixes;
}

/** Below this many files to parse per lane, a thread costs more to start than it saves. */
const FILES_PER_WORKER = 16;
/** Lanes at most: this thread and up to three workers. */
const MAX_WORKERS = 4;
/**
 * Threads pay off only with cores to spare: each starts its own parsers and token ranks (~150 ms).
 * On 2 shared cores the measured run was slower with a worker (1.0 s vs 0.9 s over 1,000 files).
 * `PCL_WORKERS=<lanes>` overrides (tests use it).
 */
const MIN_CORES_FOR_WORKERS = 4;

function lanesFor(filesToParse: number): number {
  const forced = Number(process.env.PCL_WORKERS);
  if (Number.isInteger(forced) && forced >= 1) {
    return Math.min(forced, Math.max(1, filesToParse));
  }
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  return cores < MIN_CORES_FOR_WORKERS ? 1 : Math.min(MAX_WORKERS, cores, Math.floor(filesToParse / FILES_PER_WORKER));
}

/**
 * Lint the files in order. Files the pre-check clears are answered here; when enough are left to
 * parse and the machine has cores to spare, worker threads parse them (each with its own parsers
 * and module cache), and the reports come back in the files' order.
 */
async function lintAll(linter: Linter, files: string[], settings: FileLintSettings, singleThread = false): Promise<FileReport[]> {
  const toParse = files.filter((file) => {
    const read = readSourceFile(file);
    return isNotebookFile(file) || ('text' in read && mayHoldRequest(read.text));
  });
  const workers = singleThread ? 1 : lanesFor(toParse.length);
  if (workers < 2) {
    const reports: FileReport[] = [];
    for (const file of files) {
      reports.push(await lintFile(linter, file, settings));
    }
    return reports;
  }
  const parsed = new Set(toParse);
  const reports: FileReport[] = new Array(files.length);
  const queue = files.map((file, index) => ({ file, index })).filter(({ file }) => parsed.has(file));
  // The main thread is one of the lanes: on a 2-core machine, one worker and this thread.
  const pool = Array.from({ length: workers - 1 }, () => new Worker(path.join(__dirname, 'lint-worker.js'), { workerData: settings }));
  const threads = pool.map(
    (worker) =>
      new Promise<void>((resolve, reject) => {
        const next = () => {
          const item = queue.shift();
          worker.postMessage(item ? { index: item.index, filePath: item.file } : null);
          if (!item) {
            resolve();
          }
        };
        worker.on('message', (message: { index: number; report: FileReport }) => {
          reports[message.index] = message.report;
          next();
        });
        worker.on('error', reject);
        next();
      }),
  );
  try {
    for (const [index, file] of files.entries()) {
      if (!parsed.has(file)) {
        reports[index] = await lintFile(linter, file, settings);
      }
    }
    for (let item = queue.shift(); item; item = queue.shift()) {
      reports[item.index] = await lintFile(linter, item.file, settings);
    }
    await Promise.all(threads);
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
  return reports;
}

function isDirectory(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

function countTokens(options: CliOptions, io: Io): number {
  const { config, ok } = loadConfig(options, io);
  const model = resolveModel(config.defaultModel);
  const generation = model.family?.tokenizer.value ?? 1;
  const family = exactFamilyOf(model.family);
  const method = options.estimator ?? (family ? 'exact' : 'estimate');
  if (method === 'exact' && !family) {
    io.err(`prompt-cache-lint: ${model.family?.displayName ?? config.defaultModel} has no offline vocabulary: use --estimator estimate`);
    return 2;
  }
  const estimator = new ClaudeTokenEstimator();
  const counter = new ClaudeTokenCounter(estimator);
  const rows: { file: string; tokens: number; low: number; high: number; exact: boolean; method: string }[] = [];
  let failed = !ok;
  for (const file of options.paths) {
    const read = readSourceFile(file);
    if ('problem' in read) {
      io.err(`prompt-cache-lint: ${file}: ${read.problem}`);
      failed = true;
      continue;
    }
    if (method === 'tiktoken') {
      const n = estimator.tiktokenCount(read.text);
      rows.push({ file, tokens: n, low: n, high: n, exact: false, method: 'cl100k_base (js-tiktoken), not a Claude count' });
      continue;
    }
    const estimate = method === 'exact' ? counter.estimate(read.text, generation, family) : estimator.estimate(read.text, generation);
    rows.push({ file, tokens: estimate.tokens, low: estimate.low, high: estimate.high, exact: estimate.exact === true, method: estimate.exact ? `exact offline count (${family})` : 'calibrated estimate' });
  }
  const modelName = model.family?.displayName ?? config.defaultModel;
  if (options.format === 'json') {
    io.out(JSON.stringify(rows));
  } else {
    for (const row of rows) {
      const count = method === 'tiktoken' ? `${row.tokens} cl100k tokens (js-tiktoken; not a Claude count)` : describeCount({ tokens: row.tokens, low: row.low, high: row.high, exact: row.exact, method: row.exact ? 'offline' : undefined });
      io.out(`${row.file}: ${count} for ${modelName}${method === 'exact' ? ', as the text of one message' : ''}`);
    }
  }
  return failed ? 2 : 0;
}

function formatModels(format: CliOptions['format']): string {
  if (format === 'json') {
    return JSON.stringify(MODEL_FAMILIES.map((f) => ({ ...f, tokenCount: exactFamilyOf(f) ? { method: 'exact offline', family: exactFamilyOf(f) } : { method: 'estimate' } })), null, 2);
  }
  const counting = (f: (typeof MODEL_FAMILIES)[number]): string => {
    const family = exactFamilyOf(f);
    if (!family) {
      return 'token counts: estimated (no offline vocabulary for this tokenizer)';
    }
    const source = vocabularySource(family);
    return `token counts: exact offline (${family}: ${source.pieces.toLocaleString('en-US')} measured pieces, ctok ${source.commit.slice(0, 7)})`;
  };
  const lines = MODEL_FAMILIES.map((f) => {
    const min = f.minCacheableTokens ? `min ${f.minCacheableTokens.value} (${f.minCacheableTokens.source}, ${f.minCacheableTokens.date})` : 'no caching';
    const prices = f.prices ? `$${f.prices.value.input}/MTok in, $${f.prices.value.write5m} 5m write, $${f.prices.value.write1h} 1h write, $${f.prices.value.read} read (${f.prices.source}, ${f.prices.date})` : 'price unknown';
    return `${f.displayName} [tokenizer gen ${f.tokenizer.value}]\n  ids: ${f.idForms.join(', ')}\n  ${min}\n  ${prices}\n  ${counting(f)}`;
  });
  return lines.join('\n');
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`prompt-cache-lint: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
