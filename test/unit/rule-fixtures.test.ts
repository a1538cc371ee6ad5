import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { type Finding, RULES, breakpointHover, inlineSavingsLabel, languageOfFile, requestHover } from '../../src/core';
import { checkEveryFix, fixAll, lintText } from '../helpers/fix-checks';
import { FIXTURE_ROOT } from '../helpers/paths';
import { checkSnapshot } from '../helpers/snapshots';

/**
 * The rule harness, in the spirit of ESLint's RuleTester: each fixture states its expected
 * findings inline (`# expect: rule-id` on the flagged line, or `expect-next-line:` above it);
 * fixtures named `ok-*` must produce no finding at all. Fixes are checked by applying them.
 * Everything else a user sees (column, end, severity, the whole message) is compared with a
 * `<name>.findings` snapshot, one finding a line, as Ruff's snapshot tests do; a fixture whose fixes
 * change it has a `<name>.fixed` snapshot of `fix all`, byte for byte (UPDATE_SNAPSHOTS=1 writes both;
 * review the diff before committing).
 */
const RULE_FIXTURES = path.join(FIXTURE_ROOT, 'rules');
const EXPECT = /(?:#|\/\/)\s*expect(-next-line)?:\s*([a-z-]+(?:\s*,\s*[a-z-]+)*)/;

export function expectedFindings(text: string): string[] {
  const expected: string[] = [];
  text.split('\n').forEach((line, i) => {
    const match = EXPECT.exec(line);
    if (match) {
      const target = match[1] ? i + 2 : i + 1;
      for (const rule of match[2].split(',')) {
        expected.push(`${target}:${rule.trim()}`);
      }
    }
  });
  return expected.sort();
}

/** `line:column-endLine:endColumn severity rule-id message`, 1-based, as the CLI prints positions. */
export function findingLine(f: Finding): string {
  const { start, end } = f.range;
  return `${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} ${f.severity} ${f.ruleId} ${f.message.replace(/\r?\n/g, '⏎')}`;
}

/**
 * The quick fixes a finding offers, as the light-bulb menu lists them, each with what it edits:
 * `  fix (suggestion): Use Claude Sonnet 4.6 … | 7:10-7:37 "claude-sonnet-4-6"`. Suggestions are
 * never in the `.fixed` snapshot (fix-all applies only safe fixes), so this is where they are pinned.
 */
export function fixLines(f: Finding, text: string): string[] {
  const at = (offset: number): string => {
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    return `${line}:${offset - before.lastIndexOf('\n')}`;
  };
  return f.fixes.map((fix) => {
    const edits = fix.edits.map((e) => `${at(e.startOffset)}-${at(e.endOffset)} ${JSON.stringify(e.newText)}`).join('; ');
    return `  fix (${fix.safe ? 'safe' : 'suggestion'}): ${fix.title} | ${edits}`;
  });
}

function fixtureFiles(): { rule: string; file: string; full: string }[] {
  const out: { rule: string; file: string; full: string }[] = [];
  for (const rule of fs.readdirSync(RULE_FIXTURES).sort()) {
    for (const file of fs.readdirSync(path.join(RULE_FIXTURES, rule)).sort()) {
      if (languageOfFile(file)) {
        out.push({ rule, file, full: path.join(RULE_FIXTURES, rule, file) });
      }
    }
  }
  return out;
}

describe('rule fixtures', () => {
  for (const { rule, file, full } of fixtureFiles()) {
    describe(`${rule}/${file}`, () => {
      const language = languageOfFile(file)!;
      const text = fs.readFileSync(full, 'utf8');

      it('reports exactly the expected findings', async () => {
        const result = await lintText(text, language, full);
        assert.ok(!result.hasSyntaxErrors, 'fixture has a syntax error');
        const actual = result.findings.map((f) => `${f.range.start.line + 1}:${f.ruleId}`).sort();
        const expected = expectedFindings(text);
        if (file.startsWith('ok-')) {
          assert.deepStrictEqual(expected, [], 'ok- fixtures must not expect findings');
        } else {
          assert.ok(expected.some((e) => e.endsWith(`:${rule}`)), `fixture in ${rule}/ never expects ${rule}`);
        }
        assert.deepStrictEqual(actual, expected, result.findings.map((f) => `${f.range.start.line + 1}:${f.ruleId} ${f.message}`).join('\n'));
      });

      it('reports each finding with the range, severity, message and fixes of its snapshot', async () => {
        const result = await lintText(text, language, full);
        const lines = result.findings.flatMap((f) => [findingLine(f), ...fixLines(f, text)]);
        const snapshot = `${full}.findings`;
        if (lines.length === 0) {
          assert.ok(!fs.existsSync(snapshot), `${snapshot} exists but nothing is reported`);
          return;
        }
        checkSnapshot(snapshot, `${lines.join('\n')}\n`);
      });

      it('shows the inline hints and hovers of its snapshot', async () => {
        const result = await lintText(text, language, full);
        const sections: string[] = [];
        for (const request of result.requests) {
          const at = request.call.range.start;
          sections.push(`## request at ${at.line + 1}:${at.character + 1}\n\n${requestHover(request)}`);
          for (const breakpoint of request.breakpoints) {
            const marker = breakpoint.marker.range.start;
            sections.push(`### breakpoint #${breakpoint.ordinal} at ${marker.line + 1}:${marker.character + 1}\n\ninline: ${inlineSavingsLabel(breakpoint)}\n\n${breakpointHover(request, breakpoint)}`);
          }
        }
        checkSnapshot(`${full}.hovers.md`, `${sections.join('\n\n')}\n`);
      });

      it('has fixes that parse, remove their finding and do not repeat', async () => {
        await checkEveryFix(text, language, full);
      });

      it('fixes all to the snapshot, and a second pass changes nothing', async () => {
        const { text: fixed } = await fixAll(text, language, full);
        const again = await fixAll(fixed, language, full);
        assert.strictEqual(again.text, fixed, 'fix-all is not idempotent');
        const snapshot = `${full}.fixed`;
        if (fixed === text) {
          assert.ok(!fs.existsSync(snapshot), `${snapshot} exists but no fix applies`);
          return;
        }
        checkSnapshot(snapshot, fixed);
      });
    });
  }
});

describe('rule fixture coverage', () => {
  const files = fixtureFiles();
  for (const rule of RULES) {
    it(`${rule.id} has firing and silent fixtures in Python and TypeScript`, () => {
      for (const ext of ['.py', '.ts']) {
        const mine = files.filter((f) => f.rule === rule.id && f.file.endsWith(ext));
        assert.ok(mine.some((f) => !f.file.startsWith('ok-')), `${rule.id}: no firing ${ext} fixture`);
        assert.ok(mine.some((f) => f.file.startsWith('ok-')), `${rule.id}: no silent (ok-) ${ext} fixture`);
      }
    });
  }

  it('pairs of .py/.ts fixtures expect the same findings in the same order', () => {
    for (const f of files.filter((x) => x.file.endsWith('.py'))) {
      const twin = f.full.replace(/\.py$/, '.ts');
      assert.ok(fs.existsSync(twin), `${f.rule}/${f.file} has no TypeScript twin`);
      const rulesOf = (p: string) => expectedFindings(fs.readFileSync(p, 'utf8')).map((e) => e.split(':')[1]);
      assert.deepStrictEqual(rulesOf(twin).sort(), rulesOf(f.full).sort(), `${f.rule}/${f.file} and its twin differ`);
    }
  });
});
