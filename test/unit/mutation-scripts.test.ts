import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { changedFiles, contextFingerprint, globMatches, readBaseline, stalenessNote } from '../../scripts/mutation-baseline';

/** `npm run test:mutation`'s record of what Stryker's incremental mode does not compare. */
describe('mutation runs: the files incremental mode cannot see', () => {
  let root: string;
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'pcl-mutation-'));
    write('src/core/rules/a.ts', 'export const a = 1;\n');
    write('src/core/rules/deep/b.ts', 'export const b = 2;\n');
    write('src/core/lint.ts', 'export const lint = 3;\n');
    write('test/unit/a.test.ts', 'it("a", () => {});\n');
    write('test/fixtures/rules/x.py', 'client.messages.create()\n');
    write('test/helpers/fix-checks.ts', 'export {};\n');
    write('test/integration/workspace/tmp-1/copy.py', 'x\n');
    write('out/src/core/lint.js', 'compiled\n');
    write('examples/python/basic.py', 'y\n');
    write('package-lock.json', '{}\n');
  });

  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it("matches the groups' globs as Stryker does: a folder and below, or one folder's files", () => {
    assert.ok(globMatches('src/core/rules/**/*.ts', 'src/core/rules/a.ts'));
    assert.ok(globMatches('src/core/rules/**/*.ts', 'src/core/rules/deep/b.ts'));
    assert.ok(globMatches('src/core/*.ts', 'src/core/lint.ts'));
    assert.ok(!globMatches('src/core/*.ts', 'src/core/rules/a.ts'));
    assert.ok(!globMatches('src/core/rules/**/*.ts', 'src/core/rulesx/a.ts'));
    assert.ok(!globMatches('src/core/*.ts', 'src/core/lintxts'));
  });

  it('fingerprints fixtures, helpers, examples, the rest of src and the lock file, not what Stryker compares', () => {
    const files = Object.keys(contextFingerprint(root, ['src/core/rules/**/*.ts']));
    assert.deepStrictEqual(files, ['examples/python/basic.py', 'package-lock.json', 'src/core/lint.ts', 'test/fixtures/rules/x.py', 'test/helpers/fix-checks.ts']);
  });

  it('names what changed, was added or removed since the last full run, and says nothing when nothing did', () => {
    const mutate = ['src/core/rules/**/*.ts'];
    const before = contextFingerprint(root, mutate);
    write('src/core/rules/a.ts', 'export const a = 10;\n'); // Stryker's own business
    write('test/unit/a.test.ts', 'it("b", () => {});\n'); // likewise
    assert.deepStrictEqual(changedFiles(before, contextFingerprint(root, mutate)), []);
    assert.strictEqual(stalenessNote('rules', { date: 'then', files: before }, contextFingerprint(root, mutate)), undefined);

    write('test/fixtures/rules/x.py', 'client.messages.create(model="m")\n');
    write('test/fixtures/rules/new.ts', 'z\n');
    fs.rmSync(path.join(root, 'examples/python/basic.py'));
    const now = contextFingerprint(root, mutate);
    assert.deepStrictEqual(changedFiles(before, now), ['examples/python/basic.py', 'test/fixtures/rules/new.ts', 'test/fixtures/rules/x.py']);
    const note = stalenessNote('rules', { date: '2026-12-07 17:00 UTC', files: before }, now);
    assert.match(note!, /^rules: 3 file\(s\) .* since its last full run \(2026-12-07 17:00 UTC\): examples\/python\/basic\.py, test\/fixtures\/rules\/new\.ts, test\/fixtures\/rules\/x\.py\. .*--force/);
  });

  it('without a record of the last full run, says the results may be stale; a broken record counts as none', () => {
    assert.match(stalenessNote('rules', undefined, {})!, /no record .* may be stale/);
    write('reports/broken.json', '{"date": 1');
    assert.strictEqual(readBaseline(path.join(root, 'reports/broken.json')), undefined);
    assert.strictEqual(readBaseline(path.join(root, 'reports/absent.json')), undefined);
    write('reports/ok.json', JSON.stringify({ date: 'd', files: { a: '1' } }));
    assert.deepStrictEqual(readBaseline(path.join(root, 'reports/ok.json')), { date: 'd', files: { a: '1' } });
  });
});
