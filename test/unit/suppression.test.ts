import * as assert from 'assert';
import { applyEdits } from '../../src/core';
import { lintSnippet } from '../helpers/snippets';

const request = (marker: string, comment = '', prefix = '#') => `
client.messages.create(
    model="claude-sonnet-4-5",
    max_tokens=5,
    system=[
        ${comment ? `${prefix} ${comment}\n        ` : ''}{"type": "text", "text": "Short.", "cache_control": ${marker}},
    ],
    messages=[],
)`;

describe('suppression comments', () => {
  const marker = '{"type": "ephemeral"}';

  it('reports without a directive', async () => {
    const result = await lintSnippet(request(marker), 'python');
    assert.deepStrictEqual(result.findings.map((f) => f.ruleId), ['below-minimum']);
  });

  it('disable-next-line with the rule id, or with no id, suppresses it', async () => {
    for (const comment of ['prompt-cache-lint: disable-next-line below-minimum', 'prompt-cache-lint: disable-next-line', 'prompt-cache-lint: disable-next-line ttl-order, below-minimum -- tiny on purpose']) {
      const result = await lintSnippet(request(marker, comment), 'python');
      assert.deepStrictEqual(result.findings, [], comment);
    }
  });

  it('a directive for another rule does not suppress', async () => {
    const result = await lintSnippet(request(marker, 'prompt-cache-lint: disable-next-line ttl-order'), 'python');
    assert.deepStrictEqual(result.findings.map((f) => f.ruleId), ['below-minimum']);
  });

  it('works with // comments in TypeScript, and disable-line on the line itself', async () => {
    const ts = (comment: string) => `client.messages.create({ model: "claude-sonnet-4-5", max_tokens: 5, messages: [],
  system: [{ type: "text", text: "Short.", cache_control: { type: "ephemeral" } }], ${comment}
});`;
    assert.strictEqual((await lintSnippet(ts(''), 'typescript')).findings.length, 1);
    assert.strictEqual((await lintSnippet(ts('// prompt-cache-lint: disable-line below-minimum'), 'typescript')).findings.length, 0);
  });

  it('text inside a string is not a directive', async () => {
    const code = `client.messages.create(model="claude-sonnet-4-5", max_tokens=5, messages=[], system=[
    {"type": "text", "text": "# prompt-cache-lint: disable-next-line"},
    {"type": "text", "text": "Short.", "cache_control": {"type": "ephemeral"}},
])`;
    assert.deepStrictEqual((await lintSnippet(code, 'python')).findings.map((f) => f.ruleId), ['below-minimum']);
  });

  it('the per-rule setting can turn a rule off or change its severity', async () => {
    assert.deepStrictEqual((await lintSnippet(request(marker), 'python', { rules: { 'below-minimum': 'off' } })).findings, []);
    const [finding] = (await lintSnippet(request(marker), 'python', { rules: { 'below-minimum': 'error' } })).findings;
    assert.strictEqual(finding.severity, 'error');
  });

  it('disable-file anywhere suppresses the rule (or, with no id, every rule) in the whole file; another rule is not', async () => {
    for (const [directive, expected] of [
      ['# prompt-cache-lint: disable-file below-minimum', []],
      ['# prompt-cache-lint: disable-file', []],
      ['# prompt-cache-lint: disable-file ttl-order', ['below-minimum']],
    ] as Array<[string, string[]]>) {
      const result = await lintSnippet(`${request(marker)}\n${directive}\n`, 'python');
      assert.deepStrictEqual(result.findings.map((f) => f.ruleId), expected, directive);
    }
    const inString = await lintSnippet(`${request(marker)}\nnote = "prompt-cache-lint: disable-file"\n`, 'python');
    assert.deepStrictEqual(inString.findings.map((f) => f.ruleId), ['below-minimum'], 'a directive in a string is not a comment');
  });

  it('"Disable <rule> for this file" puts the directive at the top, after a shebang and an encoding line, and ends the finding', async () => {
    for (const [head, language, expectedLine] of [
      ['', 'python', 0],
      ['#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\n', 'python', 2],
      ['#!/usr/bin/env node\n', 'typescript', 1],
    ] as Array<[string, 'python' | 'typescript', number]>) {
      const text = language === 'python' ? `${head}${request(marker)}\n` : `${head}import Anthropic from "@anthropic-ai/sdk";\nconst client = new Anthropic();\nclient.messages.create({ model: "claude-sonnet-4-5", max_tokens: 5, system: [{ type: "text", text: "Short.", cache_control: { type: "ephemeral" } }], messages: [] });\n`;
      const [finding] = (await lintSnippet(text, language)).findings;
      const fix = finding.fixes.find((f) => f.title === 'Disable below-minimum for this file');
      assert.ok(fix && !fix.safe);
      const fixed = applyEdits(text, fix.edits);
      assert.strictEqual(fixed.split('\n')[expectedLine], `${language === 'python' ? '#' : '//'} prompt-cache-lint: disable-file below-minimum`);
      assert.deepStrictEqual((await lintSnippet(fixed, language)).findings, []);
    }
  });
});

describe('the lint pipeline around the rules', () => {
  it('a request to a model that is not Claude gets only ignored-cache-marker; the same request to Claude gets the other rules', async () => {
    const program = (model: string) =>
      `import { generateText } from 'ai';\nimport { openai } from '@ai-sdk/openai';\nimport { anthropic } from '@ai-sdk/anthropic';\nexport async function run(q: string) {\n  return generateText({ model: ${model}, messages: [{ role: 'system', content: 'Be brief.', providerOptions: { anthropic: { cacheControl: { type: 'ephemeral' } } } }, { role: 'user', content: q }] });\n}\n`;
    const other = await lintSnippet(program("openai('gpt-4o')"), 'typescript');
    assert.deepStrictEqual(other.requests.map((r) => r.notClaude), [true]);
    assert.deepStrictEqual(other.findings.map((f) => f.ruleId), ['ignored-cache-marker']);
    const claude = await lintSnippet(program("anthropic('claude-sonnet-4-5')"), 'typescript');
    assert.deepStrictEqual(claude.findings.map((f) => f.ruleId), ['below-minimum']);
  });

  it('"Disable for this line" is not offered where the line starts inside a multi-line string (the comment would join the prompt)', async () => {
    const inString = await lintSnippet('client.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=[{"type": "text", "text": """Be\nbrief.""", "cache_control": {"type": "ephemeral"}}], messages=[])', 'python');
    assert.deepStrictEqual(inString.findings.map((f) => f.fixes.map((x) => x.title)), [['Remove ineffective cache_control', 'Disable below-minimum for this file']]);
    const ownLine = await lintSnippet('client.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=[{"type": "text", "text": """Be\nbrief.""",\n "cache_control": {"type": "ephemeral"}}], messages=[])', 'python');
    assert.deepStrictEqual(ownLine.findings.map((f) => f.fixes.map((x) => x.title)), [['Remove ineffective cache_control', 'Disable below-minimum for this line', 'Disable below-minimum for this file']]);
  });

  it('counts the cache_control written in the file and those attached to a request', async () => {
    const result = await lintSnippet('UNUSED = {"type": "text", "text": "x", "cache_control": {"type": "ephemeral"}}\nclient.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=[{"type": "text", "text": "y", "cache_control": {"type": "ephemeral"}}], messages=[])', 'python');
    assert.deepStrictEqual(result.cacheControl, { written: 2, attached: 1 });
  });
});
