import * as assert from 'assert';
import { type Finding, Linter, type SourceLanguage, type TokenCounter, type TokenEstimate, ClaudeTokenEstimator, resolveModel } from '../../src/core';
import { ownFixes } from '../helpers/fix-checks';

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

describe('below-minimum with several models chosen at run time, and on Amazon Bedrock', () => {
  const chosen = (models: string, chars: number) =>
    `def ask(fast, q):\n    client.messages.create(model=${models}, max_tokens=5, system=[{"type": "text", "text": "x" * ${chars}, "cache_control": {"type": "ephemeral"}}], messages=[{"role": "user", "content": q}])\n`;
  const HAIKU_OR_SONNET = '"claude-haiku-4-5" if fast else "claude-sonnet-4-5"';
  const lint = async (band: number, code: string) => {
    const result = await new Linter(new CharacterCounter(band)).lint(code, 'python', { fileName: 'x.py' });
    assert.strictEqual(result.requests.length, 1);
    const findings = result.findings.filter((f) => f.ruleId === 'below-minimum');
    assert.ok(findings.length <= 1);
    const fixes = (findings[0] ? ownFixes(findings[0]) : []).map((f) => `${f.safe ? 'safe' : 'suggestion'}: ${f.title}`);
    return { finding: findings[0], fixes, verdict: result.requests[0].breakpoints[0].verdict };
  };

  it('under every model: not cached with any, and the breakpoint can go', async () => {
    const { finding, fixes, verdict } = await lint(0, chosen(HAIKU_OR_SONNET, 500));
    assert.strictEqual(finding.severity, 'warning');
    assert.match(finding.message, /will not be cached with any of its models: its whole prefix is ≈500 tokens \(500–500\), under the minimum of each — Claude Haiku 4\.5 \(4,096\), Claude Sonnet 4\.5 \(1,024\); the model is one of 2 models chosen at run time: Claude Haiku 4\.5, Claude Sonnet 4\.5\./);
    assert.deepStrictEqual(fixes, ['safe: Remove ineffective cache_control']);
    assert.deepStrictEqual([verdict?.kind, verdict?.reason], ['not-cached', "below every candidate model's min"]);
  });

  it('under some models only: a warning naming them, and no removal (the others cache)', async () => {
    const { finding, fixes, verdict } = await lint(0, chosen(HAIKU_OR_SONNET, 2000));
    assert.strictEqual(finding.severity, 'warning');
    assert.match(finding.message, /will not be cached when the model is Claude Haiku 4\.5 \(4,096\): its whole prefix is ≈2,000 tokens \(2,000–2,000\), under that minimum; .* With the others it can cache\./);
    assert.deepStrictEqual(fixes, []);
    assert.deepStrictEqual([verdict?.kind, verdict?.reason], ['may-not-cache', 'below the min of Claude Haiku 4.5']);
    assert.strictEqual((await lint(0, chosen(HAIKU_OR_SONNET, 4096))).finding, undefined);
  });

  it("each model's band is compared at its edges: below, near (info), and clear", async () => {
    // Band ±50 around the Haiku minimum of 4,096; Sonnet's 1,024 is far below.
    const below = await lint(50, chosen(HAIKU_OR_SONNET, 4045));
    assert.match(below.finding.message, /will not be cached when the model is Claude Haiku 4\.5/);
    for (const chars of [4046, 4145]) {
      const near = await lint(50, chosen(HAIKU_OR_SONNET, chars));
      assert.strictEqual(near.finding.severity, 'info', `${chars}`);
      assert.match(near.finding.message, /may not be cached when the model is Claude Haiku 4\.5 \(4,096\): its whole prefix is ≈[\d,]+ tokens \([\d,]+–[\d,]+\), close to that minimum; the model is one of 2 models chosen at run time: Claude Haiku 4\.5, Claude Sonnet 4\.5\. Check usage\.cache_creation_input_tokens/);
      assert.deepStrictEqual(near.fixes, []);
      assert.deepStrictEqual([near.verdict?.kind, near.verdict?.reason], ['may-not-cache', 'near the min of Claude Haiku 4.5']);
    }
    assert.strictEqual((await lint(50, chosen(HAIKU_OR_SONNET, 4146))).finding, undefined);
  });

  it('compares only the models that share the first one\'s tokenizer, and says the model was one of several', async () => {
    const { finding } = await lint(0, chosen('"claude-sonnet-4-5" if fast else "claude-opus-4-7"', 500));
    assert.match(finding.message, /under the 1,024-token minimum of Claude Sonnet 4\.5 \(one of 2 models chosen at run time\)\./);
  });

  it("uses Bedrock's own minimum for a Bedrock id, and names its source", async () => {
    for (const id of ['"us.anthropic.claude-sonnet-4-6-v1:0"', '"bedrock/global.anthropic.claude-sonnet-4-6-v1"']) {
      const { finding } = await lint(0, chosen(id, 1500));
      assert.match(finding.message, /under the 2,048-token minimum of Claude Sonnet 4\.6 on Amazon Bedrock \(observed on Amazon Bedrock: fails at 2,038 tokens, works at 2,067/, id);
    }
    // The same model on the Claude API: its minimum is 1,024, and the disputed 2,048 is only named.
    assert.strictEqual((await lint(0, chosen('"claude-sonnet-4-6"', 1500))).finding, undefined);
    const api = await lint(0, chosen('"claude-sonnet-4-6"', 1000));
    assert.match(api.finding.message, /under the 1,024-token minimum of Claude Sonnet 4\.6 \(other sources give 2,048: Anthropic's skill files and one user report\)\./);
  });
});

describe('missed-opportunity at the minimum, and never on a token count', () => {
  const uncached = (method: string, chars: number) =>
    `client.messages.${method}(model="claude-sonnet-4-5", max_tokens=5, system="x" * ${chars}, messages=[{"role": "user", "content": q}])\n`;
  const missed = async (band: number, code: string, language: SourceLanguage = 'python') =>
    (await new Linter(new CharacterCounter(band)).lint(code, language, { fileName: language === 'python' ? 'x.py' : 'x.ts' })).findings.filter((f) => f.ruleId === 'missed-opportunity');

  it('fires from the point where the bottom of the band reaches the minimum', async () => {
    assert.strictEqual((await missed(0, uncached('create', 1023))).length, 0);
    assert.strictEqual((await missed(0, uncached('create', 1024))).length, 1);
    assert.strictEqual((await missed(20, uncached('create', 1043))).length, 0, 'band straddles: the bottom is one under');
    assert.strictEqual((await missed(20, uncached('create', 1044))).length, 1, 'bottom of the band at the minimum');
  });

  it('names what is sent uncached: tool definitions, the system prompt, or both', async () => {
    const tools = '[{"name": "lookup", "description": "' + 'd'.repeat(1500) + '", "input_schema": {"type": "object"}}]';
    const call = (args: string) => `client.messages.create(model="claude-sonnet-4-5", max_tokens=5, ${args}, messages=[{"role": "user", "content": q}])\n`;
    const [both] = await missed(0, call(`tools=${tools}, system="x" * 10`));
    assert.match(both.message, /^The tool definitions and system prompt \(≈[\d,]+ tokens, all static\) are sent uncached on every call;/);
    const [toolsOnly] = await missed(0, call(`tools=${tools}`));
    assert.match(toolsOnly.message, /^The tool definitions \(≈[\d,]+ tokens, all static\) are sent uncached on every call;/);
    const [systemOnly] = await missed(0, call('system="x" * 2000'));
    assert.match(systemOnly.message, /^The system prompt \(≈2,000 tokens, all static\) is sent uncached on every call; Claude Sonnet 4\.5 can cache from 1,024 tokens\./);
    // A plain string system prompt is wrapped in a one-block list to carry the marker.
    assert.deepStrictEqual(systemOnly.fixes.filter((f) => f.safe).map((f) => f.title), ['Add a cache breakpoint to system']);
  });

  it('is silent on count_tokens / countTokens, which cache nothing', async () => {
    assert.strictEqual((await missed(0, uncached('count_tokens', 5000))).length, 0);
    const ts = 'client.messages.countTokens({ model: "claude-sonnet-4-5", system: "x".repeat(5000), messages: [{ role: "user", content: q }] });\n';
    assert.strictEqual((await missed(0, ts, 'typescript')).length, 0);
    assert.strictEqual((await missed(0, ts.replace('countTokens', 'create').replace('system:', 'max_tokens: 5, system:'), 'typescript')).length, 1);
  });
});
