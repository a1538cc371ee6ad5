import * as assert from 'assert';
import { type Finding, type Fix, type LintResult, Linter, type SourceLanguage, applyEdits, fixAll as coreFixAll } from '../../src/core';

/**
 * The linter tests share, made anew before each test (root hook in root-hooks.ts): its token
 * caches must not carry one test's counts into the next, nor, under mutation testing, one mutant's
 * run into the next (Stryker reuses the process).
 */
export let linter = new Linter();

export function freshLinter(): void {
  linter = new Linter();
}

export async function lintText(text: string, language: SourceLanguage, fileName: string): Promise<LintResult> {
  const result = await linter.lint(text, language, { fileName });
  assert.strictEqual(result.internalError, undefined, `internal error linting ${fileName}: ${result.internalError}`);
  return result;
}

/**
 * The core's own fix-all (the one the extension runs), over the test linter: the text, and how
 * many passes it took. It must settle, and never by refusing a pass that breaks the parse.
 */
export async function fixAll(text: string, language: SourceLanguage, fileName: string): Promise<{ text: string; passes: number }> {
  await linter.prepare(language, fileName);
  const result = coreFixAll(text, (t) => {
    const linted = linter.lintSync(t, language, { fileName });
    assert.ok(linted && linted.internalError === undefined, `internal error linting ${fileName}: ${linted?.internalError}`);
    return linted;
  });
  assert.strictEqual(result.stoppedBy, 'settled', `${fileName}: fix-all stopped by ${result.stoppedBy} after ${result.passes} passes`);
  return { text: result.text, passes: result.passes };
}

const countOf = (findings: Finding[], ruleId: string) => findings.filter((f) => f.ruleId === ruleId).length;
const errorsOf = (findings: Finding[]) => findings.filter((f) => f.severity === 'error').length;

/**
 * Every fix of every finding, applied alone: the result parses as well as the original did, the
 * targeted finding is gone, no new error-severity finding appears, and re-linting offers no fix
 * that would change the text the same way again.
 */
export async function checkEveryFix(text: string, language: SourceLanguage, fileName: string): Promise<number> {
  const before = await lintText(text, language, fileName);
  let checked = 0;
  for (const finding of before.findings) {
    for (const fix of finding.fixes) {
      const fixed = applyEdits(text, fix.edits);
      const label = `${fileName}: fix "${fix.title}" for ${finding.ruleId} at line ${finding.range.start.line + 1}`;
      assert.notStrictEqual(fixed, text, `${label} changed nothing`);
      const after = await lintText(fixed, language, fileName);
      if (!before.hasSyntaxErrors) {
        assert.ok(!after.hasSyntaxErrors, `${label} left a syntax error:\n${fixed}`);
      }
      assert.ok(countOf(after.findings, finding.ruleId) < countOf(before.findings, finding.ruleId), `${label} did not remove the finding`);
      assert.ok(errorsOf(after.findings) <= errorsOf(before.findings), `${label} added an error-severity finding`);
      for (const again of after.findings.flatMap((f) => f.fixes)) {
        if (again.title === fix.title) {
          assert.notStrictEqual(applyEdits(fixed, again.edits), applyEdits(fixed, fix.edits), `${label} would apply again`);
        }
      }
      checked++;
    }
  }
  return checked;
}

/** A finding's own fixes, without the "Disable <rule> for this line/file" suppressions every finding offers. */
export function ownFixes(finding: Pick<Finding, 'fixes'>): Fix[] {
  return finding.fixes.filter((f) => !f.title.startsWith('Disable '));
}
