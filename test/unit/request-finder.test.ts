import * as assert from 'assert';
import type { SourceLanguage } from '../../src/core';
import { lintSnippet } from '../helpers/snippets';

async function calleesOf(code: string, language: SourceLanguage): Promise<string[]> {
  const result = await lintSnippet(code, language);
  return result.requests.map((r) => r.call.callee);
}

describe('finding requests', () => {
  describe('Python SDK shapes', () => {
    const msg = 'messages=[{"role": "user", "content": "hi"}]';
    const shapes = [
      `client.messages.create(model="claude-sonnet-4-5", max_tokens=5, ${msg})`,
      `client.messages.stream(model="claude-sonnet-4-5", max_tokens=5, ${msg})`,
      `client.messages.parse(model="claude-sonnet-4-5", max_tokens=5, ${msg})`,
      `client.messages.count_tokens(model="claude-sonnet-4-5", ${msg})`,
      `client.beta.messages.create(model="claude-sonnet-4-5", max_tokens=5, betas=["x"], ${msg})`,
      `client.beta.prompt_caching.messages.create(model="claude-3-5-sonnet-20241022", max_tokens=5, ${msg})`,
      `await async_client.messages.create(model="claude-sonnet-4-5", max_tokens=5, ${msg})`,
      `anthropic.Anthropic().messages.create(model="claude-sonnet-4-5", max_tokens=5, ${msg})`,
      `bedrock.messages.create(model="us.anthropic.claude-sonnet-4-5-20250929-v1:0", max_tokens=5, ${msg})`,
      `self.client.messages.create(model="claude-sonnet-4-5", max_tokens=5, ${msg})`,
    ];
    for (const shape of shapes) {
      it(shape.slice(0, 60), async () => {
        assert.strictEqual((await calleesOf(shape, 'python')).length, 1);
      });
    }

    it('batch params, literal and built in a comprehension', async () => {
      const code = `
client.messages.batches.create(requests=[
    {"custom_id": "a", "params": {"model": "claude-sonnet-4-5", "max_tokens": 5, ${msg.replace('=', '": ').replace('messages', '"messages')}}},
    {"custom_id": "b", "params": {"model": "claude-sonnet-4-5", "max_tokens": 5, ${msg.replace('=', '": ').replace('messages', '"messages')}}},
])
client.messages.batches.create(requests=[{"custom_id": t, "params": {"model": "claude-haiku-4-5", "max_tokens": 5, "messages": [{"role": "user", "content": t}]}} for t in tickets])
`;
      const result = await lintSnippet(code, 'python');
      assert.strictEqual(result.requests.length, 3);
      assert.ok(result.requests.every((r) => r.isBatchItem));
      assert.strictEqual(result.requests[2].model.family?.key, 'haiku-4.5');
    });

    it('follows **params built in the file and constants for the model', async () => {
      const code = `
MODEL = "claude-opus-4-1"
base = {"model": MODEL, "max_tokens": 100}
params = {**base, "system": "Be brief.", "messages": [{"role": "user", "content": "hi"}]}
client.messages.create(**params)
`;
      const result = await lintSnippet(code, 'python');
      assert.strictEqual(result.requests.length, 1);
      assert.strictEqual(result.requests[0].model.family?.key, 'opus-4.1');
      assert.strictEqual(result.requests[0].model.assumed, false);
      assert.deepStrictEqual(result.requests[0].blocks.map((b) => b.section), ['system', 'messages']);
    });

    it('ignores look-alikes: Twilio, OpenAI threads, unresolvable **kwargs', async () => {
      const code = `
twilio.messages.create(to="+1555", from_="+1666", body="hi")
openai.beta.threads.messages.create(thread_id, role="user", content="hi")
client.messages.create(**kwargs)
`;
      assert.deepStrictEqual(await calleesOf(code, 'python'), []);
    });

    it('takes a call with an unseen spread as a request when it also passes system or max_tokens, and notes the spread', async () => {
      const code = `
client.messages.create(**kwargs, system="Be brief.")
client.messages.create(**kwargs, max_tokens=5)
client.messages.create(**kwargs, to="+1555")
`;
      const result = await lintSnippet(code, 'python');
      assert.deepStrictEqual(result.requests.map((r) => r.call.range.start.line), [1, 2]);
      for (const request of result.requests) {
        assert.ok(request.args.open);
        assert.ok(request.runtimeBreakpointNotes.includes('some arguments come from a spread the linter cannot see'));
      }
      const closed = await lintSnippet('client.messages.create(model="claude-sonnet-4-5", max_tokens=5, messages=[])\n', 'python');
      assert.deepStrictEqual(closed.requests[0].runtimeBreakpointNotes, []);
    });

    it('takes only batch items whose params are a Messages request', async () => {
      const code = `
client.messages.batches.create(requests=[
    {"custom_id": "a", "params": {"model": "claude-sonnet-4-5", "max_tokens": 5, "messages": []}},
    {"custom_id": "b", "params": {"to": "+1555"}},
    {"custom_id": "c", "params": "not a dict"},
    {"custom_id": "d"},
])
client.messages.batches.create(requests=items)
`;
      const result = await lintSnippet(code, 'python');
      assert.strictEqual(result.requests.length, 1);
      assert.strictEqual(result.requests[0].isBatchItem, true);
    });

    it('still finds the intact requests of half-typed code', async () => {
      const code = `
client.messages.create(model="claude-sonnet-4-5", max_tokens=5, messages=[{"role": "user", "content": "ok"}])
def broken(:
    client.messages.create(model="claude-sonnet-4-5", messages=[{"role": "user", "content": "x"
`;
      const result = await lintSnippet(code, 'python');
      assert.ok(result.hasSyntaxErrors);
      assert.ok(result.requests.length >= 1);
      assert.strictEqual(result.requests[0].call.range.start.line, 1);
    });
  });

  describe('Bedrock InvokeModel: a Messages body serialised to JSON', () => {
    const body = (q: (s: string) => string) =>
      `{${q('anthropic_version')}: "bedrock-2023-05-31", ${q('max_tokens')}: 5, ${q('system')}: "Be brief.", ${q('messages')}: [{${q('role')}: "user", ${q('content')}: "hi"}]}`;
    const py = body((s) => `"${s}"`);
    const js = body((s) => s);
    const model = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';
    const cases: [SourceLanguage, string][] = [
      ['python', `bedrock.invoke_model(modelId="${model}", body=json.dumps(${py}))`],
      ['python', `bedrock.invoke_model_with_response_stream(modelId="${model}", body=json.dumps(${py}).encode("utf-8"))`],
      ['python', `BODY = ${py}\nPAYLOAD = json.dumps(BODY)\nbedrock.invoke_model(body=PAYLOAD, modelId="${model}", contentType="application/json")`],
      ['typescript', `await client.send(new InvokeModelCommand({ modelId: "${model}", body: JSON.stringify(${js}) }));`],
      ['typescript', `const command = new InvokeModelWithResponseStreamCommand({ modelId: "${model}", body: new TextEncoder().encode(JSON.stringify(${js})) });`],
      ['javascript', `await runtime.invokeModel({ modelId: "${model}", body: Buffer.from(JSON.stringify(${js})) });`],
    ];
    for (const [language, code] of cases) {
      it(`${language}: ${code.slice(0, 70)}`, async () => {
        const result = await lintSnippet(code, language);
        assert.strictEqual(result.requests.length, 1);
        assert.strictEqual(result.requests[0].model.family?.key, 'haiku-4.5');
        assert.ok(result.requests[0].blocks.some((b) => b.section === 'system'));
      });
    }

    it('skips bodies it cannot see and bodies of other model providers', async () => {
      const python = [
        `bedrock.invoke_model(modelId="${model}", body=load_body())`,
        'bedrock.invoke_model(modelId="amazon.titan-text-express-v1", body=json.dumps({"inputText": "hi"}))',
        // Mistral's Bedrock body also has messages; only Claude's has anthropic_version.
        'bedrock.invoke_model(modelId="mistral.mistral-large-2402-v1:0", body=json.dumps({"messages": [{"role": "user", "content": "hi"}], "max_tokens": 5}))',
        'bedrock.invoke_model(modelId=MODEL_ID, body=json.dumps({"messages": [{"role": "user", "content": "hi"}], "max_tokens": 5}))',
      ].join('\n');
      assert.strictEqual((await lintSnippet(python, 'python')).requests.length, 0);
      const ts = 'await client.send(new InvokeModelCommand({ modelId: "amazon.titan-text-express-v1", body: JSON.stringify({ inputText: "hi" }) }));';
      assert.strictEqual((await lintSnippet(ts, 'typescript')).requests.length, 0);
    });
  });

  describe('TypeScript/JavaScript SDK shapes', () => {
    const msg = 'messages: [{ role: "user", content: "hi" }]';
    const shapes = [
      `client.messages.create({ model: "claude-sonnet-4-5", max_tokens: 5, ${msg} });`,
      `client.messages.stream({ model: "claude-sonnet-4-5", max_tokens: 5, ${msg} });`,
      `client.messages.parse({ model: "claude-sonnet-4-5", max_tokens: 5, ${msg} });`,
      `client.messages.countTokens({ model: "claude-sonnet-4-5", ${msg} });`,
      `client.beta.messages.create({ model: "claude-sonnet-4-5", max_tokens: 5, betas: ["x"], ${msg} });`,
      `await this.anthropic.messages.create({ model: "claude-sonnet-4-5", max_tokens: 5, ${msg} } as const);`,
      `new AnthropicVertex().messages.create({ model: "claude-sonnet-4-5@20250929", max_tokens: 5, ${msg} });`,
      `client?.messages.create({ model: "claude-sonnet-4-5", max_tokens: 5, ${msg} } satisfies Params);`,
    ];
    for (const shape of shapes) {
      it(shape.slice(0, 60), async () => {
        assert.strictEqual((await calleesOf(shape, 'typescript')).length, 1);
      });
    }

    it('follows a params object built with spread, and works in .js', async () => {
      const code = `
const base = { model: "claude-haiku-4-5", max_tokens: 100 };
const params = { ...base, system: "Be brief.", messages: [{ role: "user", content: "hi" }] };
client.messages.create(params);
`;
      for (const language of ['typescript', 'javascript'] as const) {
        const result = await lintSnippet(code, language);
        assert.strictEqual(result.requests.length, 1, language);
        assert.strictEqual(result.requests[0].model.family?.key, 'haiku-4.5', language);
      }
    });

    it('finds batch params built with .map()', async () => {
      const code = `client.messages.batches.create({ requests: items.map((t) => ({ custom_id: t.id, params: { model: "claude-sonnet-4-5", max_tokens: 5, messages: [{ role: "user", content: t.body }] } })) });`;
      const result = await lintSnippet(code, 'typescript');
      assert.strictEqual(result.requests.length, 1);
      assert.ok(result.requests[0].isBatchItem);
    });

    it('ignores look-alikes', async () => {
      const code = `twilio.messages.create({ to: "+1555", from: "+1666", body: "hi" });\nopenai.beta.threads.messages.create(id, { role: "user", content: "hi" });`;
      assert.deepStrictEqual(await calleesOf(code, 'typescript'), []);
    });
  });

  it('models the same scenario identically in Python and TypeScript', async () => {
    const py = `
SYSTEM = "You are a librarian. " * 20
client.messages.create(
    model="claude-sonnet-4-5",
    max_tokens=10,
    tools=[{"name": "search", "description": "Search the catalogue.", "input_schema": {"type": "object"}}],
    system=[{"type": "text", "text": SYSTEM, "cache_control": {"type": "ephemeral", "ttl": "1h"}}],
    messages=[*history, {"role": "user", "content": [{"type": "text", "text": "Find Dune.", "cache_control": {"type": "ephemeral"}}]}],
)`;
    const ts = `
const SYSTEM = "You are a librarian. ".repeat(20);
client.messages.create({
  model: "claude-sonnet-4-5",
  max_tokens: 10,
  tools: [{ name: "search", description: "Search the catalogue.", input_schema: { type: "object" } }],
  system: [{ type: "text", text: SYSTEM, cache_control: { type: "ephemeral", ttl: "1h" } }],
  messages: [...history, { role: "user", content: [{ type: "text", text: "Find Dune.", cache_control: { type: "ephemeral" } }] }],
});`;
    const shape = async (code: string, language: SourceLanguage) => {
      const [request] = (await lintSnippet(code, language)).requests;
      return {
        model: request.model.family?.key,
        blocks: request.blocks.map((b) => [b.section, b.blockType, b.placeholder !== undefined, b.segments.map((s) => [s.stability, s.text])]),
        breakpoints: request.breakpoints.map((bp) => [bp.blockIndex, bp.ttl, bp.prefix.tokens.tokens, bp.prefix.known]),
      };
    };
    assert.deepStrictEqual(await shape(ts, 'typescript'), await shape(py, 'python'));
  });
});

describe('raw HTTP requests to the Messages API', () => {
  const PY_BODY = '{"model": "claude-sonnet-4-5", "max_tokens": 5, "system": [{"type": "text", "text": "Hi.", "cache_control": {"type": "ephemeral"}}], "messages": [{"role": "user", "content": "q"}]}';
  const TS_BODY = '{ model: "claude-sonnet-4-5", max_tokens: 5, system: [{ type: "text", text: "Hi.", cache_control: { type: "ephemeral" } }], messages: [{ role: "user", content: "q" }] }';
  /** Each request found: its method and how many breakpoints its body carries. */
  async function found(call: string, language: SourceLanguage): Promise<string[]> {
    const setup =
      language === 'python'
        ? `import requests, httpx, json\nBASE = "https://api.anthropic.com"\nBODY = ${PY_BODY}\n`
        : `import axios from "axios";\nconst BASE = "https://api.anthropic.com";\nconst BODY = ${TS_BODY};\nconst body = JSON.stringify(BODY);\nconst OPTIONS = { method: "POST", body: JSON.stringify(BODY) };\n`;
    const result = await lintSnippet(`${setup}${call}\n`, language);
    return result.requests.map((r) => `${r.call.method} ${r.breakpoints.length}`);
  }
  const python: Array<[string, string[]]> = [
    ['requests.post("https://api.anthropic.com/v1/messages", json=BODY)', ['create 1']],
    ['requests.post("https://api.anthropic.com/v1/messages/", json=BODY)', ['create 1']],
    ['requests.post("https://api.anthropic.com/v1/messages?beta=true", json=BODY)', ['create 1']],
    ['requests.post("https://api.anthropic.com/v1/messages/count_tokens", json=BODY)', ['count_tokens 1']],
    ['requests.post(url="https://api.anthropic.com/v1/messages", json=BODY)', ['create 1']],
    ['httpx.post(f"{BASE}/v1/messages", json=BODY)', ['create 1']],
    ['httpx.post("https://api.anthropic.com/v1/messages", data=json.dumps(BODY))', ['create 1']],
    ['httpx.post("https://api.anthropic.com/v1/messages", content=json.dumps(BODY).encode("utf-8"))', ['create 1']],
    ['session.post("https://api.anthropic.com/v1/messages", json=BODY)', ['create 1']],
    // Other endpoints, other verbs, and a path not known here are not requests to the Messages API.
    ['requests.post("https://api.anthropic.com/v1/messages/batches", json=BODY)', []],
    ['requests.post("https://api.anthropic.com/v1/messagesx", json=BODY)', []],
    ['httpx.post(f"https://api.anthropic.com/v1/{path}", json=BODY)', []],
    ['requests.get("https://api.anthropic.com/v1/messages", json=BODY)', []],
    ['requests.post("https://openrouter.ai/api/v1/chat/completions/x", json=BODY)', []],
  ];
  for (const [call, expected] of python) {
    it(`Python: ${call}`, async () => assert.deepStrictEqual(await found(call, 'python'), expected));
  }
  const ts: Array<[string, string[]]> = [
    ['fetch("https://api.anthropic.com/v1/messages", { method: "POST", body: JSON.stringify(BODY) });', ['create 1']],
    ['window.fetch("https://api.anthropic.com/v1/messages", { method: "POST", headers: {}, body: JSON.stringify(BODY) });', ['create 1']],
    ['fetch("https://api.anthropic.com/v1/messages", OPTIONS);', ['create 1']],
    // The body written as a shorthand property, bound once to the serialised request.
    ['fetch("https://api.anthropic.com/v1/messages", { method: "POST", body });', ['create 1']],
    ['axios.post("https://api.anthropic.com/v1/messages", BODY);', ['create 1']],
    ['axios.post(`${BASE}/v1/messages/count_tokens`, BODY);', ['count_tokens 1']],
    ['myfetch("https://api.anthropic.com/v1/messages", { method: "POST", body: JSON.stringify(BODY) });', []],
    ['axios.posts("https://api.anthropic.com/v1/messages", BODY);', []],
  ];
  for (const [call, expected] of ts) {
    it(`TypeScript: ${call}`, async () => assert.deepStrictEqual(await found(call, 'typescript'), expected));
  }
});
