import * as assert from 'assert';
import fc from 'fast-check';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { type LintResult, type SourceLanguage, applyEdits, languageOfFile } from '../../src/core';
import { readSourceFile } from '../../src/cli/files';
import { checkEveryFix, linter } from '../helpers/fix-checks';
import { EXAMPLES_ROOT, FIXTURE_ROOT } from '../helpers/paths';

/**
 * Bad input keeps working: thousands of seeded mutations of every fixture and example, plus
 * pathological files. The core must never throw, never report an internal error, keep every range
 * and fix inside the text, and still find the requests that the damage did not touch. Mutation runs
 * leave this file out (scripts/mutation-run.ts, LEFT_OUT): it killed no mutant the other tests missed.
 */
const SEED = 20261122;

function corpus(): { name: string; language: SourceLanguage; text: string }[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else if (languageOfFile(entry.name)) {
        files.push(full);
      }
    }
  };
  walk(path.join(FIXTURE_ROOT, 'rules'));
  walk(EXAMPLES_ROOT);
  return files.map((file) => ({ name: path.relative(FIXTURE_ROOT, file), language: languageOfFile(file)!, text: fs.readFileSync(file, 'utf8') }));
}

async function lintSafely(text: string, language: SourceLanguage): Promise<LintResult> {
  const result = await linter.lint(text, language, { fileName: language === 'python' ? 'x.py' : 'x.ts' });
  assert.strictEqual(result.internalError, undefined, `internal error: ${result.internalError}`);
  for (const finding of result.findings) {
    assert.ok(finding.range.startOffset >= 0 && finding.range.endOffset <= text.length && finding.range.startOffset <= finding.range.endOffset, 'finding range outside the text');
    for (const fix of finding.fixes) {
      for (const edit of fix.edits) {
        assert.ok(edit.startOffset >= 0 && edit.endOffset <= text.length && edit.startOffset <= edit.endOffset, 'fix edit outside the text');
      }
      // Non-overlapping edits (applyEdits throws otherwise) whose result has exactly the length they imply.
      const fixed = applyEdits(text, fix.edits);
      const delta = fix.edits.reduce((sum, e) => sum + e.newText.length - (e.endOffset - e.startOffset), 0);
      assert.strictEqual(fixed.length, text.length + delta, `fix "${fix.title}" does not apply as its edits say`);
    }
  }
  return result;
}

const noise = fc.constantFrom('(', ')', '[', ']', '{', '}', '"', "'", '`', '"""', ',', ':', '\n', '\r\n', '\\', '${', '#', '//', '/*', '\u0000', '\uFFFD', '\uD800', 'é', '中', 'cache_control', '**', '...');

type Mutation = { kind: 'truncate'; at: number } | { kind: 'delete'; at: number; length: number } | { kind: 'insert'; at: number; text: string } | { kind: 'crlf'; every: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), text: fc.oneof(fc.array(noise, { minLength: 1, maxLength: 5 }).map((a) => a.join('')), fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 12 })) }),
  fc.record({ kind: fc.constant('crlf' as const), every: fc.integer({ min: 1, max: 4 }) }),
);

function mutate(text: string, m: Mutation): string {
  const at = Math.floor(('at' in m ? m.at : 0) * text.length);
  switch (m.kind) {
    case 'truncate':
      return text.slice(0, at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'crlf':
      return text
        .split('\n')
        .map((line, i) => (i % m.every === 0 ? `${line}\r` : line))
        .join('\n');
  }
}

const RUNS = 150;

describe('robustness', function () {
  this.timeout(300_000);
  const files = corpus();

  it(`never throws on ${files.length} files × ${RUNS} seeded mutations (and keeps ranges and fixes in bounds)`, async () => {
    let runs = 0;
    for (const [index, file] of files.entries()) {
      await fc.assert(
        fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
          const text = mutations.reduce(mutate, file.text);
          await lintSafely(text, file.language);
          runs++;
        }),
        { seed: SEED + index, numRuns: RUNS },
      );
    }
    assert.strictEqual(runs, files.length * RUNS);
  });

  it('still finds the requests before a truncation point', async () => {
    for (const [index, file] of files.entries()) {
      const original = await lintSafely(file.text, file.language);
      await fc.assert(
        fc.asyncProperty(fc.double({ min: 0, max: 1, noNaN: true }), async (fraction) => {
          const cut = Math.floor(fraction * file.text.length);
          const intact = original.requests.filter((r) => r.call.range.endOffset < cut && !file.text.slice(r.call.range.endOffset, cut).includes('"""'));
          const truncated = await lintSafely(file.text.slice(0, cut), file.language);
          for (const request of intact) {
            assert.ok(
              truncated.requests.some((r) => r.call.range.startOffset === request.call.range.startOffset),
              `${file.name}: request at line ${request.call.range.start.line + 1} lost after cutting at ${cut}`,
            );
          }
        }),
        { seed: SEED - index, numRuns: 40 },
      );
    }
  });

  it('handles pathological inputs: 5 MB file, 500-level nesting, 1 MB literal, long runs without spaces', async () => {
    const request = (system: string) => `client.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=${system}, messages=[{"role": "user", "content": "hi"}])\n`;
    const bigFile = request('"Be brief."').repeat(Math.ceil((5 * 1024 * 1024) / 120));
    const big = await lintSafely(bigFile, 'python');
    assert.ok(big.requests.length > 40_000);
    const nested = request(`${'['.repeat(500)}"x"${']'.repeat(500)}`);
    assert.strictEqual((await lintSafely(nested, 'python')).requests.length, 1);
    const nestedObject = `client.messages.create({ model: "claude-sonnet-4-5", max_tokens: 5, messages: [], system: ${'{ a: '.repeat(500)}1${' }'.repeat(500)} });`;
    assert.strictEqual((await lintSafely(nestedObject, 'typescript')).requests.length, 1);
    const hugeLiteral = request(`[{"type": "text", "text": "${'All work and no play makes Jack a dull boy. '.repeat(24_000)}", "cache_control": {"type": "ephemeral"}}]`);
    const literal = await lintSafely(hugeLiteral, 'python');
    assert.ok(literal.requests[0].breakpoints[0].prefix.tokens.tokens > 200_000);
    const blob = request(`[{"type": "text", "text": "${'QUJDRA'.repeat(10_000)}${'x'.repeat(50_000)}", "cache_control": {"type": "ephemeral"}}]`);
    assert.ok((await lintSafely(blob, 'python')).requests[0].breakpoints[0].prefix.tokens.tokens > 1_000);
  });

  it('reads non-UTF-8 files with replacement characters and still lints them', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pcl-bytes-')), 'latin1.py');
    const source = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9, 0xff, 0xfe]), Buffer.from('\nclient.messages.create(model="claude-sonnet-4-5", max_tokens=5, messages=[{"role": "user", "content": "hi"}])\n')]);
    fs.writeFileSync(file, source);
    const read = readSourceFile(file);
    assert.ok('text' in read && read.text.includes('\uFFFD'));
    if ('text' in read) {
      assert.strictEqual((await lintSafely(read.text, 'python')).requests.length, 1);
    }
  });

  it('every fix on every example parses, removes its finding and does not apply twice', async () => {
    let checked = 0;
    for (const file of files.filter((f) => f.name.startsWith('..'))) {
      checked += await checkEveryFix(file.text, file.language, file.name);
    }
    assert.ok(checked > 20, `only ${checked} fixes checked`);
  });
});
