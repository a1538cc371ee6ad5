import anthropic

client = anthropic.Anthropic()
POLICY = "Follow the support policy carefully and cite the relevant section. " * 150
FAQ = "Orders ship within two business days; returns are accepted for thirty days. " * 40

reply = client.messages.create(
    model="claude-sonnet-4-5",
    max_tokens=512,
    system=[
        {"type": "text", "text": POLICY, "cache_control": {"type": "ephemeral"}},
        {"type": "text", "text": FAQ, "cache_control": {"type": "ephemeral", "ttl": "1h"}},
    ],
    messages=[{"role": "user", "content": "Can I return shoes?"}],
)
