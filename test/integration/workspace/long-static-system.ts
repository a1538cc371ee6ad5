import Anthropic from "@anthropic-ai/sdk";

const client = new Anthropic();
const SYSTEM_PROMPT = "Follow the support policy carefully and cite the relevant section. ".repeat(150);

export async function answer(question: string) {
  return client.messages.create({
    model: "claude-sonnet-4-5",
    max_tokens: 512,
    system: SYSTEM_PROMPT,
    messages: [{ role: "user", content: question }],
  });
}
