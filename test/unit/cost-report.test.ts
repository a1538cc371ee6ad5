import * as assert from 'assert';
import { breakpointHover, inlineSavingsLabel, requestHover } from '../../src/core';
import { LONG_TEXT, lintSnippet } from '../helpers/snippets';

/** Hover and inline texts in the cases the rule fixtures do not reach. */
describe('cost report', () => {
  const request = (model: string) =>
    `client.messages.create(model="${model}", max_tokens=5, system=[{"type": "text", "text": ${JSON.stringify(LONG_TEXT)}, "cache_control": {"type": "ephemeral"}}], messages=[{"role": "user", "content": "hi"}])`;

  it('shows the API count of the whole request beside the estimate when there is one', async () => {
    const [r] = (await lintSnippet(request('claude-sonnet-4-5'), 'python')).requests;
    const [bp] = r.breakpoints;
    assert.ok(!breakpointHover(r, bp).includes('API count'));
    assert.match(breakpointHover(r, bp, 12_345), /\| Whole request \| 12\.3k tokens \(API count\) \|/);
    assert.ok(!requestHover(r).includes('API count'));
    assert.match(requestHover(r, 1_500), /Whole request: 1,500 input tokens \(API count\)\./);
  });

  it('gives the cached size alone for a model without prices, and no savings line', async () => {
    const [r] = (await lintSnippet(request('claude-mythos-preview'), 'python')).requests;
    const [bp] = r.breakpoints;
    assert.strictEqual(bp.savings, undefined);
    // Mythos Preview has the generation-2 vocabulary: the size is an exact count, so no ≈.
    assert.match(inlineSavingsLabel(bp), /^[\d,]+ tok cached$/);
  });

  it('marks a size estimated (≈) where tool definitions are part of the prefix, and says which part is exact', async () => {
    const [r] = (await lintSnippet(
      `client.messages.create(model="claude-sonnet-4-5", max_tokens=5, tools=[{"name": "lookup", "description": "Find a record.", "input_schema": {"type": "object"}}], system=[{"type": "text", "text": ${JSON.stringify(LONG_TEXT)}, "cache_control": {"type": "ephemeral"}}], messages=[])`,
      'python',
    )).requests;
    const [bp] = r.breakpoints;
    assert.ok(bp.prefix.exactTokens > 0 && bp.prefix.exactTokens < bp.prefix.tokens.tokens);
    assert.match(inlineSavingsLabel(bp), /^≈ [\d,.k]+ tok cached/);
    assert.match(breakpointHover(r, bp), /\| Cached prefix \| ≈[\d,.k]+ tokens \([\d,.k]+ counted exactly offline; [\d,.k]+–[\d,.k]+ with the estimated tool definitions and framing\) \|/);
  });

  it('marks a prefix with unknown parts as "at least", and loop breakpoints as counted per item', async () => {
    const unknownPart = await lintSnippet(
      `client.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=[{"type": "text", "text": load()}, {"type": "text", "text": ${JSON.stringify(LONG_TEXT)}, "cache_control": {"type": "ephemeral"}}], messages=[])`,
      'python',
    );
    const [bp] = unknownPart.requests[0].breakpoints;
    assert.match(inlineSavingsLabel(bp), /^≈ [\d,]+\+ tok cached \(part unknown\) · −\$[\d.]+\/call \(−\d+%\)$/);
    assert.match(breakpointHover(unknownPart.requests[0], bp), /\| Cached prefix \| [\d,.k]+ tokens \(text counted exactly offline; ±\d+ for framing\) \+ unknown \|/);
    const loop = await lintSnippet('client.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=[{"type": "text", "text": d, "cache_control": {"type": "ephemeral"}} for d in docs], messages=[])', 'python');
    assert.match(inlineSavingsLabel(loop.requests[0].breakpoints[0]), /^≈ \d+\+ tok cached per item \(count known at run time\)$/);
  });
});
