import * as assert from 'assert';
import { type LintResult, type RequestModel, type SourceLanguage } from '../../src/core';
import { lintText } from '../helpers/fix-checks';

/**
 * The OpenAI chat format sent to Claude (LiteLLM, OpenAI-compatible gateways): which calls are
 * LiteLLM's, what a non-Claude model does to a marker, where a message-level marker counts, and
 * LiteLLM's cache_control_injection_points on closed and open conversations.
 */
async function lint(text: string, language: SourceLanguage): Promise<LintResult> {
  return lintText(text, language, language === 'python' ? 'gateway.py' : 'gateway.ts');
}

const labels = (request: RequestModel) => request.blocks.map((b) => `${b.label}${b.cacheControl ? '*' : ''}${b.placeholder ? '?' : ''}`).join(', ');
const breakpoints = (request: RequestModel) => request.breakpoints.map((b) => `${b.blockIndex}${b.prefix.known ? '' : '?'}`).join(' ');
const findings = (result: LintResult) => result.findings.map((f) => `${f.range.start.line + 1}:${f.ruleId}`);

const LITELLM = [
  'import litellm',
  'from litellm import completion',
  'from not_litellm import completion as other_completion',
  'class MyRouter:',
  '    def completion(self, **kw):',
  '        return kw',
  'mine = MyRouter()',
  'named = litellm.Router(model_list=[])',
  'def not_claude(q):',
  '    return litellm.completion(model="gpt-4o", messages=[{"role": "system", "content": [{"type": "text", "text": "Be brief.", "cache_control": {"type": "ephemeral"}}]}, {"role": "user", "content": q}], tools=[{"type": "function", "function": {"name": "f", "parameters": {}}, "cache_control": {"type": "ephemeral"}}], cache_control={"type": "ephemeral"})',
  'def reasoning(q):',
  '    return completion(model="openai/o1", messages=[{"role": "user", "content": q, "cache_control": {"type": "ephemeral"}}])',
  'def plain_gpt(q):',
  '    return completion(model="openai/o3-mini", messages=[{"role": "user", "content": q}])',
  'def elsewhere(q):',
  '    return other_completion(model="claude-sonnet-4-5", messages=[{"role": "user", "content": q}])',
  'def local(q):',
  '    return mine.completion(model="claude-sonnet-4-5", messages=[{"role": "user", "content": q}])',
  'def routed(q):',
  '    return named.completion(model="support", messages=[{"role": "user", "content": q}])',
  'def bedrock_parts(q):',
  '    return completion(model="bedrock/anthropic.claude-sonnet-4-5-20250929-v1:0", messages=[{"role": "system", "content": [{"type": "text", "text": "Be brief."}], "cache_control": {"type": "ephemeral"}}, {"role": "user", "content": q}])',
  'def developer_only(q):',
  '    return completion(',
  '        model="claude-sonnet-4-5",',
  '        messages=[',
  '            {"role": "developer", "content": "Follow the support policy carefully and cite the relevant section. " * 150},',
  '            {"role": "user", "content": q},',
  '        ],',
  '    )',
  'def injected(history, q):',
  '    return completion(model="claude-sonnet-4-5", messages=[*history, {"role": "user", "content": q}], cache_control_injection_points=[{"location": "message", "role": "user"}, {"location": "message", "index": -1}, {"location": "tool_config"}])',
  'def injected_closed(q):',
  '    return completion(model="claude-sonnet-4-5", messages=[{"role": "system", "content": "Be brief."}, {"role": "user", "content": "first"}, {"role": "user", "content": q}], cache_control_injection_points=[{"location": "message", "index": -1}, {"location": "message", "role": "system"}, {"location": "message", "role": "user"}])',
].join('\n');

const OPENAI_CLIENTS = [
  'import OpenAI from \'openai\';',
  'const router = new OpenAI({ baseURL: \'https://openrouter.ai/api/v1\' });',
  'const local = new OpenAI({ baseURL: \'http://localhost:4000\' });',
  'export const viaRouter = (q: string) => router.chat.completions.create({ model: \'anthropic/claude-sonnet-4.5\', messages: [{ role: \'system\', content: \'Be brief.\', cache_control: { type: \'ephemeral\' } }, { role: \'user\', content: q }] });',
  'export const viaLocal = (q: string) => local.chat.completions.create({ model: \'anthropic/claude-sonnet-4.5\', messages: [{ role: \'system\', content: \'Be brief.\', cache_control: { type: \'ephemeral\' } }, { role: \'user\', content: q }] });',
  'export const either = (fast: boolean, q: string) => router.chat.completions.create({ model: fast ? \'anthropic/claude-haiku-4.5\' : \'anthropic/claude-sonnet-4.5\', messages: [{ role: \'system\', content: [{ type: \'text\', text: \'Be brief.\', cache_control: { type: \'ephemeral\' } }] }, { role: \'user\', content: q }] });',
  'export const neither = (fast: boolean, q: string) => router.chat.completions.create({ model: fast ? \'openai/gpt-4o-mini\' : \'openai/gpt-4o\', messages: [{ role: \'system\', content: [{ type: \'text\', text: \'Be brief.\', cache_control: { type: \'ephemeral\' } }] }, { role: \'user\', content: q }] });',
].join('\n');

describe('OpenAI-format gateways', () => {
  it('LiteLLM: only litellm\'s own completion and Router calls are requests; a marker for a model known not to be Claude is dropped', async () => {
    const result = await lint(LITELLM, 'python');
    const byLine = new Map(result.requests.map((r) => [r.call.range.start.line + 1, r]));
    // Lines 14 (openai/o3-mini without markers), 16 (another module's completion) and 18 (a local class named like a Router) are not requests.
    assert.deepStrictEqual([...byLine.keys()], [10, 12, 20, 22, 24, 32, 34]);
    assert.strictEqual(labels(byLine.get(10)!), 'tools[0] f*, system[0]*, messages[0] (user) content[0]');
    assert.strictEqual(byLine.get(10)!.notClaude, true);
    assert.deepStrictEqual(byLine.get(20)!.dialectNotes, ["the model is a Router alias; its deployment is chosen from the Router's model_list at run time"]);
    const dropped = result.findings.filter((f) => f.ruleId === 'ignored-cache-marker');
    // The content-part, tool and top-level markers of the gpt-4o call, and the o1 call's message-level one.
    assert.deepStrictEqual(dropped.map((f) => `${f.range.start.line + 1}:${f.range.start.character}`), ['10:125', '10:274', '10:316', '12:82']);
    assert.match(dropped[0].message, /cache_control does nothing for "gpt-4o": it is not a Claude model .* LiteLLM drops the marker/);
    assert.match(dropped[3].message, /"openai\/o1"/);
  });

  it('LiteLLM: a message-level marker on content parts counts on Bedrock (only string content is version-dependent); a developer message is the system prompt', async () => {
    const result = await lint(LITELLM, 'python');
    const byLine = new Map(result.requests.map((r) => [r.call.range.start.line + 1, r]));
    assert.strictEqual(labels(byLine.get(22)!), 'system[0]*, messages[0] (user) content[0]');
    assert.strictEqual(breakpoints(byLine.get(22)!), '0');
    assert.deepStrictEqual(byLine.get(22)!.runtimeBreakpointNotes, []);
    assert.strictEqual(labels(byLine.get(24)!), 'system[0], messages[0] (user) content[0]');
    // The missed opportunity is reported where the system prompt is written: the developer message.
    assert.deepStrictEqual(findings(result).filter((f) => f.endsWith('missed-opportunity')), ['27:missed-opportunity']);
  });

  it('LiteLLM injection points: by role and by index on a closed list are breakpoints; on a list with history they are moving, and other locations are ignored', async () => {
    const result = await lint(LITELLM, 'python');
    const byLine = new Map(result.requests.map((r) => [r.call.range.start.line + 1, r]));
    const open = byLine.get(32)!;
    assert.strictEqual(labels(open), 'messages[0…]?, messages[1] (user) content[0]*');
    assert.deepStrictEqual(open.movingBreakpoints.map((m) => `${m.via} @${m.sites[0].start.line + 1}`), ['cache_control_injection_points (every `user` message) @32', 'cache_control_injection_points (message -1) @32']);
    const closed = byLine.get(34)!;
    // index -1 and role "user" mark the last message once; role "system" the system prompt; "first" is a user message too.
    assert.strictEqual(labels(closed), 'system[0]*, messages[0] (user) content[0]*, messages[1] (user) content[0]*');
    assert.strictEqual(breakpoints(closed), '0 1 2?', 'the last holds the question, known at run time');
    assert.deepStrictEqual(closed.movingBreakpoints, []);
  });

  it('OpenAI clients: OpenRouter (found through `new OpenAI({ baseURL })`) drops a message-level marker, another gateway leaves it uncounted; a model chosen at run time is read from its alternatives', async () => {
    const result = await lint(OPENAI_CLIENTS, 'typescript');
    assert.deepStrictEqual(result.requests.map((r) => `${r.call.range.start.line + 1} ${r.model.family?.canonicalId} ${breakpoints(r)}`), ['4 claude-sonnet-4-5 ', '5 claude-sonnet-4-5 ', '6 claude-haiku-4-5 0', '7 claude-sonnet-4-5 ']);
    assert.deepStrictEqual(findings(result), ['4:ignored-cache-marker', '6:below-minimum', '7:ignored-cache-marker']);
    assert.match(result.findings[0].message, /^OpenRouter reads cache_control only on a text part/);
    assert.deepStrictEqual(result.requests[1].runtimeBreakpointNotes, ['cache_control on the message on line 5: whether this gateway reads a message-level marker is not known here, so it is not counted']);
    assert.match(result.findings[2].message, /cache_control does nothing for "openai\/gpt-4o-mini".* the gateway drops the marker/);
  });
});
