import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { LintResult, SourceLanguage } from '../../src/core';
import { lintText } from '../helpers/fix-checks';
import { FIXTURE_ROOT } from '../helpers/paths';

/**
 * Reach within one file (issue 10): helpers, assignments into values before the call, aliased
 * resources. The paired rule fixtures show the findings; these pin what the fixtures cannot:
 * what fixes are offered for markers that are not plain literals, what stays unknown, and that
 * cycles and deep chains end without a guess.
 */
const LONG_PY = '"Follow the support policy carefully and cite the relevant section. " * 150';

async function lint(text: string, language: SourceLanguage = 'python'): Promise<LintResult> {
  return lintText(text, language, language === 'python' ? 'reach.py' : 'reach.ts');
}

/** The first request's system text: static text, `<stability: reason>` for the rest, blocks joined by `|`. */
const systemText = (result: LintResult) =>
  (result.requests[0]?.blocks ?? [])
    .filter((b) => b.section === 'system')
    .flatMap((b) => b.segments)
    .map((s) => (s.stability === 'static' ? s.text : `<${s.stability}: ${s.reason}>`))
    .join('|');
/** Each system block's text, with `<stability>` for what is not known. */
const systemOf = (result: LintResult) =>
  result.requests[0].blocks.filter((b) => b.section === 'system').map((b) => b.segments.map((s) => (s.stability === 'static' ? s.text : `<${s.stability}>`)).join(''));

const breakpointsOf = (result: LintResult) => result.requests.flatMap((r) => r.breakpoints.map((b) => `${r.blocks[b.blockIndex]?.label} ${b.ttl}`));

describe('reach within a file', () => {
  it('a marker returned by a helper gets a removal suggestion that says every caller changes, never a safe fix', async () => {
    const result = await lint(
      [
        'import anthropic',
        'client = anthropic.Anthropic()',
        'def blocks():',
        '    return [{"type": "text", "text": "Be brief.", "cache_control": {"type": "ephemeral"}}]',
        'client.messages.create(model="claude-sonnet-4-5", max_tokens=1, system=blocks(), messages=[])',
      ].join('\n'),
    );
    const finding = result.findings.find((f) => f.ruleId === 'below-minimum');
    assert.ok(finding, JSON.stringify(result.findings));
    assert.strictEqual(finding.range.start.line, 3);
    const removal = finding.fixes.find((f) => f.title.startsWith('Remove'));
    assert.ok(removal);
    assert.strictEqual(removal.safe, false);
    assert.match(removal.title, /in a helper: every caller changes/);
  });

  it('a marker set by an assignment is attached and counted, with no removal fix', async () => {
    const result = await lint(
      [
        'import anthropic',
        'client = anthropic.Anthropic()',
        'def run(q):',
        '    system = [{"type": "text", "text": "Be brief."}]',
        '    system[0]["cache_control"] = {"type": "ephemeral", "ttl": "1h"}',
        '    return client.messages.create(model="claude-sonnet-4-5", max_tokens=1, system=system, messages=[])',
      ].join('\n'),
    );
    assert.deepStrictEqual(breakpointsOf(result), ['system[0] 1h']);
    assert.deepStrictEqual(result.cacheControl, { written: 1, attached: 1 });
    const finding = result.findings.find((f) => f.ruleId === 'below-minimum');
    assert.ok(finding);
    assert.deepStrictEqual(
      finding.fixes.map((f) => f.title),
      ['Disable below-minimum for this line', 'Disable below-minimum for this file'],
    );
  });

  it('applies assignments only when they run before the call, in the same function', async () => {
    const result = await lint(
      [
        'import anthropic',
        'client = anthropic.Anthropic()',
        'def run(q):',
        '    system = [{"type": "text", "text": "Be brief."}]',
        '    client.messages.create(model="claude-sonnet-4-5", max_tokens=1, system=system, messages=[])',
        '    system[0]["cache_control"] = {"type": "ephemeral"}',
      ].join('\n'),
    );
    assert.deepStrictEqual(breakpointsOf(result), []);
    assert.deepStrictEqual(result.findings, []);
    // Not applied, so the marker may still reach the request at run time (a loop): said, not counted.
    assert.ok(result.requests[0].runtimeBreakpointNotes.some((note) => note.includes('line 6')), result.requests[0].runtimeBreakpointNotes.join('\n'));
  });

  it('an index into a list that grows at run time is not guessed', async () => {
    const result = await lint(
      [
        'import anthropic',
        'client = anthropic.Anthropic()',
        'def run(history):',
        '    messages = [*history, {"role": "user", "content": [{"type": "text", "text": "hi"}]}]',
        '    messages[0]["cache_control"] = {"type": "ephemeral"}',
        '    client.messages.create(model="claude-sonnet-4-5", max_tokens=1, messages=messages)',
      ].join('\n'),
    );
    assert.deepStrictEqual(breakpointsOf(result), []);
    assert.deepStrictEqual(result.findings, []);
  });

  it('TypeScript: x[x.length - 1].cache_control and x.at(-1).cache_control mark the last item', async () => {
    const result = await lint(
      [
        'import Anthropic from "@anthropic-ai/sdk";',
        'const client = new Anthropic();',
        'export async function run() {',
        '  const tools: any[] = [{ name: "a", description: "d", input_schema: { type: "object" } }, { name: "b", description: "d", input_schema: { type: "object" } }];',
        '  const system: any[] = [{ type: "text", text: "x" }, { type: "text", text: "y" }];',
        '  tools[tools.length - 1].cache_control = { type: "ephemeral" };',
        '  system.at(-1).cache_control = { type: "ephemeral", ttl: "5m" };',
        '  return client.messages.create({ model: "claude-sonnet-4-5", max_tokens: 1, tools, system, messages: [] });',
        '}',
      ].join('\n'),
      'typescript',
    );
    assert.deepStrictEqual(breakpointsOf(result), ['tools[1] b 5m', 'system[1] 5m']);
  });

  it('a helper with several returns, or one that calls itself, stays unknown', async () => {
    const result = await lint(
      [
        'import anthropic',
        'client = anthropic.Anthropic()',
        'def pick(flag):',
        '    if flag:',
        '        return [{"type": "text", "text": "a", "cache_control": {"type": "ephemeral"}}]',
        '    return [{"type": "text", "text": "b", "cache_control": {"type": "ephemeral"}}]',
        'def loop(n):',
        '    return loop(n)',
        'client.messages.create(model="claude-sonnet-4-5", max_tokens=1, system=pick(True), messages=[])',
        'client.messages.create(model="claude-sonnet-4-5", max_tokens=1, system=loop(1), messages=[])',
      ].join('\n'),
    );
    assert.strictEqual(result.requests.length, 2);
    assert.deepStrictEqual(breakpointsOf(result), []);
    assert.deepStrictEqual(result.findings, []);
  });

  it('mutually recursive helpers, name cycles and a 10,000-deep helper chain end without a throw or a guess', async () => {
    const chain: string[] = ['def f0():', `    return [{"type": "text", "text": ${LONG_PY}, "cache_control": {"type": "ephemeral"}}]`];
    for (let i = 1; i < 10_000; i++) {
      chain.push(`def f${i}():`, `    return f${i - 1}()`);
    }
    const result = await lint(
      [
        'import anthropic',
        'client = anthropic.Anthropic()',
        'def ping(x):',
        '    return pong(x)',
        'def pong(x):',
        '    return ping(x)',
        'a = b',
        'b = a',
        ...chain,
        'client.messages.create(model="claude-sonnet-4-5", max_tokens=1, system=ping(a), messages=[])',
        'client.messages.create(model="claude-sonnet-4-5", max_tokens=1, system=f9999(), messages=[])',
        'client.messages.create(model="claude-sonnet-4-5", max_tokens=1, system=f3(), messages=[])',
      ].join('\n'),
    );
    assert.strictEqual(result.requests.length, 3);
    // Only the shallow chain is followed; the deep one is cut off and says nothing.
    assert.deepStrictEqual(breakpointsOf(result), ['system[0] 5m']);
    assert.deepStrictEqual(result.findings, []);
  });

  it('an alias is followed only when every branch is a messages resource', async () => {
    const result = await lint(
      [
        'import anthropic',
        'client = anthropic.Anthropic()',
        'def run(betas, twilio):',
        '    api = client.beta.messages if betas else client.messages',
        '    api.create(model="claude-sonnet-4-5", max_tokens=1, messages=[])',
        '    sms = twilio.messages if betas else client.messages',
        '    sms.create(to="+1555", body="hi")',
        '    other = twilio.api',
        '    other.create(model="claude-sonnet-4-5", messages=[])',
        '    client.messages.with_raw_response.create(model="claude-sonnet-4-5", max_tokens=1, messages=[])',
      ].join('\n'),
    );
    assert.deepStrictEqual(
      result.requests.map((r) => r.call.callee),
      ['api.create', 'client.messages.with_raw_response.create'],
    );
  });

  it('a helper parameter takes the argument, the keyword argument or the default', async () => {
    const result = await lint(
      [
        'import anthropic',
        'client = anthropic.Anthropic()',
        'def blocks(text, ttl="5m"):',
        '    return [{"type": "text", "text": text, "cache_control": {"type": "ephemeral", "ttl": ttl}}]',
        'client.messages.create(model="claude-sonnet-4-5", max_tokens=1, system=blocks("a"), messages=[])',
        'client.messages.create(model="claude-sonnet-4-5", max_tokens=1, system=blocks("a", ttl="1h"), messages=[])',
        'client.messages.create(model="claude-sonnet-4-5", max_tokens=1, system=blocks(*args), messages=[])',
      ].join('\n'),
    );
    assert.deepStrictEqual(breakpointsOf(result), ['system[0] 5m', 'system[0] 1h', 'system[0] 5m']);
    const texts = result.requests.map((r) => r.blocks[0]?.segments.map((s) => (s.stability === 'static' ? s.text : `<${s.stability}>`)).join(''));
    assert.deepStrictEqual(texts, ['a', 'a', '<stable-unknown>']);
  });

  it('an attribute assigned in two places in its class is not guessed; one assigned once is followed', async () => {
    const result = await lint(
      [
        'import anthropic',
        'class Agent:',
        '    def __init__(self, client, short):',
        '        self.client = client',
        '        self.system = [{"type": "text", "text": "a", "cache_control": {"type": "ephemeral"}}]',
        '        self.tools = [{"name": "t", "description": "d", "input_schema": {}, "cache_control": {"type": "ephemeral"}}]',
        '        if short:',
        '            self.system = []',
        '    def run(self):',
        '        return self.client.messages.create(model="claude-sonnet-4-5", max_tokens=1, system=self.system, tools=self.tools, messages=[])',
      ].join('\n'),
    );
    assert.deepStrictEqual(breakpointsOf(result), ['tools[0] t 5m']);
    const system = result.requests[0].blocks.find((b) => b.section === 'system');
    assert.match(system?.placeholder ?? '', /assigned in 2 places in its class/);
  });

  for (const [fixture, language] of [
    ['ok-marked-in-loop.py', 'python'],
    ['ok-marked-in-loop.ts', 'typescript'],
    ['ok-marked-history.py', 'python'],
    ['ok-marked-history.ts', 'typescript'],
  ] as const) {
    it(`moving breakpoints in ${fixture}: recorded on the request, never counted as breakpoints`, async () => {
      const text = fs.readFileSync(path.join(FIXTURE_ROOT, 'rules', 'uncached-conversation', fixture), 'utf8');
      const result = await lint(text, language);
      const moving = result.requests.map((r) => r.movingBreakpoints.map((m) => `${m.via} → ${m.sites.map((s) => s.start.line + 1).join(',')}`));
      const expected: Record<string, string[][]> = {
        'ok-marked-in-loop.py': [['the loop over `messages` on line 13 → 15,18']],
        'ok-marked-in-loop.ts': [['the loop over `messages` on line 12 → 14,17']],
        'ok-marked-history.py': [['`mark_recent_turns(…)` on line 24 → 14'], [], [], []],
        'ok-marked-history.ts': [['the expression that builds messages → 19'], [], [], []],
      };
      assert.deepStrictEqual(moving, expected[fixture]);
      // Written breakpoints only: the system block (and the automatic one), not the moving ones.
      assert.ok(result.requests.every((r) => r.breakpoints.every((b) => r.blocks[b.blockIndex]?.section !== 'messages' || b.automatic)));
      assert.strictEqual(result.cacheControl?.attached, result.cacheControl?.written);
    });
  }

  it('TypeScript: a callee behind type assertions is still the SDK call', async () => {
    const result = await lint(
      [
        'import Anthropic from "@anthropic-ai/sdk";',
        'type Fn = (body: unknown) => Promise<unknown>;',
        'const client = new Anthropic();',
        'const body = { model: "claude-sonnet-4-5", max_tokens: 10, messages: [] };',
        'export const a = (client.messages.create as unknown as Fn)({ ...body });',
        'export const b = (client.messages.create satisfies Fn)(body);',
        'export const c = (twilio.messages.create as unknown as Fn)({ to: "+1555", body: "hi" });',
      ].join('\n'),
      'typescript',
    );
    assert.deepStrictEqual(
      result.requests.map((r) => r.call.callee),
      ['client.messages.create', 'client.messages.create'],
    );
  });

  it('an attribute assigned once in the class to a messages resource is an alias; any other attribute is not', async () => {
    const result = await lint(
      [
        'import anthropic',
        'class Agent:',
        '    def __init__(self, betas):',
        '        client = anthropic.Anthropic()',
        '        self.messages_client = client.beta.messages if betas else client.messages',
        '        self.sms = twilio_client.messages',
        '        self.other = make_other()',
        '    def run(self, q):',
        '        self.messages_client.create(model="claude-sonnet-4-5", max_tokens=1, messages=[])',
        '        self.other.create(model="claude-sonnet-4-5", max_tokens=1, messages=[])',
        '        self.sms.create(to="+1555", body="hi")',
      ].join('\n'),
    );
    assert.deepStrictEqual(
      result.requests.map((r) => r.call.callee),
      ['self.messages_client.create'],
    );
  });

  it('TypeScript: a name reassigned inside a block is not the constant it was declared with', async () => {
    // Before, `text = POLICY` inside the if-block bound a new name in the block, so the request saw
    // "Be brief." for certain and reported a breakpoint that works when `long` is true.
    const result = await lint(
      [
        'import Anthropic from "@anthropic-ai/sdk";',
        'const client = new Anthropic();',
        'const POLICY = "Follow the support policy carefully and cite the relevant section. ".repeat(150);',
        'export function run(long: boolean) {',
        '  let text = "Be brief.";',
        '  if (long) {',
        '    text = POLICY;',
        '  }',
        '  return client.messages.create({ model: "claude-sonnet-4-5", max_tokens: 1, system: [{ type: "text", text, cache_control: { type: "ephemeral" } }], messages: [] });',
        '}',
      ].join('\n'),
      'typescript',
    );
    assert.deepStrictEqual(result.findings, []);
    assert.strictEqual(result.requests[0].breakpoints[0]?.prefix.known, false);
  });
});

describe('reach within a file: JS/TS helper shapes', () => {
  const head = 'import Anthropic from "@anthropic-ai/sdk";\nconst client = new Anthropic();\n';
  const call = (system: string) => `client.messages.create({ model: "claude-sonnet-4-5", max_tokens: 1, system: ${system}, messages: [] })`;
  const inMethod = (cls: string, members: string, system: string) => `${cls} { ${members} run() { return ${call(system)}; } }`;
  const cases: Array<[string, string, string]> = [
    ['an arrow function with an expression body', `const make = (name: string) => \`Hi \${name}.\`;\n${call('make("Ada")')};`, 'Hi Ada.'],
    ['an arrow function with a block body', `const make = (name: string) => { return \`Hi \${name}.\`; };\n${call('make("Ada")')};`, 'Hi Ada.'],
    ["a nested function's return is not the helper's", `function make(name: string) {\n  const inner = () => { return "nope"; };\n  return \`Hi \${name}.\`;\n}\n${call('make("Ada")')};`, 'Hi Ada.'],
    ['a generator is not followed', `function* make() { yield "x"; return "Hi."; }\n${call('make()')};`, '<stable-unknown: `make()` is a generator>'],
    ['a generator method is not followed', `class P { *make() { return "Hi."; } }\nconst p = new P();\n${call('p.make()')};`, '<stable-unknown: the result of `p.make()`>'],
    ['a getter is not a method', inMethod('class P', 'get text() { return "Hi."; }', 'this.text'), '<stable-unknown: `this.text` is read at run time>'],
    ['a method called on this', inMethod('class P', 'text() { return "Hi."; }', 'this.text()'), 'Hi.'],
    ['a field read on this', inMethod('class P', 'text = "Hi field.";', 'this.text'), 'Hi field.'],
    ['a field of an abstract class', inMethod('abstract class P', 'text = "Hi abs.";', 'this.text'), 'Hi abs.'],
    ['a field of a class expression', `const P = ${inMethod('class', 'text = "Hi expr.";', 'this.text')};`, 'Hi expr.'],
    ['comments between parameters and arguments are skipped', `function make(/* who */ name: string) { return \`Hi \${name}.\`; }\n${call('make(/* who */ "Ada")')};`, 'Hi Ada.'],
    ['a default parameter value', `function make(name = "Bo") { return \`Hi \${name}.\`; }\n${call('make()')};`, 'Hi Bo.'],
    ['a spread argument leaves the parameters unknown', `function make(name: string) { return \`Hi \${name}.\`; }\nconst args = ["Ada"] as const;\n${call('make(...args)')};`, 'Hi |<stable-unknown: `name` is a parameter>|.'],
    ['a callee chosen by a ternary is not guessed', `function a() { return "A."; }\nfunction b() { return "B."; }\nconst f = Math.random() > 0.5 ? a : b;\n${call('f()')};`, '<stable-unknown: the result of `f()`>'],
    ['a return with a comment or parentheses', `function make() { return /* x */ ("Hi."); }\n${call('make()')};`, 'Hi.'],
  ];
  for (const [title, code, expected] of cases) {
    it(title, async () => {
      const result = await lint(head + code, 'typescript');
      assert.strictEqual(result.hasSyntaxErrors, false);
      assert.strictEqual(systemText(result), expected);
    });
  }
});

describe('reach within a file: Python helper shapes', () => {
  const head = 'import anthropic\nclient = anthropic.Anthropic()\n';
  const call = (system: string) => `client.messages.create(model="claude-sonnet-4-5", max_tokens=1, system=${system}, messages=[])`;
  const cases: Array<[string, string, string]> = [
    ['a lambda bound to a name', `make = lambda name: f"Hi {name}."\n${call('make("Ada")')}`, 'Hi Ada.'],
    ['a decorated function', `import functools\n@functools.cache\ndef make(name):\n    return f"Hi {name}."\n${call('make("Ada")')}`, 'Hi Ada.'],
    ['a generator is not followed', `def make():\n    yield "x"\n    return "Hi."\n${call('make()')}`, '<stable-unknown: `make()` is a generator>'],
    ["a nested function's return and yield are not the helper's", `def make(name):\n    def inner():\n        yield "nope"\n    def other():\n        return "nope"\n    return f"Hi {name}."\n${call('make("Ada")')}`, 'Hi Ada.'],
    ['keyword-only and positional-only markers are not parameters', `def make(first, /, *, name):\n    return f"Hi {first} {name}."\n${call('make("A", name="B")')}`, 'Hi A B.'],
    ['comments among parameters and arguments', `def make(\n    # who\n    name,\n):\n    return f"Hi {name}."\n${call('make(\n    # who\n    "Ada",\n)')}`, 'Hi Ada.'],
    ['a starred argument leaves the parameters unknown', `def make(name):\n    return f"Hi {name}."\nargs = ["Ada"]\n${call('make(*args)')}`, 'Hi |<stable-unknown: `name` is a parameter>|.'],
    ['a double-starred argument leaves the parameters unknown', `def make(name):\n    return f"Hi {name}."\nkw = {"name": "Ada"}\n${call('make(**kw)')}`, 'Hi |<stable-unknown: `name` is a parameter>|.'],
    ['a typed parameter with a default', `def make(name: str = "Bo") -> str:\n    return f"Hi {name}."\n${call('make()')}`, 'Hi Bo.'],
    ['a method called on self', `class P:\n    def text(self):\n        return "Hi."\n    def run(self):\n        return ${call('self.text()')}`, 'Hi.'],
    ['a property is not a method call', `class P:\n    @property\n    def text(self):\n        return "Hi."\n    def run(self):\n        return ${call('self.text')}`, '<stable-unknown: `self.text` is an attribute read at run time>'],
    ['a class attribute read on self', `class P:\n    TEXT = "Hi class."\n    def run(self):\n        return ${call('self.TEXT')}`, 'Hi class.'],
  ];
  for (const [title, code, expected] of cases) {
    it(title, async () => {
      const result = await lint(head + code, 'python');
      assert.strictEqual(result.hasSyntaxErrors, false);
      assert.strictEqual(systemText(result), expected);
    });
  }
});

describe('reach within a file: markers that move with the conversation', () => {
  const head = ['import anthropic', 'client = anthropic.Anthropic()', 'def add_cache(msgs):', '    msgs[-1]["content"][-1]["cache_control"] = {"type": "ephemeral"}', ''];
  const call = '    return client.messages.create(model="claude-sonnet-4-5", max_tokens=5, messages=messages)';
  const cases: Array<[string, string[], string[]]> = [
    ['a helper given the messages before the request', ['def chat(messages):', '    add_cache(messages)', call], ['`add_cache(…)` on line 7 @4']],
    ['a helper given them by keyword', ['def chat(messages):', '    add_cache(msgs=messages)', call], ['`add_cache(…)` on line 7 @4']],
    ['a helper called in the messages argument', ['def chat(messages):', '    return client.messages.create(model="claude-sonnet-4-5", max_tokens=5, messages=add_cache(messages))'], ['`add_cache(…)` in the messages argument @4']],
    ['a loop over the messages before the request', ['def chat(messages):', '    for m in reversed(messages):', '        m["content"][-1]["cache_control"] = {"type": "ephemeral"}', '        break', call], ['the loop over `messages` on line 7 @8']],
    ['a helper called after the request does not mark what it sent', ['def chat(messages):', '    r = client.messages.create(model="claude-sonnet-4-5", max_tokens=5, messages=messages)', '    add_cache(messages)', '    return r'], []],
    ['a loop after the request does not either', ['def chat(messages):', '    r = client.messages.create(model="claude-sonnet-4-5", max_tokens=5, messages=messages)', '    for m in messages:', '        m["cache_control"] = {"type": "ephemeral"}', '    return r'], []],
    ['a helper given a same-named parameter of a nested function', ['def chat(messages):', '    def prep(messages):', '        add_cache(messages)', call], []],
    ['a helper given a copy', ['def chat(messages):', '    add_cache(messages[:])', call], []],
    ['a helper given another list', ['def chat(messages, history):', '    add_cache(history)', call], []],
    ['a helper given the messages that marks nothing', ['def trim(msgs):', '    del msgs[:-10]', 'def chat(messages):', '    trim(messages)', call], []],
    ['a loop over the messages that marks nothing', ['def chat(messages):', '    for m in messages:', '        m["content"] = m["content"].strip()', call], []],
    ['a helper in the messages argument that marks nothing', ['def trim(msgs):', '    return msgs[-10:]', 'def chat(messages):', '    return client.messages.create(model="claude-sonnet-4-5", max_tokens=5, messages=trim(messages))'], []],
  ];
  for (const [title, lines, expected] of cases) {
    it(title, async () => {
      const result = await lint([...head, ...lines].join('\n'), 'python');
      const moving = result.requests.flatMap((r) => r.movingBreakpoints.map((m) => `${m.via} @${m.sites.map((s) => s.start.line + 1).join(',')}`));
      assert.deepStrictEqual(moving, expected);
      // Markers that move are never counted as breakpoints.
      assert.deepStrictEqual(result.requests.map((r) => r.breakpoints.length), [0]);
    });
  }
});

describe('reach within a file: a class attribute given another value elsewhere is not guessed', () => {
  const PY_BASE = ['import anthropic', 'client = anthropic.Anthropic()', 'class Agent:', '    SYSTEM = "Be brief."', '    def ask(self):', '        return client.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=[{"type": "text", "text": self.SYSTEM, "cache_control": {"type": "ephemeral"}}], messages=[])'];
  const py: Array<[string, string[], string]> = [
    ['the class alone: its value', [], 'Be brief.'],
    ['a subclass that sets it', ['class Long(Agent):', '    SYSTEM = open("policy.md").read()'], '<stable-unknown>'],
    ['a subclass that annotates and sets it', ['class Long(Agent):', '    SYSTEM: str = open("policy.md").read()'], '<stable-unknown>'],
    ['a subclass with a property of that name', ['class Long(Agent):', '    @property', '    def SYSTEM(self):', '        return open("policy.md").read()'], '<stable-unknown>'],
    ['a subclass that assigns self.SYSTEM', ['class Long(Agent):', '    def __init__(self):', '        self.SYSTEM = open("policy.md").read()'], '<stable-unknown>'],
    ['Agent.SYSTEM = … anywhere in the file', ['Agent.SYSTEM = open("policy.md").read()'], '<stable-unknown>'],
    ['a subclass of a module-qualified base', ['import agents', 'class Long(agents.Agent):', '    SYSTEM = open("policy.md").read()'], '<stable-unknown>'],
    ['a subclass that sets something else', ['class Long(Agent):', '    OTHER = 1'], 'Be brief.'],
    ['an unrelated class with the same attribute', ['class Other:', '    SYSTEM = open("policy.md").read()'], 'Be brief.'],
    ['another class assigning OtherClass.SYSTEM', ['class Other:', '    pass', 'Other.SYSTEM = open("policy.md").read()'], 'Be brief.'],
  ];
  for (const [title, extra, expected] of py) {
    it(`Python: ${title}`, async () => {
      const result = await lint([...PY_BASE, ...extra].join('\n'), 'python');
      assert.deepStrictEqual(systemOf(result), [expected]);
      // A below-minimum finding (with a removal fix) only where the short text is certain.
      assert.strictEqual(result.findings.some((f) => f.ruleId === 'below-minimum'), expected === 'Be brief.');
    });
  }

  it('Python: cls.X = … in a class method of the class', async () => {
    const result = await lint([...PY_BASE.slice(0, 4), '    @classmethod', '    def load(cls):', '        cls.SYSTEM = open("policy.md").read()', ...PY_BASE.slice(4)].join('\n'), 'python');
    assert.deepStrictEqual(systemOf(result), ['<stable-unknown>']);
  });

  const TS_BASE = ['import Anthropic from "@anthropic-ai/sdk";', 'const client = new Anthropic();', 'declare const BIG: string;', 'class Agent {', '  system = "Be brief.";', '  ask() { return client.messages.create({ model: "claude-sonnet-4-5", max_tokens: 5, system: [{ type: "text", text: this.system, cache_control: { type: "ephemeral" } }], messages: [] }); }', '}'];
  const ts: Array<[string, string[], string]> = [
    ['the class alone: its value', [], 'Be brief.'],
    ['a subclass field', ['class Long extends Agent {', '  system = BIG;', '}'], '<stable-unknown>'],
    ['a subclass getter', ['class Long extends Agent {', '  get system() { return BIG; }', '}'], '<stable-unknown>'],
    ['a subclass constructor assigning this.system', ['class Long extends Agent {', '  constructor() { super(); this.system = BIG; }', '}'], '<stable-unknown>'],
    ['a subclass that sets something else', ['class Long extends Agent {', '  other = 1;', '}'], 'Be brief.'],
  ];
  for (const [title, extra, expected] of ts) {
    it(`TypeScript: ${title}`, async () => {
      assert.deepStrictEqual(systemOf(await lint([...TS_BASE, ...extra].join('\n'), 'typescript')), [expected]);
    });
  }
});
