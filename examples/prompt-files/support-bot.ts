/**
 * Prompts kept in files next to the code.
 *
 * Good: the support guide is read from prompts/support-guide.md, long enough to cache, and cached.
 * Bad: the classifier's prompt file is a single sentence, far under the minimum, yet marked for caching.
 */
import Anthropic from "@anthropic-ai/sdk";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const client = new Anthropic();
const PROMPTS = join(__dirname, "prompts");
const SUPPORT_GUIDE = readFileSync(join(PROMPTS, "support-guide.md"), "utf8");

export async function answer(question: string): Promise<string> {
  const response = await client.messages.create({
    model: "claude-sonnet-4-5",
    max_tokens: 1024,
    system: [{ type: "text", text: SUPPORT_GUIDE, cache_control: { type: "ephemeral" } }],
    messages: [{ role: "user", content: question }],
  });
  return response.content[0].type === "text" ? response.content[0].text : "";
}

export async function classify(question: string): Promise<string> {
  const response = await client.messages.create({
    model: "claude-haiku-4-5",
    max_tokens: 5,
    system: [
      {
        type: "text",
        text: readFileSync(join(PROMPTS, "classify.md"), "utf8"),
        cache_control: { type: "ephemeral" },
      },
    ],
    messages: [{ role: "user", content: question }],
  });
  return response.content[0].type === "text" ? response.content[0].text.trim() : "";
}
