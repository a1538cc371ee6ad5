import * as assert from 'assert';
import { type Finding, type Fix, type LintResult, Linter, type SourceLanguage, applyEdits } from '../../src/core';

export const linter = new Linter();

export async function lintText(text: string, language: SourceLanguage, fileName: string): Promise<LintResult> {
  const result = await linter.lint(text, language, { fileName });
  assert.strictEqual(result.internalError, undefined, `internal error linting ${fileName}: ${result.internalError}`);
  return result;
}

function overlaps(a: Fix, b: Fix): boolean {
  return a.edits.some((x) => b.edits.some((y) => x.startOffset < y.endOffset && y.startOffset < x.endOffset));
}

/**
 * Apply the first safe fix of every finding, non-overlapping, until nothing changes (as
 * `eslint --fix` does). Returns the text and how many passes it took.
 */
export async function fixAll(text: string, language: SourceLanguage, fileName: string): Promise<{ text: string; passes: number }> {
  let current = text;
  for (let pass = 1; pass <= 10; pass++) {
    const result = await lintText(current, language, fileName);
    const chosen: Fix[] = [];
    for (const finding of result.findings) {
      const fix = finding.fixes.find((f) => f.safe);
      if (fix && !chosen.some((c) => overlaps(c, fix))) {
        chosen.push(fix);
      }
    }
    if (chosen.length === 0) {
      return { text: current, passes: pass - 1 };
    }
    current = applyEdits(
      current,
      chosen.flatMap((f) => f.edits),
    );
  }
  throw new Error(`${fileName}: fixes did not settle after 10 passes`);
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
