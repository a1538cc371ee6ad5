import * as assert from 'assert';
import { DEFAULT_CONFIG, resolveConfig } from '../../src/core';

/** The one place untrusted configuration (settings, .prompt-cache-lint.json) becomes a LintConfig. */
describe('configuration', () => {
  it('gives the defaults for nothing, and says so for a non-object', () => {
    for (const nothing of [undefined, null]) {
      assert.deepStrictEqual(resolveConfig(nothing), { config: { ...DEFAULT_CONFIG, rules: {} }, problems: [] });
    }
    assert.deepStrictEqual(resolveConfig('strict'), { config: { ...DEFAULT_CONFIG, rules: {} }, problems: ['configuration must be an object'] });
    assert.deepStrictEqual(DEFAULT_CONFIG, { defaultModel: 'claude-sonnet-4-5', reuseCalls: 10, rules: {} });
  });

  it('keeps valid values: a trimmed model id, a whole number of calls, known rules with known severities', () => {
    const { config, problems } = resolveConfig({ defaultModel: '  claude-haiku-4-5 ', reuseCalls: '25.7', rules: { 'below-minimum': 'error', 'missed-opportunity': 'off' } });
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(config, { defaultModel: 'claude-haiku-4-5', reuseCalls: 25, rules: { 'below-minimum': 'error', 'missed-opportunity': 'off' } });
    assert.strictEqual(resolveConfig({ reuseCalls: 1 }).config.reuseCalls, 1);
    assert.strictEqual(resolveConfig({ reuseCalls: 1_000_000 }).config.reuseCalls, 1_000_000);
  });

  it('drops each invalid value with its own problem, keeping the default and the valid rest', () => {
    const { config, problems } = resolveConfig({ defaultModel: '   ', reuseCalls: 0, rules: { 'below-minimum': 'loud', 'no-such-rule': 'error', 'ttl-order': 'hint' } });
    assert.deepStrictEqual(config, { defaultModel: 'claude-sonnet-4-5', reuseCalls: 10, rules: { 'ttl-order': 'hint' } });
    assert.deepStrictEqual(problems, [
      'defaultModel must be a model id string',
      'reuseCalls must be a number from 1 to 1,000,000',
      'rule "below-minimum": severity must be one of error, warning, info, hint, off',
      'unknown rule "no-such-rule"',
    ]);
    assert.deepStrictEqual(resolveConfig({ defaultModel: 7, reuseCalls: 1_000_001, rules: null }).problems, [
      'defaultModel must be a model id string',
      'reuseCalls must be a number from 1 to 1,000,000',
      'rules must be an object of rule id to severity',
    ]);
    assert.deepStrictEqual(resolveConfig({ reuseCalls: 'many', rules: 'all' }).problems, ['reuseCalls must be a number from 1 to 1,000,000', 'rules must be an object of rule id to severity']);
  });
});
