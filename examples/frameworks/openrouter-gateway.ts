/**
 * Claude through OpenRouter with the OpenAI SDK.
 *
 * Good: `answer` caches the support guide with cache_control on a content part.
 * Bad: `rewrite` marks a one-sentence prompt, far under the minimum: it is never cached.
 */
import OpenAI from 'openai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const SUPPORT_GUIDE = readFileSync(join(__dirname, 'prompts', 'support-guide.md'), 'utf8');
const client = new OpenAI({ baseURL: 'https://openrouter.ai/api/v1', apiKey: process.env.OPENROUTER_API_KEY });

export async function answer(question: string) {
  const reply = await client.chat.completions.create({
    model: 'anthropic/claude-sonnet-4.5',
    messages: [
      { role: 'system', content: [{ type: 'text', text: SUPPORT_GUIDE, cache_control: { type: 'ephemeral' } }] },
      { role: 'user', content: question },
    ],
  });
  return reply.choices[0].message.content;
}

export async function rewrite(text: string) {
  const reply = await client.chat.completions.create({
    model: 'anthropic/claude-haiku-4.5',
    messages: [
      { role: 'system', content: [{ type: 'text', text: 'Rewrite the reply in a friendlier tone.', cache_control: { type: 'ephemeral' } }] },
      { role: 'user', content: text },
    ],
  });
  return reply.choices[0].message.content;
}
