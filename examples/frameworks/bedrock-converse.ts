/**
 * A support bot on Amazon Bedrock's Converse API (@aws-sdk/client-bedrock-runtime).
 *
 * Good: `answer` caches the support guide with a cachePoint element after it.
 * Bad: `answerMerged` writes the cachePoint inside the text block instead of as its own element.
 */
import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const SUPPORT_GUIDE = readFileSync(join(__dirname, 'prompts', 'support-guide.md'), 'utf8');
const client = new BedrockRuntimeClient({ region: 'us-east-1' });
const MODEL_ID = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';

export async function answer(question: string) {
  const response = await client.send(
    new ConverseCommand({
      modelId: MODEL_ID,
      system: [{ text: SUPPORT_GUIDE }, { cachePoint: { type: 'default' } }],
      messages: [{ role: 'user', content: [{ text: question }] }],
    }),
  );
  return response.output?.message?.content?.[0]?.text;
}

export async function answerMerged(question: string) {
  const response = await client.send(
    new ConverseCommand({
      modelId: MODEL_ID,
      system: [{ text: SUPPORT_GUIDE, cachePoint: { type: 'default' } }],
      messages: [{ role: 'user', content: [{ text: question }] }],
    }),
  );
  return response.output?.message?.content?.[0]?.text;
}
