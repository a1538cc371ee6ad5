import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SHARED_DIR } from '../../scripts/shared-dir';

/**
 * The reference offline counter (ctok, MIT, Python) in ../shared/tools/ctok, run by a Python ≥ 3.11
 * found on this machine (3.12 preferred: its Unicode 15.0 is the one the counts are pinned to).
 * Only tests use it; users never have it.
 */
export const CTOK_DIR = path.join(SHARED_DIR, 'tools', 'ctok');

export interface ReferencePython {
  executable: string;
  version: string;
  unicode: string;
}

function probe(executable: string): ReferencePython | undefined {
  const run = spawnSync(executable, ['-c', 'import sys, unicodedata; print("%d.%d" % sys.version_info[:2], unicodedata.unidata_version)'], { encoding: 'utf8', timeout: 20_000 });
  if (run.status !== 0 || !run.stdout) {
    return undefined;
  }
  const [version, unicode] = run.stdout.trim().split(' ');
  const [major, minor] = version.split('.').map(Number);
  return major === 3 && minor >= 11 ? { executable, version, unicode } : undefined;
}

/** A Python ≥ 3.11, preferring one with Unicode 15.0 (Python 3.12), or undefined. */
export function findReferencePython(): ReferencePython | undefined {
  const candidates: string[] = [];
  if (process.env.PCL_REFERENCE_PYTHON) {
    candidates.push(process.env.PCL_REFERENCE_PYTHON);
  }
  const pyenvRoot = process.env.PYENV_ROOT ?? path.join(os.homedir(), '.pyenv');
  try {
    for (const v of fs.readdirSync(path.join(pyenvRoot, 'versions')).sort().reverse()) {
      candidates.push(path.join(pyenvRoot, 'versions', v, 'bin', 'python'));
    }
  } catch {
    // no pyenv
  }
  candidates.push('python3.12', 'python3.13', 'python3', 'python');
  const found = candidates.map((c) => (c.includes(path.sep) && !fs.existsSync(c) ? undefined : probe(c))).filter((p): p is ReferencePython => p !== undefined);
  return found.find((p) => p.unicode === '15.0.0') ?? found[0];
}

const SCRIPT = `
import json, sys
sys.path.insert(0, sys.argv[1])
from ctok import token_count
texts = json.load(sys.stdin)
out = {v: [token_count(t, v) for t in texts] for v in ("3.0", "4.7", "5.0")}
json.dump(out, sys.stdout)
`;

/** The reference's message counts for each text, per family version ("3.0", "4.7", "5.0"). */
export function referenceCounts(python: ReferencePython, texts: string[]): Record<'3.0' | '4.7' | '5.0', number[]> {
  const run = spawnSync(python.executable, ['-c', SCRIPT, CTOK_DIR], { input: JSON.stringify(texts), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 600_000 });
  if (run.status !== 0) {
    throw new Error(`the reference counter failed: ${run.stderr}`);
  }
  return JSON.parse(run.stdout) as Record<'3.0' | '4.7' | '5.0', number[]>;
}
