import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/**
 * What Stryker's incremental mode cannot see. It reuses a mutant's last result unless the mutated
 * file or a test file that covers it changed; it does not look at the fixtures, the test helpers,
 * the examples, the rest of `src` or the lock file, and any of those can turn a killed mutant into
 * a survivor or back. So each full (non-incremental) run of a group records a fingerprint of those
 * files, and later runs and merges say which of them changed since: the reused results may be stale
 * there, and `-- --force` re-runs the group whole.
 */
export interface Baseline {
  date: string;
  files: Record<string, string>;
}

const CONTEXT_ROOTS = ['src', 'test', 'examples'];
const CONTEXT_FILES = ['package-lock.json', 'tsconfig.json', '.mocharc.json'];
const SKIPPED_DIRS = new Set(['node_modules', 'out', 'dist', 'reports', '.vscode-test']);

/** Whether a repository-relative file matches one of the groups' globs: `dir/**\/*.ts` or `dir/*.ts`. */
export function globMatches(glob: string, file: string): boolean {
  const pattern = glob.replace(/\./g, '\\.').replace('/**/', '/(?:.+/)?').replace('*', '[^/]+');
  return new RegExp(`^${pattern}$`).test(file);
}

/** The files the tests read that Stryker does not compare, for a group mutating `mutate`, with their hashes. */
export function contextFingerprint(root: string, mutate: string[]): Record<string, string> {
  const files: string[] = [...CONTEXT_FILES.filter((f) => fs.existsSync(path.join(root, f)))];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const relative = `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        // tmp-* are the integration suite's throwaway copies.
        if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('tmp-')) {
          walk(relative);
        }
      } else if (entry.isFile()) {
        files.push(relative);
      }
    }
  };
  CONTEXT_ROOTS.filter((dir) => fs.existsSync(path.join(root, dir))).forEach(walk);
  const stryker = (file: string) => mutate.some((glob) => globMatches(glob, file)) || /^test\/unit\/[^/]+\.test\.ts$/.test(file);
  const fingerprint: Record<string, string> = {};
  for (const file of files.filter((f) => !stryker(f)).sort()) {
    fingerprint[file] = createHash('sha1').update(fs.readFileSync(path.join(root, file))).digest('hex').slice(0, 16);
  }
  return fingerprint;
}

/** Files added, removed or changed between a baseline and now. */
export function changedFiles(baseline: Record<string, string>, now: Record<string, string>): string[] {
  const names = new Set([...Object.keys(baseline), ...Object.keys(now)]);
  return [...names].filter((name) => baseline[name] !== now[name]).sort();
}

export function readBaseline(file: string): Baseline | undefined {
  try {
    const baseline = JSON.parse(fs.readFileSync(file, 'utf8')) as Baseline;
    return typeof baseline.date === 'string' && baseline.files && typeof baseline.files === 'object' ? baseline : undefined;
  } catch {
    return undefined;
  }
}

/** One line on how far a group's reused results can be trusted, or undefined when nothing it cannot see changed. */
export function stalenessNote(groupName: string, baseline: Baseline | undefined, now: Record<string, string>): string | undefined {
  if (!baseline) {
    return `${groupName}: no record of the files its last full run saw, so reused results may be stale; \`-- --force\` re-runs it whole`;
  }
  const changed = changedFiles(baseline.files, now);
  if (!changed.length) {
    return undefined;
  }
  const shown = changed.slice(0, 4).join(', ') + (changed.length > 4 ? `, and ${changed.length - 4} more` : '');
  return `${groupName}: ${changed.length} file(s) the tests read but Stryker does not compare changed since its last full run (${baseline.date}): ${shown}. Reused results may be stale; \`-- --force\` re-runs it whole`;
}
