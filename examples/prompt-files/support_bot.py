"""Prompts kept in files next to the code.

Good: the support guide is read from prompts/support-guide.md, long enough to cache, and cached.
Bad: the classifier's prompt file is a single sentence, far under the minimum, yet marked for caching.
"""
from pathlib import Path

import anthropic

client = anthropic.Anthropic()
PROMPTS = Path(__file__).parent / "prompts"
SUPPORT_GUIDE = (PROMPTS / "support-guide.md").read_text(encoding="utf-8")


def answer(question: str) -> str:
    response = client.messages.create(
        model="claude-sonnet-4-5",
        max_tokens=1024,
        system=[{"type": "text", "text": SUPPORT_GUIDE, "cache_control": {"type": "ephemeral"}}],
        messages=[{"role": "user", "content": question}],
    )
    return response.content[0].text


def classify(question: str) -> str:
    response = client.messages.create(
        model="claude-haiku-4-5",
        max_tokens=5,
        system=[
            {
                "type": "text",
                "text": open(PROMPTS / "classify.md", encoding="utf-8").read(),
                "cache_control": {"type": "ephemeral"},
            }
        ],
        messages=[{"role": "user", "content": question}],
    )
    return response.content[0].text.strip()
