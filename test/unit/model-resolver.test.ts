import * as assert from 'assert';
import { MODEL_FAMILIES, familyKeyOf, resolveModel } from '../../src/core';

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
