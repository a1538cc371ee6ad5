"""A chat agent on LiteLLM.

Good: `chat` caches the support guide with a content part's cache_control and the conversation with
`cache_control_injection_points` on the newest message.
Bad: `summarise` sends a cache_control to an OpenAI model, which ignores it; `classify` injects a
breakpoint on every system message of a five-part prompt: five breakpoints, and Anthropic rejects the request.
"""
from pathlib import Path

import litellm

SUPPORT_GUIDE = (Path(__file__).parent / "prompts" / "support-guide.md").read_text(encoding="utf-8")


def chat():
    messages = [{"role": "system", "content": [{"type": "text", "text": SUPPORT_GUIDE, "cache_control": {"type": "ephemeral"}}]}]
    while True:
        messages.append({"role": "user", "content": input("> ")})
        reply = litellm.completion(
            model="anthropic/claude-sonnet-4-5",
            messages=messages,
            cache_control_injection_points=[{"location": "message", "index": -1}],
        )
        messages.append({"role": "assistant", "content": reply.choices[0].message.content})


def summarise(text: str) -> str:
    reply = litellm.completion(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": [{"type": "text", "text": SUPPORT_GUIDE, "cache_control": {"type": "ephemeral"}}]},
            {"role": "user", "content": f"Summarise for an agent handover:\n{text}"},
        ],
    )
    return reply.choices[0].message.content


def classify(question: str) -> str:
    reply = litellm.completion(
        model="anthropic/claude-sonnet-4-5",
        messages=[
            {"role": "system", "content": SUPPORT_GUIDE},
            {"role": "system", "content": "Categories: ORDER, SHIPPING, RETURN, WARRANTY, OTHER."},
            {"role": "system", "content": "Reply with the category only."},
            {"role": "system", "content": "If unsure, reply OTHER."},
            {"role": "system", "content": "Never explain the choice."},
            {"role": "user", "content": question},
        ],
        cache_control_injection_points=[{"location": "message", "role": "system"}],
    )
    return reply.choices[0].message.content
