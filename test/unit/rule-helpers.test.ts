import * as assert from 'assert';
import type { RequestModel } from '../../src/core';
import { suggestTtl } from '../../src/core/rules/invalid-cache-control';
import { describeBreakpoint, formatTokens, formatUsd, modelPhrase, onBedrock } from '../../src/core/rules/rule';
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

  it('names an environment default and a choice among models', async () => {
    const phrase = async (model: string) => {
      const { requests } = await lintSnippet(`import os\ndef f(fast):\n    client.messages.create(model=${model}, max_tokens=5, messages=[{"role": "user", "content": "hi"}])`, 'python');
      return modelPhrase(requests[0]);
    };
    assert.strictEqual(await phrase('os.getenv("CLAUDE_MODEL", "claude-haiku-4-5")'), 'Claude Haiku 4.5 (assumed from the default of CLAUDE_MODEL)');
    assert.strictEqual(await phrase('"claude-haiku-4-5" if fast else "claude-opus-4-8"'), 'Claude Haiku 4.5 (one of 2 models chosen at run time)');
    const unknownFamily = { model: { assumed: true, writtenId: 'x' } } as unknown as RequestModel;
    assert.strictEqual(modelPhrase(unknownFamily), 'the model (assumed: unknown model "x")');
  });

  it('knows a Bedrock request by its layer or by a Bedrock model id', () => {
    const request = (writtenId: string | undefined, platform?: string) => ({ markerSyntax: { platform }, model: { writtenId } }) as unknown as RequestModel;
    for (const id of ['anthropic.claude-3-haiku-20240307-v1:0', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'bedrock/anthropic.claude-3-haiku', 'bedrock/converse/claude-sonnet-4-5', 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku']) {
      assert.strictEqual(onBedrock(request(id)), true, id);
    }
    for (const id of ['claude-sonnet-4-5', 'xanthropic.claude-3-haiku', 'anthropic/claude-sonnet-4-5', 'vertex_ai/claude-sonnet-4-5@20250929', 'my-bedrock/claude-sonnet-4-5']) {
      assert.strictEqual(onBedrock(request(id)), false, id);
    }
    assert.strictEqual(onBedrock(request(undefined)), false);
    assert.strictEqual(onBedrock(request('claude-sonnet-4-5', 'bedrock')), true);
    assert.strictEqual(onBedrock(request('claude-sonnet-4-5', 'vertex')), false);
  });
});

describe('the TTL an invalid one is read as', () => {
  it('reads an hour or more from minutes, hours and seconds (bare numbers are seconds), anything else as 5m', () => {
    const cases: [string, '5m' | '1h'][] = [
      ['60m', '1h'], ['30m', '1h'], ['29m', '5m'], ['2h', '1h'], ['0.5h', '1h'], ['0.4h', '5m'], ['1.5h', '1h'], ['1 hour', '1h'],
      ['3600', '1h'], ['1800', '1h'], ['1799', '5m'], ['30', '5m'], ['3600s', '1h'], ['1800 seconds', '1h'], ['90sec', '5m'],
      [' 45 MIN ', '1h'], ['10 minutes', '5m'], ['forever', '5m'], ['', '5m'], ['1h30m', '5m'], ['x60m', '5m'], ['60m!', '5m'],
    ];
    for (const [ttl, want] of cases) {
      assert.strictEqual(suggestTtl(ttl), want, JSON.stringify(ttl));
    }
  });
});
