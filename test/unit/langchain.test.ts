import * as assert from 'assert';
import { type LintResult, type SourceLanguage } from '../../src/core';
import { lintText } from '../helpers/fix-checks';
import { shape } from '../helpers/request-shape';

/**
 * LangChain as JS users write it (createAgent, initChatModel, bindTools, `new ChatAnthropic({...})`)
 * and the Python forms the rule fixtures do not reach: init_chat_model's providers, a plain string
 * input, an agent whose input is built elsewhere, literal braces in a prompt template.
 */
async function lint(text: string, language: SourceLanguage): Promise<LintResult> {
  return lintText(text, language, language === 'python' ? 'chains.py' : 'chains.ts');
}

const LONG_PY = '"Follow the support policy carefully and cite the relevant section. " * 150';
const LONG_TS = "'Follow the support policy carefully and cite the relevant section. '.repeat(150)";
const MARKED_TS = `{ type: 'text', text: ${LONG_TS}, cache_control: { type: 'ephemeral' } }`;
const summary = (result: LintResult) => result.requests.map((r) => `${r.call.method} ${r.model.family?.canonicalId ?? r.model.writtenId ?? '?'} | ${shape(r)}`);
const lines = (result: LintResult) => result.findings.map((f) => `${f.range.start.line + 1}:${f.ruleId}`);

describe('LangChain dialect', () => {
  it('JS createAgent: a provider-prefixed or bare model name, the system prompt, and the caching middleware by its JS name', async () => {
    const result = await lint(
      [
        "import { createAgent, anthropicPromptCachingMiddleware } from 'langchain';",
        `const GUIDE = ${LONG_TS};`,
        "const plain = createAgent({ model: 'anthropic:claude-sonnet-4-5', systemPrompt: GUIDE, tools: [] });",
        "const cached = createAgent({ model: 'claude-sonnet-4-5', systemPrompt: GUIDE, tools: [], middleware: [anthropicPromptCachingMiddleware({ ttl: '5m' })] });",
        "export const ask = (q: string) => plain.invoke({ messages: [{ role: 'user', content: q }] });",
        "export const askCached = (q: string) => cached.invoke({ messages: [{ role: 'user', content: q }] });",
      ].join('\n'),
      'typescript',
    );
    assert.deepStrictEqual(summary(result), ['invoke claude-sonnet-4-5 | system:text messages:text(user)', 'invoke claude-sonnet-4-5 | system:text messages:text(user)']);
    const [plain, cached] = result.requests;
    assert.match(plain.systemAdvice ?? '', /AnthropicPromptCachingMiddleware/);
    assert.deepStrictEqual(plain.movingBreakpoints, []);
    assert.strictEqual(cached.systemAdvice, undefined);
    assert.deepStrictEqual(cached.movingBreakpoints.map((m) => `${m.section} ${m.sites[0].start.line + 1}`), ['messages 4']);
    assert.deepStrictEqual(lines(result), ['3:missed-opportunity'], 'on the createAgent call that has no caching middleware');
  });

  it('an agent whose input is built elsewhere: the conversation is a placeholder, and a model from another provider is not a request', async () => {
    const result = await lint(
      [
        "import { createAgent } from 'langchain';",
        `const GUIDE = ${LONG_TS};`,
        "const agent = createAgent({ model: 'anthropic:claude-sonnet-4-5', systemPrompt: GUIDE, tools: [] });",
        "const other = createAgent({ model: 'openai:gpt-4o', systemPrompt: GUIDE, tools: [] });",
        'export const run = (state: { messages: unknown[] }) => agent.invoke(state);',
        'export const runOther = (state: { messages: unknown[] }) => other.invoke(state);',
      ].join('\n'),
      'typescript',
    );
    assert.deepStrictEqual(summary(result), ['invoke claude-sonnet-4-5 | system:text messages:unknown?']);
    assert.strictEqual(result.requests[0].blocks[1].placeholder, "the agent's input, built at run time");
  });

  it('JS initChatModel and bindTools: Claude by name or by provider prefix, tools that are not Claude-shaped left unknown, other providers skipped', async () => {
    const result = await lint(
      [
        "import { initChatModel } from 'langchain/chat_models/universal';",
        "import { SystemMessage, HumanMessage } from '@langchain/core/messages';",
        "const claude = await initChatModel('claude-sonnet-4-5');",
        "const prefixed = await initChatModel('anthropic:claude-opus-4-1');",
        "const gpt = await initChatModel('openai:gpt-4o');",
        `const SYSTEM = new SystemMessage({ content: [${MARKED_TS}] });`,
        'export const a = (tools: object[], q: string) => claude.bindTools(tools).invoke([SYSTEM, new HumanMessage(q)]);',
        'export const b = (q: string) => prefixed.invoke([SYSTEM, new HumanMessage(q)]);',
        'export const c = (q: string) => gpt.invoke([SYSTEM, new HumanMessage(q)]);',
      ].join('\n'),
      'typescript',
    );
    assert.deepStrictEqual(summary(result), ['invoke claude-sonnet-4-5 | tools:unknown? system:text* messages:text(user)', 'invoke claude-opus-4-1 | system:text* messages:text(user)']);
    assert.strictEqual(result.requests[0].blocks[0].placeholder, 'tools converted by bind_tools() at run time');
    // The opus request's prefix is known and long enough; the other's depends on the tools.
    assert.strictEqual(result.requests[0].breakpoints[0].prefix.known, false);
    assert.strictEqual(result.requests[1].breakpoints[0].prefix.known, true);
  });

  it('JS new ChatAnthropic({ modelName }) with a plain string input, and a batch whose first input stands for the rest', async () => {
    const result = await lint(
      [
        "import { ChatAnthropic } from '@langchain/anthropic';",
        "const llm = new ChatAnthropic({ modelName: 'claude-3-5-haiku-20241022' });",
        `export const once = () => llm.invoke(${LONG_TS});`,
        `export const many = (q: string) => llm.batch([[['system', 'Be brief.'], ['human', q]]]);`,
      ].join('\n'),
      'typescript',
    );
    assert.deepStrictEqual(summary(result), ['invoke claude-3-5-haiku-latest | messages:text(user)', 'batch claude-3-5-haiku-latest | system:text messages:text(user)']);
  });

  it('Python init_chat_model: model_provider decides the layer; Converse reads cachePoint blocks, other providers are not requests', async () => {
    const result = await lint(
      [
        'from langchain.chat_models import init_chat_model',
        'from langchain_core.messages import HumanMessage, SystemMessage',
        'converse = init_chat_model("anthropic.claude-3-7-sonnet-20250219-v1:0", model_provider="bedrock_converse")',
        'gpt = init_chat_model("gpt-4o", model_provider="openai")',
        'unknown_provider = init_chat_model("some-model")',
        `SYSTEM = SystemMessage(content=[{"type": "text", "text": ${LONG_PY}}, {"cachePoint": {"type": "default"}}])`,
        'def a(q):',
        '    return converse.invoke([SYSTEM, HumanMessage(content=q)])',
        'def b(q):',
        '    return gpt.invoke([SYSTEM, HumanMessage(content=q)])',
        'def c(q):',
        '    return unknown_provider.invoke([SYSTEM, HumanMessage(content=q)])',
      ].join('\n'),
      'python',
    );
    assert.deepStrictEqual(result.requests.map((r) => `${r.call.method} ${r.markerSyntax.name} ${shape(r)}`), ['invoke cachePoint system:text* messages:text(user)']);
    assert.strictEqual(result.requests[0].model.family?.key, 'sonnet-3.7');
  });

  it('a prompt template keeps literal {{braces}} as text and turns each {variable} into text filled at run time', async () => {
    const result = await lint(
      [
        'from langchain_anthropic import ChatAnthropic',
        'from langchain_core.prompts import ChatPromptTemplate',
        'llm = ChatAnthropic(model="claude-sonnet-4-5")',
        'prompt = ChatPromptTemplate.from_messages([("system", "Answer as JSON like {{\\"answer\\": 1}} for {user}, in {lang}."), ("human", "{q}")])',
        'def ask(q):',
        '    return (prompt | llm).invoke({"user": "Ann", "lang": "en", "q": q})',
      ].join('\n'),
      'python',
    );
    const [system] = result.requests[0].blocks;
    assert.deepStrictEqual(
      system.segments.map((s) => (s.stability === 'static' ? s.text : `<${s.reason}>`)),
      ['Answer as JSON like {"answer": 1} for ', '<the template variable {user}, filled when the chain runs>', ', in ', '<the template variable {lang}, filled when the chain runs>', '.'],
    );
  });

  it('a message class from the project\'s own module (`myapp.langchain_compat`) is not LangChain\'s: its marker is not counted', async () => {
    const source = (module: string) =>
      [
        'from langchain_anthropic import ChatAnthropic',
        `from ${module} import SystemMessage`,
        'llm = ChatAnthropic(model="claude-sonnet-4-5")',
        'llm.invoke([SystemMessage(content=[{"type": "text", "text": "Be brief.", "cache_control": {"type": "ephemeral"}}]), ("human", "hi")])',
      ].join('\n');
    const own = await lint(source('myapp.langchain_compat'), 'python');
    assert.deepStrictEqual(summary(own), ['invoke claude-sonnet-4-5 | messages:unknown? messages:text(user)']);
    assert.deepStrictEqual(own.requests[0].breakpoints, []);
    const real = await lint(source('langchain_core.messages'), 'python');
    assert.deepStrictEqual(summary(real), ['invoke claude-sonnet-4-5 | system:text* messages:text(user)']);
  });
});
