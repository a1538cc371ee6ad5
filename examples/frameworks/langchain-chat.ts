/**
 * A chat model on LangChain.js (@langchain/anthropic).
 *
 * Good: `answer` caches the long support guide through a content block's cache_control.
 * Bad: `greet` marks a one-line system prompt, far under the minimum: it is never cached.
 */
import { ChatAnthropic } from '@langchain/anthropic';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const SUPPORT_GUIDE = readFileSync(join(__dirname, 'prompts', 'support-guide.md'), 'utf8');
const llm = new ChatAnthropic({ model: 'claude-sonnet-4-5', maxTokens: 1024 });

export async function answer(question: string) {
  const reply = await llm.invoke([
    new SystemMessage({ content: [{ type: 'text', text: SUPPORT_GUIDE, cache_control: { type: 'ephemeral' } }] }),
    new HumanMessage(question),
  ]);
  return reply.content;
}

export async function greet(name: string) {
  const reply = await llm.invoke([
    new SystemMessage({ content: [{ type: 'text', text: 'Greet the customer by name in one sentence.', cache_control: { type: 'ephemeral' } }] }),
    new HumanMessage(name),
  ]);
  return reply.content;
}
