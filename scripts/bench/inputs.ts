import * as fs from 'fs';
import * as path from 'path';

/** Generated benchmark inputs: typical and large files in Python and TypeScript, and a big literal. */

const PROSE = 'Follow the support policy carefully, cite the relevant section, and keep answers short. ';

export function pythonRequest(i: number): string {
  return `def handler_${i}(question, history):
    context = load_context_${i}(question)
    response = client.messages.create(
        model="claude-sonnet-4-5",
        max_tokens=1024,
        system=[
            {"type": "text", "text": GUIDE, "cache_control": {"type": "ephemeral"}},
            {"type": "text", "text": f"Section ${i}: answer about topic ${i}."},
        ],
        messages=[*history, {"role": "user", "content": f"{context}\\n\\n{question}"}],
    )
    return response.content[0].text
`;
}

export function tsRequest(i: number): string {
  return `export async function handler${i}(question: string, history: Anthropic.MessageParam[]): Promise<string> {
  const context = await loadContext${i}(question);
  const response = await client.messages.create({
    model: "claude-sonnet-4-5",
    max_tokens: 1024,
    system: [
      { type: "text", text: GUIDE, cache_control: { type: "ephemeral" } },
      { type: "text", text: \`Section ${i}: answer about topic ${i}.\` },
    ],
    messages: [...history, { role: "user", content: \`\${context}\\n\\n\${question}\` }],
  });
  return response.content[0].type === "text" ? response.content[0].text : "";
}
`;
}

function pythonFiller(i: number): string {
  return `def helper_${i}(values):
    total = 0
    for value in values:
        if value % 3 == 0:
            total += value * ${i}
        else:
            total -= 1
    return total
`;
}

function tsFiller(i: number): string {
  return `export function helper${i}(values: number[]): number {
  let total = 0;
  for (const value of values) {
    if (value % 3 === 0) {
      total += value * ${i};
    } else {
      total -= 1;
    }
  }
  return total;
}
`;
}

/** About `lines` lines with `requests` requests spread evenly through filler code. */
export function generatedFile(language: 'python' | 'typescript', lines: number, requests: number): string {
  const header =
    language === 'python'
      ? `import anthropic\n\nclient = anthropic.Anthropic()\nGUIDE = """${PROSE.repeat(60)}"""\n\n`
      : `import Anthropic from "@anthropic-ai/sdk";\n\nconst client = new Anthropic();\nconst GUIDE = \`${PROSE.repeat(60)}\`;\n\n`;
  const parts = [header];
  let count = header.split('\n').length;
  let made = 0;
  let filler = 0;
  while (count < lines) {
    const dueRequests = Math.floor((count / lines) * requests);
    const chunk = made < dueRequests || (made < requests && count > lines - 20) ? (language === 'python' ? pythonRequest(made++) : tsRequest(made++)) : language === 'python' ? pythonFiller(filler++) : tsFiller(filler++);
    parts.push(chunk, '\n');
    count += chunk.split('\n').length;
  }
  while (made < requests) {
    parts.push(language === 'python' ? pythonRequest(made++) : tsRequest(made++), '\n');
  }
  return parts.join('');
}

const NOVEL = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'data', 'pride_and_prejudice.txt');

/** A Python file holding a whole novel inline (~190k Claude tokens), or generated prose when the novel is absent. */
export function bigLiteralFile(): { text: string; source: string } {
  let novel: string;
  let source: string;
  if (fs.existsSync(NOVEL)) {
    novel = fs.readFileSync(NOVEL, 'utf8');
    source = 'Pride and Prejudice (../shared/data)';
  } else {
    const words = ['the', 'letter', 'morning', 'sister', 'walked', 'towards', 'garden', 'said', 'nothing', 'could', 'be', 'more', 'agreeable', 'than', 'his', 'manner'];
    let seed = 1;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    const out: string[] = [];
    while (out.join(' ').length < 750_000) {
      out.push(words[next() % words.length] + (next() % 12 === 0 ? '.' : ''));
    }
    novel = out.join(' ');
    source = 'generated prose (the novel in ../shared/data is absent)';
  }
  const literal = novel.replace(/\\/g, '\\\\').replace(/"""/g, '\\"\\"\\"');
  const text = `# settings\nimport anthropic\n\nclient = anthropic.Anthropic()\nNOVEL = """${literal}"""\n\n\ndef ask(question):\n    return client.messages.create(\n        model="claude-sonnet-4-5",\n        max_tokens=1024,\n        system=[{"type": "text", "text": NOVEL, "cache_control": {"type": "ephemeral"}}],\n        messages=[{"role": "user", "content": question}],\n    )\n`;
  return { text, source };
}
