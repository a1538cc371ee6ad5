import * as fs from 'fs';
import * as path from 'path';
import { SHARED_DIR } from '../shared-dir';

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

export const NOVEL = path.join(SHARED_DIR, 'data', 'pride_and_prejudice.txt');

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

/**
 * A project on disk where `main` imports `modules` workspace modules, each with a prompt constant,
 * a tool list, a marking helper and filler functions (~120 lines); `main` builds one request from
 * all of them. Written once under `dir`; returns the main file's path.
 */
export function crossFileProject(dir: string, language: 'python' | 'typescript', modules: number, first = 0): string {
  const ext = language === 'python' ? 'py' : 'ts';
  fs.mkdirSync(dir, { recursive: true });
  for (let i = first; i < first + modules; i++) {
    const file = path.join(dir, `mod${i}.${ext}`);
    if (!fs.existsSync(file)) {
      fs.writeFileSync(file, crossFileModule(language, i));
    }
  }
  const ids = Array.from({ length: modules }, (_, k) => first + k);
  const main = path.join(dir, `main${first}.${ext}`);
  if (language === 'python') {
    const imports = ids.map((i) => `from mod${i} import PROMPT_${i}, TOOLS_${i}, block_${i}`).join('\n');
    const tools = ids.map((i) => `*TOOLS_${i}`).join(', ');
    const system = ids.map((i) => `block_${i}(PROMPT_${i})`).slice(0, 4).join(', ');
    fs.writeFileSync(main, `import anthropic\n${imports}\n\nclient = anthropic.Anthropic()\n\n\ndef ask(question):\n    # edit here\n    return client.messages.create(\n        model="claude-sonnet-4-5",\n        max_tokens=1024,\n        tools=[${tools}],\n        system=[${system}],\n        messages=[{"role": "user", "content": question}],\n    )\n`);
  } else {
    const imports = ids.map((i) => `import { PROMPT_${i}, TOOLS_${i}, block${i} } from "./mod${i}";`).join('\n');
    const tools = ids.map((i) => `...TOOLS_${i}`).join(', ');
    const system = ids.map((i) => `block${i}(PROMPT_${i})`).slice(0, 4).join(', ');
    fs.writeFileSync(main, `import Anthropic from "@anthropic-ai/sdk";\n${imports}\n\nconst client = new Anthropic();\n\nexport async function ask(question: string) {\n  // edit here\n  return client.messages.create({\n    model: "claude-sonnet-4-5",\n    max_tokens: 1024,\n    tools: [${tools}],\n    system: [${system}],\n    messages: [{ role: "user", content: question }],\n  });\n}\n`);
  }
  return main;
}

export function crossFileModule(language: 'python' | 'typescript', i: number, variant = ''): string {
  const prompt = `${PROSE.repeat(12)}Module ${i}.${variant}`;
  const fillers = Array.from({ length: 10 }, (_, k) => (language === 'python' ? pythonFiller(i * 100 + k) : tsFiller(i * 100 + k))).join('\n');
  if (language === 'python') {
    return `PROMPT_${i} = ${JSON.stringify(prompt)}\n\nTOOLS_${i} = [\n${[0, 1, 2].map((k) => `    {"name": "tool_${i}_${k}", "description": "Look up record ${k} of area ${i}.", "input_schema": {"type": "object", "properties": {"id": {"type": "string"}}}},`).join('\n')}\n]\n\n\ndef block_${i}(text):\n    return {"type": "text", "text": text, "cache_control": {"type": "ephemeral"}}\n\n\n${fillers}`;
  }
  return `export const PROMPT_${i} = ${JSON.stringify(prompt)};\n\nexport const TOOLS_${i} = [\n${[0, 1, 2].map((k) => `  { name: "tool_${i}_${k}", description: "Look up record ${k} of area ${i}.", input_schema: { type: "object" as const, properties: { id: { type: "string" } } } },`).join('\n')}\n];\n\nexport function block${i}(text: string) {\n  return { type: "text" as const, text, cache_control: { type: "ephemeral" as const } };\n}\n\n${fillers}`;
}
