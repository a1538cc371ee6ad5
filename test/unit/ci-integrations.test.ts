import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { load } from 'js-yaml';
import { EXAMPLES_ROOT, REPO_ROOT } from '../helpers/paths';

/**
 * The GitHub Action and the pre-commit hook, checked by running the commands they run: the
 * action's script with its inputs as the runner passes them, and the hook's entry with files as
 * pre-commit passes them. (GitHub's runner and pre-commit itself are not available here.)
 */
const CLI = `${process.execPath} ${path.join(REPO_ROOT, 'bin', 'prompt-cache-lint.js')}`;
const CLEAN = 'import anthropic\nclient = anthropic.Anthropic()\nclient.messages.create(model="claude-sonnet-4-5", max_tokens=10, messages=[{"role": "user", "content": "hi"}])\n';
const RETIRED = CLEAN.replace('claude-sonnet-4-5', 'claude-3-haiku-20240307');

describe('GitHub Action (action.yml)', () => {
  const action = load(fs.readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
    runs: { using: string; steps: Array<{ run: string; env: Record<string, string> }> };
  };
  const script = path.join(REPO_ROOT, 'scripts', 'action', 'run.sh');
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pcl-action-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const runAction = (inputs: Record<string, string>, cwd = tmp) => {
    // As the runner does: each input (or its default) reaches the step as the env variable the step names.
    const env: Record<string, string> = { ...process.env, PCL_CLI: CLI } as Record<string, string>;
    for (const [name, expression] of Object.entries(action.runs.steps[0].env)) {
      const input = /inputs\.([\w-]+)/.exec(expression)?.[1] ?? '';
      env[name] = inputs[input] ?? action.inputs[input]?.default ?? '';
    }
    return spawnSync('bash', [script], { cwd, env, encoding: 'utf8' });
  };

  it('is a composite action whose one step runs scripts/action/run.sh with every input', () => {
    assert.strictEqual(action.runs.using, 'composite');
    assert.match(action.runs.steps[0].run, /scripts\/action\/run\.sh/);
    const passed = Object.values(action.runs.steps[0].env).map((e) => /inputs\.([\w-]+)/.exec(e)?.[1]);
    assert.deepStrictEqual(passed.sort(), Object.keys(action.inputs).sort());
  });

  it('writes a SARIF report to the output file and fails on error findings (or not, when told)', () => {
    const sarif = path.join(tmp, 'cache.sarif');
    const failing = runAction({ paths: `${path.join(EXAMPLES_ROOT, 'python')} ${path.join(EXAMPLES_ROOT, 'typescript')}`, format: 'sarif', output: sarif });
    assert.strictEqual(failing.status, 1, failing.stderr);
    const report = JSON.parse(fs.readFileSync(sarif, 'utf8')) as { version: string; runs: Array<{ results: unknown[] }> };
    assert.strictEqual(report.version, '2.1.0');
    assert.ok(report.runs[0].results.length > 5);
    const reportOnly = runAction({ paths: path.join(EXAMPLES_ROOT, 'python'), 'fail-on-findings': 'false' });
    assert.strictEqual(reportOnly.status, 0);
    assert.match(reportOnly.stdout, /problems/);
  });

  it('a clean tree passes; --changed-since outside git fails even in report-only mode', () => {
    fs.writeFileSync(path.join(tmp, 'ok.py'), CLEAN);
    assert.strictEqual(runAction({ paths: 'ok.py' }).status, 0);
    const noGit = runAction({ paths: 'ok.py', 'changed-since': 'HEAD', 'fail-on-findings': 'false' });
    assert.strictEqual(noGit.status, 2);
    assert.match(noGit.stderr, /git repository/);
  });
});

describe('pre-commit hook (.pre-commit-hooks.yaml)', () => {
  const hooks = load(fs.readFileSync(path.join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Array<{ id: string; entry: string; language: string; types_or: string[] }>;

  it('runs the package bin as a node hook on Python, TS/JS and notebook files', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    assert.strictEqual(hooks.length, 1);
    assert.strictEqual(hooks[0].language, 'node');
    assert.ok(hooks[0].entry in manifest.bin, `${hooks[0].entry} is not a bin of the package`);
    for (const type of ['python', 'ts', 'javascript', 'jupyter']) {
      assert.ok(hooks[0].types_or.includes(type), type);
    }
  });

  it('the entry, given staged files as pre-commit passes them, passes clean ones and fails on an error', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pcl-hook-'));
    try {
      fs.writeFileSync(path.join(tmp, 'ok.py'), CLEAN);
      fs.writeFileSync(path.join(tmp, 'util.ts'), 'export const x = 1;\n');
      fs.writeFileSync(path.join(tmp, 'old.py'), RETIRED);
      const bin = path.join(REPO_ROOT, manifestBin(hooks[0].entry));
      const clean = spawnSync(process.execPath, [bin, 'ok.py', 'util.ts'], { cwd: tmp, encoding: 'utf8' });
      assert.strictEqual(clean.status, 0, clean.stdout + clean.stderr);
      const failing = spawnSync(process.execPath, [bin, 'ok.py', 'old.py'], { cwd: tmp, encoding: 'utf8' });
      assert.strictEqual(failing.status, 1);
      assert.match(failing.stdout, /old\.py[\s\S]*retired-model/);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

function manifestBin(name: string): string {
  return (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin[name];
}
