import * as assert from 'assert';
import type { PromptBlock, SourceLanguage } from '../../src/core';
import { lintSnippet } from '../helpers/snippets';

/** The system blocks of the only request in a snippet. */
async function systemBlocks(code: string, language: SourceLanguage): Promise<PromptBlock[]> {
  const result = await lintSnippet(code, language);
  assert.strictEqual(result.requests.length, 1, 'expected one request');
  return result.requests[0].blocks.filter((b) => b.section === 'system');
}

const staticText = (block: PromptBlock) => block.segments.filter((s) => s.stability === 'static').map((s) => s.text).join('');
const stabilities = (block: PromptBlock) => block.segments.map((s) => s.stability);

describe('prompt text evaluation', () => {
  describe('Python', () => {
    const call = (system: string, before = '') => `${before}\nclient.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=${system}, messages=[])`;

    it('joins implicit, + and f-string concatenation, and decodes escapes', async () => {
      const [block] = await systemBlocks(call('"a\\tb" "c" + f"d{NAME}e"', 'NAME = "x"'), 'python');
      assert.strictEqual(staticText(block), 'a\tbcdxe');
      assert.deepStrictEqual(stabilities(block), ['static']);
    });

    it('applies textwrap.dedent, .strip() and "".join of literals', async () => {
      const before = 'import textwrap\nRULES = ["one", "two"]\nP = textwrap.dedent("""\n    Be kind.\n      Be brief.\n""").strip()';
      const [block] = await systemBlocks(call('P + "\\n" + "; ".join(RULES)', before), 'python');
      assert.deepStrictEqual(stabilities(block), ['static']);
      assert.strictEqual(staticText(block), 'Be kind.\n  Be brief.\none; two');
    });

    it('fills .replace() placeholders with the inserted text, all of them or `count`, and keeps inserted run-time parts', async () => {
      const [all] = await systemBlocks(call('"<{X}> <{X}>".replace("{X}", DOC)', 'DOC = "doc"'), 'python');
      assert.strictEqual(staticText(all), '<doc> <doc>');
      assert.deepStrictEqual(stabilities(all), ['static']);
      const [one] = await systemBlocks(call('"<{X}> <{X}>".replace("{X}", "d", 1)'), 'python');
      assert.strictEqual(staticText(one), '<d> <{X}>');
      const [runtime] = await systemBlocks(call('"a {X} b".replace("{X}", load())'), 'python');
      assert.deepStrictEqual(stabilities(runtime), ['static', 'stable-unknown', 'static']);
      const [absent] = await systemBlocks(call('"a b".replace("{X}", load())'), 'python');
      assert.deepStrictEqual([staticText(absent), stabilities(absent)], ['a b', ['static']]);
      const [pattern] = await systemBlocks(call('"a {X} b".replace(KEY, "c")'), 'python');
      assert.deepStrictEqual(stabilities(pattern), ['static', 'stable-unknown'], 'a pattern not known here leaves the text not fully known');
    });

    it('keeps a raw string raw', async () => {
      const [block] = await systemBlocks(call('r"\\d+"'), 'python');
      assert.strictEqual(staticText(block), '\\d+');
    });

    it('marks file reads, helper calls and parameters stable-unknown, with reasons', async () => {
      const code = 'def f(doc):\n    client.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=[{"type": "text", "text": open("p.md").read()}, {"type": "text", "text": load_docs()}, {"type": "text", "text": doc}], messages=[])';
      const blocks = await systemBlocks(code, 'python');
      assert.deepStrictEqual(blocks.map((b) => stabilities(b)), [['stable-unknown'], ['stable-unknown'], ['stable-unknown']]);
      assert.match(blocks[0].segments[0].reason ?? '', /file/);
      assert.match(blocks[1].segments[0].reason ?? '', /load_docs/);
      assert.match(blocks[2].segments[0].reason ?? '', /parameter/);
    });

    it('treats a local from datetime.now() as volatile, a module-level one as fixed per process', async () => {
      const local = 'import datetime\ndef f():\n    now = datetime.datetime.now()\n    client.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=f"at {now}", messages=[])';
      const [a] = await systemBlocks(local, 'python');
      assert.deepStrictEqual(stabilities(a), ['static', 'volatile']);
      assert.match(a.segments[1].reason ?? '', /`now` is set on line 3 from datetime\.datetime\.now\(\)/);
      const moduleLevel = 'import datetime\nNOW = datetime.datetime.now()\ndef f():\n    client.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=f"at {NOW}", messages=[])';
      const [b] = await systemBlocks(moduleLevel, 'python');
      assert.deepStrictEqual(stabilities(b), ['static', 'stable-unknown']);
    });

    it('does not follow names assigned more than once', async () => {
      const [block] = await systemBlocks(call('S', 'S = "a"\nif flag:\n    S = "b"'), 'python');
      assert.deepStrictEqual(stabilities(block), ['stable-unknown']);
      assert.match(block.segments[0].reason ?? '', /more than once/);
    });
  });

  describe('TypeScript', () => {
    const call = (system: string, before = '') => `${before}\nclient.messages.create({ model: "claude-sonnet-4-5", max_tokens: 5, system: ${system}, messages: [] });`;

    it('joins + and template literals, decodes escapes, and follows const', async () => {
      const [block] = await systemBlocks(call('"a\\u0041" + `b${NAME}c`', 'const NAME = "x";'), 'typescript');
      assert.strictEqual(staticText(block), 'aAbxc');
    });

    it('fills placeholders: replace() the first, replaceAll() every one; a regex leaves the text not fully known', async () => {
      const [first] = await systemBlocks(call('"<{X}> <{X}>".replace("{X}", DOC)', 'const DOC = "doc";'), 'typescript');
      assert.strictEqual(staticText(first), '<doc> <{X}>');
      const [every] = await systemBlocks(call('"<{X}> <{X}>".replaceAll("{X}", DOC)', 'const DOC = "doc";'), 'typescript');
      assert.deepStrictEqual([staticText(every), stabilities(every)], ['<doc> <doc>', ['static']]);
      const [volatile] = await systemBlocks(call('"at {T}.".replace("{T}", new Date().toISOString())'), 'typescript');
      assert.deepStrictEqual(stabilities(volatile), ['static', 'volatile', 'static']);
      const [regex] = await systemBlocks(call('"a {X} b".replace(/\\{X\\}/g, "c")'), 'typescript');
      assert.deepStrictEqual(stabilities(regex), ['static', 'stable-unknown']);
    });

    it('applies .join, .trim and dedent tags', async () => {
      const [block] = await systemBlocks(call('[A, "two"].join("; ").trim() + dedent`\n    hi\n  `', 'const A = "  one";'), 'typescript');
      assert.strictEqual(staticText(block), 'one; twohi');
    });

    it('marks readFileSync stable-unknown and new Date() volatile', async () => {
      const code = 'function f() {\n  const stamp = new Date().toISOString();\n  client.messages.create({ model: "claude-sonnet-4-5", max_tokens: 5, system: [{ type: "text", text: readFileSync("p.md", "utf8") }, { type: "text", text: `at ${stamp}` }], messages: [] });\n}';
      const blocks = await systemBlocks(code, 'typescript');
      assert.deepStrictEqual(blocks.map(stabilities), [['stable-unknown'], ['static', 'volatile']]);
    });

    it('does not follow let variables that are reassigned', async () => {
      const [block] = await systemBlocks(call('s', 'let s = "a";\ns = s + "b";'), 'typescript');
      assert.deepStrictEqual(stabilities(block), ['stable-unknown']);
    });
  });

  it('json.dumps is counted as Python writes it: ", " and ": ", \\u escapes, indent, separators, ensure_ascii', async () => {
    // Expected texts printed by CPython 3.11's json.dumps for the same dict.
    const result = await lintSnippet(
      [
        'import json',
        'import anthropic',
        'client = anthropic.Anthropic()',
        'SCHEMA = {"name": "caf\u00e9", "tags": ["a", "b"], "n": 1, "ok": True, "none": None, "empty": {}, "list": []}',
        'client.messages.create(model="claude-sonnet-4-5", max_tokens=1, messages=[], system=[',
        '    {"type": "text", "text": json.dumps(SCHEMA)},',
        '    {"type": "text", "text": json.dumps(SCHEMA, indent=2)},',
        '    {"type": "text", "text": json.dumps(SCHEMA, ensure_ascii=False, separators=(",", ":"))},',
        '    {"type": "text", "text": json.dumps(SCHEMA, indent="\\t", ensure_ascii=False)},',
        '])',
      ].join('\n'),
      'python',
    );
    assert.deepStrictEqual(
      result.requests[0].blocks.map((b) => b.segments.map((segment) => segment.text).join('')),
      [
        "{\"name\": \"caf\\u00e9\", \"tags\": [\"a\", \"b\"], \"n\": 1, \"ok\": true, \"none\": null, \"empty\": {}, \"list\": []}",
        "{\n  \"name\": \"caf\\u00e9\",\n  \"tags\": [\n    \"a\",\n    \"b\"\n  ],\n  \"n\": 1,\n  \"ok\": true,\n  \"none\": null,\n  \"empty\": {},\n  \"list\": []\n}",
        "{\"name\":\"caf\u00e9\",\"tags\":[\"a\",\"b\"],\"n\":1,\"ok\":true,\"none\":null,\"empty\":{},\"list\":[]}",
        "{\n\t\"name\": \"caf\u00e9\",\n\t\"tags\": [\n\t\t\"a\",\n\t\t\"b\"\n\t],\n\t\"n\": 1,\n\t\"ok\": true,\n\t\"none\": null,\n\t\"empty\": {},\n\t\"list\": []\n}",
      ],
    );
  });

  it('JSON.stringify is counted as JavaScript writes it, with its indent argument', async () => {
    const schema = { name: 'caf\u00e9', tags: ['a', 'b'], n: 1, ok: true, none: null, empty: {}, list: [] };
    const result = await lintSnippet(
      [
        'const S = { name: "caf\u00e9", tags: ["a", "b"], n: 1, ok: true, none: null, empty: {}, list: [] };',
        'client.messages.create({ model: "claude-sonnet-4-5", max_tokens: 1, messages: [], system: [',
        '  { type: "text", text: JSON.stringify(S) },',
        '  { type: "text", text: JSON.stringify(S, null, 2) },',
        '  { type: "text", text: JSON.stringify(S, null, "\\t") },',
        '  { type: "text", text: JSON.stringify("quoted") },',
        '] });',
      ].join('\n'),
      'typescript',
    );
    // The oracle is the real JSON.stringify.
    assert.deepStrictEqual(
      result.requests[0].blocks.map((b) => b.segments.map((segment) => segment.text).join('')),
      [JSON.stringify(schema), JSON.stringify(schema, null, 2), JSON.stringify(schema, null, '\t'), JSON.stringify('quoted')],
    );
  });
});
