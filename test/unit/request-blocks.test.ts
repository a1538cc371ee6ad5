import * as assert from 'assert';
import type { PromptBlock } from '../../src/core';
import { lintSnippet } from '../helpers/snippets';

/** How each shape of request content becomes blocks of the request model, with what is unknown said why. */
const describeBlock = (b: PromptBlock) =>
  `${b.label} [${b.blockType}${b.placeholder ? ', placeholder' : ''}${b.messageIndex !== undefined ? `, message ${b.messageIndex}${b.inLastMessage ? ' (last)' : ''}` : ''}] ${b.segments.map((s) => (s.stability === 'static' ? s.text : `<${s.stability}: ${s.reason}>`)).join('')}`;

describe('request blocks', () => {
  it('turns every kind of content block into a block, and says why the unknown ones are unknown', async () => {
    const code = `
def f(history):
    client.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=42, tools=load_tools(), messages=[
        {"role": "user", "content": [{"type": "image", "source": {"type": "base64", "data": "QUJD"}}, {"type": "document", "source": {"type": "text", "data": "Doc text"}}, {"type": "document", "source": {"type": "base64", "data": "QUJD"}}, "bare string", {"type": "thinking", "thinking": "hmm"}, {"type": "tool_result", "tool_use_id": "x", "content": "r"}, history[0]]},
        {"role": "assistant"},
        {"role": "user", "content": 42},
        *history,
    ])
`;
    const [request] = (await lintSnippet(code, 'python')).requests;
    assert.deepStrictEqual(request.blocks.map(describeBlock), [
      'tools [unknown, placeholder] <stable-unknown: the result of `load_tools()`>',
      'system [unknown, placeholder] <stable-unknown: system of an unexpected shape>',
      'messages[0] (user) content[0] [image, message 0] <stable-unknown: an image (its token cost depends on its size)>',
      'messages[0] (user) content[1] [document, message 0] Doc text',
      'messages[0] (user) content[2] [document, message 0] <stable-unknown: a document (its token cost depends on its content)>',
      'messages[0] (user) content[3] [text, message 0] bare string',
      'messages[0] (user) content[4] [thinking, message 0] <stable-unknown: a thinking block>',
      'messages[0] (user) content[5] [tool_result, message 0] {"type":"tool_result","tool_use_id":"x","content":"r"}',
      'messages[0] (user) content[6] [unknown, placeholder, message 0] <stable-unknown: `history[0]` is looked up at run time>',
      'messages[1] (assistant) [unknown, placeholder, message 1] <stable-unknown: a message without readable content>',
      'messages[2] (user) [unknown, placeholder, message 2] <stable-unknown: content of an unexpected shape>',
      'messages[3…] [unknown, placeholder] <stable-unknown: items of `history`>',
    ]);
  });

  it('marks the last literal message only when no history can follow it', async () => {
    const code = `
def f(history, extra):
    msgs = [{"role": "user", "content": "start"}]
    msgs.append(extra)
    client.messages.create(model="claude-sonnet-4-5", max_tokens=5, messages=[{"role": "user", "content": m} for m in history])
    client.messages.create(model="claude-sonnet-4-5", max_tokens=5, messages=msgs)
    client.messages.create(model="claude-sonnet-4-5", max_tokens=5, messages=[{"role": "user", "content": "a"}, {"role": "assistant", "content": "b"}])
`;
    const [loop, grown, literal] = (await lintSnippet(code, 'python')).requests;
    assert.deepStrictEqual(loop.blocks.map(describeBlock), ['messages[…] [unknown, placeholder] <stable-unknown: messages built in a loop>']);
    assert.deepStrictEqual(grown.blocks.map(describeBlock), [
      'messages[0] (user) [text, message 0] start',
      'messages[…] [unknown, placeholder] <stable-unknown: messages appended to `[{"role": "user", "content": "` at run time>',
    ]);
    assert.deepStrictEqual(literal.blocks.map(describeBlock), ['messages[0] (user) [text, message 0] a', 'messages[1] (assistant) [text, message 1 (last)] b']);
  });

  it('finds no request in a batch whose requests are built elsewhere', async () => {
    assert.deepStrictEqual((await lintSnippet('client.messages.batches.create(requests=load())', 'python')).requests, []);
  });
});
