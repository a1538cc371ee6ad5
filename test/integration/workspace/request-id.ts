import Anthropic from "@anthropic-ai/sdk";

const client = new Anthropic();
const POLICY = "Follow the support policy carefully and cite the relevant section. ".repeat(150);

export async function answer(question: string) {
  const requestId = String(crypto.randomUUID());
  return client.messages.create({
    model: "claude-sonnet-4-5",
    max_tokens: 512,
    system: [
      { type: "text", text: POLICY },
      { type: "text", text: "Request " + requestId, cache_control: { type: "ephemeral" } },
    ],
    messages: [{ role: "user", content: question }],
  });
}
