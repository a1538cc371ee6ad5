import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { RULES } from '../../src/core';
import { globMatches } from '../../scripts/mutation-baseline';
import { GROUPS, LEFT_OUT } from '../../scripts/mutation-run';
import { readmeWithRuleTable, ruleDoc } from '../../scripts/rule-docs';
import { fixAll, lintText } from '../helpers/fix-checks';
import { FIXTURE_ROOT, REPO_ROOT } from '../helpers/paths';

/** Hand-kept lists checked against the code, so the README and docs cannot drift. */
describe('project meta', () => {
  it('README rule table is generated from the rule registry (npm run docs)', () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    assert.strictEqual(readme, readmeWithRuleTable(readme), 'README rule table is stale: run npm run docs');
  });

  it('every rule has a current docs page, and no page is orphaned', () => {
    const dir = path.join(REPO_ROOT, 'docs', 'rules');
    for (const rule of RULES) {
      assert.strictEqual(fs.readFileSync(path.join(dir, `${rule.id}.md`), 'utf8'), ruleDoc(rule.id), `${rule.id}.md is stale: run npm run docs`);
    }
    assert.deepStrictEqual(fs.readdirSync(dir).sort(), RULES.map((r) => `${r.id}.md`).sort());
  });

  it('mutation testing runs every unit test file but the ones left out for a stated reason', () => {
    const config = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'stryker.config.json'), 'utf8')) as { mochaOptions: { spec: string[] } };
    const listed = config.mochaOptions.spec.map((spec) => path.basename(spec, '.test.js'));
    const files = fs.readdirSync(path.join(REPO_ROOT, 'test', 'unit')).filter((f) => f.endsWith('.test.ts')).map((f) => path.basename(f, '.test.ts'));
    assert.deepStrictEqual([...listed].sort(), files.filter((f) => !(f in LEFT_OUT)).sort());
    assert.deepStrictEqual(Object.keys(LEFT_OUT).filter((f) => !files.includes(f)), [], 'a left-out file that does not exist');
    // A group's own list names existing files the whole list has.
    for (const group of GROUPS.filter((g) => g.spec)) {
      assert.deepStrictEqual(group.spec!.filter((spec) => !config.mochaOptions.spec.includes(spec)), [], group.name);
    }
  });

  it('the mutation groups mutate every core source file exactly once', () => {
    const walk = (dir: string): string[] => fs.readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(`${dir}/${e.name}`) : e.name.endsWith('.ts') ? [`${dir}/${e.name}`] : []));
    const files = walk('src/core');
    assert.ok(files.length > 50 && files.includes('src/core/tokens/exact/vocabulary.ts') && files.includes('src/core/lint.ts'));
    for (const file of files) {
      const owners = GROUPS.filter((group) => group.mutate.some((glob) => globMatches(glob, file))).map((group) => group.name);
      assert.strictEqual(owners.length, 1, `${file} is in ${owners.length ? owners.join(', ') : 'no group'}`);
    }
  });

  it('every rule file is named after its id and every rule has complete docs', () => {
    const files = fs.readdirSync(path.join(REPO_ROOT, 'src', 'core', 'rules')).filter((f) => !['index.ts', 'rule.ts'].includes(f));
    assert.deepStrictEqual(files.map((f) => f.replace(/\.ts$/, '')).sort(), RULES.map((r) => r.id).sort());
    for (const rule of RULES) {
      for (const [field, text] of Object.entries(rule.docs)) {
        for (const line of Array.isArray(text) ? text : [text]) {
          assert.ok(line.trim().length > 10, `${rule.id}: docs.${field} is empty`);
        }
      }
    }
  });

  it("each rule's declared fixKind matches the fixes it offers on its fixtures", async () => {
    for (const rule of RULES) {
      const dir = path.join(FIXTURE_ROOT, 'rules', rule.id);
      const kinds = new Set<string>();
      for (const file of fs.readdirSync(dir).filter((f) => /\.(py|ts)$/.test(f))) {
        const full = path.join(dir, file);
        const result = await lintText(fs.readFileSync(full, 'utf8'), file.endsWith('.py') ? 'python' : 'typescript', full);
        for (const finding of result.findings.filter((f) => f.ruleId === rule.id)) {
          // The "disable for this line" fix is offered everywhere and does not count.
          for (const fix of finding.fixes.filter((f) => !f.title.startsWith('Disable '))) {
            kinds.add(fix.safe ? 'safe' : 'suggestion');
          }
        }
      }
      if (rule.fixKind === 'none') {
        assert.deepStrictEqual([...kinds], [], `${rule.id} declares no fix but offers some`);
      } else {
        assert.ok(kinds.has(rule.fixKind), `${rule.id} declares ${rule.fixKind} fixes but its fixtures show ${[...kinds].join(', ') || 'none'}`);
      }
    }
  });

  it('src/core never imports vscode', () => {
    const walk = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
    for (const file of walk(path.join(REPO_ROOT, 'src', 'core'))) {
      assert.ok(!/from ['"]vscode['"]|require\(['"]vscode['"]\)/.test(fs.readFileSync(file, 'utf8')), file);
    }
  });

  it('fix-all on every example settles and leaves no error-severity finding with a safe fix', async () => {
    for (const dir of ['python', 'typescript', 'frameworks']) {
      for (const file of fs.readdirSync(path.join(REPO_ROOT, 'examples', dir)).filter((f) => /\.(py|ts)$/.test(f))) {
        const full = path.join(REPO_ROOT, 'examples', dir, file);
        const language = file.endsWith('.py') ? 'python' : 'typescript';
        const { text } = await fixAll(fs.readFileSync(full, 'utf8'), language, full);
        const after = await lintText(text, language, full);
        assert.ok(!after.hasSyntaxErrors, `${file}: fix-all broke the syntax`);
        assert.deepStrictEqual(
          after.findings.filter((f) => f.severity === 'error' && f.fixes.some((x) => x.safe)).map((f) => f.ruleId),
          [],
          file,
        );
      }
    }
  });
});

describe('extension manifest', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
  const properties = manifest.contributes.configuration.properties as Record<string, { default: unknown; description: string }>;

  it('README settings table lists exactly the contributed settings, with their defaults and descriptions', () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('<!-- settings:start'), readme.indexOf('<!-- settings:end'));
    const rows = table.split('\n').filter((l) => l.startsWith('| `promptCacheLint.'));
    assert.deepStrictEqual(
      rows,
      Object.entries(properties).map(([key, p]) => `| \`${key}\` | \`${JSON.stringify(p.default)}\` | ${p.description} |`),
    );
  });

  it('setting defaults are the core defaults, and every rule can be configured', async () => {
    const { DEFAULT_CONFIG } = await import('../../src/core');
    assert.strictEqual(properties['promptCacheLint.defaultModel'].default, DEFAULT_CONFIG.defaultModel);
    assert.strictEqual(properties['promptCacheLint.reuseCalls'].default, DEFAULT_CONFIG.reuseCalls);
    const ruleKeys = Object.keys((properties['promptCacheLint.rules'] as unknown as { properties: object }).properties);
    assert.deepStrictEqual(ruleKeys.sort(), RULES.map((r) => r.id).sort());
  });

  it('pins VS Code 1.100 (code-server 4.100.3) and @types/vscode to match', () => {
    assert.strictEqual(manifest.engines.vscode, '^1.100.0');
    assert.strictEqual(manifest.devDependencies['@types/vscode'], '1.100.0');
  });
});
