import anthropic

client = anthropic.Anthropic()


def answer(question):
    return client.messages.create(
        model="claude-sonnet-4-5-20250929",
        max_tokens=512,
        system=[{"type": "text", "text": "Answer in two sentences.", "cache_control": {"type": "ephemeral"}}],
        messages=[{"role": "user", "content": question}],
    )


def summarise(text):
    return client.messages.create(
        model="claude-sonnet-4-5-20250929",
        max_tokens=512,
        system=[{"type": "text", "text": "Summarise in one line.", "cache_control": {"type": "ephemeral"}}],
        messages=[{"role": "user", "content": text}],
    )
