export type OutputFormat = 'text' | 'json' | 'sarif' | 'html';

export interface CliOptions {
  command: 'lint' | 'tokens' | 'models' | 'lsp' | 'help' | 'version';
  paths: string[];
  format: OutputFormat;
  model?: string;
  reuse?: number;
  config?: string;
  /** Read prompt files named in source, inside the root (on unless --no-prompt-files). */
  promptFiles: boolean;
  /** Follow imports into workspace modules inside the root (on unless --no-imports or --no-prompt-files). */
  imports: boolean;
  /** The folder imports resolve in and files are read from (default: the working directory). */
  root?: string;
  /** Apply safe fixes in place (`write`), or print them as a unified diff (`dry-run`). */
  fix?: 'write' | 'dry-run';
  /** Report only findings on lines changed since this git revision. */
  changedSince?: string;
  /** `tokens`: the exact offline count (default), the calibrated estimate, or raw cl100k (tiktoken). */
  estimator?: 'exact' | 'estimate' | 'tiktoken';
}

export class UsageError extends Error {}

export const USAGE = `Usage:
  prompt-cache-lint [options] <files|dirs...>    lint Python/TS/JS files for Claude prompt caching
  prompt-cache-lint tokens [--model <id>] [--estimator exact|estimate|tiktoken] [--format text|json] <files...>
                                                 count Claude tokens of text files: exact
                                                 offline counts (default), the calibrated
                                                 estimate, or raw cl100k tokens, to compare
  prompt-cache-lint models [--format text|json]  list known models, minimums and prices
  prompt-cache-lint lsp --stdio                  run the language server (any LSP editor)

Options:
  --format text|json|sarif|html
                             output format (default: text); html: one self-contained page
                             with each request's cache map and cost chart
  --model <id>               model assumed where a request's model is not known statically
  --reuse <n>                calls assumed to share a cached prefix per TTL window (default: 10)
  --config <file>            configuration file (default: ./.prompt-cache-lint.json if present)
  --root <dir>               the project root: imports resolve and files are read only inside
                             it (default: the working directory)
  --no-prompt-files          do not read prompt files named in code (read by default: files
                             inside the root only, at most 1 MB, text only); implies --no-imports
  --no-imports               do not follow imports into the root's modules (followed by default:
                             Python and JS/TS modules, tsconfig paths, workspace packages)
  --fix                      apply safe fixes in place (re-linting until none is left), then
                             report what remains; a file that would not parse is never written
  --fix-dry-run              print the safe fixes as a unified diff instead; writes nothing
  --changed-since <ref>      report only findings on lines changed since a git revision
                             (committed or not; files new since then count as changed)
  -h, --help                 show this help
  -v, --version              show the version

Exit codes: 0 no error-severity finding (after --fix: none left); 1 at least one; 2 usage error, a
file that could not be read, or --changed-since outside a git repository.`;

export function parseArgs(argv: string[]): CliOptions {
  const options: CliOptions = { command: 'lint', paths: [], format: 'text', promptFiles: true, imports: true };
  const args = [...argv];
  if (args[0] === 'tokens' || args[0] === 'models') {
    options.command = args.shift() as 'tokens' | 'models';
  }
  if (args[0] === 'lsp') {
    const rest = args.slice(1);
    if (rest.length !== 1 || rest[0] !== '--stdio') {
      throw new UsageError('lsp takes exactly --stdio (the server speaks LSP over standard input and output)');
    }
    return { ...options, command: 'lsp' };
  }
  const value = (flag: string): string => {
    const next = args.shift();
    if (next === undefined || next.startsWith('--')) {
      throw new UsageError(`${flag} needs a value`);
    }
    return next;
  };
  while (args.length > 0) {
    const arg = args.shift() as string;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const take = () => (inline !== undefined ? inline : value(flag));
    switch (flag) {
      case '-h':
      case '--help':
        options.command = 'help';
        break;
      case '-v':
      case '--version':
        options.command = 'version';
        break;
      case '--format': {
        const format = take();
        const allowed = options.command === 'lint' ? ['text', 'json', 'sarif', 'html'] : ['text', 'json'];
        if (!allowed.includes(format)) {
          throw new UsageError(`--format must be one of ${allowed.join(', ')}`);
        }
        options.format = format as OutputFormat;
        break;
      }
      case '--model':
        options.model = take();
        break;
      case '--reuse': {
        const n = Number(take());
        if (!Number.isFinite(n) || n < 1) {
          throw new UsageError('--reuse must be a number of calls, at least 1');
        }
        options.reuse = Math.floor(n);
        break;
      }
      case '--config':
        options.config = take();
        break;
      case '--no-prompt-files':
        options.promptFiles = false;
        break;
      case '--no-imports':
        options.imports = false;
        break;
      case '--root':
        options.root = take();
        break;
      case '--fix':
      case '--fix-dry-run':
        if (options.fix && options.fix !== (flag === '--fix' ? 'write' : 'dry-run')) {
          throw new UsageError('--fix and --fix-dry-run cannot be used together');
        }
        options.fix = flag === '--fix' ? 'write' : 'dry-run';
        break;
      case '--changed-since':
        options.changedSince = take();
        break;
      case '--estimator': {
        const estimator = take();
        if (options.command !== 'tokens' || !['exact', 'estimate', 'tiktoken'].includes(estimator)) {
          throw new UsageError('--estimator applies to tokens and must be exact, estimate or tiktoken');
        }
        options.estimator = estimator as CliOptions['estimator'];
        break;
      }
      case '--':
        options.paths.push(...args.splice(0));
        break;
      default:
        if (flag.startsWith('-') && flag !== '-') {
          throw new UsageError(`unknown option ${flag}`);
        }
        options.paths.push(arg);
    }
  }
  if (options.fix === 'dry-run' && options.format !== 'text') {
    throw new UsageError('--fix-dry-run prints a diff: it takes no --format');
  }
  if ((options.fix || options.changedSince !== undefined) && options.command !== 'lint') {
    throw new UsageError(`--fix, --fix-dry-run and --changed-since apply to linting, not to ${options.command}`);
  }
  if ((options.command === 'lint' || options.command === 'tokens') && options.paths.length === 0) {
    throw new UsageError(options.command === 'tokens' ? 'tokens needs at least one file' : 'no files or directories given');
  }
  return options;
}
