"""An agent whose tools come from an MCP server and whose guide is read from a folder.

Good: `answer_sorted` sorts the MCP tools by name and the guide files by path, so the cached
prefix (tools, then the guide) is the same after every restart.
Bad: `answer` sends the tools in the server's order and joins the guide files in directory order:
either can change between runs, and then the breakpoint writes the cache again instead of reading
it; `quick_answer` still calls Claude Haiku 3.5, retired on 2026-02-19, so every request fails.
"""
import os

import anthropic

client = anthropic.AsyncAnthropic()
GUIDE_DIR = "guides"


def as_claude_tool(tool):
    return {"name": tool.name, "description": tool.description, "input_schema": tool.inputSchema}


async def answer(session, question):
    listed = await session.list_tools()
    tools = [as_claude_tool(t) for t in listed.tools]
    guide = "\n\n".join(open(os.path.join(GUIDE_DIR, name)).read() for name in os.listdir(GUIDE_DIR))
    return await client.messages.create(
        model="claude-sonnet-4-5",
        max_tokens=1024,
        tools=tools,
        system=[{"type": "text", "text": guide, "cache_control": {"type": "ephemeral"}}],
        messages=[{"role": "user", "content": question}],
    )


async def answer_sorted(session, question):
    listed = await session.list_tools()
    tools = [as_claude_tool(t) for t in sorted(listed.tools, key=lambda t: t.name)]
    guide = "\n\n".join(open(os.path.join(GUIDE_DIR, name)).read() for name in sorted(os.listdir(GUIDE_DIR)))
    return await client.messages.create(
        model="claude-sonnet-4-5",
        max_tokens=1024,
        tools=tools,
        system=[{"type": "text", "text": guide, "cache_control": {"type": "ephemeral"}}],
        messages=[{"role": "user", "content": question}],
    )


async def quick_answer(question):
    return await client.messages.create(
        model="claude-3-5-haiku-20241022",
        max_tokens=256,
        messages=[{"role": "user", "content": question}],
    )
