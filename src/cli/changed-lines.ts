import { execFileSync } from 'child_process';
import * as path from 'path';

/**
 * `--changed-since <ref>`: the lines of each file that differ from a git revision (committed,
 * staged or not), so only findings on them are reported. Git is run read-only, with external diff
 * drivers and text conversion filters off (they would run programs the repository configures).
 */

export class ChangedLinesError extends Error {}

/** 1-based line ranges, inclusive; `'all'` for a file the revision does not have (new or untracked). */
export type ChangedLines = Array<[number, number]> | 'all';

function git(args: string[], cwd: string): string {
  return execFileSync('git', ['-c', 'diff.external=', '-c', 'core.quotepath=off', ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
}

function message(error: unknown): string {
  const stderr = (error as { stderr?: string }).stderr;
  return (typeof stderr === 'string' && stderr.trim() ? stderr.trim().split('\n')[0] : (error as Error).message).replace(/^fatal: /, '');
}

export class ChangedSince {
  private readonly roots = new Map<string, string>();
  private readonly verified = new Set<string>();

  constructor(private readonly ref: string) {}

  /** The lines of `file` changed since the revision; throws ChangedLinesError outside git or for a bad revision. */
  linesOf(file: string): ChangedLines {
    const dir = path.dirname(path.resolve(file));
    const root = this.rootOf(dir);
    if (!this.verified.has(root)) {
      try {
        git(['rev-parse', '--verify', '--quiet', `${this.ref}^{commit}`], root);
      } catch {
        throw new ChangedLinesError(`--changed-since: "${this.ref}" is not a revision of the git repository at ${root}`);
      }
      this.verified.add(root);
    }
    const relative = path.relative(root, path.resolve(file)).split(path.sep).join('/');
    let tracked = true;
    try {
      git(['cat-file', '-e', `${this.ref}:${relative}`], root);
    } catch {
      tracked = false;
    }
    if (!tracked) {
      return 'all';
    }
    let diff: string;
    try {
      diff = git(['diff', '--no-ext-diff', '--no-textconv', '--no-color', '--unified=0', this.ref, '--', relative], root);
    } catch (error) {
      throw new ChangedLinesError(`--changed-since: git diff failed for ${file}: ${message(error)}`);
    }
    return parseHunks(diff);
  }

  private rootOf(dir: string): string {
    const known = this.roots.get(dir);
    if (known) {
      return known;
    }
    let root: string;
    try {
      root = git(['rev-parse', '--show-toplevel'], dir).trim();
    } catch (error) {
      throw new ChangedLinesError(`--changed-since needs files in a git repository; ${dir} is not in one (${message(error)})`);
    }
    this.roots.set(dir, root);
    return root;
  }
}

/** The new-side line ranges of `git diff --unified=0` hunks (`@@ -a,b +c,d @@`); a pure deletion marks the line after it. */
export function parseHunks(diff: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const match of diff.matchAll(/^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/gm)) {
    const start = Number(match[1]);
    const count = match[2] === undefined ? 1 : Number(match[2]);
    // Lines removed without replacement: the line now in their place is where a finding about it shows.
    ranges.push(count === 0 ? [start + 1, start + 1] : [start, start + count - 1]);
  }
  return ranges;
}

/** Whether a finding starting on this 1-based line is on a changed line. */
export function onChangedLine(lines: ChangedLines, line: number): boolean {
  return lines === 'all' || lines.some(([start, end]) => start <= line && line <= end);
}
