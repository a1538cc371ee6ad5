import * as assert from 'assert';
import { type LintResult, type SourceLanguage, requestHover } from '../../src/core';
import { lintText } from '../helpers/fix-checks';

/**
 * Framework and platform dialects (issue 11): what the paired rule fixtures cannot pin — which
 * calls are recognised (and which are not), what stays unknown and says so, and that half-typed or
 * run-time-built input never produces a guessed finding.
 */
async function lint(text: string, language: SourceLanguage = 'python'): Promise<LintResult> {
  return lintText(text, language, language === 'python' ? 'dialects.py' : 'dialects.ts');
}

const LONG_PY = '"Follow the support policy carefully and cite the relevant section. " * 150';
const LONG_TS = "'Follow the support policy carefully and cite the relevant section. '.repeat(150)";
const rules = (result: LintResult) => result.findings.map((f) => f.ruleId);

describe('dialects', () => {
  it('recognises a layer only when the file imports it', async () => {
    const unrelated = await lint(['def completion(**kw):', '    return kw', `completion(model="claude-sonnet-4-5", messages=[{"role": "system", "content": "x", "cache_control": {"type": "ephemeral"}}])`].join('\n'));
    assert.deepStrictEqual(unrelated.requests, []);
    const litellm = await lint(['from litellm import completion', `completion(model="claude-sonnet-4-5", messages=[{"role": "system", "content": "x", "cache_control": {"type": "ephemeral"}}])`].join('\n'));
    assert.deepStrictEqual(litellm.requests.map((r) => r.dialect), ['litellm']);
    // A local `generateText` or `tool` is not the AI SDK's.
    const local = await lint(['function generateText(o: object) { return o; }', "generateText({ model: 'x', messages: [] });"].join('\n'), 'typescript');
    assert.deepStrictEqual(local.requests, []);
  });

  it('a gateway request without a Claude model in sight is not modelled', async () => {
    const result = await lint(['from openai import OpenAI', 'client = OpenAI()', 'def ask(model):', '    return client.chat.completions.create(model=model, messages=[{"role": "user", "content": "hi"}])'].join('\n'));
    assert.deepStrictEqual(result.requests, []);
  });

  it('follows LangChain chat models through bind_tools and a self attribute, with tools left unknown', async () => {
    const result = await lint(
      [
        'from langchain_anthropic import ChatAnthropic',
        'from langchain_core.messages import HumanMessage, SystemMessage',
        'class Agent:',
        '    def __init__(self, tools):',
        '        self.llm = ChatAnthropic(model="claude-sonnet-4-5").bind_tools(tools)',
        '    def run(self, question):',
        `        return self.llm.invoke([SystemMessage(content=[{"type": "text", "text": ${LONG_PY}, "cache_control": {"type": "ephemeral"}}]), HumanMessage(content=question)])`,
      ].join('\n'),
    );
    const [request] = result.requests;
    assert.strictEqual(request?.dialect, 'langchain');
    assert.strictEqual(request.model.family?.canonicalId, 'claude-sonnet-4-5');
    assert.strictEqual(request.blocks[0].placeholder, 'tools converted by bind_tools() at run time');
    // The tools' size is unknown, so the breakpoint's prefix is a lower bound and nothing is claimed.
    assert.strictEqual(request.breakpoints.length, 1);
    assert.strictEqual(request.breakpoints[0].prefix.known, false);
    assert.deepStrictEqual(rules(result), []);
  });

  it('LangChain tools: Claude-shaped dicts in bind_tools are read, anything else is converted at run time; create_agent with tools or a SystemMessage prompt', async () => {
    const bound = async (tools: string) => {
      const result = await lint(
        ['from langchain_anthropic import ChatAnthropic', 'from langchain_core.messages import HumanMessage, SystemMessage', `llm = ChatAnthropic(model="claude-sonnet-4-5").bind_tools(${tools})`, `llm.invoke([SystemMessage(content=[{"type": "text", "text": ${LONG_PY}, "cache_control": {"type": "ephemeral"}}]), HumanMessage(content="hi")])`].join('\n'),
      );
      const [request] = result.requests;
      const [tool] = request.blocks;
      return [tool.section, tool.placeholder ?? tool.segments.map((seg) => seg.text).join(''), request.breakpoints[0].prefix.known];
    };
    assert.deepStrictEqual(await bound('[{"name": "lookup", "description": "Look up an order.", "input_schema": {"type": "object"}}]'), ['tools', '{"name":"lookup","description":"Look up an order.","input_schema":{"type":"object"}}', true]);
    assert.deepStrictEqual(await bound('[{"description": "no name"}]'), ['tools', 'tools converted by bind_tools() at run time', false]);
    assert.deepStrictEqual(await bound('[lookup]'), ['tools', 'tools converted by bind_tools() at run time', false]);

    const agent = async (tools: string, systemPrompt: string) => {
      const result = await lint(['from langchain.agents import create_agent', 'from langchain_core.messages import SystemMessage', `agent = create_agent(model="anthropic:claude-sonnet-4-5", tools=${tools}, system_prompt=${systemPrompt})`, 'def ask(q):', '    return agent.invoke({"messages": [{"role": "user", "content": q}]})'].join('\n'));
      const [request] = result.requests;
      return [request.blocks.map((b) => b.placeholder ?? b.section).join(', '), request.breakpoints.length, rules(result).join()];
    };
    assert.deepStrictEqual(await agent('[]', LONG_PY), ['system, messages', 0, 'missed-opportunity']);
    // Tools the agent converts are of unknown size: the prefix is not known, so nothing is claimed.
    assert.deepStrictEqual(await agent('[lookup]', LONG_PY), ['tools converted by create_agent() at run time, system, messages', 0, '']);
    // A SystemMessage with content blocks keeps its own marker.
    assert.deepStrictEqual(await agent('[]', `SystemMessage(content=[{"type": "text", "text": ${LONG_PY}, "cache_control": {"type": "ephemeral"}}])`), ['system, messages', 1, '']);
  });

  it("LiteLLM's role injection on a growing conversation is a moving breakpoint, not an uncached conversation", async () => {
    const result = await lint(
      [
        'import litellm',
        'def chat(messages):',
        '    while True:',
        '        messages.append({"role": "user", "content": input()})',
        '        litellm.completion(model="anthropic/claude-sonnet-4-5", messages=messages, cache_control_injection_points=[{"location": "message", "role": "user"}])',
      ].join('\n'),
    );
    const [request] = result.requests;
    assert.deepStrictEqual(request.movingBreakpoints.map((m) => m.via), ['cache_control_injection_points (every `user` message)']);
    assert.deepStrictEqual(rules(result), []);
  });

  it('a LiteLLM Router call reads its messages but not its model alias', async () => {
    const result = await lint(
      ['from litellm import Router', 'router = Router(model_list=[])', `router.completion(model="support", messages=[{"role": "system", "content": [{"type": "text", "text": "Be brief.", "cache_control": {"type": "ephemeral"}}]}])`].join('\n'),
    );
    const [request] = result.requests;
    assert.strictEqual(request.dialect, 'litellm');
    assert.strictEqual(request.model.assumed, true);
    assert.match(request.dialectNotes.join(' '), /Router alias/);
  });

  it('half-typed calls and markers built at run time give no finding and no crash', async () => {
    const halfTyped = await lint(["import { generateText } from 'ai';", "import { anthropic } from '@ai-sdk/anthropic';", "generateText({ model: anthropic('claude-sonnet-4-5'), messages: [{ role: 'system', content: 'x', providerOptions: { anthropic: { cacheControl: "].join('\n'), 'typescript');
    assert.strictEqual(halfTyped.internalError, undefined);
    assert.deepStrictEqual(rules(halfTyped), []);
    const runtime = await lint(
      ["import { generateText } from 'ai';", 'export function ask(model: any, options: any) {', `  return generateText({ model, messages: [{ role: 'system', content: ${LONG_TS}, providerOptions: options }] });`, '}'].join('\n'),
      'typescript',
    );
    assert.deepStrictEqual(rules(runtime), [], 'unknown provider options are not a missed opportunity');
    const [request] = runtime.requests;
    assert.match(requestHover(request), /provider is not known here/);
  });

  it('a namespace the provider may read in its own way is not counted and not reported', async () => {
    const result = await lint(
      [
        "import { generateText } from 'ai';",
        "import { createOpenAICompatible } from '@ai-sdk/openai-compatible';",
        "const proxy = createOpenAICompatible({ baseURL: 'http://localhost:4000', name: 'litellm' });",
        `generateText({ model: proxy.chatModel('claude-3-5-sonnet-20240620'), messages: [{ role: 'system', content: ${LONG_TS}, providerOptions: { openaiCompatible: { cache_control: { type: 'ephemeral' } } } }] });`,
      ].join('\n'),
      'typescript',
    );
    const [request] = result.requests;
    assert.strictEqual(request.notClaude, false);
    assert.strictEqual(request.breakpoints.length, 0);
    assert.match(request.runtimeBreakpointNotes.join(' '), /providerOptions\.openaiCompatible\.cache_control .* not counted/);
    assert.deepStrictEqual(rules(result), []);
  });

  it('removing an AI SDK marker removes the providerOptions that holds only it', async () => {
    const text = [
      "import { generateText } from 'ai';",
      "import { anthropic } from '@ai-sdk/anthropic';",
      "generateText({ model: anthropic('claude-sonnet-4-5'), messages: [{ role: 'system', content: 'Be brief.', providerOptions: { anthropic: { cacheControl: { type: 'ephemeral' } } } }] });",
    ].join('\n');
    const result = await lint(text, 'typescript');
    const removal = result.findings.find((f) => f.ruleId === 'below-minimum')?.fixes.find((f) => f.title.startsWith('Remove'));
    assert.ok(removal);
    const [edit] = removal.edits;
    assert.strictEqual(text.slice(edit.startOffset, edit.endOffset), ", providerOptions: { anthropic: { cacheControl: { type: 'ephemeral' } } }");
  });

  it('a marker the layer drops is never removed by fix-all', async () => {
    const result = await lint(
      ['from langchain_anthropic import ChatAnthropic', 'from langchain_core.messages import HumanMessage', 'llm = ChatAnthropic(model="claude-sonnet-4-5")', 'llm.invoke([HumanMessage(content="x", additional_kwargs={"cache_control": {"type": "ephemeral"}})])'].join('\n'),
    );
    const finding = result.findings.find((f) => f.ruleId === 'ignored-cache-marker');
    assert.ok(finding);
    assert.ok(finding.fixes.every((f) => !f.safe));
  });

  it('a value rebuilt on each pass of the sending loop is not "updated in the loop"', async () => {
    const result = await lint(
      [
        'import anthropic',
        'client = anthropic.Anthropic()',
        `BASE = ${LONG_PY}`,
        'def run(items, extra):',
        '    for item in items:',
        '        prompt = BASE',
        '        if extra:',
        '            prompt += extra',
        '        client.messages.create(model="claude-sonnet-4-5", max_tokens=1, system=[{"type": "text", "text": prompt, "cache_control": {"type": "ephemeral"}}], messages=[{"role": "user", "content": item}])',
      ].join('\n'),
    );
    assert.deepStrictEqual(rules(result), []);
  });

  it('which provider reads which marker, at the message and at the call: breakpoint (B), ignored with a finding (I), not known (U, with a note)', async () => {
    const providers: Record<string, [string, string]> = {
      anthropic: ["import { anthropic } from '@ai-sdk/anthropic';", "anthropic('claude-sonnet-4-5')"],
      gateway: ["import { gateway } from '@ai-sdk/gateway';", "gateway('anthropic/claude-sonnet-4.5')"],
      vertex: ["import { vertexAnthropic } from '@ai-sdk/google-vertex/anthropic';", "vertexAnthropic('claude-sonnet-4-5@20250929')"],
      bedrock: ["import { bedrock } from '@ai-sdk/amazon-bedrock';", "bedrock('us.anthropic.claude-sonnet-4-5-20250929-v1:0')"],
      openrouter: ["import { createOpenRouter } from '@openrouter/ai-sdk-provider';\nconst openrouter = createOpenRouter({});", "openrouter('anthropic/claude-sonnet-4.5')"],
      other: ["import { createOpenAICompatible } from '@ai-sdk/openai-compatible';\nconst proxy = createOpenAICompatible({ name: 'p', baseURL: 'x' });", "proxy.chatModel('claude-sonnet-4-5')"],
    };
    // Columns, in order: anthropic.cacheControl, anthropic.cache_control, then cacheControl under openai, google,
    // bedrock, openrouter and an unknown namespace, then cachePoint under bedrock, amazonBedrock and anthropic.
    const markers = ['anthropic', 'anthropic', 'openai', 'google', 'bedrock', 'openrouter', 'foo', 'bedrock', 'amazonBedrock', 'anthropic'].map(
      (namespace, i) => `{ ${namespace}: { ${i === 1 ? 'cache_control' : i >= 7 ? 'cachePoint' : 'cacheControl'}: { type: '${i >= 7 ? 'default' : 'ephemeral'}' } } }`,
    );
    const expected: Record<string, [string, string]> = {
      anthropic: ['B B I I I I U U U U', 'B B I I I I U U U U'],
      gateway: ['B B I I I I U U U U', 'B B I I I I U U U U'],
      vertex: ['B B U U U U U U U U', 'B B U U U U U U U U'],
      bedrock: ['I I U U U U U B B I', 'I I U U U U U B B I'],
      openrouter: ['B B U U U B U U U U', 'I I U U U U U U U I'],
      other: ['I I U U U U U U U I', 'I I U U U U U U U I'],
    };
    for (const [provider, [importLine, model]] of Object.entries(providers)) {
      const verdicts: string[][] = [[], []];
      for (const options of markers) {
        for (const [level, atCall] of [[0, false], [1, true]] as const) {
          const message = `{ role: 'system', content: ${LONG_TS}${atCall ? '' : `, providerOptions: ${options}`} }`;
          const code = `import { generateText } from 'ai';\n${importLine}\ngenerateText({ model: ${model}, messages: [${message}, { role: 'user', content: 'hi' }]${atCall ? `, providerOptions: ${options}` : ''} });\n`;
          const result = await lint(code, 'typescript');
          const [request] = result.requests;
          const verdict =
            request.breakpoints.length === 1 && result.findings.length === 0
              ? 'B'
              : request.breakpoints.length === 0 && rules(result).join() === 'ignored-cache-marker'
                ? 'I'
                : request.breakpoints.length === 0 && result.findings.length === 0 && request.runtimeBreakpointNotes.length > 0
                  ? 'U'
                  : `? ${request.breakpoints.length} ${rules(result).join()}`;
          verdicts[level].push(verdict);
        }
      }
      assert.deepStrictEqual([verdicts[0].join(' '), verdicts[1].join(' ')], expected[provider], provider);
    }
  });

  it('how an AI SDK model\'s provider is found: factories, their modules, names bound once, wrapLanguageModel, gateway strings', async () => {
    const imports = [
      "import { generateText, wrapLanguageModel } from 'ai';",
      "import { openai } from '@ai-sdk/openai';",
      "import { anthropic, createAnthropic } from '@ai-sdk/anthropic';",
      "import { bedrock } from '@ai-sdk/amazon-bedrock';",
      "import { bedrockAnthropic } from '@ai-sdk/amazon-bedrock/anthropic';",
      "import { vertexAnthropic } from '@ai-sdk/google-vertex/anthropic/edge';",
      "import { gateway } from '@ai-sdk/gateway';",
      "import { openrouter } from '@openrouter/ai-sdk-provider';",
    ].join('\n');
    // [model, code before the call, the marker syntax's platform, not Claude?, findings]
    const cases: Array<[string, string, string, boolean, string[]]> = [
      ["anthropic('claude-sonnet-4-5')", '', 'anthropic', false, ['below-minimum']],
      ["createAnthropic({ apiKey: 'k' })('claude-sonnet-4-5')", '', 'anthropic', false, ['below-minimum']],
      ["claude('claude-sonnet-4-5')", 'const claude = createAnthropic({});', 'anthropic', false, ['below-minimum']],
      ["bedrockAnthropic('claude-sonnet-4-5')", '', 'anthropic', false, ['below-minimum']],
      ["vertexAnthropic('claude-sonnet-4-5@20250929')", '', 'vertex', false, ['below-minimum']],
      ["bedrock('anthropic.claude-sonnet-4-5-v1:0')", '', 'bedrock', false, ['ignored-cache-marker']],
      ["gateway('anthropic/claude-sonnet-4.5')", '', 'gateway', false, ['below-minimum']],
      ["'anthropic/claude-sonnet-4.5'", '', 'gateway', false, ['below-minimum']],
      ["process.env.MODEL ?? 'anthropic/claude-sonnet-4.5'", '', 'gateway', false, ['below-minimum']],
      ["openrouter.chat('anthropic/claude-sonnet-4.5')", '', 'gateway', false, ['below-minimum']],
      ["openai('gpt-4o')", '', 'gateway', true, ['ignored-cache-marker']],
      ["wrapLanguageModel({ model: vertexAnthropic('claude-sonnet-4-5@20250929'), middleware: [] })", '', 'vertex', false, ['below-minimum']],
      ['model', "const model = bedrock('anthropic.claude-sonnet-4-5-v1:0');", 'bedrock', false, ['ignored-cache-marker']],
    ];
    for (const [model, before, platform, notClaude, findings] of cases) {
      const code = `${imports}\n${before}\nexport async function run(q: string) {\n  return generateText({ model: ${model}, messages: [{ role: 'system', content: 'Be brief.', providerOptions: { anthropic: { cacheControl: { type: 'ephemeral' } } } }, { role: 'user', content: q }] });\n}\n`;
      const result = await lint(code, 'typescript');
      assert.deepStrictEqual([result.requests[0]?.markerSyntax.platform, result.requests[0]?.notClaude, rules(result)], [platform, notClaude, findings], model);
    }
  });

  it('behind such a guard, only providerOptions holding cacheControl or cachePoint in some provider counts as a marker', async () => {
    const guarded = async (options: string, content = "'Be brief.'", provider = "import { anthropic } from '@ai-sdk/anthropic';", model = "anthropic('claude-sonnet-4-5')") =>
      rules(
        await lint(
          [
            "import { streamText } from 'ai';",
            provider,
            'export function route(messages: any[], isAnthropic: boolean, opts: any) {',
            `  return streamText({ model: ${model}, messages: [{ role: 'system', content: ${content}, ...(isAnthropic && ${options}) }, ...messages] });`,
            '}',
          ].join('\n'),
          'typescript',
        ),
      );
    // A marker among other options and other providers still counts (the breakpoint is on a short prompt).
    assert.deepStrictEqual(await guarded("{ providerOptions: { openai: { user: 'u' }, anthropic: { sendReasoning: true, cacheControl: { type: 'ephemeral' } } } }"), ['below-minimum']);
    assert.deepStrictEqual(await guarded("{ providerOptions: { bedrock: { cachePoint: { type: 'default' } } } }", undefined, "import { bedrock } from '@ai-sdk/amazon-bedrock';", "bedrock('us.anthropic.claude-sonnet-4-5-20250929-v1:0')"), ['below-minimum']);
    // Options without a marker, a marker under another key, and options not written out are no
    // breakpoint: the spread stays unknown, so a long prompt is not called uncached either.
    assert.deepStrictEqual(await guarded('{ providerOptions: { anthropic: { sendReasoning: true } } }', LONG_TS), []);
    assert.deepStrictEqual(await guarded("{ experimental: { anthropic: { cacheControl: { type: 'ephemeral' } } } }", LONG_TS), []);
    assert.deepStrictEqual(await guarded('{ providerOptions: { anthropic: opts } }', LONG_TS), []);
    assert.deepStrictEqual(await guarded('{ providerOptions: opts }', LONG_TS), []);
  });

  it('a marker behind `...(isAnthropic && { providerOptions })` counts (the caching path), and an open message is not called uncached', async () => {
    const marked = await lint(
      [
        "import { streamText } from 'ai';",
        "import { anthropic } from '@ai-sdk/anthropic';",
        'export function route(messages: any[], isAnthropic: boolean) {',
        "  return streamText({ model: anthropic('claude-sonnet-4-5'), messages: [{ role: 'system', content: 'Be brief.', ...(isAnthropic && { providerOptions: { anthropic: { cacheControl: { type: 'ephemeral' } } } }) }, ...messages] });",
        '}',
      ].join('\n'),
      'typescript',
    );
    assert.deepStrictEqual(rules(marked), ['below-minimum']);
    const open = await lint(
      [
        "import { streamText } from 'ai';",
        "import { anthropic } from '@ai-sdk/anthropic';",
        'export function route(extra: object) {',
        `  return streamText({ model: anthropic('claude-sonnet-4-5'), messages: [{ role: 'system', content: ${LONG_TS}, ...extra }] });`,
        '}',
      ].join('\n'),
      'typescript',
    );
    assert.deepStrictEqual(rules(open), []);
    assert.match(open.requests[0].runtimeBreakpointNotes.join(' '), /spread in the message/);
  });

  it('reads a LangChain chain: the template at its head is the prompt, its {variables} are filled at run time', async () => {
    const python = await lint(
      [
        'from langchain_anthropic import ChatAnthropic',
        'from langchain_core.messages import SystemMessage',
        'from langchain_core.prompts import ChatPromptTemplate, MessagesPlaceholder',
        'llm = ChatAnthropic(model="claude-sonnet-4-5")',
        'prompt = ChatPromptTemplate.from_messages([SystemMessage(content=[{"type": "text", "text": "Be brief.", "cache_control": {"type": "ephemeral"}}]), MessagesPlaceholder("history"), ("human", "{question}")])',
        'chain = prompt | llm',
        'def ask(q, h):',
        '    return chain.invoke({"question": q, "history": h})',
        'def templated(q):',
        `    return (ChatPromptTemplate.from_messages([("system", "You help {user}. " + ${LONG_PY}), ("human", "{q}")]) | llm).invoke({"user": "Ann", "q": q})`,
      ].join('\n'),
    );
    assert.deepStrictEqual(python.requests.map((r) => r.dialect), ['langchain', 'langchain']);
    assert.deepStrictEqual(rules(python), ['below-minimum']);
    // The second system prompt holds {user}: not all static, so no missed-opportunity is claimed.
    assert.strictEqual(python.requests[1].staticHead?.prefix.known ?? false, false);
    const typescript = await lint(
      [
        "import { ChatAnthropic } from '@langchain/anthropic';",
        "import { ChatPromptTemplate } from '@langchain/core/prompts';",
        "import { SystemMessage } from '@langchain/core/messages';",
        "const llm = new ChatAnthropic({ model: 'claude-sonnet-4-5' });",
        "const prompt = ChatPromptTemplate.fromMessages([new SystemMessage({ content: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }] }), ['human', '{question}']]);",
        'export const ask = (question: string) => prompt.pipe(llm).invoke({ question });',
      ].join('\n'),
      'typescript',
    );
    assert.deepStrictEqual(rules(typescript), ['below-minimum']);
  });

  it('an OpenAI client\'s chat.completions create, parse and stream with a Claude model are requests; other methods are not', async () => {
    const call = (method: string) =>
      lint(['from openai import OpenAI', 'client = OpenAI(base_url="https://openrouter.ai/api/v1")', `client.chat.completions.${method}(model="anthropic/claude-sonnet-4.5", messages=[{"role": "system", "content": [{"type": "text", "text": "Be brief.", "cache_control": {"type": "ephemeral"}}]}, {"role": "user", "content": "hi"}])`].join('\n'));
    for (const method of ['create', 'parse', 'stream']) {
      const result = await call(method);
      assert.deepStrictEqual(result.requests.map((r) => r.dialect), ['openai-compatible'], method);
      assert.deepStrictEqual(rules(result), ['below-minimum'], method);
    }
    assert.deepStrictEqual((await call('list')).requests, []);
  });

  it('reads raw HTTP to an OpenAI-style /chat/completions endpoint when the body names a Claude model', async () => {
    const python = await lint(
      [
        'import requests',
        'def ask(q):',
        '    return requests.post("https://openrouter.ai/api/v1/chat/completions", json={"model": "anthropic/claude-sonnet-4.5", "messages": [{"role": "system", "content": [{"type": "text", "text": "Be brief.", "cache_control": {"type": "ephemeral"}}]}, {"role": "user", "content": q}]})',
        'def other(q):',
        '    return requests.post("https://openrouter.ai/api/v1/chat/completions", json={"model": "mistralai/mistral-large", "messages": [{"role": "user", "content": q}]})',
      ].join('\n'),
    );
    assert.deepStrictEqual(python.requests.map((r) => `${r.dialect} ${r.call.method}`), ['openai-compatible chat.completions']);
    assert.deepStrictEqual(rules(python), ['below-minimum']);
    const typescript = await lint(
      [
        'export const ask = (q: string) =>',
        "  fetch('https://openrouter.ai/api/v1/chat/completions', { method: 'POST', body: JSON.stringify({ model: 'anthropic/claude-sonnet-4.5', messages: [{ role: 'system', content: 'Be brief.', cache_control: { type: 'ephemeral' } }, { role: 'user', content: q }] }) });",
      ].join('\n'),
      'typescript',
    );
    assert.deepStrictEqual(rules(typescript), ['ignored-cache-marker'], 'OpenRouter reads content-part markers only');
  });

  it('reads LangChain agents: create_agent without the prompt-caching middleware misses the system prompt, with it the conversation is marked', async () => {
    const result = await lint(
      [
        'from langchain.agents import create_agent',
        'from langchain_anthropic.middleware import AnthropicPromptCachingMiddleware',
        `GUIDE = ${LONG_PY}`,
        'agent = create_agent(model="anthropic:claude-sonnet-4-5", tools=[], system_prompt=GUIDE)',
        'cached = create_agent(model="anthropic:claude-sonnet-4-5", tools=[], system_prompt=GUIDE, middleware=[AnthropicPromptCachingMiddleware(ttl="5m")])',
        'def ask(q):',
        '    return agent.invoke({"messages": [{"role": "user", "content": q}]})',
        'def ask_cached(q):',
        '    return cached.invoke({"messages": [{"role": "user", "content": q}]})',
      ].join('\n'),
    );
    assert.deepStrictEqual(result.findings.map((f) => `${f.range.start.line + 1}:${f.ruleId}`), ['4:missed-opportunity']);
    assert.match(result.findings[0].message, /AnthropicPromptCachingMiddleware/);
    assert.deepStrictEqual(result.requests[1].movingBreakpoints.map((m) => m.via), ['AnthropicPromptCachingMiddleware (marks the conversation on every model call)']);
  });

  it('reads LangChain .batch: the first input (or the one a comprehension builds) stands for each request', async () => {
    const result = await lint(
      [
        'from langchain_anthropic import ChatAnthropic',
        'from langchain_core.messages import HumanMessage, SystemMessage',
        'llm = ChatAnthropic(model="claude-sonnet-4-5")',
        'SYSTEM = SystemMessage(content=[{"type": "text", "text": "Be brief.", "cache_control": {"type": "ephemeral"}}])',
        'def run(a, b):',
        '    return llm.batch([[SYSTEM, HumanMessage(content=a)], [SYSTEM, HumanMessage(content=b)]])',
        'def run_many(questions):',
        '    return llm.abatch([[SYSTEM, HumanMessage(content=q)] for q in questions])',
      ].join('\n'),
    );
    assert.deepStrictEqual(result.requests.map((r) => `${r.call.method} ${r.breakpoints.length}`), ['batch 1', 'abatch 1']);
    assert.deepStrictEqual(rules(result), ['below-minimum'], 'the shared marker is reported once');
  });

  it('a message-level marker for a gateway that is not OpenRouter is noted, not counted, and not reported', async () => {
    const result = await lint(
      [
        'from openai import OpenAI',
        'proxy = OpenAI(base_url="http://localhost:4000")',
        `proxy.chat.completions.create(model="claude-sonnet-4-5", messages=[{"role": "system", "content": ${LONG_PY}, "cache_control": {"type": "ephemeral"}}, {"role": "user", "content": "hi"}])`,
      ].join('\n'),
    );
    const [request] = result.requests;
    assert.deepStrictEqual(request.breakpoints, []);
    assert.match(request.runtimeBreakpointNotes.join(' '), /whether this gateway reads a message-level marker is not known/);
    assert.deepStrictEqual(rules(result), []);
  });

  it('volatile-before-breakpoint offers no SDK-style move in a framework call (it would write cache_control into a string)', async () => {
    const result = await lint(
      [
        "import { generateText } from 'ai';",
        "import { anthropic } from '@ai-sdk/anthropic';",
        `const GUIDE = ${LONG_TS};`,
        'export const ask = (q: string) => generateText({',
        "  model: anthropic('claude-sonnet-4-5'),",
        "  messages: [{ role: 'system', content: GUIDE }, { role: 'system', content: `Now: ${Date.now()}`, providerOptions: { anthropic: { cacheControl: { type: 'ephemeral' } } } }, { role: 'user', content: q }],",
        '});',
      ].join('\n'),
      'typescript',
    );
    const finding = result.findings.find((f) => f.ruleId === 'volatile-before-breakpoint');
    assert.ok(finding, JSON.stringify(rules(result)));
    assert.deepStrictEqual(finding.fixes.map((f) => f.title), ['Disable volatile-before-breakpoint for this line', 'Disable volatile-before-breakpoint for this file']);
  });
});
