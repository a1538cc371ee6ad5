# A static prefix well over Sonnet 4.5's 1,024-token minimum.
import anthropic

client = anthropic.Anthropic()
POLICY = "Follow the support policy carefully and cite the relevant section. " * 150

reply = client.messages.create(
    model="claude-sonnet-4-5",
    max_tokens=256,
    system=[{"type": "text", "text": POLICY, "cache_control": {"type": "ephemeral"}}],
    messages=[{"role": "user", "content": "Where is my order?"}],
)
