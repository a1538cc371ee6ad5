import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EXAMPLES_ROOT, REPO_ROOT } from '../helpers/paths';

/**
 * The npm package as a user gets it: `npm pack` (compiled `out/` already built by the test run),
 * installed from the tarball into an empty folder with no network — its dependencies come from the
 * npm cache by the integrity the repository's lockfile pins — and the CLI run there.
 */
describe('the npm package', function () {
  this.timeout(180_000);
  let tmp: string;
  let tarball: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pcl-pack-'));
    const packed = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) as Array<{ filename: string; size: number; files: Array<{ path: string }> }>;
    tarball = path.join(tmp, packed[0].filename);
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('is publishable, at most 3 MB, and holds the CLI, its engine, the rule docs and the notices — not tests or the extension', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { private?: boolean; files?: string[] };
    assert.notStrictEqual(manifest.private, true);
    assert.ok(fs.statSync(tarball).size <= 3 * 1024 * 1024, `${fs.statSync(tarball).size} bytes`);
    const listed = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n').filter(Boolean);
    for (const needed of ['package/bin/prompt-cache-lint.js', 'package/out/src/cli/main.js', 'package/out/src/core/index.js', 'package/out/src/core/tokens/calibration.json', 'package/LICENSE', 'package/THIRD_PARTY_NOTICES.md', 'package/docs/rules/unstable-order.md']) {
      assert.ok(listed.includes(needed), `${needed} is missing from the package`);
    }
    assert.ok(!listed.some((f) => f.startsWith('package/out/test/') || f.startsWith('package/out/src/extension/') || f.startsWith('package/src/') || f.endsWith('.map')), listed.filter((f) => /test|extension|\.map$|package\/src\//.test(f)).join(', '));
  });

  it('installs from the tarball into an empty folder offline and lints there', function () {
    const consumer = path.join(tmp, 'consumer');
    fs.mkdirSync(consumer);
    fs.copyFileSync(tarball, path.join(consumer, 'pcl.tgz'));
    // A lockfile for the consumer: the package by its file and integrity, its runtime dependencies as the repository pins them.
    const lock = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string; dependencies?: Record<string, string> }> };
    const root = lock.packages[''];
    const packages: Record<string, unknown> = {
      '': { name: 'consumer', version: '1.0.0', dependencies: { 'prompt-cache-lint': 'file:pcl.tgz' } },
      'node_modules/prompt-cache-lint': {
        version: root.version,
        resolved: 'file:pcl.tgz',
        integrity: `sha512-${createHash('sha512').update(fs.readFileSync(tarball)).digest('base64')}`,
        dependencies: root.dependencies,
        bin: { 'prompt-cache-lint': 'bin/prompt-cache-lint.js' },
      },
    };
    const pending = Object.keys(root.dependencies ?? {});
    while (pending.length > 0) {
      const key = `node_modules/${pending.pop()}`;
      if (!(key in packages)) {
        packages[key] = lock.packages[key];
        pending.push(...Object.keys(lock.packages[key].dependencies ?? {}));
      }
    }
    fs.writeFileSync(path.join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, dependencies: { 'prompt-cache-lint': 'file:pcl.tgz' } }));
    fs.writeFileSync(path.join(consumer, 'package-lock.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', lockfileVersion: 3, requires: true, packages }));
    const install = spawnSync('npm', ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: consumer, encoding: 'utf8' });
    if (install.status !== 0 && /ENOTCACHED/.test(install.stderr)) {
      this.skip(); // the runtime dependencies are not in this machine's npm cache (run `npm ci` first): nothing to install offline from
    }
    assert.strictEqual(install.status, 0, install.stderr);
    fs.copyFileSync(path.join(EXAMPLES_ROOT, 'python', 'rag_bot.py'), path.join(consumer, 'rag_bot.py'));
    fs.copyFileSync(path.join(EXAMPLES_ROOT, 'typescript', 'mcp-agent.ts'), path.join(consumer, 'mcp-agent.ts'));
    const cli = path.join(consumer, 'node_modules', '.bin', 'prompt-cache-lint');
    const lint = spawnSync(cli, ['--format', 'json', 'rag_bot.py', 'mcp-agent.ts'], { cwd: consumer, encoding: 'utf8' });
    assert.strictEqual(lint.status, 1, lint.stderr);
    const files = JSON.parse(lint.stdout) as Array<{ diagnostics: Array<{ ruleId: string }> }>;
    assert.ok(files[0].diagnostics.some((d) => d.ruleId === 'below-minimum'), 'the Python example is linted');
    assert.ok(files[1].diagnostics.some((d) => d.ruleId === 'unstable-order'), 'the TypeScript example is linted');
    assert.strictEqual(spawnSync(cli, ['--version'], { cwd: consumer, encoding: 'utf8' }).stdout.trim(), root.version);
  });
});
