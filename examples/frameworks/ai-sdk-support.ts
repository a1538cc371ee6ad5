/**
 * A support agent on the Vercel AI SDK (ai 5+, @ai-sdk/anthropic, @ai-sdk/amazon-bedrock).
 *
 * Good: `answer` marks the long support guide with providerOptions.anthropic.cacheControl on a system message.
 * Bad: `answerOnBedrock` writes the anthropic namespace for the Bedrock provider, which reads only
 * providerOptions.bedrock.cachePoint (the marker is dropped); `triage` marks a one-line prompt far under
 * the minimum; `chat` re-sends a growing conversation and never caches it.
 */
import { generateText, tool, type ModelMessage } from 'ai';
import { anthropic } from '@ai-sdk/anthropic';
import { bedrock } from '@ai-sdk/amazon-bedrock';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { findOrder } from './orders';

const SUPPORT_GUIDE = readFileSync(join(__dirname, 'prompts', 'support-guide.md'), 'utf8');

const tools = {
  lookupOrder: tool({
    description: 'Look up an order by its number and return its status and items.',
    inputSchema: z.object({ orderNumber: z.string() }),
    execute: async ({ orderNumber }) => findOrder(orderNumber),
  }),
};

export async function answer(question: string): Promise<string> {
  const { text } = await generateText({
    model: anthropic('claude-sonnet-4-5'),
    tools,
    messages: [
      { role: 'system', content: SUPPORT_GUIDE, providerOptions: { anthropic: { cacheControl: { type: 'ephemeral' } } } },
      { role: 'user', content: question },
    ],
  });
  return text;
}

export async function answerOnBedrock(question: string): Promise<string> {
  const { text } = await generateText({
    model: bedrock('us.anthropic.claude-sonnet-4-5-20250929-v1:0'),
    messages: [
      { role: 'system', content: SUPPORT_GUIDE, providerOptions: { anthropic: { cacheControl: { type: 'ephemeral' } } } },
      { role: 'user', content: question },
    ],
  });
  return text;
}

export async function triage(question: string): Promise<string> {
  const { text } = await generateText({
    model: anthropic('claude-haiku-4-5'),
    messages: [
      {
        role: 'system',
        content: 'Classify the question as ORDER, SHIPPING, RETURN or OTHER. Reply with one word.',
        providerOptions: { anthropic: { cacheControl: { type: 'ephemeral' } } },
      },
      { role: 'user', content: question },
    ],
  });
  return text.trim();
}

export async function chat(ask: () => Promise<string>): Promise<void> {
  const messages: ModelMessage[] = [];
  for (;;) {
    messages.push({ role: 'user', content: await ask() });
    const reply = await generateText({ model: anthropic('claude-sonnet-4-5'), system: 'You are a friendly shopping assistant.', messages });
    messages.push({ role: 'assistant', content: reply.text });
  }
}
