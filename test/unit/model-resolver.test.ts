import * as assert from 'assert';
import { MODEL_FAMILIES, exactFamilyOf, familyKeyOf, resolveModel } from '../../src/core';
import { familyByKey } from '../../src/core/models/model-catalog';
import { resolveCandidates } from '../../src/core/models/model-resolver';

describe('model resolver', () => {
  const cases: [string, string][] = [
    ['claude-3-5-sonnet-20241022', 'sonnet-3.5'],
    ['claude-3-5-sonnet-latest', 'sonnet-3.5'],
    ['claude-3-7-sonnet-latest', 'sonnet-3.7'],
    ['claude-sonnet-4-5-20250929', 'sonnet-4.5'],
    ['claude-sonnet-4-5', 'sonnet-4.5'],
    ['claude-haiku-4-5-20251001', 'haiku-4.5'],
    ['claude-opus-4-1-20250805', 'opus-4.1'],
    ['claude-opus-4-0', 'opus-4'],
    ['claude-opus-4-20250514', 'opus-4'],
    ['claude-3-haiku-20240307', 'haiku-3'],
    ['claude-opus-4-6', 'opus-4.6'],
    ['claude-opus-4-7', 'opus-4.7'],
    ['claude-opus-4-8', 'opus-4.8'],
    ['claude-sonnet-5', 'sonnet-5'],
    ['claude-opus-5-5', 'opus-5.5'],
    ['claude-haiku-5-5', 'haiku-5.5'],
    ['claude-fable-5-1', 'fable-5.1'],
    ['claude-mythos-preview', 'mythos-preview'],
    ['us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'sonnet-4.5'],
    ['anthropic.claude-3-5-sonnet-20241022-v2:0', 'sonnet-3.5'],
    ['global.anthropic.claude-sonnet-4-6-v1', 'sonnet-4.6'],
    ['apac.anthropic.claude-3-haiku-20240307-v1:0', 'haiku-3'],
    ['claude-3-5-sonnet-v2@20241022', 'sonnet-3.5'],
    ['claude-sonnet-4-5@20250929', 'sonnet-4.5'],
    ['anthropic/claude-sonnet-4.5', 'sonnet-4.5'],
    ['bedrock/us.anthropic.claude-haiku-4-5-20251001-v1:0', 'haiku-4.5'],
    ['vertex_ai/claude-opus-4-1@20250805', 'opus-4.1'],
    ['claude-sonnet-4-6[1m]', 'sonnet-4.6'],
    ['claude-2.1', 'claude-2'],
    ['anthropic.claude-v2:1', 'claude-2'],
    ['claude-instant-1.2', 'instant'],
    ['anthropic.claude-instant-v1', 'instant'],
    ['claude-2.0', 'claude-2'],
    ['us-gov.anthropic.claude-3-haiku-20240307-v1:0', 'haiku-3'],
    ['openrouter/anthropic/claude-3.5-sonnet:beta', 'sonnet-3.5'],
    ['anthropic/claude-3.7-sonnet:thinking', 'sonnet-3.7'],
    ['claude-mythos-5', 'mythos-5'],
    ['claude-mythos-5-1', 'mythos-5.1'],
  ];
  for (const [id, key] of cases) {
    it(`${id} → ${key}`, () => assert.strictEqual(familyKeyOf(id), key));
  }

  it('resolves every id form the catalog lists to its own family', () => {
    for (const family of MODEL_FAMILIES) {
      for (const id of [family.canonicalId, ...family.idForms]) {
        assert.strictEqual(familyKeyOf(id), family.key, id);
      }
    }
  });

  it('falls back to the default model, and says so, for unknown or missing ids', () => {
    const unknown = resolveModel('gpt-4o', 'claude-haiku-4-5');
    assert.strictEqual(unknown.assumed, true);
    assert.strictEqual(unknown.family?.key, 'haiku-4.5');
    assert.match(unknown.assumptionReason ?? '', /unknown model "gpt-4o"/);
    const missing = resolveModel(undefined);
    assert.strictEqual(missing.assumed, true);
    assert.strictEqual(missing.family?.key, 'sonnet-4.5');
  });

  it('resolves nothing for ids that are not Claude ids, or name no tier or no version', () => {
    for (const id of ['poem-haiku-4-5', 'gpt-4o', 'claude-sonnet', 'claude-7', 'claude-mythos', '']) {
      assert.strictEqual(familyKeyOf(id), undefined, id);
    }
    assert.strictEqual(familyKeyOf('claude-v2'), 'claude-2');
    assert.strictEqual(familyKeyOf('claude-2'), 'claude-2');
    assert.strictEqual(familyKeyOf('  Claude-Sonnet-4-5  '), 'sonnet-4.5');
  });

  it('says exactly why a model was assumed, falling back to the built-in default when the configured one is unknown', () => {
    assert.strictEqual(resolveModel(undefined, 'claude-haiku-4-5').assumptionReason, 'model not known statically; assumed Claude Haiku 4.5 (the configured default)');
    assert.strictEqual(resolveModel('gpt-4o', 'claude-haiku-4-5').assumptionReason, 'unknown model "gpt-4o"; assumed Claude Haiku 4.5 (the configured default)');
    const fallback = resolveModel(undefined, 'not-a-model');
    assert.strictEqual(fallback.family?.key, 'sonnet-4.5');
    assert.strictEqual(fallback.assumptionReason, 'model not known statically; assumed Claude Sonnet 4.5 (the configured default)');
    assert.deepStrictEqual(resolveModel('claude-opus-4-5'), { writtenId: 'claude-opus-4-5', family: resolveModel('claude-opus-4-5-20251101').family, assumed: false });
  });

  it('keeps a non-Claude id that merely contains a Claude name unresolved', () => {
    for (const id of ['my-claude-v2', 'not-claude-sonnet-4-5', 'claude-v1.3', 'gpt-4o:beta']) {
      assert.strictEqual(familyKeyOf(id), undefined, id);
    }
  });

  it("takes the code's own default for an environment variable as assumed, and says from where", () => {
    assert.deepStrictEqual(resolveModel('claude-haiku-4-5', 'claude-opus-4-8', 'ANTHROPIC_MODEL'), {
      writtenId: 'claude-haiku-4-5',
      family: familyByKey('haiku-4.5'),
      assumed: true,
      environmentVariable: 'ANTHROPIC_MODEL',
      assumptionReason: 'assumed from the default of ANTHROPIC_MODEL',
    });
    // An unknown default for the variable falls back like any unknown id.
    const unknown = resolveModel('gpt-4o', 'claude-opus-4-8', 'ANTHROPIC_MODEL');
    assert.strictEqual(unknown.family?.key, 'opus-4.8');
    assert.strictEqual(unknown.environmentVariable, undefined);
  });

  describe('several models chosen at run time', () => {
    it('is nothing when none of the ids is a Claude model', () => {
      assert.strictEqual(resolveCandidates(['gpt-4o', 'gemini-2.5-pro']), undefined);
      assert.strictEqual(resolveCandidates([]), undefined);
    });

    it('is one known model, not assumed, when every Claude id names the same family', () => {
      assert.deepStrictEqual(resolveCandidates(['claude-sonnet-4-5-20250929', 'gpt-4o', 'claude-sonnet-4-5']), {
        writtenId: 'claude-sonnet-4-5',
        family: familyByKey('sonnet-4.5'),
        assumed: false,
      });
    });

    it('lists each Claude family once, in order, and says it checks each', () => {
      const chosen = resolveCandidates(['claude-haiku-4-5', 'unknown-model', 'claude-opus-4-8', 'claude-haiku-4-5-20251001']);
      assert.deepStrictEqual(chosen?.candidates?.map((f) => f.key), ['haiku-4.5', 'opus-4.8']);
      assert.strictEqual(chosen?.family?.key, 'haiku-4.5');
      assert.strictEqual(chosen?.writtenId, undefined);
      assert.strictEqual(chosen?.assumed, true);
      assert.strictEqual(chosen?.assumptionReason, 'one of Claude Haiku 4.5, Claude Opus 4.8, chosen at run time; checked against each');
    });
  });

  it('counts each family with the exact counter of its tokenizer, and Claude 2 and Instant with none', () => {
    const expected: Record<string, string | undefined> = {
      'haiku-3': 'v3', 'sonnet-4.5': 'v3', 'opus-4.6': 'v3', 'opus-4.7': 'v4.7', 'opus-4.8': 'v4.7', 'mythos-preview': 'v4.7',
      'sonnet-5': 'v5', 'opus-5': 'v5', 'opus-5.5': 'v5', 'haiku-5.5': 'v5', 'fable-5.1': 'v5', 'mythos-5': 'v5', 'claude-2': undefined, instant: undefined,
    };
    for (const [key, family] of Object.entries(expected)) {
      assert.ok(familyByKey(key), key);
      assert.strictEqual(exactFamilyOf(familyByKey(key)), family, key);
    }
    assert.strictEqual(exactFamilyOf(undefined), undefined);
    for (const family of MODEL_FAMILIES) {
      const exact = exactFamilyOf(family);
      assert.strictEqual(exact === 'v3', family.tokenizer.value === 1 && exact !== undefined, family.key);
    }
  });

  it('carries a source and a date for every minimum and price', () => {
    for (const family of MODEL_FAMILIES) {
      for (const sourced of [family.minCacheableTokens, family.prices, family.tokenizer]) {
        if (sourced) {
          assert.ok(sourced.source.length > 0 && /^\d{4}-\d{2}-\d{2}$/.test(sourced.date), `${family.key}: ${JSON.stringify(sourced)}`);
        }
      }
      assert.strictEqual(family.supportsCaching, family.minCacheableTokens !== undefined, family.key);
    }
  });
});
