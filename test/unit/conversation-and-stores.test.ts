import * as assert from 'assert';
import type { LintResult, SourceLanguage } from '../../src/core';
import { lintText } from '../helpers/fix-checks';

/**
 * The edges of `uncached-conversation` and of assignments into values (`stores.ts`) that the paired
 * fixtures do not reach: which requests in a loop stay silent, when its fix is offered, and exactly
 * which list item an index assignment marks.
 */
async function lint(text: string, language: SourceLanguage = 'python'): Promise<LintResult> {
  return lintText(text, language, language === 'python' ? 'edges.py' : 'edges.ts');
}

const conversationFindings = (result: LintResult) => result.findings.filter((f) => f.ruleId === 'uncached-conversation');
const marked = (result: LintResult) => result.requests.map((r) => r.breakpoints.map((b) => r.blocks[b.blockIndex]?.label ?? '?'));

const PY_LOOP = (call: string, before: string[] = []) =>
  ['import anthropic', 'client = anthropic.Anthropic()', ...before, 'def chat(ask):', '    messages = []', '    while True:', '        messages.append({"role": "user", "content": ask()})', `        ${call}`].join('\n');

describe('uncached-conversation edges', () => {
  it('fires when only the system prompt is cached: a system breakpoint does not cover the conversation', async () => {
    const result = await lint(
      PY_LOOP('client.messages.create(model="claude-sonnet-4-5", max_tokens=1, system=[{"type": "text", "text": "x", "cache_control": {"type": "ephemeral"}}], messages=messages)'),
    );
    assert.strictEqual(conversationFindings(result).length, 1);
  });

  describe('which lists are a conversation: one list kept across passes, growing inside the loop around the request', () => {
    const call = 'client.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=SYSTEM, messages=messages)';
    const program = (lines: string[]) =>
      ['import anthropic', 'client = anthropic.Anthropic()', 'SYSTEM = [{"type": "text", "text": "Be brief. " * 400, "cache_control": {"type": "ephemeral"}}]', ...lines].join('\n');
    const cases: Array<[string, string[], number[]]> = [
      ['a parameter appended to in the loop', ['def chat(messages, ask):', '    while True:', '        messages.append({"role": "user", "content": ask()})', `        ${call}`], [7]],
      ['a list made once before the loop', ['def chat(ask):', '    messages = []', '    while True:', '        messages.append({"role": "user", "content": ask()})', `        ${call}`], [8]],
      ['a list extended in a for loop', ['def chat(ask):', '    messages = []', '    for q in ask():', '        messages.extend([{"role": "user", "content": q}])', `        ${call}`], [8]],
      ['a list made anew on each pass starts a new conversation', ['def chat(ask):', '    while True:', '        messages = []', '        messages.append({"role": "user", "content": ask()})', `        ${call}`], []],
      ['a name bound twice is not followed', ['def chat(ask, other):', '    messages = []', '    if other:', '        messages = other', '    while True:', '        messages.append({"role": "user", "content": ask()})', `        ${call}`], []],
      ['growth before the loop only', ['def chat(ask):', '    messages = []', '    messages.append({"role": "user", "content": ask()})', '    for _ in range(3):', `        ${call}`], []],
      ['a list that never grows', ['def chat(ask):', '    messages = [{"role": "user", "content": "hi"}]', '    for _ in range(3):', `        ${call}`], []],
      ['the request in a nested function, outside the loop', ['def chat(ask):', '    messages = []', '    def send():', `        return ${call}`, '    while True:', '        messages.append({"role": "user", "content": ask()})', '        send()'], []],
      ['the request after the loop', ['def chat(ask):', '    messages = []', '    while len(messages) < 3:', '        messages.append({"role": "user", "content": ask()})', `    ${call}`], []],
    ];
    for (const [title, lines, lines1] of cases) {
      it(title, async () => {
        assert.deepStrictEqual(conversationFindings(await lint(program(lines))).map((f) => f.range.start.line + 1), lines1);
      });
    }
  });

  it('stays silent for count_tokens and countTokens, which send nothing to a conversation', async () => {
    const py = await lint(PY_LOOP('client.messages.count_tokens(model="claude-sonnet-4-5", messages=messages)'));
    assert.deepStrictEqual(conversationFindings(py), []);
    const ts = await lint(
      [
        'import Anthropic from "@anthropic-ai/sdk";',
        'const client = new Anthropic();',
        'export async function chat(ask: () => string) {',
        '  const messages: any[] = [];',
        '  for (;;) {',
        '    messages.push({ role: "user", content: ask() });',
        '    await client.messages.countTokens({ model: "claude-sonnet-4-5", messages });',
        '  }',
        '}',
      ].join('\n'),
      'typescript',
    );
    assert.deepStrictEqual(conversationFindings(ts), []);
  });

  it('stays silent when the conversation already carries a written breakpoint', async () => {
    const result = await lint(
      [
        'import anthropic',
        'client = anthropic.Anthropic()',
        'DOC = "Follow the support policy carefully. " * 400',
        'def chat(ask):',
        '    messages = [{"role": "user", "content": [{"type": "text", "text": DOC, "cache_control": {"type": "ephemeral"}}]}]',
        '    while True:',
        '        messages.append({"role": "user", "content": ask()})',
        '        client.messages.create(model="claude-sonnet-4-5", max_tokens=1, messages=messages)',
      ].join('\n'),
    );
    assert.ok(marked(result)[0].some((label) => label.startsWith('messages')), JSON.stringify(marked(result)));
    assert.deepStrictEqual(conversationFindings(result), []);
  });

  it('stays silent when cache_control is set elsewhere in the file, even with no moving breakpoint found', async () => {
    const result = await lint(
      PY_LOOP('client.messages.create(model="claude-sonnet-4-5", max_tokens=1, messages=messages)', [
        'SHARED = {"role": "user", "content": [{"type": "text", "text": "hi", "cache_control": {"type": "ephemeral"}}]}',
      ]),
    );
    assert.deepStrictEqual(result.requests[0].movingBreakpoints, []);
    assert.ok(result.requests[0].runtimeBreakpointNotes.length > 0);
    assert.deepStrictEqual(conversationFindings(result), []);
  });

  it('offers the automatic-caching fix, titled for the platforms it suits, only when the arguments are written in the call', async () => {
    const inCall = conversationFindings(await lint(PY_LOOP('client.messages.create(model="claude-sonnet-4-5", max_tokens=1, messages=messages)')));
    assert.deepStrictEqual(
      inCall[0].fixes.map((f) => [f.title, f.safe]),
      [
        ['Add top-level cache_control (automatic caching; Claude API, not the legacy Bedrock integration)', false],
        ['Disable uncached-conversation for this line', false],
        ['Disable uncached-conversation for this file', false],
      ],
    );
    const outside = await lint(
      [
        'import Anthropic from "@anthropic-ai/sdk";',
        'const client = new Anthropic();',
        'export async function chat(ask: () => string) {',
        '  const messages: any[] = [];',
        '  const params = { model: "claude-sonnet-4-5", max_tokens: 1, messages };',
        '  for (;;) {',
        '    messages.push({ role: "user", content: ask() });',
        '    await client.messages.create(params);',
        '  }',
        '}',
      ].join('\n'),
      'typescript',
    );
    const findings = conversationFindings(outside);
    assert.strictEqual(findings.length, 1);
    assert.deepStrictEqual(
      findings[0].fixes.map((f) => f.title),
      ['Disable uncached-conversation for this line', 'Disable uncached-conversation for this file'],
    );
  });

  it('offers no automatic-caching fix for a Bedrock InvokeModel body (the legacy integration rejects it)', async () => {
    const result = await lint(
      [
        'import json',
        'import boto3',
        'bedrock = boto3.client("bedrock-runtime")',
        'def chat(ask):',
        '    messages = []',
        '    while True:',
        '        messages.append({"role": "user", "content": ask()})',
        '        bedrock.invoke_model(modelId="anthropic.claude-sonnet-4-5-20250929-v1:0", body=json.dumps({"anthropic_version": "bedrock-2023-05-31", "max_tokens": 1, "messages": messages}))',
      ].join('\n'),
    );
    const findings = conversationFindings(result);
    assert.strictEqual(findings.length, 1);
    assert.deepStrictEqual(
      findings[0].fixes.map((f) => f.title),
      ['Disable uncached-conversation for this line', 'Disable uncached-conversation for this file'],
    );
  });
});

describe('assignments into list items', () => {
  const request = (setup: string[]) =>
    lint(['import anthropic', 'client = anthropic.Anthropic()', 'def run(history):', ...setup.map((line) => `    ${line}`), '    client.messages.create(model="claude-sonnet-4-5", max_tokens=1, system=system, messages=[])'].join('\n'));
  const blocks = 'system = [{"type": "text", "text": "a"}, {"type": "text", "text": "b"}, {"type": "text", "text": "c"}]';
  const mark = (index: string) => `system[${index}]["cache_control"] = {"type": "ephemeral"}`;

  it('marks the item a literal index names, from the start or the end', async () => {
    assert.deepStrictEqual(marked(await request([blocks, mark('1')])), [['system[1]']]);
    assert.deepStrictEqual(marked(await request([blocks, mark('0')])), [['system[0]']]);
    assert.deepStrictEqual(marked(await request([blocks, mark('-2')])), [['system[1]']]);
    assert.deepStrictEqual(marked(await request([blocks, mark('-1')])), [['system[2]']]);
  });

  it('does not place an index past the end', async () => {
    assert.deepStrictEqual(marked(await request([blocks, mark('3')])), [[]]);
    assert.deepStrictEqual(marked(await request([blocks, mark('-4')])), [[]]);
  });

  it('counts from the end past a spread, but never from the start across one', async () => {
    const spread = 'system = [*history, {"type": "text", "text": "a"}, {"type": "text", "text": "b"}]';
    assert.deepStrictEqual(marked(await request([spread, mark('-1')]))[0].length, 1);
    assert.deepStrictEqual(marked(await request([spread, mark('0')])), [[]]);
    assert.deepStrictEqual(marked(await request([spread, mark('1')])), [[]]);
    const spreadLast = 'system = [{"type": "text", "text": "a"}, *history]';
    assert.deepStrictEqual(marked(await request([spreadLast, mark('-1')])), [[]]);
    assert.deepStrictEqual(marked(await request([spreadLast, mark('0')])), [['system[0]']]);
  });

  it('follows a path of keys, taking the first key too, and places nothing under a key nobody wrote', async () => {
    const setup = (path: string) => [
      'kwargs = {"system": [{"type": "text", "text": "a"}]}',
      `kwargs${path}["cache_control"] = {"type": "ephemeral"}`,
      'system = kwargs["system"]',
    ];
    assert.deepStrictEqual(marked(await request(setup('["system"][0]'))), [['system[0]']]);
    assert.deepStrictEqual(marked(await request(setup('["tools"][0]'))), [[]]);
  });

  it('marks only the last item of a list a comprehension builds', async () => {
    const result = await request(['system = [{"type": "text", "text": t} for t in history]', mark('-1')]);
    assert.strictEqual(marked(result)[0].length, 1);
    const blocksBuilt = result.requests[0].blocks.filter((b) => b.section === 'system');
    assert.ok(blocksBuilt.length >= 2 && blocksBuilt[blocksBuilt.length - 1].cacheControl !== undefined);
    assert.strictEqual(blocksBuilt[0].cacheControl, undefined);
  });
});

describe('assignments into array items in JS/TS', () => {
  const request = (line: string) =>
    lint(
      [
        'import Anthropic from "@anthropic-ai/sdk";',
        'const client = new Anthropic();',
        'export async function run(i: number, other: any[]) {',
        '  const system: any[] = [{ type: "text", text: "a" }, { type: "text", text: "b" }, { type: "text", text: "c" }];',
        `  ${line}`,
        '  return client.messages.create({ model: "claude-sonnet-4-5", max_tokens: 1, system, messages: [] });',
        '}',
      ].join('\n'),
      'typescript',
    );
  const MARK = '{ type: "ephemeral" }';
  const cases: Array<[string, string[]]> = [
    [`system[1].cache_control = ${MARK};`, ['system[1]']],
    [`system[ 2 ].cache_control = ${MARK};`, ['system[2]']],
    [`system[system.length - 1]["cache_control"] = ${MARK};`, ['system[2]']],
    [`system[system.length - 2].cache_control = ${MARK};`, ['system[1]']],
    [`system.at(-1).cache_control = ${MARK};`, ['system[2]']],
    [`system.at(/* last */ -1)!.cache_control = ${MARK};`, ['system[2]']],
    [`(system[0] as any).cache_control = ${MARK};`, ['system[0]']],
    [`system[0]['cache_control'] = ${MARK};`, ['system[0]']],
    [`system[0][\`cache_control\`] = ${MARK};`, ['system[0]']],
    // In JS, x[-1] is a property named "-1", not the last item (only .at(-1) counts from the end).
    [`system[-1].cache_control = ${MARK};`, []],
    [`system[3].cache_control = ${MARK};`, []],
    [`system[1.5].cache_control = ${MARK};`, []],
    [`system[i].cache_control = ${MARK};`, []],
    [`system[other.length - 1].cache_control = ${MARK};`, []],
    [`system.at(i).cache_control = ${MARK};`, []],
    [`system.at(-1, 2).cache_control = ${MARK};`, []],
    [`system.last(-1).cache_control = ${MARK};`, []],
  ];
  for (const [line, expected] of cases) {
    it(line, async () => {
      const result = await request(line);
      assert.strictEqual(result.hasSyntaxErrors, false);
      assert.deepStrictEqual(marked(result), [expected]);
    });
  }

  it('an optional chain is never a store (`a?.b = v` is a syntax error the parser lets through)', async () => {
    assert.deepStrictEqual(marked(await request(`system[0]?.cache_control = ${MARK};`)), [[]]);
  });
});

describe('augmented assignments into values', () => {
  const systemOf = (result: LintResult) =>
    result.requests[0].blocks.filter((b) => b.section === 'system').map((b) => b.segments.map((s) => (s.stability === 'static' ? s.text : `<${s.stability}>`)).join(''));
  it('Python: x["k"] += … makes that entry known only at run time; other entries and the markers stay', async () => {
    const changed = await lint(['import anthropic', 'client = anthropic.Anthropic()', 'x = {"system": "obj", "k": "keep"}', 'x["system"] += "more"', 'client.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=[{"type": "text", "text": x["system"]}, {"type": "text", "text": x["k"]}], messages=[])'].join('\n'));
    assert.deepStrictEqual(systemOf(changed), ['<stable-unknown>', 'keep']);
    const marked = await lint(['import anthropic', 'client = anthropic.Anthropic()', 'blocks = [{"type": "text", "text": "a", "cache_control": {"type": "ephemeral"}}]', 'blocks[0]["text"] += "more"', 'client.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=blocks, messages=[])'].join('\n'));
    assert.deepStrictEqual(systemOf(marked), ['<stable-unknown>']);
    assert.strictEqual(marked.requests[0].breakpoints.length, 1);
  });

  it('a list inside a value that a method grows keeps its items and markers and gains more at run time', async () => {
    const py = await lint(['import anthropic', 'client = anthropic.Anthropic()', 'm = {"content": [{"type": "text", "text": "big", "cache_control": {"type": "ephemeral"}}], "k": "keep"}', 'm["content"].append({"type": "text", "text": "q"})', 'client.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=m["content"], messages=[{"role": "user", "content": m["k"]}])'].join('\n'));
    assert.deepStrictEqual(systemOf(py), ['big', '<stable-unknown>']);
    assert.deepStrictEqual(py.requests[0].blocks.filter((b) => b.section === 'messages').map((b) => b.segments.map((s) => s.text).join('')), ['keep']);
    assert.strictEqual(py.requests[0].breakpoints.length, 1);
    const ts = await lint(['import Anthropic from "@anthropic-ai/sdk";', 'const client = new Anthropic();', 'const o = { list: ["a"], k: "keep" };', 'o.list.push("b");', 'client.messages.create({ model: "claude-sonnet-4-5", max_tokens: 5, system: [{ type: "text", text: o.list.join("") }, { type: "text", text: o.k }], messages: [] });'].join('\n'), 'typescript');
    assert.deepStrictEqual(systemOf(ts), ['<stable-unknown>', 'keep']);
  });

  it('TS: x.k += … and x["k"] += … make that entry known only at run time', async () => {
    for (const change of ['x.system += "more";', 'x["system"] += "more";']) {
      const result = await lint(['import Anthropic from "@anthropic-ai/sdk";', 'const client = new Anthropic();', 'const x = { system: "obj", k: "keep" };', change, 'client.messages.create({ model: "claude-sonnet-4-5", max_tokens: 5, system: [{ type: "text", text: x.system }, { type: "text", text: x.k }], messages: [] });'].join('\n'), 'typescript');
      assert.deepStrictEqual(systemOf(result), ['<stable-unknown>', 'keep'], change);
    }
  });
});
