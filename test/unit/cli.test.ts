import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { RULES } from '../../src/core';
import { main } from '../../src/cli/main';
import { unifiedDiff } from '../../src/cli/unified-diff';
import { onChangedLine, parseHunks } from '../../src/cli/changed-lines';
import { EXAMPLES_ROOT, REPO_ROOT } from '../helpers/paths';

async function run(argv: string[], cwd?: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const previous = process.cwd();
  if (cwd) {
    process.chdir(cwd);
  }
  try {
    const code = await main(argv, { out: (s) => (out += `${s}\n`), err: (s) => (err += `${s}\n`), color: false });
    return { code, out, err };
  } finally {
    process.chdir(previous);
  }
}

describe('CLI', () => {
  let tmp: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pcl-cli-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('reports every rule on the examples, in both languages, with the documented JSON shape', async () => {
    const { code, out } = await run(['--format', 'json', EXAMPLES_ROOT]);
    assert.strictEqual(code, 1, 'the examples contain error findings');
    const files = JSON.parse(out) as Array<Record<string, unknown> & { diagnostics: Array<Record<string, unknown>>; requests: Array<Record<string, unknown>> }>;
    for (const language of ['python', 'typescript']) {
      const mine = files.filter((f) => f.language === language);
      const onDisk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? onDisk(path.join(dir, e.name)) : [e.name]));
      assert.strictEqual(mine.length, onDisk(EXAMPLES_ROOT).filter((name) => (language === 'python' ? /\.py$/ : /\.ts$/).test(name)).length, language);
      const ruleIds = new Set(mine.flatMap((f) => f.diagnostics.map((d) => d.ruleId)));
      assert.deepStrictEqual([...ruleIds].sort(), RULES.map((r) => r.id).sort(), `${language}: rules reported`);
    }
    for (const file of files) {
      assert.deepStrictEqual(Object.keys(file).filter((k) => ['filePath', 'language', 'diagnostics', 'requests'].includes(k)).sort(), ['diagnostics', 'filePath', 'language', 'requests']);
      for (const d of file.diagnostics) {
        for (const key of ['ruleId', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn']) {
          assert.ok(key in d, `diagnostic lacks ${key}`);
        }
        assert.ok((d.line as number) >= 1 && (d.column as number) >= 1);
      }
      for (const r of file.requests) {
        assert.ok('line' in r && 'column' in r && 'model' in r && Array.isArray(r.breakpoints));
        for (const bp of r.breakpoints as Array<Record<string, unknown>>) {
          for (const key of ['line', 'column', 'ttl', 'prefixTokens', 'prefixKnown']) {
            assert.ok(key in bp, `breakpoint lacks ${key}`);
          }
        }
      }
    }
  });

  it('exits 0 on a clean file and 1 on an error finding', async () => {
    const clean = path.join(tmp, 'clean.py');
    fs.writeFileSync(clean, 'client.messages.create(model="claude-sonnet-4-5", max_tokens=5, messages=[{"role": "user", "content": "hi"}])\n');
    assert.strictEqual((await run([clean])).code, 0);
    const bad = path.join(tmp, 'bad.ts');
    fs.writeFileSync(bad, 'client.messages.create({ model: "claude-sonnet-4-5", max_tokens: 5, messages: [], system: [{ type: "text", text: "x", cache_control: { type: "forever" } }] });\n');
    const result = await run([bad]);
    assert.strictEqual(result.code, 1);
    assert.match(result.out, /invalid-cache-control/);
    assert.match(result.out, /1:\d+\s+error/);
  });

  it('names unreadable, binary and missing files, keeps linting the rest, and exits 2', async () => {
    const good = path.join(tmp, 'good.py');
    fs.writeFileSync(good, 'client.messages.create(model="claude-sonnet-4-5", max_tokens=5, messages=[], system=[{"type": "text", "text": "x", "cache_control": {"type": "ephemeral"}}])\n');
    const binary = path.join(tmp, 'blob.py');
    fs.writeFileSync(binary, Buffer.from([0x70, 0x72, 0x00, 0x01, 0xff]));
    const result = await run(['--format', 'json', good, binary, path.join(tmp, 'missing.py')]);
    assert.strictEqual(result.code, 2);
    const files = JSON.parse(result.out) as Array<{ filePath: string; error?: string; diagnostics: unknown[] }>;
    assert.match(files.find((f) => f.filePath === binary)?.error ?? '', /binary/);
    assert.match(files.find((f) => f.filePath.endsWith('missing.py'))?.error ?? '', /no such file/);
    assert.strictEqual(files.find((f) => f.filePath === good)?.diagnostics.length, 1);
    assert.match(result.err, /blob\.py: file looks binary/);
  });

  it('rejects bad usage with exit 2 and the usage text', async () => {
    for (const argv of [[], ['--format', 'xml', 'x.py'], ['--reuse', 'zero', 'x.py'], ['--nope', 'x.py']]) {
      const result = await run(argv);
      assert.strictEqual(result.code, 2, argv.join(' '));
      assert.match(result.err, /Usage:/);
    }
  });

  it('reads .prompt-cache-lint.json, and reports a bad one', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'cfg-'));
    const file = path.join(dir, 'a.py');
    fs.writeFileSync(file, 'client.messages.create(model="claude-sonnet-4-5", max_tokens=5, messages=[], system=[{"type": "text", "text": "x", "cache_control": {"type": "ephemeral"}}])\n');
    fs.writeFileSync(path.join(dir, '.prompt-cache-lint.json'), JSON.stringify({ rules: { 'below-minimum': 'off' } }));
    assert.strictEqual((await run(['--format', 'json', 'a.py'], dir)).out.includes('below-minimum'), false);
    fs.writeFileSync(path.join(dir, '.prompt-cache-lint.json'), JSON.stringify({ rules: { 'no-such-rule': 'error' } }));
    const bad = await run(['a.py'], dir);
    assert.strictEqual(bad.code, 2);
    assert.match(bad.err, /unknown rule "no-such-rule"/);
  });

  it('prints SARIF 2.1.0 with rules and results', async () => {
    const { out } = await run(['--format', 'sarif', EXAMPLES_ROOT]);
    const sarif = JSON.parse(out);
    assert.strictEqual(sarif.version, '2.1.0');
    assert.strictEqual(sarif.runs[0].tool.driver.rules.length, RULES.length);
    const result = sarif.runs[0].results[0];
    assert.ok(['error', 'warning', 'note'].includes(result.level));
    assert.ok(result.locations[0].physicalLocation.region.startLine >= 1);
  });

  it('tokens: several files, --format json, per model generation', async () => {
    const a = path.join(tmp, 'a.txt');
    const b = path.join(tmp, 'b.md');
    fs.writeFileSync(a, 'The quick brown fox jumps over the lazy dog. '.repeat(50));
    fs.writeFileSync(b, '# Notes\n\n- one\n- two\n');
    const first = await run(['tokens', '--format', 'json', '--model', 'claude-sonnet-4-5', a, b]);
    const second = await run(['tokens', '--format', 'json', '--model', 'claude-opus-4-7', a]);
    const rows = JSON.parse(first.out) as Array<{ file: string; tokens: number; low: number; high: number }>;
    assert.deepStrictEqual(rows.map((r) => r.file), [a, b]);
    assert.ok(rows.every((r) => r.low <= r.tokens && r.tokens <= r.high && r.tokens > 0));
    assert.ok(JSON.parse(second.out)[0].tokens > rows[0].tokens);
  });

  it('models: lists every family with its sources', async () => {
    const { out, code } = await run(['models', '--format', 'json']);
    assert.strictEqual(code, 0);
    const families = JSON.parse(out) as Array<{ key: string; minCacheableTokens?: { source: string } }>;
    assert.ok(families.some((f) => f.key === 'sonnet-4.5' && f.minCacheableTokens?.source));
  });

  it('reads prompt files named in code inside the working directory, unless --no-prompt-files', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'prompt-files-'));
    fs.mkdirSync(path.join(dir, 'prompts'));
    fs.writeFileSync(path.join(dir, 'prompts', 'system.md'), 'Be brief.');
    fs.writeFileSync(
      path.join(dir, 'app.py'),
      'client.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=[{"type": "text", "text": open("prompts/system.md").read(), "cache_control": {"type": "ephemeral"}}], messages=[{"role": "user", "content": q}])\n',
    );
    const read = await run(['--format', 'json', 'app.py'], dir);
    const findings = (JSON.parse(read.out) as { diagnostics: { ruleId: string }[] }[])[0].diagnostics.map((d) => d.ruleId);
    assert.deepStrictEqual(findings, ['below-minimum']);
    const notRead = await run(['--no-prompt-files', '--format', 'json', 'app.py'], dir);
    assert.deepStrictEqual((JSON.parse(notRead.out) as { diagnostics: unknown[] }[])[0].diagnostics, []);
  });

  it('follows imports inside --root (default: the working directory), not with --no-imports, and rejects a --root that is not a folder', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'imports-'));
    fs.mkdirSync(path.join(dir, 'app'));
    fs.writeFileSync(path.join(dir, 'app', 'texts.py'), 'NOTE = "Be brief."\n');
    fs.writeFileSync(
      path.join(dir, 'app', 'main.py'),
      'from texts import NOTE\nclient.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=[{"type": "text", "text": NOTE, "cache_control": {"type": "ephemeral"}}], messages=[{"role": "user", "content": q}])\n',
    );
    const ruleIds = (out: string) => (JSON.parse(out) as { diagnostics: { ruleId: string }[] }[])[0].diagnostics.map((d) => d.ruleId);
    assert.deepStrictEqual(ruleIds((await run(['--format', 'json', 'app/main.py'], dir)).out), ['below-minimum']);
    assert.deepStrictEqual(ruleIds((await run(['--format', 'json', '--root', dir, path.join(dir, 'app', 'main.py')], tmp)).out), ['below-minimum']);
    // From another folder (the default root) nothing of the project is read: the note's length is unknown.
    const elsewhere = fs.mkdtempSync(path.join(tmp, 'elsewhere-'));
    assert.deepStrictEqual(ruleIds((await run(['--format', 'json', path.join(dir, 'app', 'main.py')], elsewhere)).out), []);
    assert.deepStrictEqual(ruleIds((await run(['--format', 'json', '--no-imports', 'app/main.py'], dir)).out), []);
    const bad = await run(['--root', path.join(dir, 'missing'), 'app/main.py'], dir);
    assert.strictEqual(bad.code, 2);
    assert.match(bad.err, /--root .*missing is not a folder/);
  });

  it('lints notebooks: findings and requests carry their cell and cell-relative lines; a malformed notebook is named, not fatal', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'notebook-'));
    const cells = [
      { cell_type: 'code', source: ['!pip install anthropic\n', 'NOTE = "Be brief."'] },
      { cell_type: 'markdown', source: ['# Ask'] },
      { cell_type: 'code', source: 'client.messages.create(\n    model="claude-sonnet-4-5", max_tokens=5,\n    system=[{"type": "text", "text": NOTE, "cache_control": {"type": "ephemeral"}}],\n    messages=[{"role": "user", "content": q}])' },
    ];
    fs.writeFileSync(path.join(dir, 'ask.ipynb'), JSON.stringify({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 }));
    fs.writeFileSync(path.join(dir, 'broken.ipynb'), '{"cells": [');
    const json = await run(['--format', 'json', '.'], dir);
    assert.strictEqual(json.code, 2, 'a file could not be linted');
    const files = JSON.parse(json.out) as Array<{ filePath: string; error?: string; diagnostics: Array<{ cell?: number; line: number; ruleId: string }>; requests: Array<{ cell?: number; line: number }> }>;
    const ask = files.find((f) => f.filePath === 'ask.ipynb');
    assert.deepStrictEqual(ask?.diagnostics.map((d) => [d.cell, d.line, d.ruleId]), [[2, 3, 'below-minimum']]);
    assert.deepStrictEqual(ask?.requests.map((r) => [r.cell, r.line]), [[2, 1]]);
    assert.match(files.find((f) => f.filePath === 'broken.ipynb')?.error ?? '', /not a notebook/);
    const text = await run(['ask.ipynb'], dir);
    assert.match(text.out, /cell 2 3:\d+ +warning/);
  });

  it('gives the same report with worker threads as without, in the same order', () => {
    const bin = path.join(REPO_ROOT, 'bin', 'prompt-cache-lint.js');
    const target = path.join(REPO_ROOT, 'test', 'fixtures');
    const runWith = (lanes: string) => spawnSync(process.execPath, [bin, '--format', 'json', '--root', REPO_ROOT, target], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, PCL_WORKERS: lanes } });
    const single = runWith('1');
    const threaded = runWith('3');
    assert.strictEqual(threaded.status, single.status);
    assert.ok(single.stdout.length > 10_000);
    assert.strictEqual(threaded.stdout, single.stdout);
  });

  it('runs through the package bin after a build (as `npx prompt-cache-lint` does)', () => {
    const bin = path.join(REPO_ROOT, 'bin', 'prompt-cache-lint.js');
    assert.match(execFileSync(process.execPath, [bin, '--version'], { encoding: 'utf8' }), /^\d+\.\d+\.\d+/);
    const result = spawnSync(process.execPath, [bin, path.join(EXAMPLES_ROOT, 'python', 'chat.py')], { encoding: 'utf8' });
    assert.strictEqual(result.status, 1);
    assert.match(result.stdout, /ttl-order/);
  });
});

function hasTool(name: string, args = ['--version']): boolean {
  return spawnSync(name, args, { stdio: 'ignore' }).status === 0;
}

describe('CLI --fix, --fix-dry-run, --changed-since', () => {
  let tmp: string;
  const cached = (quote: string, model = 'claude-sonnet-4-5') =>
    `import anthropic\nclient = anthropic.Anthropic()\n\ndef ask(q):\n    return client.messages.create(\n        model=${quote}${model}${quote},\n        max_tokens=10,\n        system=[{${quote}type${quote}: ${quote}text${quote}, ${quote}text${quote}: ${quote}Be brief.${quote}, ${quote}cache_control${quote}: {${quote}type${quote}: ${quote}ephemeral${quote}}}],\n        messages=[{${quote}role${quote}: ${quote}user${quote}, ${quote}content${quote}: q}],\n    )\n`;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pcl-fix-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('--fix applies the safe fixes in place, reports what remains, and a second run changes nothing', async () => {
    const file = path.join(tmp, 'bot.py');
    fs.writeFileSync(file, cached('"'));
    const first = await run(['--fix', file], tmp);
    const fixed = fs.readFileSync(file, 'utf8');
    assert.notStrictEqual(fixed, cached('"'));
    assert.ok(!fixed.includes('cache_control'), 'the below-minimum breakpoint is removed');
    assert.match(first.err, /fixed 1 problem\(s\) in 1 file\(s\)/);
    assert.strictEqual(first.code, 0);
    const second = await run(['--fix', file], tmp);
    assert.strictEqual(fs.readFileSync(file, 'utf8'), fixed);
    assert.doesNotMatch(second.err, /fixed/);
  });

  it('--fix exits by what remains: a retired model has no safe fix and stays an error', async () => {
    const file = path.join(tmp, 'bot.py');
    fs.writeFileSync(file, cached('"', 'claude-3-7-sonnet-20250219'));
    const { code, out } = await run(['--fix', file], tmp);
    assert.strictEqual(code, 1);
    assert.match(out, /retired-model/);
    assert.match(fs.readFileSync(file, 'utf8'), /claude-3-7-sonnet-20250219/, 'a suggestion is never applied');
  });

  it('--fix keeps a byte-order mark and CRLF line ends, and never rewrites a file that does not parse or is not UTF-8', async () => {
    const crlf = path.join(tmp, 'crlf.py');
    fs.writeFileSync(crlf, `\uFEFF${cached("'").replace(/\n/g, '\r\n')}`);
    await run(['--fix', crlf], tmp);
    const text = fs.readFileSync(crlf, 'utf8');
    assert.ok(text.startsWith('\uFEFF') && !text.includes('cache_control'));
    assert.ok(!/[^\r]\n/.test(text), 'every line still ends in CRLF');
    const broken = path.join(tmp, 'broken.py');
    const brokenText = `${cached('"')}\ndef oops(:\n`;
    fs.writeFileSync(broken, brokenText);
    const result = await run(['--fix', broken], tmp);
    assert.strictEqual(fs.readFileSync(broken, 'utf8'), brokenText);
    assert.match(result.err, /has syntax errors; not fixed/);
    const latin1 = path.join(tmp, 'latin1.py');
    const bytes = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from(`\n${cached('"')}`)]);
    fs.writeFileSync(latin1, bytes);
    const invalid = await run(['--fix', latin1], tmp);
    assert.deepStrictEqual(fs.readFileSync(latin1), bytes);
    assert.match(invalid.err, /not valid UTF-8/);
  });

  it('--fix-dry-run prints a unified diff, writes nothing, and the diff applied gives what --fix writes', async function () {
    const file = path.join(tmp, 'bot.py');
    fs.writeFileSync(file, cached('"'));
    const { code, out } = await run(['--fix-dry-run', 'bot.py'], tmp);
    assert.strictEqual(code, 0);
    assert.strictEqual(fs.readFileSync(file, 'utf8'), cached('"'));
    assert.match(out, /^--- a\/bot\.py\n\+\+\+ b\/bot\.py\n@@ -\d+,\d+ \+\d+,\d+ @@/);
    assert.match(out, /^-.*cache_control/m);
    if (!hasTool('patch')) {
      this.skip(); // `patch` is not installed: the diff was checked by shape only
    }
    fs.writeFileSync(path.join(tmp, 'fix.diff'), `${out.trimEnd()}\n`);
    execFileSync('patch', ['-s', '-o', path.join(tmp, 'patched.py'), file, path.join(tmp, 'fix.diff')]);
    await run(['--fix', file], tmp);
    assert.strictEqual(fs.readFileSync(path.join(tmp, 'patched.py'), 'utf8'), fs.readFileSync(file, 'utf8'));
  });

  it('rejects --fix with --fix-dry-run, and --fix-dry-run with a --format', async () => {
    assert.strictEqual((await run(['--fix', '--fix-dry-run', 'x.py'])).code, 2);
    assert.strictEqual((await run(['--fix-dry-run', '--format', 'json', 'x.py'])).code, 2);
    assert.strictEqual((await run(['tokens', '--fix', 'x.py'])).code, 2);
  });

  it('--changed-since reports only findings on changed lines; new files count as changed; outside git or with a bad revision it exits 2', async function () {
    if (!hasTool('git')) {
      this.skip(); // git is not installed here
    }
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: tmp, stdio: 'pipe' });
    git('init', '-q');
    const file = path.join(tmp, 'bot.py');
    const two = `${cached('"')}\n\n${cached('"').replace('def ask', 'def ask_again').replace(/^import anthropic\nclient = anthropic.Anthropic\(\)\n/, '')}`;
    fs.writeFileSync(file, two);
    git('add', '-A');
    git('commit', '-qm', 'init');
    const all = await run(['--format', 'json', '--changed-since', 'HEAD', 'bot.py'], tmp);
    assert.deepStrictEqual((JSON.parse(all.out) as Array<{ diagnostics: unknown[] }>)[0].diagnostics, [], 'nothing changed since HEAD');
    // Change the second request's model only: its finding is reported, the first request's is not.
    const lines = two.split('\n');
    const second = lines.lastIndexOf('        model="claude-sonnet-4-5",');
    lines[second] = '        model="claude-3-haiku-20240307",';
    fs.writeFileSync(file, lines.join('\n'));
    const changed = await run(['--format', 'json', '--changed-since', 'HEAD', 'bot.py'], tmp);
    const diagnostics = (JSON.parse(changed.out) as Array<{ diagnostics: Array<{ line: number; ruleId: string }> }>)[0].diagnostics;
    assert.deepStrictEqual(diagnostics.map((d) => [d.line, d.ruleId]), [[second + 1, 'retired-model']]);
    const everything = await run(['--format', 'json', 'bot.py'], tmp);
    assert.ok((JSON.parse(everything.out) as Array<{ diagnostics: unknown[] }>)[0].diagnostics.length > 1, 'without the option the unchanged findings are there');
    fs.writeFileSync(path.join(tmp, 'new.py'), cached('"'));
    const untracked = await run(['--format', 'json', '--changed-since', 'HEAD', 'new.py'], tmp);
    assert.ok((JSON.parse(untracked.out) as Array<{ diagnostics: unknown[] }>)[0].diagnostics.length > 0, 'a file new since the revision is all changed');
    const bad = await run(['--changed-since', 'no-such-ref', 'bot.py'], tmp);
    assert.strictEqual(bad.code, 2);
    assert.match(bad.err, /"no-such-ref" is not a revision/);
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'pcl-nogit-'));
    try {
      fs.writeFileSync(path.join(outside, 'a.py'), cached('"'));
      const result = await run(['--changed-since', 'HEAD', 'a.py'], outside);
      assert.strictEqual(result.code, 2);
      assert.match(result.err, /needs files in a git repository/);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('unified diffs (--fix-dry-run)', () => {
  it('equal texts give no diff; a change gives diff -u hunks with three lines of context', () => {
    assert.strictEqual(unifiedDiff('a\nb\n', 'a\nb\n', 'x'), '');
    const before = 'a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\n';
    const after = 'a\nb\nC\nd\ne\nf\ng\nh\ni\nj\nk\nL\nm\nn\n';
    assert.strictEqual(unifiedDiff(before, after, 'x.py'), '--- a/x.py\n+++ b/x.py\n@@ -1,6 +1,6 @@\n a\n b\n-c\n+C\n d\n e\n f\n@@ -9,5 +9,6 @@\n i\n j\n k\n-l\n+L\n m\n+n\n');
  });

  it('patch(1) turns the first text into the second, on 300 seeded random edits (final newline or not)', function () {
    if (!hasTool('patch')) {
      this.skip(); // `patch` is not installed here
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pcl-diff-'));
    let seed = 17;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    try {
      for (let t = 0; t < 300; t++) {
        const a = Array.from({ length: Math.floor(random() * 30) }, () => `line ${Math.floor(random() * 6)}`);
        const b = a.filter(() => random() > 0.2).map((l) => (random() < 0.1 ? `${l} changed` : l));
        if (random() < 0.3) {
          b.splice(Math.floor(random() * (b.length + 1)), 0, 'inserted');
        }
        const before = a.length ? `${a.join('\n')}${random() < 0.8 ? '\n' : ''}` : '';
        const after = b.length ? `${b.join('\n')}${random() < 0.8 ? '\n' : ''}` : '';
        const diff = unifiedDiff(before, after, 'f.txt');
        if (before === after) {
          assert.strictEqual(diff, '');
          continue;
        }
        fs.writeFileSync(path.join(dir, 'f.txt'), before);
        fs.writeFileSync(path.join(dir, 'd.diff'), diff);
        execFileSync('patch', ['-s', '-o', path.join(dir, 'out.txt'), path.join(dir, 'f.txt'), path.join(dir, 'd.diff')], { stdio: 'pipe' });
        assert.strictEqual(fs.readFileSync(path.join(dir, 'out.txt'), 'utf8'), after, JSON.stringify({ before, after, diff }));
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--changed-since ranges: replaced lines, and the line after a pure deletion', () => {
    assert.deepStrictEqual(parseHunks('@@ -3,2 +3,3 @@\n-x\n+y\n@@ -10 +11 @@\n@@ -20,2 +20,0 @@\n'), [
      [3, 5],
      [11, 11],
      [21, 21],
    ]);
    assert.strictEqual(onChangedLine('all', 999), true);
    assert.strictEqual(onChangedLine([[3, 5]], 6), false);
  });
});

describe('CLI --fix on a read-only file', () => {
  it('leaves it as it is, says so, and exits 2', async function () {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pcl-ro-'));
    try {
      const file = path.join(tmp, 'bot.py');
      const text = 'import anthropic\nclient = anthropic.Anthropic()\nclient.messages.create(model="claude-sonnet-4-5", max_tokens=10, system=[{"type": "text", "text": "Be brief.", "cache_control": {"type": "ephemeral"}}], messages=[])\n';
      fs.writeFileSync(file, text);
      fs.chmodSync(file, 0o444);
      const result = await run(['--fix', file], tmp);
      assert.strictEqual(fs.readFileSync(file, 'utf8'), text);
      assert.match(result.err, /read-only; not fixed/);
      assert.strictEqual(result.code, 2);
      assert.deepStrictEqual(fs.readdirSync(tmp), ['bot.py'], 'no temporary file is left');
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
