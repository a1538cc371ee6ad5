import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { type Finding, FolderPromptFiles, Linter, type SourceLanguage, applyEdits, breakpointHover } from '../../src/core';
import { MODEL_FAMILIES, familyByKey } from '../../src/core/models/model-catalog';
import { lintText, ownFixes } from '../helpers/fix-checks';

/**
 * `unstable-order` and `retired-model` case by case: what is a source and what is not, what carries
 * a hazard and what ends it, where the finding and its fix land, and the catalog's retirement data.
 */

const GUIDE_PY = 'GUIDE = "Use the tools to answer precisely and cite sources. " * 120\n';
const GUIDE_TS = "const GUIDE = 'Use the tools to answer precisely and cite sources. '.repeat(120);\n";

function pyRequest(setup: string, system: string, extra = ''): string {
  return `import os, json, asyncio, glob\nimport anthropic\nclient = anthropic.Anthropic()\n${GUIDE_PY}\ndef answer(q, session=None):\n${setup
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n')}\n    return client.messages.create(model="claude-sonnet-4-5", max_tokens=10, ${extra}system=[{"type": "text", "text": ${system}, "cache_control": {"type": "ephemeral"}}], messages=[{"role": "user", "content": q}])\n`;
}

function tsRequest(setup: string, system: string, imports = ''): string {
  return `import Anthropic from '@anthropic-ai/sdk';\nimport * as fs from 'fs';\n${imports}const client = new Anthropic();\n${GUIDE_TS}\nexport async function answer(q: string) {\n${setup}\n  return client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 10, system: [{ type: 'text', text: ${system}, cache_control: { type: 'ephemeral' } }], messages: [{ role: 'user', content: q }] });\n}\n`;
}

async function orderFindings(text: string, language: SourceLanguage) {
  const result = await lintText(text, language, language === 'python' ? 'order.py' : 'order.ts');
  assert.ok(!result.hasSyntaxErrors, text);
  return result.findings.filter((f) => f.ruleId === 'unstable-order');
}

describe('unstable-order: sources', () => {
  const python: Array<[string, string, string, number]> = [
    ['a set literal of strings, joined', 'names = ", ".join({"a", "b"})', 'GUIDE + names', 1],
    ['set(...) of a list of strings, iterated', 'names = [n.upper() for n in set(["a", "b"])]\ntext = "".join(names)', 'GUIDE + text', 1],
    ['a set comprehension', 'text = ",".join({w for w in q.split()})', 'GUIDE + text', 1],
    ['os.listdir', 'files = "\\n".join(os.listdir("docs"))', 'GUIDE + files', 1],
    ['glob.glob', 'files = "\\n".join(glob.glob("docs/*.md"))', 'GUIDE + files', 1],
    ['os.scandir by name', 'files = "\\n".join(e.name for e in os.scandir("docs"))', 'GUIDE + files', 1],
    ['Path.iterdir', 'from pathlib import Path\nfiles = "\\n".join(str(p) for p in Path("docs").iterdir())', 'GUIDE + files', 1],
    ['a loop filling a list from a listing', 'parts = []\nfor f in os.listdir("docs"):\n    parts.append(f)\ntext = "".join(parts)', 'GUIDE + text', 1],
    ['a dict filled from a listing, dumped', 'sizes = {}\nfor f in os.listdir("docs"):\n    sizes[f] = 1\ntext = json.dumps(sizes)', 'GUIDE + text', 1],
    ['a string grown with += in a loop over a set', 'text = ""\nfor t in {"a", "b"}:\n    text += t', 'GUIDE + text', 1],
    ['set algebra keeps a set', 'text = ",".join(set(q.split()) | {"a"})\nmore = ",".join({"b"}.union(q.split()))', 'GUIDE + text + more', 2],
    ['a set of numbers is not a source', 'ids = ",".join(str(i) for i in {3, 1, 2})', 'GUIDE + ids', 0],
    ['sorted() ends it', 'files = "\\n".join(sorted(os.listdir("docs")))', 'GUIDE + files', 0],
    ['.sort() in place ends it', 'files = os.listdir("docs")\nfiles.sort()\ntext = "\\n".join(files)', 'GUIDE + text', 0],
    ['.sort named but not called does not end it', 'files = os.listdir("docs")\nsort_files = files.sort\ntext = "\\n".join(files)', 'GUIDE + text', 1],
    ['sorting a same-named local in another function does not end it', 'files = os.listdir("docs")\ndef other():\n    files = []\n    files.sort()\ntext = "\\n".join(files)', 'GUIDE + text', 1],
    ['sort_keys=True ends a dict key order', 'sizes = {f: 1 for f in os.listdir("docs")}\ntext = json.dumps(sizes, sort_keys=True)', 'GUIDE + text', 0],
    ['a dict literal is stable', 'text = json.dumps({"b": 1, "a": 2})', 'GUIDE + text', 0],
    ['len() of a set is a number, not an order', 'n = len({"a", "b"})', 'GUIDE + str(n)', 0],
  ];
  for (const [title, setup, system, count] of python) {
    it(`Python: ${title}`, async () => {
      assert.strictEqual((await orderFindings(pyRequest(setup, system), 'python')).length, count);
    });
  }

  const ts: Array<[string, string, string, number, string?]> = [
    ['fs.readdirSync, joined', "  const files = fs.readdirSync('docs').join('\\n');", 'GUIDE + files', 1],
    ['await fs.promises.readdir', "  const files = (await fs.promises.readdir('docs')).join('\\n');", 'GUIDE + files', 1],
    ['glob from the glob package', "  const files = (await glob('docs/*.md')).join('\\n');", 'GUIDE + files', 1, "import { glob } from 'glob';\n"],
    ['a loop pushing from a listing', "  const parts: string[] = [];\n  for (const f of fs.readdirSync('docs')) { parts.push(f); }", "GUIDE + parts.join('')", 1],
    ['forEach pushing from a listing', "  const parts: string[] = [];\n  fs.readdirSync('docs').forEach((f) => parts.push(f));", "GUIDE + parts.join('')", 1],
    ['pushes as promises settle', "  const parts: string[] = [];\n  await Promise.all(['a', 'b'].map(async (u) => { parts.push(await fetch(u).then((r) => r.text())); }));", "GUIDE + parts.join('')", 1],
    ['a JS Set keeps insertion order', "  const names = new Set(['b', 'a']);\n  const text = [...names].join(',');", 'GUIDE + text', 0],
    ['a Map and object keys keep insertion order', "  const m = new Map([['b', 1]]);\n  const text = JSON.stringify(Object.fromEntries(m)) + Object.keys({ b: 1, a: 2 }).join(',');", 'GUIDE + text', 0],
    ['.sort() ends it', "  const files = fs.readdirSync('docs').sort().join('\\n');", 'GUIDE + files', 0],
    ['.sort() in place ends it', "  const files = fs.readdirSync('docs');\n  files.sort();", "GUIDE + files.join('')", 0],
    ['Promise.all results keep their order', "  const parts = await Promise.all(['a', 'b'].map(async (u) => (await fetch(u)).text()));", "GUIDE + parts.join('')", 0],
  ];
  for (const [title, setup, system, count, imports] of ts) {
    it(`TypeScript: ${title}`, async () => {
      assert.strictEqual((await orderFindings(tsRequest(setup, system, imports ?? ''), 'typescript')).length, count);
    });
  }
});

describe('unstable-order: MCP clients kept in a class', () => {
  it('Python: self.tools set to [] in __init__ and from list_tools() on connect', async () => {
    const text = `import anthropic\n${GUIDE_PY}\nclass Agent:\n    def __init__(self):\n        self.client = anthropic.Anthropic()\n        self.tools = []\n\n    async def connect(self, session):\n        listed = await session.list_tools()\n        self.tools = [{"name": t.name, "input_schema": t.inputSchema} for t in listed.tools]\n\n    def ask(self, q):\n        return self.client.messages.create(model="claude-sonnet-4-5", max_tokens=10, tools=self.tools, system=[{"type": "text", "text": GUIDE, "cache_control": {"type": "ephemeral"}}], messages=[{"role": "user", "content": q}])\n`;
    const findings = await orderFindings(text, 'python');
    assert.strictEqual(findings.length, 1);
    assert.match(findings[0].message, /session\.list_tools\(\)/);
  });

  it('TypeScript: a tools field set from this.mcp.listTools() on connect', async () => {
    const text = `import Anthropic from '@anthropic-ai/sdk';\n${GUIDE_TS}\nexport class Agent {\n  private client = new Anthropic();\n  private tools: Anthropic.Tool[] = [];\n  constructor(private mcp: { listTools(): Promise<{ tools: Anthropic.Tool[] }> }) {}\n  async connect() {\n    const listed = await this.mcp.listTools();\n    this.tools = listed.tools.map((t) => ({ name: t.name, input_schema: t.input_schema }));\n  }\n  ask(q: string) {\n    return this.client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 10, tools: this.tools, system: [{ type: 'text', text: GUIDE, cache_control: { type: 'ephemeral' } }], messages: [{ role: 'user', content: q }] });\n  }\n}\n`;
    const findings = await orderFindings(text, 'typescript');
    assert.strictEqual(findings.length, 1);
    assert.match(findings[0].message, /this\.mcp\.listTools\(\)/);
  });

  it('a tools list assigned twice from stable sources stays silent', async () => {
    const text = `import anthropic\n${GUIDE_PY}\nclass Agent:\n    def __init__(self):\n        self.client = anthropic.Anthropic()\n        self.tools = []\n\n    def load(self, names):\n        self.tools = [{"name": n, "input_schema": {}} for n in sorted(names)]\n\n    def ask(self, q):\n        return self.client.messages.create(model="claude-sonnet-4-5", max_tokens=10, tools=self.tools, system=[{"type": "text", "text": GUIDE, "cache_control": {"type": "ephemeral"}}], messages=[{"role": "user", "content": q}])\n`;
    assert.strictEqual((await orderFindings(text, 'python')).length, 0);
  });
});

describe('unstable-order: where it is reported and how it is fixed', () => {
  it('after the last breakpoint an unstable order costs nothing: silent', async () => {
    const text = `import os\nimport anthropic\nclient = anthropic.Anthropic()\n${GUIDE_PY}\ndef answer(q):\n    return client.messages.create(model="claude-sonnet-4-5", max_tokens=10, system=[{"type": "text", "text": GUIDE, "cache_control": {"type": "ephemeral"}}], messages=[{"role": "user", "content": q + ",".join(os.listdir("d"))}])\n`;
    assert.strictEqual((await orderFindings(text, 'python')).length, 0);
  });

  it('a set defined once and iterated at the request: the finding and the fix are at the iteration', async () => {
    const text = `import anthropic\nclient = anthropic.Anthropic()\nNAMES = {"search", "fetch"}\n${GUIDE_PY}\ndef answer(q):\n    tools = [{"name": n, "description": n, "input_schema": {"type": "object"}} for n in NAMES]\n    return client.messages.create(model="claude-sonnet-4-5", max_tokens=10, tools=tools, system=[{"type": "text", "text": GUIDE, "cache_control": {"type": "ephemeral"}}], messages=[{"role": "user", "content": q}])\n`;
    const [finding] = await orderFindings(text, 'python');
    assert.ok(finding, 'expected a finding');
    assert.strictEqual(text.slice(finding.range.startOffset, finding.range.endOffset), 'NAMES');
    assert.match(finding.message, /is a set, whose iteration order changes from one process to the next/);
    const fix = finding.fixes.find((f) => f.title.startsWith('Sort it'));
    assert.ok(fix && fix.safe, 'sorting known strings is safe');
    const fixed = applyEdits(text, fix.edits);
    assert.match(fixed, /for n in sorted\(NAMES\)\]/);
    assert.strictEqual((await orderFindings(fixed, 'python')).length, 0, 'the fix ends the finding');
  });

  it('a set of values not known here is sorted only as a suggestion; MCP tools by name, as a suggestion', async () => {
    const set = await orderFindings(pyRequest('text = ",".join(set(q.split()))', 'GUIDE + text'), 'python');
    assert.strictEqual(set[0]?.fixes.find((f) => f.title.startsWith('Sort it'))?.safe, false);
    const mcp = await orderFindings(pyRequest('listed = await session.list_tools()\nnames = ",".join(t.name for t in listed.tools)', 'GUIDE + names').replace('def answer', 'async def answer'), 'python');
    const fix = mcp[0]?.fixes.find((f) => f.title.startsWith('Sort it'));
    assert.ok(fix && !fix.safe);
    assert.strictEqual(fix.edits[0].newText, 'sorted(listed.tools, key=lambda item: item.name)');
  });

  it('completion order has no sorting fix, only advice', async () => {
    const text = pyRequest('notes = []\nfor done in asyncio.as_completed([]):\n    notes.append(done)', 'GUIDE + "".join(notes)');
    const [finding] = await orderFindings(text, 'python');
    assert.ok(finding);
    assert.deepStrictEqual(ownFixes(finding), []);
    assert.match(finding.message, /asyncio\.gather/);
  });

  it('json.dumps gets sort_keys=True, and a call that already says sort_keys is left alone', async () => {
    const text = pyRequest('sizes = {f: 1 for f in os.listdir("d")}\ntext = json.dumps(sizes, indent=2)', 'GUIDE + text');
    const [finding] = await orderFindings(text, 'python');
    const fixed = applyEdits(text, finding.fixes.find((f) => f.title.startsWith('Sort'))!.edits);
    assert.match(fixed, /json\.dumps\(sizes, indent=2, sort_keys=True\)/);
    const explicit = await orderFindings(pyRequest('sizes = {f: 1 for f in os.listdir("d")}\ntext = json.dumps(sizes, sort_keys=False)', 'GUIDE + text'), 'python');
    assert.strictEqual(explicit.length, 1);
    assert.deepStrictEqual(ownFixes(explicit[0]).map((f) => f.edits[0].newText), ['sorted(os.listdir("d"))']);
  });

  it('a listing computed once at module level still changes between processes: reported', async () => {
    const text = `import os\nimport anthropic\nclient = anthropic.Anthropic()\nFILES = "\\n".join(os.listdir("docs"))\n${GUIDE_PY}\ndef answer(q):\n    return client.messages.create(model="claude-sonnet-4-5", max_tokens=10, system=[{"type": "text", "text": GUIDE + FILES, "cache_control": {"type": "ephemeral"}}], messages=[{"role": "user", "content": q}])\n`;
    assert.strictEqual((await orderFindings(text, 'python')).length, 1);
  });

  it('the hover on the breakpoint says the order can change', async () => {
    const text = pyRequest('files = "\\n".join(os.listdir("docs"))', 'GUIDE + files');
    const result = await lintText(text, 'python', 'order.py');
    const hover = breakpointHover(result.requests[0], result.requests[0].breakpoints[0]);
    assert.match(hover, /in an order that can change between runs/);
    assert.match(hover, /unstable order/);
  });

  it('half-typed code around a source does not crash', async () => {
    for (const text of ['import os\nx = sorted(os.listdir(', 'names = {"a", \nfor n in names', 'const f = fs.readdirSync(\nf.map(']) {
      const result = await new Linter().lint(text, text.includes('const') ? 'typescript' : 'python', { fileName: 'half' });
      assert.strictEqual(result.internalError, undefined);
    }
  });

  it('a set imported from another module: reported in this file, where it is read, with no fix into the other file', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pcl-order-'));
    try {
      fs.writeFileSync(path.join(root, 'names.py'), 'TOOL_NAMES = {"search", "fetch", "read"}\n');
      const main = `import anthropic\nfrom names import TOOL_NAMES\nclient = anthropic.Anthropic()\n${GUIDE_PY}\ndef answer(q):\n    return client.messages.create(model="claude-sonnet-4-5", max_tokens=10, tools=[{"name": n, "input_schema": {}} for n in TOOL_NAMES], system=[{"type": "text", "text": GUIDE, "cache_control": {"type": "ephemeral"}}], messages=[{"role": "user", "content": q}])\n`;
      fs.writeFileSync(path.join(root, 'main.py'), main);
      const result = await new Linter().lint(main, 'python', { fileName: path.join(root, 'main.py'), promptFiles: new FolderPromptFiles(root) });
      const findings = result.findings.filter((f) => f.ruleId === 'unstable-order');
      assert.strictEqual(findings.length, 1);
      // Sorting where it is iterated, in this file, is allowed: it edits this file's text only.
      const fix = findings[0].fixes.find((f) => f.title.startsWith('Sort it'));
      assert.ok(fix);
      assert.match(applyEdits(main, fix.edits), /for n in sorted\(TOOL_NAMES\)/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('retired-model', () => {
  const retiredFindings = async (text: string, language: SourceLanguage) => (await lintText(text, language, language === 'python' ? 'm.py' : 'm.ts')).findings.filter((f) => f.ruleId === 'retired-model');

  it('every retirement in the catalog is dated, sourced, and names a current successor', () => {
    const retired = MODEL_FAMILIES.filter((f) => f.retirement);
    assert.deepStrictEqual(retired.map((f) => f.key).sort(), ['haiku-3', 'haiku-3.5', 'opus-4', 'opus-4.1', 'sonnet-3.7', 'sonnet-4']);
    for (const family of retired) {
      const retirement = family.retirement!;
      assert.match(retirement.retired.value, /^\d{4}-\d{2}-\d{2}$/);
      assert.ok(retirement.retired.source.length > 10);
      const successor = familyByKey(retirement.successor);
      assert.ok(successor && !successor.retirement && successor.supportsCaching, `${family.key} → ${retirement.successor}`);
    }
    assert.deepStrictEqual(familyByKey('opus-4.1')?.retirement?.keptOn?.value, ['Amazon Bedrock', 'Google Cloud Vertex AI']);
  });

  it('first-party id: an error, with the successor as a suggestion that edits only the id', async () => {
    const text = 'import anthropic\nclient = anthropic.Anthropic()\nclient.messages.create(model="claude-3-5-haiku-latest", max_tokens=10, messages=[])\n';
    const [finding] = await retiredFindings(text, 'python');
    assert.strictEqual(finding.severity, 'error');
    const fix = finding.fixes.find((f) => f.title.startsWith('Use '))!;
    assert.strictEqual(fix.safe, false);
    const fixed = applyEdits(text, fix.edits);
    assert.match(fixed, /model="claude-haiku-4-5"/);
    assert.strictEqual((await retiredFindings(fixed, 'python')).length, 0);
  });

  it('Opus 4.1 on Vertex or Bedrock: a warning that the platform still serves it, and no fix', async () => {
    const text = "import Anthropic from '@anthropic-ai/sdk';\nconst client = new Anthropic();\nclient.messages.create({ model: 'claude-opus-4-1@20250805', max_tokens: 10, messages: [] });\n";
    const [finding] = await retiredFindings(text, 'typescript');
    assert.strictEqual(finding.severity, 'warning');
    assert.match(finding.message, /Google Cloud Vertex AI still serves it/);
    assert.deepStrictEqual(ownFixes(finding), []);
  });

  it('a retired model among models chosen at run time: a warning naming it', async () => {
    const text = 'import anthropic\nclient = anthropic.Anthropic()\ndef ask(fast):\n    client.messages.create(model="claude-3-haiku-20240307" if fast else "claude-sonnet-4-6", max_tokens=10, messages=[])\n';
    const findings = await retiredFindings(text, 'python');
    assert.strictEqual(findings.length, 1);
    assert.strictEqual(findings[0].severity, 'warning');
    assert.match(findings[0].message, /Claude Haiku 3 .*one of the models chosen at run time/);
  });

  const call = (model: string, extra = '') => `import anthropic\nclient = anthropic.Anthropic()\nclient.messages.create(model=${model}, max_tokens=10, messages=[]${extra})\n`;
  const fixTitles = (f: Finding) => ownFixes(f).map((x) => x.title);

  it('a retired model on the Claude API rejects the request, so its breakpoints will not cache either', async () => {
    const system = ', system=[{"type": "text", "text": "Be brief. " * 600, "cache_control": {"type": "ephemeral"}}]';
    const result = await lintText(call('"claude-3-7-sonnet-20250219"', system), 'python', 'm.py');
    const [breakpoint] = result.requests[0].breakpoints;
    assert.strictEqual(breakpoint.verdict?.kind, 'request-rejected');
    assert.strictEqual(breakpoint.verdict?.reason, 'model retired');
    // On a platform that still serves it, the request goes through: no verdict on the breakpoint.
    const bedrock = await lintText(call('"us.anthropic.claude-opus-4-1-20250805-v1:0"', system), 'python', 'm.py');
    assert.notStrictEqual(bedrock.requests[0].breakpoints[0].verdict?.kind, 'request-rejected');
    // Without a breakpoint there is nothing to mark.
    const plain = await lintText(call('"claude-3-7-sonnet-20250219"'), 'python', 'm.py');
    assert.deepStrictEqual(plain.requests[0].breakpoints, []);
  });

  it('through a gateway: a warning that the gateway may route it elsewhere, and no fix', async () => {
    for (const id of ['"openrouter/anthropic/claude-3.7-sonnet"', '"bedrock/anthropic.claude-3-haiku-20240307-v1:0"']) {
      const [finding] = await retiredFindings(call(id), 'python');
      assert.strictEqual(finding.severity, 'warning', id);
      assert.deepStrictEqual(fixTitles(finding), [], id);
    }
    const [gateway] = await retiredFindings(call('"openrouter/anthropic/claude-3.7-sonnet"'), 'python');
    assert.match(gateway.message, /This call goes through a gateway, which may route it to a platform with its own schedule/);
    // LiteLLM's `anthropic/` prefix is the Claude API itself: an error, and the fix keeps the prefix.
    const text = call('"anthropic/claude-3-7-sonnet-20250219"');
    const [first] = await retiredFindings(text, 'python');
    assert.strictEqual(first.severity, 'error');
    assert.match(applyEdits(text, first.fixes[0].edits), /model="anthropic\/claude-sonnet-4-6"/);
    // A Vertex id of a model Vertex does not keep: its own schedule, no fix.
    const [vertex] = await retiredFindings(call('"claude-3-7-sonnet@20250219"'), 'python');
    assert.strictEqual(vertex.severity, 'warning');
    assert.match(vertex.message, /Google Cloud Vertex AI sets its own schedule; check its model table\./);
    assert.deepStrictEqual(fixTitles(vertex), []);
  });

  it('through the AI SDK: Vertex and the AI Gateway follow their own schedules', async () => {
    const vertex = "import { generateText } from 'ai';\nimport { vertexAnthropic } from '@ai-sdk/google-vertex/anthropic';\nexport const run = (q: string) => generateText({ model: vertexAnthropic('claude-opus-4-1'), prompt: q });\n";
    const [onVertex] = await retiredFindings(vertex, 'typescript');
    assert.strictEqual(onVertex.severity, 'warning');
    assert.match(onVertex.message, /Google Cloud Vertex AI still serves it by its own schedule/);
    const gateway = "import { generateText } from 'ai';\nexport const run = (q: string) => generateText({ model: 'anthropic/claude-3-7-sonnet', prompt: q });\n";
    const [viaGateway] = await retiredFindings(gateway, 'typescript');
    assert.strictEqual(viaGateway.severity, 'warning');
    assert.match(viaGateway.message, /This call goes through a gateway/);
    assert.deepStrictEqual(fixTitles(viaGateway), []);
  });

  it("offers the successor only where this file spells the id once: not for an environment default or a built string", async () => {
    const env = await retiredFindings(call('os.getenv("CLAUDE_MODEL", "claude-3-7-sonnet-20250219")').replace('import anthropic', 'import anthropic, os'), 'python');
    assert.strictEqual(env[0].severity, 'warning');
    assert.deepStrictEqual(fixTitles(env[0]), []);
    const built = await retiredFindings('import anthropic\nclient = anthropic.Anthropic()\nV = "3-7"\nclient.messages.create(model=f"claude-{V}-sonnet-20250219", max_tokens=10, messages=[])\n', 'python');
    assert.strictEqual(built.length, 1);
    assert.deepStrictEqual(fixTitles(built[0]), []);
    const ts = "import Anthropic from '@anthropic-ai/sdk';\nconst client = new Anthropic();\nclient.messages.create({ model: `claude-3-5-haiku-latest`, max_tokens: 10, messages: [] });\n";
    const [template] = await retiredFindings(ts, 'typescript');
    assert.deepStrictEqual(fixTitles(template), ['Use Claude Haiku 4.5 (claude-haiku-4-5) instead of retired Claude Haiku 3.5']);
    assert.match(applyEdits(ts, template.fixes[0].edits), /model: `claude-haiku-4-5`/);
  });

  it('an unknown or unreadable model is not guessed to be retired', async () => {
    const text = 'import anthropic, os\nclient = anthropic.Anthropic()\nclient.messages.create(model=os.environ["MODEL"], max_tokens=10, messages=[])\nclient.messages.create(model="claude-3-5-sonnet-20241022", max_tokens=10, messages=[])\n';
    // Sonnet 3.5 has no retirement date in the digest: nothing is said rather than a guess.
    assert.strictEqual((await retiredFindings(text, 'python')).length, 0);
  });
});

describe('unstable order in JS: what is and is not a hazard', () => {
  const JS_ORDER = [
    'import Anthropic from \'@anthropic-ai/sdk\';',
    'import * as fs from \'fs\';',
    'const client = new Anthropic();',
    'const GUIDE = \'Use the tools to answer support questions precisely and cite sources. \'.repeat(120);',
    'export async function fromSet(names: string[], q: string) {',
    '  const unique = Array.from(new Set(names));',
    '  return client.messages.create({ model: \'claude-sonnet-4-5\', max_tokens: 512, system: [{ type: \'text\', text: `Tools: ${unique.join(\', \')}\\n${GUIDE}`, cache_control: { type: \'ephemeral\' } }], messages: [{ role: \'user\', content: q }] });',
    '}',
    'export async function sortedSet(names: string[], q: string) {',
    '  const unique = Array.from(new Set(names)).sort();',
    '  return client.messages.create({ model: \'claude-sonnet-4-5\', max_tokens: 512, system: [{ type: \'text\', text: `Tools: ${unique.join(\', \')}\\n${GUIDE}`, cache_control: { type: \'ephemeral\' } }], messages: [{ role: \'user\', content: q }] });',
    '}',
    'export async function thenInLoop(urls: string[], q: string) {',
    '  const notes: string[] = [];',
    '  for (const url of urls) {',
    '    fetch(url).then(async (r) => notes.push(await r.text()));',
    '  }',
    '  return client.messages.create({ model: \'claude-sonnet-4-5\', max_tokens: 512, system: [{ type: \'text\', text: GUIDE + notes.join(\'\\n\'), cache_control: { type: \'ephemeral\' } }], messages: [{ role: \'user\', content: q }] });',
    '}',
    'export async function mapThen(urls: string[], q: string) {',
    '  const notes: string[] = [];',
    '  await Promise.all(urls.map((url) => fetch(url).then(async (r) => { notes.push(await r.text()); })));',
    '  return client.messages.create({ model: \'claude-sonnet-4-5\', max_tokens: 512, system: [{ type: \'text\', text: GUIDE + notes.join(\'\\n\'), cache_control: { type: \'ephemeral\' } }], messages: [{ role: \'user\', content: q }] });',
    '}',
    'export async function keysOfMap(m: Map<string, string>, q: string) {',
    '  const keys = Array.from(new Map([[\'b\', \'1\'], [\'a\', \'2\']]).keys());',
    '  return client.messages.create({ model: \'claude-sonnet-4-5\', max_tokens: 512, system: [{ type: \'text\', text: `Keys: ${keys.join(\', \')}\\n${GUIDE}`, cache_control: { type: \'ephemeral\' } }], messages: [{ role: \'user\', content: q }] });',
    '}',
    'export async function fromEntries(names: string[], q: string) {',
    '  const table = Object.fromEntries(new Set(names).entries());',
    '  return client.messages.create({ model: \'claude-sonnet-4-5\', max_tokens: 512, system: [{ type: \'text\', text: `Table: ${JSON.stringify(table)}\\n${GUIDE}`, cache_control: { type: \'ephemeral\' } }], messages: [{ role: \'user\', content: q }] });',
    '}',
    'export async function listed(q: string) {',
    '  const files = Array.from(fs.readdirSync(\'tools\'));',
    '  return client.messages.create({ model: \'claude-sonnet-4-5\', max_tokens: 512, system: [{ type: \'text\', text: `Files: ${files.join(\', \')}\\n${GUIDE}`, cache_control: { type: \'ephemeral\' } }], messages: [{ role: \'user\', content: q }] });',
    '}',
  ].join('\n');

  it('promises settling inside a loop or a map fill in completion order; a JS Set or Map keeps insertion order; Array.from passes a listing on', async () => {
    const result = await lintText(JS_ORDER, 'typescript', 'order.ts');
    assert.deepStrictEqual(
      result.findings.map((f) => `${f.range.start.line + 1}:${f.ruleId}`),
      ['16:unstable-order', '22:unstable-order', '34:unstable-order'],
    );
    assert.match(result.findings[0].message, /`notes` is filled as each promise settles \(line 16\), in completion order/);
    assert.match(result.findings[2].message, /`fs\.readdirSync\('tools'\)` lists a directory in file-system order/);
  });
});

describe('unstable order in Python: what carries it, where it is reported, and the fix', () => {
  // [title, setup, system, the reported text (or undefined: silent), a stable part of the message, the own fixes' new texts and safety]
  const cases: Array<[string, string, string, string | undefined, RegExp?, Array<[string, boolean]>?]> = [
    ['list(s) of a set becomes sorted(s)', 'names = list(set(q.split()))', 'GUIDE + ",".join(names)', 'list(set(q.split()))', /`set\(q\.split\(\)\)` is a set, whose iteration order changes/, [['sorted(set(q.split()))', false]]],
    ['list() of a listing: the listing is sorted, safely', 'files = list(os.listdir("d"))', 'GUIDE + ",".join(files)', 'os.listdir("d")', /lists a directory in file-system order/, [['sorted(os.listdir("d"))', true]]],
    ['tuple() passes a listing on', 'files = tuple(os.listdir("d"))', 'GUIDE + ",".join(files)', 'os.listdir("d")', /file-system order/, [['sorted(os.listdir("d"))', true]]],
    ['map() reads its second argument', 'files = map(str.upper, os.listdir("d"))', 'GUIDE + ",".join(files)', 'os.listdir("d")', /file-system order/, [['sorted(os.listdir("d"))', true]]],
    ['filter() reads its second argument', 'files = filter(None, os.listdir("d"))', 'GUIDE + ",".join(files)', 'os.listdir("d")', /file-system order/, [['sorted(os.listdir("d"))', true]]],
    ['map() with one argument is not read', 'files = map(os.listdir("d"))', 'GUIDE + ",".join(files)', undefined],
    ['a splatted argument is not positional', 'files = list(*[os.listdir("d")])', 'GUIDE + ",".join(files)', undefined],
    ['enumerate() passes it on', 'text = "".join(f"{i}{f}" for i, f in enumerate(os.listdir("d")))', 'GUIDE + text', 'os.listdir("d")', /file-system order/, [['sorted(os.listdir("d"))', true]]],
    ['dict.fromkeys() orders keys: json.dumps gets sort_keys', 'd = dict.fromkeys(os.listdir("d"), 1)\ntext = json.dumps(d)', 'GUIDE + text', 'json.dumps(d)', /writes a dict in the order its keys were added/, [['d, sort_keys=True', true]]],
    ['dict(zip(...)) orders keys: json.dumps gets sort_keys', 'd = dict(zip(os.listdir("d"), range(3)))\ntext = json.dumps(d)', 'GUIDE + text', 'json.dumps(d)', /writes a dict in the order its keys were added/, [['d, sort_keys=True', true]]],
    ['json.dumps(d, **kw) may already sort: the source is sorted instead', 'd = {f: 1 for f in os.listdir("d")}\ntext = json.dumps(d, **kw)', 'GUIDE + text', 'json.dumps(d, **kw)', /writes a dict/, [['sorted(os.listdir("d"))', true]]],
    ['frozenset() is a set', 'text = ",".join(frozenset(q.split()))', 'GUIDE + text', 'frozenset(q.split())', /is a set/, [['sorted(frozenset(q.split()))', false]]],
    ['set() of numbers is not a source', 'text = ",".join(str(x) for x in set([1, 2]))', 'GUIDE + text', undefined],
    ['set() of nothing is not a source', 'text = ",".join(set([]))', 'GUIDE + text', undefined],
    ['os.scandir sorts by name', 'text = ",".join(e.name for e in os.scandir("d"))', 'GUIDE + text', 'os.scandir("d")', /lists a directory/, [['sorted(os.scandir("d"), key=lambda item: item.name)', true]]],
    ['glob.iglob', 'text = ",".join(glob.iglob("*.md"))', 'GUIDE + text', 'glob.iglob("*.md")', /yields matches in file-system order/, [['sorted(glob.iglob("*.md"))', true]]],
    ['Path.rglob', 'from pathlib import Path\ntext = ",".join(str(p) for p in Path("d").rglob("*.md"))', 'GUIDE + text', 'Path("d").rglob("*.md")', /returns matches in file-system order/, [['sorted(Path("d").rglob("*.md"))', true]]],
    ['concurrent.futures.as_completed: advice only', 'import concurrent.futures\nnotes = []\nfor f in concurrent.futures.as_completed(fs):\n    notes.append(f.result())', 'GUIDE + "".join(notes)', 'concurrent.futures.as_completed(fs)', /yields results as they finish/, []],
    ['as_completed() with no argument is not read', 'notes = []\nfor f in asyncio.as_completed():\n    notes.append(f)', 'GUIDE + "".join(notes)', undefined],
    ['list_tools() on a receiver that is not an MCP client', 'listed = registry.list_tools()\nnames = ",".join(t.name for t in listed)', 'GUIDE + names', undefined],
    ['list_tools() on an mcp-named receiver', 'listed = mcp_client.list_tools()\nnames = ",".join(t.name for t in listed)', 'GUIDE + names', 'listed', /returns the MCP server's tools in the server's order/, [['sorted(listed, key=lambda item: item.name)', false]]],
    ['dict values follow unstable keys', 'd = {f: 1 for f in os.listdir("d")}\ntext = ",".join(d.values())', 'GUIDE + text', 'os.listdir("d")', /file-system order/, [['sorted(os.listdir("d"))', true]]],
    ['set.difference() keeps a set', 'text = ",".join(set(q.split()).difference(["a"]))', 'GUIDE + text', 'set(q.split()).difference(["a"])', /is a set/, [['sorted(set(q.split()).difference(["a"]))', false]]],
    ['join with a keyword argument is not read', 'text = ",".join(iterable=set(q.split()))', 'GUIDE + text', undefined],
  ];
  for (const [title, setup, system, reported, message, fixes] of cases) {
    it(title, async () => {
      const text = pyRequest(setup, system);
      const findings = await orderFindings(text, 'python');
      if (reported === undefined) {
        assert.deepStrictEqual(findings.map((f) => f.message), []);
        return;
      }
      assert.strictEqual(findings.length, 1, findings.map((f) => f.message).join('\n'));
      const [finding] = findings;
      assert.strictEqual(text.slice(finding.range.startOffset, finding.range.endOffset), reported);
      assert.match(finding.message, message!);
      assert.deepStrictEqual(ownFixes(finding).map((f) => [f.edits.map((e) => e.newText).join(''), f.safe]), fixes);
    });
  }
});

describe('unstable order in JS/TS: listings and globs by module, what carries them, and the fix', () => {
  // [title, setup, system, imports, the reported text (or undefined: silent), the own fixes' new texts]
  const cases: Array<[string, string, string, string, string | undefined, string[]?]> = [
    ['readdirSync with file types sorts by name', "  const names = fs.readdirSync('d', { withFileTypes: true }).map((e) => e.name).join(',');", 'GUIDE + names', '', "fs.readdirSync('d', { withFileTypes: true })", ["fs.readdirSync('d', { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))"]],
    ['readdirSync imported from node:fs', "  const names = readdirSync('d').join(',');", 'GUIDE + names', "import { readdirSync } from 'node:fs';\n", "readdirSync('d')", ["readdirSync('d').sort()"]],
    ['fs-extra', "  const names = fse.readdirSync('d').join(',');", 'GUIDE + names', "import fse from 'fs-extra';\n", "fse.readdirSync('d')", ["fse.readdirSync('d').sort()"]],
    ['graceful-fs', "  const names = gfs.readdirSync('d').join(',');", 'GUIDE + names', "import gfs from 'graceful-fs';\n", "gfs.readdirSync('d')", ["gfs.readdirSync('d').sort()"]],
    ['a readdir with a callback is not a listing value', "  let names = '';\n  fs.readdir('d', (err, files) => { names = files.join(','); });", 'GUIDE + names', '', undefined],
    ['readdirSync of a module of our own is not guessed', "  const names = myfs.readdirSync('d').join(',');", 'GUIDE + names', "import myfs from './myfs';\n", undefined],
    ['fast-glob sync', "  const names = fg.sync('*.md').join(',');", 'GUIDE + names', "import fg from 'fast-glob';\n", "fg.sync('*.md')", ["fg.sync('*.md').sort()"]],
    ['fast-glob awaited: sorted where awaited', "  const names = (await fg('*.md')).join(',');", 'GUIDE + names', "import fg from 'fast-glob';\n", "fg('*.md')", ["(await fg('*.md')).sort()"]],
    ['globbySync', "  const names = globbySync('*.md').join(',');", 'GUIDE + names', "import { globbySync } from 'globby';\n", "globbySync('*.md')", ["globbySync('*.md').sort()"]],
    ['tinyglobby', "  const names = globSync(['*.md']).join(',');", 'GUIDE + names', "import { globSync } from 'tinyglobby';\n", "globSync(['*.md'])", ["globSync(['*.md']).sort()"]],
    ['glob.escape lists nothing', "  const names = glob.escape('*.md');", 'GUIDE + names', "import { glob } from 'glob';\n", undefined],
    ["Node's fs.globSync", "  const names = fs.globSync('*.md').join(',');", 'GUIDE + names', '', "fs.globSync('*.md')", ["fs.globSync('*.md').sort()"]],
    ['Object.fromEntries orders keys: Object.keys passes them on', "  const t = Object.fromEntries(fs.readdirSync('d').map((f) => [f, 1]));\n  const names = Object.keys(t).join(',');", 'GUIDE + names', '', "fs.readdirSync('d')", ["fs.readdirSync('d').sort()"]],
    ['Object.fromEntries orders keys: JSON.stringify writes them', "  const t = Object.fromEntries(fs.readdirSync('d').map((f) => [f, 1]));", 'GUIDE + JSON.stringify(t)', '', "fs.readdirSync('d')", ["fs.readdirSync('d').sort()"]],
    ['toSorted() ends it', "  const names = fs.readdirSync('d').toSorted().join(',');", 'GUIDE + names', '', undefined],
    ['reverse() keeps it', "  const names = fs.readdirSync('d').reverse().join(',');", 'GUIDE + names', '', "fs.readdirSync('d')", ["fs.readdirSync('d').sort()"]],
    ['a spread keeps it', "  const names = [...fs.readdirSync('d')].join(',');", 'GUIDE + names', '', "fs.readdirSync('d')", ["fs.readdirSync('d').sort()"]],
    ['listTools() on a client that is not MCP', '  const tools = (await registry.listTools()).tools;', 'GUIDE + JSON.stringify(tools)', '', undefined],
    ['listTools() with the MCP SDK imported: advice, no fix', '  const tools = (await mcp.listTools()).tools;', 'GUIDE + JSON.stringify(tools)', "import { Client } from '@modelcontextprotocol/sdk/client/index.js';\n", 'mcp.listTools()', []],
  ];
  for (const [title, setup, system, imports, reported, fixes] of cases) {
    it(title, async () => {
      const text = tsRequest(setup, system, imports);
      const findings = await orderFindings(text, 'typescript');
      if (reported === undefined) {
        assert.deepStrictEqual(findings.map((f) => f.message), []);
        return;
      }
      assert.strictEqual(findings.length, 1, findings.map((f) => f.message).join('\n'));
      assert.strictEqual(text.slice(findings[0].range.startOffset, findings[0].range.endOffset), reported);
      assert.deepStrictEqual(ownFixes(findings[0]).map((f) => f.edits.map((e) => e.newText).join('')), fixes);
    });
  }
});
