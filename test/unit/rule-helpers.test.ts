import * as assert from 'assert';
import { describeBreakpoint, formatTokens, formatUsd, modelPhrase } from '../../src/core/rules/rule';
import { lintSnippet } from '../helpers/snippets';

/** The wording helpers every rule's message is built from. */
describe('rule message helpers', () => {
  it('formats token counts with separators, and in thousands from 10,000', () => {
    assert.strictEqual(formatTokens(0), '0');
    assert.strictEqual(formatTokens(1_024), '1,024');
    assert.strictEqual(formatTokens(9_999), '9,999');
    assert.strictEqual(formatTokens(10_000), '10.0k');
    assert.strictEqual(formatTokens(190_449), '190.4k');
  });

  it('formats dollars: exact zero, two significant digits under a cent, four decimals under a dollar, cents above', () => {
    assert.strictEqual(formatUsd(0), '$0');
    assert.strictEqual(formatUsd(0.000123), '$0.00012');
    assert.strictEqual(formatUsd(-0.0041), '$-0.0041');
    assert.strictEqual(formatUsd(0.01), '$0.0100');
    assert.strictEqual(formatUsd(0.5), '$0.5000');
    assert.strictEqual(formatUsd(1), '$1.00');
    assert.strictEqual(formatUsd(30.333), '$30.33');
  });

  it('names breakpoints by ordinal and block, or as the top-level one', async () => {
    const { requests } = await lintSnippet(
      `client.messages.create(model="claude-sonnet-4-5", max_tokens=5, cache_control={"type": "ephemeral"}, system=[{"type": "text", "text": "a", "cache_control": {"type": "ephemeral"}}], messages=[{"role": "user", "content": "hi"}])`,
      'python',
    );
    const [request] = requests;
    const names = request.breakpoints.map((bp) => describeBreakpoint(request, bp)).sort();
    assert.deepStrictEqual(names, ['#1 (system[0])', '#2 (top-level cache_control)'].sort());
  });

  it('says when the model was assumed, and why', async () => {
    const phrase = async (model: string) => {
      const { requests } = await lintSnippet(`client.messages.create(model=${model}, max_tokens=5, messages=[{"role": "user", "content": "hi"}])`, 'python');
      return modelPhrase(requests[0]);
    };
    assert.strictEqual(await phrase('"claude-haiku-4-5"'), 'Claude Haiku 4.5');
    assert.strictEqual(await phrase('model_name'), 'Claude Sonnet 4.5 (assumed: model not known statically)');
    assert.strictEqual(await phrase('"claude-7-imaginary"'), 'Claude Sonnet 4.5 (assumed: unknown model "claude-7-imaginary")');
  });
});
