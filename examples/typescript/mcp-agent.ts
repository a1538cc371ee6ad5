/**
 * An agent whose tools come from an MCP server and whose guide is read from a folder.
 *
 * Good: `answerSorted` sorts the MCP tools by name and the guide files by path, so the cached
 * prefix (tools, then the guide) is the same after every restart.
 * Bad: `answer` sends the tools in the server's order and joins the guide files in directory order:
 * either can change between runs, and then the breakpoint writes the cache again instead of reading
 * it; `quickAnswer` still calls Claude Haiku 3.5, retired on 2026-02-19, so every request fails.
 */
import Anthropic from '@anthropic-ai/sdk';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import * as fs from 'fs';
import * as path from 'path';

const client = new Anthropic();
const GUIDE_DIR = 'guides';

type McpTool = { name: string; description?: string; inputSchema: Anthropic.Tool['input_schema'] };
const asClaudeTool = (tool: McpTool): Anthropic.Tool => ({ name: tool.name, description: tool.description ?? '', input_schema: tool.inputSchema });

export async function answer(mcp: Client, question: string) {
  const listed = await mcp.listTools();
  const tools = listed.tools.map(asClaudeTool);
  const guide = fs
    .readdirSync(GUIDE_DIR)
    .map((name) => fs.readFileSync(path.join(GUIDE_DIR, name), 'utf8'))
    .join('\n\n');
  return client.messages.create({
    model: 'claude-sonnet-4-5',
    max_tokens: 1024,
    tools,
    system: [{ type: 'text', text: guide, cache_control: { type: 'ephemeral' } }],
    messages: [{ role: 'user', content: question }],
  });
}

export async function answerSorted(mcp: Client, question: string) {
  const listed = await mcp.listTools();
  const tools = [...listed.tools].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map(asClaudeTool);
  const guide = fs
    .readdirSync(GUIDE_DIR)
    .sort()
    .map((name) => fs.readFileSync(path.join(GUIDE_DIR, name), 'utf8'))
    .join('\n\n');
  return client.messages.create({
    model: 'claude-sonnet-4-5',
    max_tokens: 1024,
    tools,
    system: [{ type: 'text', text: guide, cache_control: { type: 'ephemeral' } }],
    messages: [{ role: 'user', content: question }],
  });
}

export async function quickAnswer(question: string) {
  return client.messages.create({
    model: 'claude-3-5-haiku-20241022',
    max_tokens: 256,
    messages: [{ role: 'user', content: question }],
  });
}
