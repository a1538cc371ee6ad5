import * as assert from 'assert';
import { type Finding, Linter, type SourceLanguage, type TokenCounter, type TokenEstimate, ClaudeTokenEstimator, resolveModel } from '../../src/core';

/**
 * The below-minimum boundary, class by class. A prefix is "not cached" only when the top of its
 * error band is under the minimum, "may not be cached" (info) when the band straddles it, and fine
 * from the point where the bottom of the band reaches it. First with a counter whose counts and
 * bands are chosen exactly (one token per character, a fixed band), so each comparison is tested at
 * its edge; then with the shipped estimator, on texts found just under, across and just over.
 */

/** One token per character, with a fixed ± band: lets a test put a prefix exactly where it wants. */
class CharacterCounter implements TokenCounter {
  constructor(private readonly band: number) {}
  estimate(text: string): TokenEstimate {
    const tokens = [...text].length;
    return { tokens, low: tokens - this.band, high: tokens + this.band };
  }
}

const MINIMUM_CLASSES = [
  { minimum: 512, model: 'claude-opus-5' },
  { minimum: 1024, model: 'claude-sonnet-4-5' },
  { minimum: 2048, model: 'claude-mythos-preview' },
  { minimum: 4096, model: 'claude-haiku-4-5' },
];

function request(language: SourceLanguage, model: string, text: { python: string; typescript: string }): string {
  return language === 'python'
    ? `client.messages.create(model="${model}", max_tokens=5, system=[{"type": "text", "text": ${text.python}, "cache_control": {"type": "ephemeral"}}], messages=[{"role": "user", "content": q}])\n`
    : `client.messages.create({ model: "${model}", max_tokens: 5, system: [{ type: "text", text: ${text.typescript}, cache_control: { type: "ephemeral" } }], messages: [{ role: "user", content: q }] });\n`;
}

const repeated = (unit: string, times: number) => ({ python: `${JSON.stringify(unit)} * ${times}`, typescript: `${JSON.stringify(unit)}.repeat(${times})` });

async function belowMinimumFindings(linter: Linter, language: SourceLanguage, code: string): Promise<{ findings: Finding[]; tokens: TokenEstimate }> {
  const result = await linter.lint(code, language, { fileName: language === 'python' ? 'x.py' : 'x.ts' });
  assert.strictEqual(result.internalError, undefined);
  assert.strictEqual(result.requests.length, 1);
  const [breakpoint] = result.requests[0].breakpoints;
  assert.ok(breakpoint.prefix.known, 'the prefix is a literal: known');
  return { findings: result.findings.filter((f) => f.ruleId === 'below-minimum'), tokens: breakpoint.prefix.tokens };
}

type Verdict = 'not cached' | 'may not be cached' | 'none';
const verdictOf = (findings: Finding[]): Verdict => {
  assert.ok(findings.length <= 1, `${findings.length} below-minimum findings for one breakpoint`);
  const [finding] = findings;
  if (!finding) {
    return 'none';
  }
  if (finding.severity === 'warning') {
    assert.match(finding.message, /will not be cached/);
    assert.strictEqual(finding.fixes.filter((f) => f.safe).length, 1, 'a breakpoint that does nothing can be removed safely');
    return 'not cached';
  }
  assert.strictEqual(finding.severity, 'info');
  assert.match(finding.message, /may not be cached/);
  assert.ok(!finding.fixes.some((f) => f.safe || /Remove/.test(f.title)), 'a breakpoint that may work is never removed');
  return 'may not be cached';
};

describe('below-minimum wording', () => {
  it('names the other published minimums of a model whose minimum is disputed', async () => {
    const linter = new Linter(new CharacterCounter(0));
    const { findings } = await belowMinimumFindings(linter, 'python', request('python', 'claude-fable-5', repeated('x', 100)));
    assert.strictEqual(findings.length, 1);
    assert.match(findings[0].message, /under the 512-token minimum of Claude Fable 5 \(other sources give 1,024: Amazon Bedrock model doc \(later removed\)\)\./);
    const plain = await belowMinimumFindings(linter, 'python', request('python', 'claude-opus-5', repeated('x', 100)));
    assert.match(plain.findings[0].message, /under the 512-token minimum of Claude Opus 5\. The API skips caching silently/);
  });
});

describe('below-minimum at the boundary of each minimum class', () => {
  for (const { minimum, model } of MINIMUM_CLASSES) {
    it(`${model}: the catalog's minimum is ${minimum}`, () => {
      assert.strictEqual(resolveModel(model).family?.minCacheableTokens?.value, minimum);
    });

    for (const language of ['python', 'typescript'] as const) {
      it(`${model} (${minimum}), ${language}: exact counts just under, at and just over`, async () => {
        const linter = new Linter(new CharacterCounter(0));
        const at = async (tokens: number) => verdictOf((await belowMinimumFindings(linter, language, request(language, model, repeated('x', tokens)))).findings);
        assert.strictEqual(await at(minimum - 1), 'not cached');
        assert.strictEqual(await at(minimum), 'none');
        assert.strictEqual(await at(minimum + 1), 'none');
      });

      it(`${model} (${minimum}), ${language}: a band of ±50 clear of the minimum, touching it, and straddling it`, async () => {
        const linter = new Linter(new CharacterCounter(50));
        const at = async (tokens: number) => verdictOf((await belowMinimumFindings(linter, language, request(language, model, repeated('x', tokens)))).findings);
        assert.strictEqual(await at(minimum - 51), 'not cached', 'top of the band one under the minimum');
        assert.strictEqual(await at(minimum - 50), 'may not be cached', 'top of the band at the minimum');
        assert.strictEqual(await at(minimum - 1), 'may not be cached', 'point estimate under, band straddling');
        assert.strictEqual(await at(minimum + 49), 'may not be cached', 'bottom of the band one under the minimum');
        assert.strictEqual(await at(minimum + 50), 'none', 'bottom of the band at the minimum');
      });
    }

    it(`${model} (${minimum}): the shipped estimator's band decides, on texts just under, across and just over the minimum`, async () => {
      const linter = new Linter(new ClaudeTokenEstimator());
      const sentence = 'Cite the policy section that applies. ';
      const lint = (times: number) => belowMinimumFindings(linter, 'python', request('python', model, repeated(sentence, times)));
      // The fewest repetitions whose band reaches the minimum (top, then bottom): a binary search over the real estimate.
      const first = async (reaches: (t: TokenEstimate) => boolean) => {
        let lo = 1;
        let hi = Math.ceil((minimum * 2) / 5);
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (reaches((await lint(mid)).tokens)) {
            hi = mid;
          } else {
            lo = mid + 1;
          }
        }
        return lo;
      };
      const topReaches = await first((t) => t.high >= minimum);
      const bottomReaches = await first((t) => t.low >= minimum);
      assert.ok(topReaches < bottomReaches, 'the estimate has a band');
      const under = await lint(topReaches - 1);
      assert.ok(under.tokens.high < minimum);
      assert.strictEqual(verdictOf(under.findings), 'not cached');
      const straddling = await lint(topReaches);
      assert.ok(straddling.tokens.low < minimum && straddling.tokens.high >= minimum);
      assert.strictEqual(verdictOf(straddling.findings), 'may not be cached');
      assert.match(straddling.findings[0].message, new RegExp(`close to the ${minimum.toLocaleString('en-US')}-token minimum`));
      const over = await lint(bottomReaches);
      assert.ok(over.tokens.low >= minimum);
      assert.strictEqual(verdictOf(over.findings), 'none');
    });
  }
});
