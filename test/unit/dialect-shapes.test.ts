import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { type LintResult, type RequestModel, languageOfFile } from '../../src/core';
import { lintText } from '../helpers/fix-checks';
import { shape } from '../helpers/request-shape';
import { FIXTURE_ROOT } from '../helpers/paths';

/**
 * How each dialect maps its layer's shapes onto the one request model: every block kind a layer
 * has, in prefix order, with the markers it reads. One rich file per layer (test/fixtures/dialects/),
 * pinned as `section:blockType(role)*` — `*` a breakpoint, `?` a part not known statically.
 */
async function lintFixture(name: string): Promise<LintResult> {
  const file = path.join(FIXTURE_ROOT, 'dialects', name);
  return lintText(fs.readFileSync(file, 'utf8'), languageOfFile(file)!, file);
}

const breakpoints = (request: RequestModel) => request.breakpoints.map((b) => `${b.blockIndex}${b.automatic ? 'A' : ''} ${b.ttl}`);

describe('dialect shapes', () => {
  it('LiteLLM: function tools, system and developer messages, content parts, tool calls and results, message-level markers, injection by index', async () => {
    const result = await lintFixture('litellm_rich.py');
    const [rich, bedrock, router] = result.requests;
    assert.strictEqual(shape(rich), 'tools:tool* system:text* system:text messages:text(user) messages:image(user)* messages:tool_use(assistant) messages:tool_result(user) messages:text(user)*');
    assert.deepStrictEqual(breakpoints(rich), ['0 5m', '1 5m', '4 5m', '7 5m']);
    // The function tool becomes a Claude tool: its name, its parameters as input_schema, its marker kept.
    const tool = rich.blocks[0].value;
    assert.strictEqual(rich.blocks[0].label, 'tools[0] lookup');
    assert.deepStrictEqual(tool.kind === 'object' ? tool.entries.map((e) => e.key) : tool.kind, ['name', 'description', 'input_schema', 'cache_control']);
    // A message-level marker on string content is version-dependent for LiteLLM's Bedrock path.
    assert.deepStrictEqual(bedrock.breakpoints, []);
    assert.match(bedrock.runtimeBreakpointNotes.join(' '), /LiteLLM reads it for Bedrock and Vertex models only in recent versions/);
    assert.strictEqual(bedrock.model.family?.key, 'sonnet-3.7');
    assert.strictEqual(router.call.method, 'acompletion');
    assert.strictEqual(router.model.assumed, true);
  });

  it('Bedrock Converse: toolSpec tools, guard content, images, documents, reasoning, tool use and results, cachePoint with ttl', async () => {
    const [request] = (await lintFixture('converse_rich.py')).requests;
    assert.strictEqual(request.call.method, 'converse_stream');
    assert.strictEqual(shape(request), 'tools:tool* system:text system:unknown* messages:text(user) messages:image(user) messages:document(user) messages:thinking(assistant) messages:tool_use(assistant) messages:tool_result(user)*');
    assert.deepStrictEqual(breakpoints(request), ['0 1h', '2 5m', '8 5m']);
    assert.strictEqual(request.markerSyntax.name, 'cachePoint');
  });

  it('Vercel AI SDK: tools by key (provider tools unknown), a system message, every part type, message-level and call-level markers, gateway strings, agents', async () => {
    const result = await lintFixture('aisdk_rich.ts');
    const [rich, quick, agent] = result.requests;
    assert.strictEqual(shape(rich), 'tools:tool* tools:tool system:text* messages:text(user) messages:image(user) messages:document(user) messages:thinking(assistant) messages:tool_use(assistant) messages:tool_result(user)*');
    assert.deepStrictEqual(breakpoints(rich), ['0 1h', '2 5m', '8 5m', '8A 5m']);
    assert.strictEqual(rich.blocks[0].label, 'tools[0] lookup');
    assert.strictEqual(rich.blocks[1].label, 'tools[1] search');
    // The tool schemas are zod calls: the prefix is a lower bound, so nothing is claimed about it.
    assert.strictEqual(rich.breakpoints[0].prefix.known, false);
    assert.deepStrictEqual(result.findings, []);
    assert.strictEqual(quick.model.family?.key, 'haiku-4.5');
    assert.strictEqual(shape(quick), 'system:text messages:text(user)');
    assert.strictEqual(agent.call.callee, 'new ToolLoopAgent');
    assert.strictEqual(shape(agent), 'system:text messages:unknown?');
  });

  it('LangChain: tuples, dicts with image_url blocks, message classes, strings; ChatBedrockConverse cachePoint blocks; init_chat_model providers', async () => {
    const result = await lintFixture('lc_rich.py');
    const [rich, converse, plain] = result.requests;
    assert.strictEqual(shape(rich), 'system:text messages:text(user) messages:image(user) messages:text(assistant) messages:text(user) messages:text(user)');
    assert.strictEqual(rich.model.family?.key, 'sonnet-4.5');
    assert.strictEqual(shape(converse), 'system:text* messages:text(user)');
    assert.strictEqual(converse.markerSyntax.name, 'cachePoint');
    // init_chat_model("openai:…") is not Claude: its request is not modelled.
    assert.strictEqual(result.requests.length, 3);
    assert.strictEqual(shape(plain), 'messages:unknown?');
    assert.deepStrictEqual(result.findings.map((f) => `${f.range.start.line + 1}:${f.ruleId}`), ['16:below-minimum']);
  });
});
