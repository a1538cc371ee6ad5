import anthropic

EXTRA = {
    "a": 1,
}
client = anthropic.Anthropic()
POLICY = "Follow the support policy carefully and cite the relevant section. " * 150
FAQ = "Orders ship within two business days; returns are accepted for thirty days. " * 40

reply = client.messages.create(
    model="claude-haiku-4-5",
    max_tokens=512,
    system=[
        {"type": "text", "text": POLICY, "cache_control": {"type": "ephemeral"}},
        {"type": "text", "text": FAQ, "cache_control": {"type": "ephemeral", "ttl": "1h"}},
    ],
    messages=[{"role": "user", "content": "Can I return shoes?"}],
)

client.messages.create(model="claude-2.1", max_tokens=5, messages=[], system=[{"type": "text", "text": "x", "cache_control": {"type": "ephemeral"}}])
