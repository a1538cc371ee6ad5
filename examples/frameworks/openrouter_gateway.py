"""Claude through OpenRouter with the OpenAI SDK.

Good: `answer` caches the support guide with cache_control on a content part.
Bad: `rewrite` marks a one-sentence prompt, far under the minimum: it is never cached.
"""
import os
from pathlib import Path

from openai import OpenAI

SUPPORT_GUIDE = (Path(__file__).parent / "prompts" / "support-guide.md").read_text(encoding="utf-8")
client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.environ["OPENROUTER_API_KEY"])


def answer(question: str) -> str:
    reply = client.chat.completions.create(
        model="anthropic/claude-sonnet-4.5",
        messages=[
            {"role": "system", "content": [{"type": "text", "text": SUPPORT_GUIDE, "cache_control": {"type": "ephemeral"}}]},
            {"role": "user", "content": question},
        ],
    )
    return reply.choices[0].message.content


def rewrite(text: str) -> str:
    reply = client.chat.completions.create(
        model="anthropic/claude-haiku-4.5",
        messages=[
            {"role": "system", "content": [{"type": "text", "text": "Rewrite the reply in a friendlier tone.", "cache_control": {"type": "ephemeral"}}]},
            {"role": "user", "content": text},
        ],
    )
    return reply.choices[0].message.content
