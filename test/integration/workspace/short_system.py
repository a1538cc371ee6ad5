import anthropic

client = anthropic.Anthropic()


def answer(question):
    return client.messages.create(
        model="claude-sonnet-4-5-20250929",
        max_tokens=512,
        system=[
            {
                "type": "text",
                "text": "You are a concise assistant for the ACME help desk. Answer in two sentences.",
                "cache_control": {"type": "ephemeral"},
            }
        ],
        messages=[{"role": "user", "content": question}],
    )
