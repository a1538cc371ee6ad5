import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { type Finding, FolderPromptFiles, Linter, type LintOptions, type LintResult, applyEdits, breakpointHover, isNotebookFile, languageOfFile, mayHoldRequest, requestHover } from '../../src/core';
import { parseJsonc } from '../../src/core/modules/resolve';
import { MAX_NOTEBOOK_CHARS, findingsByCell, notebookProgram, toCellRange } from '../../src/core/notebooks';
import { ownFixes } from '../helpers/fix-checks';

const PROJECTS = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'projects');

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      files.push(...sourceFiles(full));
    } else if (languageOfFile(full) || isNotebookFile(full)) {
      files.push(full);
    }
  }
  return files.sort();
}

const shown = (result: LintResult) => result.findings.map((f) => `${f.cell !== undefined ? `cell ${f.cell} ` : ''}${f.range.start.line + 1}:${f.range.start.character + 1} ${f.ruleId}`);

/** A source file or a notebook, linted the way the CLI does. */
function lintFile(linter: Linter, file: string, text: string, options: LintOptions): Promise<LintResult> {
  return isNotebookFile(file) ? linter.lintNotebook(text, { ...options, fileName: file }) : linter.lint(text, languageOfFile(file)!, { ...options, fileName: file });
}

/**
 * Multi-file projects on disk (test/fixtures/projects/): each file's findings, with imports followed,
 * are exactly those in its expected.json — and every one of them depends on another file, so with
 * imports not followed none is found.
 */
describe('projects: findings whose cause lies in another file', () => {
  const linter = new Linter();
  for (const project of fs.readdirSync(PROJECTS).filter((name) => fs.existsSync(path.join(PROJECTS, name, 'expected.json')))) {
    const root = path.join(PROJECTS, project);
    const { findings: expected, withoutImports = {} } = JSON.parse(fs.readFileSync(path.join(root, 'expected.json'), 'utf8')) as { findings: Record<string, string[]>; withoutImports?: Record<string, string[]> };

    it(`${project}: each file gets the findings in expected.json; without following imports, only those under withoutImports`, async () => {
      const files = new FolderPromptFiles(root);
      const actual: Record<string, string[]> = {};
      let total = 0;
      for (const file of sourceFiles(root)) {
        const text = fs.readFileSync(file, 'utf8');
        const result = await lintFile(linter, file, text, { promptFiles: files });
        assert.strictEqual(result.internalError, undefined, file);
        const relative = path.relative(root, file).split(path.sep).join('/');
        actual[relative] = shown(result);
        total += result.findings.length;
        const alone = await lintFile(linter, file, text, { promptFiles: files, followImports: false });
        assert.deepStrictEqual(shown(alone), withoutImports[relative] ?? [], `${relative}: findings without following imports`);
      }
      assert.deepStrictEqual(actual, expected);
      assert.ok(total >= 2, `only ${total} findings in ${project}`);
    });

    it(`${project}: every fix edits only its own file's text, and the result still parses`, async () => {
      const files = new FolderPromptFiles(root);
      for (const file of sourceFiles(root)) {
        const text = fs.readFileSync(file, 'utf8');
        const result = await lintFile(linter, file, text, { promptFiles: files });
        for (const finding of result.findings) {
          for (const fix of finding.fixes) {
            assert.ok(fix.edits.every((edit) => !edit.refused));
            if (finding.cell !== undefined) {
              // A notebook's edits are relative to the cell's source.
              const cells = (JSON.parse(text) as { cells: Array<{ source: string[] | string }> }).cells;
              const source = ([] as string[]).concat(cells[finding.cell].source).join('');
              const after = await linter.lint(applyEdits(source, fix.edits), 'python', {});
              assert.ok(!after.hasSyntaxErrors, `${fix.title} broke cell ${finding.cell} of ${file}`);
              continue;
            }
            const fixed = applyEdits(text, fix.edits);
            const after = await linter.lint(fixed, languageOfFile(file)!, { fileName: file, promptFiles: files });
            assert.ok(!after.hasSyntaxErrors, `${fix.title} broke ${file}:\n${fixed}`);
          }
        }
      }
    });
  }
});

/** A throwaway workspace, with files written per test. */
class Workspace {
  readonly root: string;
  readonly files: FolderPromptFiles;

  constructor() {
    this.root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pcl-across-')));
    this.files = new FolderPromptFiles(this.root);
  }

  write(relative: string, text: string | Buffer): string {
    const file = path.join(this.root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  }

  remove(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

const GUIDE = 'Follow the support policy carefully, cite the relevant section, and keep answers short. '.repeat(120);

const pyRequest = (system: string, extra = '') =>
  `import anthropic\n${extra}\nclient = anthropic.Anthropic()\nclient.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=${system}, messages=[{"role": "user", "content": "hi"}])\n`;
const tsRequest = (system: string, extra = '') =>
  `import Anthropic from "@anthropic-ai/sdk";\n${extra}\nconst client = new Anthropic();\nclient.messages.create({ model: "claude-sonnet-4-5", max_tokens: 5, system: ${system}, messages: [{ role: "user", content: "hi" }] });\n`;

/** The system text of the first request: static text, or `<stability: reason>`. */
function systemText(result: LintResult): string {
  const blocks = result.requests[0]?.blocks.filter((b) => b.section === 'system') ?? [];
  return blocks.flatMap((b) => b.segments).map((s) => (s.stability === 'static' ? s.text : `<${s.stability}: ${s.reason}>`)).join('|');
}

describe('imports: how modules are found', () => {
  const linter = new Linter();
  let ws: Workspace;
  beforeEach(() => (ws = new Workspace()));
  afterEach(() => ws.remove());

  const lint = (file: string, text = fs.readFileSync(file, 'utf8')) => linter.lint(text, languageOfFile(file)!, { fileName: file, promptFiles: ws.files });

  it('Python: relative, absolute from a src layout, `import a.b as m`, `import a.b` then a.b.X, a package re-export, a submodule by `from . import`', async () => {
    ws.write('src/pkg/__init__.py', 'from .texts import LONG as EXPORTED\n');
    ws.write('src/pkg/texts.py', `LONG = ${JSON.stringify(GUIDE)}\nSHORT = "Be brief."\n`);
    ws.write('src/pkg/sub/__init__.py', '');
    const cases: Array<[string, string, string]> = [
      ['from .texts import SHORT', 'SHORT', 'src/pkg/a.py'],
      ['from pkg.texts import SHORT as S', 'S', 'src/app/b.py'],
      ['import pkg.texts as t', 't.SHORT', 'src/app/c.py'],
      ['import pkg.texts', 'pkg.texts.SHORT', 'src/app/d.py'],
      ['from .. import texts', 'texts.SHORT', 'src/pkg/sub/e.py'],
      ['from ..texts import *', 'SHORT', 'src/pkg/sub/f.py'],
    ];
    for (const [importLine, name, where] of cases) {
      const file = ws.write(where, pyRequest(name, importLine));
      assert.strictEqual(systemText(await lint(file)), 'Be brief.', `${importLine} (${where})`);
    }
    const reexported = ws.write('src/app/g.py', pyRequest('EXPORTED', 'from pkg import EXPORTED'));
    assert.strictEqual(systemText(await lint(reexported)), GUIDE);
  });

  it('TS/JS: extension-less and .js-suffixed specifiers, index files, tsconfig paths (with extends and comments), workspace packages, default and namespace imports, require', async () => {
    ws.write('tsconfig.base.json', '{ "compilerOptions": { "baseUrl": ".", /* aliases */ "paths": { "@/*": ["src/*"], "~lib": ["src/lib/index.ts"], }, }, }');
    ws.write('tsconfig.json', '{ "extends": "./tsconfig.base.json" }');
    ws.write('src/lib/index.ts', 'export { SHORT } from "./texts";\nexport default "Default text.";\n');
    ws.write('src/lib/texts.ts', 'export const SHORT = "Be brief.";\n');
    ws.write('src/lib/common.cjs', 'exports.SHORT = "Be brief.";\n');
    ws.write('packages/texts/package.json', '{ "name": "@acme/texts", "main": "dist/index.js" }');
    ws.write('packages/texts/src/index.ts', 'export const SHORT = "Be brief.";\n');
    const cases: Array<[string, string]> = [
      ['import { SHORT } from "./lib/texts";', 'SHORT'],
      ['import { SHORT } from "./lib/texts.js";', 'SHORT'],
      ['import { SHORT as S } from "./lib";', 'S'],
      ['import { SHORT } from "@/lib/texts";', 'SHORT'],
      ['import * as lib from "~lib";', 'lib.SHORT'],
      ['import { SHORT } from "@acme/texts";', 'SHORT'],
      ['const { SHORT } = require("./lib/common.cjs");', 'SHORT'],
      ['const common = require("./lib/common.cjs");', 'common.SHORT'],
    ];
    for (const [i, [importLine, name]] of cases.entries()) {
      const file = ws.write(`src/case${i}.ts`, tsRequest(name, importLine));
      assert.strictEqual(systemText(await lint(file)), 'Be brief.', importLine);
    }
    const withDefault = ws.write('src/default.ts', tsRequest('text', 'import text from "./lib";'));
    assert.strictEqual(systemText(await lint(withDefault)), 'Default text.');
  });

  it('leaves installed packages, the standard library and names a module does not define as they were (stable-unknown)', async () => {
    ws.write('app/texts.py', 'SHORT = "Be brief."\n');
    const file = ws.write('app/main.py', pyRequest('[{"type": "text", "text": MISSING}, {"type": "text", "text": CONSTANT}]', 'from texts import MISSING\nfrom some_installed_package import CONSTANT'));
    assert.strictEqual(systemText(await lint(file)), '<stable-unknown: `MISSING` is imported>|<stable-unknown: `CONSTANT` is imported>');
  });

  it('never resolves outside the root: a path alias and a relative import pointing out, and a symlinked module, stay unknown and are not read', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'pcl-outside-'));
    try {
      fs.writeFileSync(path.join(outside, 'secret.ts'), 'export const SECRET = "TOP SECRET";\n');
      ws.write('tsconfig.json', JSON.stringify({ compilerOptions: { paths: { '@out/*': [`${path.relative(ws.root, outside)}/*`] } } }));
      fs.symlinkSync(path.join(outside, 'secret.ts'), path.join(ws.root, 'linked.ts'));
      const cases = ['import { SECRET } from "@out/secret";', `import { SECRET } from "${path.relative(ws.root, outside)}/secret";`.replace(/^import \{ SECRET \} from "/, 'import { SECRET } from "./'), 'import { SECRET } from "./linked";'];
      for (const importLine of cases) {
        const file = ws.write('main.ts', tsRequest('SECRET', importLine));
        const result = await lint(file);
        assert.ok(!systemText(result).includes('TOP SECRET'), importLine);
        assert.ok(!(result.promptFiles ?? []).some((read) => read.startsWith(outside)), importLine);
      }
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('a symlink loop in the workspace does not stall resolution or the search for workspace packages', async () => {
    ws.write('packages/texts/package.json', '{ "name": "@acme/texts" }');
    ws.write('packages/texts/index.ts', 'export const SHORT = "Be brief.";\n');
    fs.symlinkSync(path.join(ws.root, 'packages'), path.join(ws.root, 'packages', 'texts', 'loop'));
    const file = ws.write('src/main.ts', tsRequest('[{ type: "text", text: SHORT }, { type: "text", text: MISSING }]', 'import { SHORT } from "@acme/texts";\nimport { MISSING } from "@acme/none";'));
    const result = await lint(file);
    assert.strictEqual(systemText(result), 'Be brief.|<stable-unknown: `MISSING` is imported>');
  });

  it('a tsconfig.json edited between lints is read again', async () => {
    ws.write('tsconfig.json', JSON.stringify({ compilerOptions: { paths: { '@/*': ['src/old/*'] } } }));
    ws.write('src/old/texts.ts', 'export const SHORT = "Old.";\n');
    ws.write('src/new/texts.ts', 'export const SHORT = "New.";\n');
    const file = ws.write('src/main.ts', tsRequest('SHORT', 'import { SHORT } from "@/texts";'));
    assert.strictEqual(systemText(await lint(file)), 'Old.');
    ws.write('tsconfig.json', JSON.stringify({ compilerOptions: { paths: { '@/*': ['src/new/*'] } }, note: 'moved' }));
    assert.strictEqual(systemText(await lint(file)), 'New.');
  });

  it('reads tsconfig.json with comments and trailing commas, and gives up on broken JSON', () => {
    assert.deepStrictEqual(parseJsonc('{\n // c\n "a": "x // not a comment", /* b */ "b": [1, 2,],\n}'), { a: 'x // not a comment', b: [1, 2] });
    assert.strictEqual(parseJsonc('{ "a": '), undefined);
    assert.strictEqual(parseJsonc('[1]'), undefined);
    // A trailing comma before a comment, as tsconfig files often have it.
    assert.deepStrictEqual(parseJsonc('{ "paths": { "@/*": ["src/*"], // aliases\n }, /* end */ }'), { paths: { '@/*': ['src/*'] } });
    assert.deepStrictEqual(parseJsonc('{ "a": [1 , \n ], "b": 2 /* x */ , }'), { a: [1], b: 2 });
    assert.deepStrictEqual(parseJsonc('{ "a": "q\\"//x", "b": "/*", "c": "*/", "d": "\\\\" }// end'), { a: 'q"//x', b: '/*', c: '*/', d: '\\' });
    assert.strictEqual(parseJsonc('{ "a": 1 /* unterminated'), undefined);
    assert.strictEqual(parseJsonc('"s"'), undefined);
    assert.strictEqual(parseJsonc('null'), undefined);
  });
});

describe('imports: bad input and safety', () => {
  const linter = new Linter();
  let ws: Workspace;
  beforeEach(() => (ws = new Workspace()));
  afterEach(() => ws.remove());

  const lint = (file: string) => linter.lint(fs.readFileSync(file, 'utf8'), languageOfFile(file)!, { fileName: file, promptFiles: ws.files });

  it('import cycles, a module importing itself and a long re-export chain end with a reason, not a hang', async () => {
    ws.write('a.py', 'from b import X\n');
    ws.write('b.py', 'from a import X\n');
    ws.write('self_ref.py', 'from self_ref import Y\n');
    for (let i = 0; i < 30; i++) {
      ws.write(`chain${i}.py`, i === 29 ? 'Z = "end"\n' : `from chain${i + 1} import Z\n`);
    }
    const file = ws.write('main.py', pyRequest('[{"type": "text", "text": X}, {"type": "text", "text": Y}, {"type": "text", "text": Z}]', 'from a import X\nfrom self_ref import Y\nfrom chain0 import Z'));
    const result = await lint(file);
    assert.strictEqual(result.internalError, undefined);
    const text = systemText(result);
    assert.match(text, /<stable-unknown: `X` is imported in a cycle/);
    assert.match(text, /<stable-unknown: `Y` is imported in a cycle/);
    assert.match(text, /<stable-unknown: `Z` is re-exported through more than 8 modules>/);
  });

  it('a helper that calls itself through another module stays unknown', async () => {
    ws.write('ping.py', 'from pong import pong\n\ndef ping(n):\n    return pong(n)\n');
    ws.write('pong.py', 'from ping import ping\n\ndef pong(n):\n    return ping(n)\n');
    const file = ws.write('main.py', pyRequest('[{"type": "text", "text": ping(1)}]', 'from ping import ping'));
    const result = await lint(file);
    assert.match(systemText(result), /<stable-unknown: `ping\(\)` calls itself through its imports/);
  });

  it('a module too large, binary or half-typed is noted, never parsed past its limits', async () => {
    ws.write('huge.py', `BIG = "${'x'.repeat(1_000_001)}"\n`);
    ws.write('binary.py', Buffer.from([0x41, 0x00, 0x42]));
    ws.write('broken.py', 'SHORT = "Be brief."\ndef half(:\n');
    const file = ws.write('main.py', pyRequest('[{"type": "text", "text": BIG}, {"type": "text", "text": BIN}, {"type": "text", "text": SHORT}]', 'from huge import BIG\nfrom binary import BIN\nfrom broken import SHORT'));
    const result = await lint(file);
    assert.strictEqual(result.internalError, undefined);
    const text = systemText(result);
    assert.match(text, /larger than 1 MB/);
    assert.match(text, /not a text file/);
    assert.ok(text.endsWith('Be brief.'), text);
  });

  it('a marker with a bad TTL written in another module is reported here, with no fix that would edit the import', async () => {
    ws.write('markers.py', 'MARK = {"type": "ephemeral", "ttl": "1hr"}\n\ndef block(text):\n    return {"type": "text", "text": text, "cache_control": MARK}\n');
    const file = ws.write('main.py', pyRequest(`[block(${JSON.stringify(GUIDE)})]`, 'from markers import block'));
    const result = await lint(file);
    const finding = result.findings.find((f) => f.ruleId === 'invalid-cache-control');
    assert.ok(finding, result.findings.map((f) => f.ruleId).join(', '));
    assert.match(finding.message, /1hr/);
    assert.deepStrictEqual(finding.fixes.map((f) => f.title), ['Disable invalid-cache-control for this line', 'Disable invalid-cache-control for this file']);
  });

  it('a re-lint sees a module changed on disk, and a change two imports away', async () => {
    ws.write('deep.py', 'TEXT = "Be brief."\n');
    ws.write('mid.py', 'from deep import TEXT\n');
    const file = ws.write('main.py', pyRequest('[{"type": "text", "text": TEXT, "cache_control": {"type": "ephemeral"}}]', 'from mid import TEXT'));
    assert.deepStrictEqual((await lint(file)).findings.map((f) => f.ruleId), ['below-minimum']);
    // A different size, so the stamp changes even on file systems with coarse modification times.
    ws.write('deep.py', `TEXT = ${JSON.stringify(GUIDE)}\n`);
    const after = await lint(file);
    assert.deepStrictEqual(after.findings.map((f) => f.ruleId), []);
    assert.ok(after.promptFiles?.includes(path.join(ws.root, 'deep.py')), 'the module read two imports away is reported for watching');
  });

  it('an open editor’s unsaved text of a module wins over the disk', async () => {
    ws.write('texts.py', 'TEXT = "Be brief."\n');
    const modulePath = path.join(ws.root, 'texts.py');
    const file = ws.write('main.py', pyRequest('[{"type": "text", "text": TEXT}]', 'from texts import TEXT'));
    let version = 1;
    let text = 'TEXT = "Unsaved."\n';
    ws.files.openDocument = (f) => (f === modulePath ? { version, text: () => text } : undefined);
    assert.strictEqual(systemText(await lint(file)), 'Unsaved.');
    version = 2;
    text = 'TEXT = "Typed more."\n';
    assert.strictEqual(systemText(await lint(file)), 'Typed more.');
  });

  it('the hover says which prefix blocks come from which module, by name, place and tokens', async () => {
    ws.write('prompts/guide.py', `GUIDE = ${JSON.stringify(GUIDE)}\n`);
    const file = ws.write('main.py', pyRequest('[{"type": "text", "text": GUIDE, "cache_control": {"type": "ephemeral"}}]', 'from prompts.guide import GUIDE'));
    const result = await lint(file);
    const hover = breakpointHover(result.requests[0], result.requests[0].breakpoints[0]);
    // Counted exactly offline: no ≈.
    assert.match(hover, /\| system\[0\] \| `GUIDE`, prompts\/guide\.py:1, \d,\d{3} tokens \|/);
    assert.match(requestHover(result.requests[0]), /\| system\[0\] \| 5m \| \d,\d{3} \|/);
  });
});

describe('data files and templates the prompt is built from', () => {
  const linter = new Linter();
  let ws: Workspace;
  beforeEach(() => (ws = new Workspace()));
  afterEach(() => ws.remove());

  const lint = (file: string) => linter.lint(fs.readFileSync(file, 'utf8'), languageOfFile(file)!, { fileName: file, promptFiles: ws.files });

  it('Python: json.load / json.loads, yaml.safe_load, tomllib.load, through with-statements and names', async () => {
    ws.write('data/agent.json', JSON.stringify({ system: 'From JSON.', nested: { note: 'Nested.' } }));
    ws.write('data/agent.yaml', 'system: |\n  From YAML.\nlist:\n  - first\n');
    ws.write('data/agent.toml', 'system = "From TOML."\n');
    const code = [
      'import json, tomllib',
      'import yaml',
      'with open("data/agent.json") as f:',
      '    CONFIG = json.load(f)',
      'TEXT = json.loads(open("data/agent.json").read())',
      'YAML = yaml.safe_load(open("data/agent.yaml"))',
      'TOML = tomllib.load(open("data/agent.toml", "rb"))',
    ].join('\n');
    const file = ws.write('main.py', pyRequest('[{"type": "text", "text": CONFIG["system"]}, {"type": "text", "text": TEXT["nested"]["note"]}, {"type": "text", "text": YAML["system"]}, {"type": "text", "text": YAML["list"][0]}, {"type": "text", "text": TOML["system"]}]', code));
    const result = await lint(file);
    assert.strictEqual(systemText(result), 'From JSON.|Nested.|From YAML.\n|first|From TOML.');
    assert.ok(result.promptFiles?.includes(path.join(ws.root, 'data', 'agent.toml')));
  });

  it('TS/JS: JSON.parse(readFileSync(...)), js-yaml load, a JSON module by import and by require', async () => {
    ws.write('data/agent.json', JSON.stringify({ system: 'From JSON.' }));
    ws.write('data/agent.yaml', 'system: From YAML.\n');
    const code = [
      'import fs from "fs";',
      'import yaml from "js-yaml";',
      'import agent from "./data/agent.json";',
      'const parsed = JSON.parse(fs.readFileSync("data/agent.json", "utf8"));',
      'const fromYaml = yaml.load(fs.readFileSync("data/agent.yaml", "utf8"));',
      'const required = require("./data/agent.json");',
    ].join('\n');
    const file = ws.write('main.ts', tsRequest('[{ type: "text", text: parsed.system }, { type: "text", text: fromYaml.system }, { type: "text", text: agent.system }, { type: "text", text: required.system }]', code));
    assert.strictEqual(systemText(await lint(file)), 'From JSON.|From YAML.|From JSON.|From JSON.');
  });

  it('TS/JS: the yaml package, smol-toml and @iarna/toml parse what they are given; a parser of our own is not guessed', async () => {
    ws.write('data/a.yaml', 'system: From YAML.\n');
    ws.write('data/a.toml', 'system = "From TOML."\n');
    ws.write('data/a.json', JSON.stringify({ system: 'From JSON.' }));
    const cases: Array<[string, string]> = [
      ['import YAML from "yaml";\nconst d = YAML.parse(fs.readFileSync("data/a.yaml", "utf8"));', 'From YAML.'],
      ['import { parse } from "yaml";\nconst d = parse(fs.readFileSync("data/a.yaml", "utf8"));', 'From YAML.'],
      ['import { parse } from "smol-toml";\nconst d = parse(fs.readFileSync("data/a.toml", "utf8"));', 'From TOML.'],
      ['import TOML from "@iarna/toml";\nconst d = TOML.parse(fs.readFileSync("data/a.toml", "utf8"));', 'From TOML.'],
      ['import { parse } from "./myparser";\nconst d = parse(fs.readFileSync("data/a.toml", "utf8"));', '<stable-unknown: `d.system` is read at run time>'],
      ['const d = JSON.parse(fs.readFileSync("data/a.json", { encoding: "utf8" }));', 'From JSON.'],
      ['const d = JSON.parse(fs.readFileSync("data/a.json").toString());', 'From JSON.'],
    ];
    const got: string[] = [];
    for (const [code] of cases) {
      got.push(systemText(await lint(ws.write('main.ts', tsRequest('[{ type: "text", text: d.system }]', `import fs from "fs";\n${code}`)))));
    }
    assert.deepStrictEqual(got, cases.map(([, text]) => text));
  });

  it('a JSON module without the member read, or with a list where an object is read through, says what it lacks', async () => {
    ws.write('data/agent.json', JSON.stringify({ system: 'From JSON.', turns: ['a', 'b'] }));
    const code = 'import agent from "./data/agent.json";\nimport { missing, turns } from "./data/agent.json";';
    const file = ws.write('main.ts', tsRequest('[{ type: "text", text: agent.system }, { type: "text", text: agent.persona.text }, { type: "text", text: missing }, { type: "text", text: turns.text }]', code));
    assert.strictEqual(
      systemText(await lint(file)),
      'From JSON.|<stable-unknown: `data/agent.json` has no `default.persona.text`>|<stable-unknown: `data/agent.json` has no `missing`>|<stable-unknown: `data/agent.json` has no `turns.text`>',
    );
  });

  it('Jinja2: a FileSystemLoader template and Template(text) rendered with the call’s variables; per-call variables stay per call; logic and includes are holes', async () => {
    ws.write('templates/system.j2', 'Hello {{ user }}. Time: {{ now }}.{% include "system.j2" %}{# note #} Done {{ 1 + 1 }}');
    const code = ['from datetime import datetime', 'from jinja2 import Environment, FileSystemLoader, Template', 'env = Environment(loader=FileSystemLoader("templates"))', 'SYSTEM = env.get_template("system.j2").render(user="Ada", now=datetime.now())', 'INLINE = Template("Hi {{ name }}!").render({"name": "Bob"})'].join('\n');
    const file = ws.write('main.py', pyRequest('[{"type": "text", "text": INLINE}, {"type": "text", "text": SYSTEM}]', code));
    const text = systemText(await lint(file));
    assert.strictEqual(
      text,
      // SYSTEM is rendered once, when the module loads: its clock reading is fixed for the process.
      'Hi Bob!|Hello Ada. Time: |<stable-unknown: datetime.now(), which returns the current time, different on every call, but computed once when the module loads>|.|<stable-unknown: the template\'s `{% include "system.j2" %}`, decided at run time>| Done |<stable-unknown: the template\'s `{{ 1 + 1 }}`, filled at run time>',
    );
  });

  it('Jinja2 and open(): the forms that are read, and the ones left as holes with their reason', async () => {
    ws.write('templates/s.j2', 'Hi {{ name }}.');
    ws.write('p.md', 'Plain.');
    const cases: Array<[string, string]> = [
      ['from jinja2 import Environment, FileSystemLoader\nenv = Environment(loader=FileSystemLoader(searchpath="templates"))\nS = env.get_template("s.j2").render(name="Ada")', 'Hi Ada.'],
      ['from jinja2 import Environment, FileSystemLoader\nenv = Environment(loader=FileSystemLoader("templates"))\ntpl = env.get_template("s.j2")\nS = tpl.render(name="Ada")', 'Hi Ada.'],
      ['from jinja2 import Environment, FileSystemLoader\nS = Environment(loader=FileSystemLoader("templates")).get_template("s.j2").render(name="Ada")', 'Hi Ada.'],
      ['import os\nfrom jinja2 import Environment, FileSystemLoader\nenv = Environment(loader=FileSystemLoader("templates"))\nS = env.get_template(os.environ["T"]).render(name="Ada")', '<stable-unknown: a template found at run time>'],
      ['from jinja2 import Environment, PackageLoader\nenv = Environment(loader=PackageLoader("app"))\nS = env.get_template("s.j2").render(name="Ada")', '<stable-unknown: a template found at run time>'],
      ['from jinja2 import Environment\nenv = Environment()\nS = env.get_template("s.j2").render(name="Ada")', '<stable-unknown: a template found at run time>'],
      // Not jinja2's classes: the folder is not guessed from the names.
      ['from mytemplates import Environment, FileSystemLoader\nenv = Environment(loader=FileSystemLoader("templates"))\nS = env.get_template("s.j2").render(name="Ada")', '<stable-unknown: a template found at run time>'],
      ['from jinja2 import Template\nS = Template(open("templates/s.j2").read()).render(name="Bo")', 'Hi Bo.'],
      ['from jinja2 import Template\nS = Template("Hi " + "{{ name }}").render(name="Bo")', 'Hi Bo'],
      ['from jinja2 import Template\nS = Template(["a"]).render(name="Bo")', '<stable-unknown: a template built at run time>'],
      ['from jinja2 import Template\nS = Template("{{ a }}-{{ b }}").render({"a": "1"}, b="2")', '1-2'],
      ['from jinja2 import Template\nt1 = Template("x {{ n }}")\nt2 = t1\nt3 = t2\nt4 = t3\nS = t4.render(n="q")', 'x q'],
      ['S = open("p.md", mode="rb").read()', '<stable-unknown: read from a file as bytes or in a mode set at run time>'],
      ['import os\nS = open("p.md", os.environ["M"]).read()', '<stable-unknown: read from a file as bytes or in a mode set at run time>'],
      ['S = open("p.md", mode="r", encoding="utf-8").read()', 'Plain.'],
      ['import io\nS = io.open("p.md").read()', 'Plain.'],
      ['import codecs\nS = codecs.open("p.md", "r", "utf-8").read()', 'Plain.'],
      ['S = open(\n  # the prompt\n  "p.md",\n  "r",\n).read()', 'Plain.'],
      // `f` is bound by two with statements: which file it is depends on where it is read.
      ['with open("p.md") as f:\n    S = f.read()\nwith open("templates/s.j2") as f:\n    T = f.read()', '<stable-unknown: read from a file>'],
    ];
    const got: string[] = [];
    for (const [code] of cases) {
      got.push(systemText(await lint(ws.write('main.py', pyRequest('[{"type": "text", "text": S}]', code)))));
    }
    assert.deepStrictEqual(got, cases.map(([, text]) => text));
  });

  it('LangChain PromptTemplate.from_file reads the file', async () => {
    ws.write('prompts/qa.txt', 'Answer from the context.');
    const file = ws.write('main.py', pyRequest('[{"type": "text", "text": QA}]', 'from langchain_core.prompts import PromptTemplate\nQA = PromptTemplate.from_file("prompts/qa.txt")'));
    assert.strictEqual(systemText(await lint(file)), 'Answer from the context.');
  });

  it('a data file too large, malformed or missing leaves a clear reason, and nothing else breaks', async () => {
    ws.write('big.json', `{"system": "${'x'.repeat(1_000_001)}"}`);
    ws.write('bad.json', '{"system": ');
    const code = 'import json\nBIG = json.load(open("big.json"))\nBAD = json.load(open("bad.json"))\nNONE = json.load(open("none.json"))';
    const file = ws.write('main.py', pyRequest('[{"type": "text", "text": BIG["system"]}, {"type": "text", "text": BAD["system"]}, {"type": "text", "text": NONE["system"]}]', code));
    const result = await lint(file);
    assert.strictEqual(result.internalError, undefined);
    const text = systemText(result);
    assert.match(text, /larger than 1 MB/);
    assert.match(text, /could not be parsed/);
    assert.match(text, /not found/);
  });

  it('a marker read from a data file is judged, but no fix edits the line that reads it', async () => {
    ws.write('tools.json', JSON.stringify([{ name: 'lookup', description: 'Look up an order.', input_schema: { type: 'object' }, cache_control: { type: 'ephemeral', ttl: '1hr' } }]));
    const file = ws.write('main.py', 'import json\nimport anthropic\nclient = anthropic.Anthropic()\nTOOLS = json.load(open("tools.json"))\nclient.messages.create(model="claude-sonnet-4-5", max_tokens=5, tools=TOOLS, messages=[{"role": "user", "content": "hi"}])\n');
    const result = await lint(file);
    const finding = result.findings.find((f) => f.ruleId === 'invalid-cache-control');
    assert.ok(finding, result.findings.map((f) => f.ruleId).join(', '));
    assert.deepStrictEqual(finding.fixes.map((f) => f.title), ['Disable invalid-cache-control for this line', 'Disable invalid-cache-control for this file']);
  });
});

describe('notebooks as one program', () => {
  it('joins code cells in order, blanks magics and shell lines in place, and maps positions back to cells', () => {
    const json = JSON.stringify({
      cells: [
        { cell_type: 'code', source: ['%matplotlib inline\n', 'x = 1'] },
        { cell_type: 'markdown', source: 'text' },
        { cell_type: 'code', source: '!ls\r\ny = x' },
        { cell_type: 'code', source: '%%bash\necho "x = 2"' },
        { cell_type: 'code', source: ['%%time\n', 'z = y'] },
      ],
      metadata: { language_info: { name: 'python' } },
    });
    const program = notebookProgram(json);
    assert.ok(!('reason' in program));
    assert.strictEqual(program.text, `${' '.repeat(18)}\nx = 1\n   \ny = x\n      \n${' '.repeat(12)}\n      \nz = y`);
    assert.deepStrictEqual(program.cells.map((c) => [c.index, c.startLine]), [[0, 0], [2, 2], [3, 4], [4, 6]]);
    const y = program.text.indexOf('y = x');
    const { cell, range } = toCellRange(program, { startOffset: y, endOffset: y + 1, start: { line: 3, character: 0 }, end: { line: 3, character: 1 } });
    assert.strictEqual(cell.index, 2);
    assert.deepStrictEqual([range.start.line, range.startOffset], [1, 4]);
  });

  it('blanks only what is not Python: magics, shell lines and help lines, indented or not; a lone CR ends a line', () => {
    const program = notebookProgram(JSON.stringify({
      cells: [
        { cell_type: 'code', source: ['  %pip install x\n', '  !ls\n', 'len?\n', 'str.split??\n', 'x = 7 % 3\n', 'y = "!" + "%"\n', 'a = b ? c'] },
        { cell_type: 'code', source: ['%%capture\n', 'q = 1'] },
        { cell_type: 'code', source: ['  %%javascript\n', 'q = 2'] },
        { cell_type: 'code', source: 'r = 1\rs = 2' },
        { cell_type: 'code', source: [3, 'n = 1', null] },
        { cell_type: 'code' },
        null,
      ],
      metadata: { kernelspec: { language: 'Python' } },
    }));
    assert.ok(!('reason' in program));
    const lines = program.text.split('\n');
    const blank = (line: string) => ' '.repeat(line.length);
    assert.deepStrictEqual(lines.slice(0, 7), [blank('  %pip install x'), blank('  !ls'), blank('len?'), blank('str.split??'), 'x = 7 % 3', 'y = "!" + "%"', 'a = b ? c']);
    assert.deepStrictEqual(lines.slice(7, 9), [blank('%%capture'), 'q = 1'], '%%capture runs the cell as Python');
    assert.deepStrictEqual(lines.slice(9, 11), [blank('  %%javascript'), blank('q = 2')], 'another cell magic blanks its whole cell');
    assert.deepStrictEqual(lines.slice(11, 13), ['r = 1', 's = 2']);
    assert.deepStrictEqual(program.cells.map((c) => [c.index, c.startLine, c.source]).slice(3), [[3, 11, 'r = 1\ns = 2'], [4, 13, 'n = 1'], [5, 14, '']]);
  });

  it('says which cell and line a message means, and maps a range that runs past its cell to the cell\'s end', () => {
    const program = notebookProgram(JSON.stringify({ cells: [{ cell_type: 'code', source: 'a = 1\nb = 2' }, { cell_type: 'markdown', source: 'm' }, { cell_type: 'code', source: 'c = 3\nd = 4' }] }));
    assert.ok(!('reason' in program));
    const at = (line: number, character: number) => ({ line, character });
    const finding = (start: number, end: number, message: string) => ({ ruleId: 'r', severity: 'warning', range: { startOffset: start, endOffset: end, start: at(0, 0), end: at(0, 0) }, message, fixes: [] }) as unknown as Finding;
    const c = program.text.indexOf('c = 3');
    const [first, second] = findingsByCell(program, [finding(0, 1, 'see line 4 and line 2'), finding(c, c + 1, 'see line 1, line 3 and line 40')]);
    assert.deepStrictEqual([first.cell, first.message], [0, 'see cell 2 line 2 and line 2']);
    assert.deepStrictEqual([second.cell, second.message], [2, 'see cell 0 line 1, line 1 and line 38']);
    const { cell, range } = toCellRange(program, { startOffset: 2, endOffset: c + 3, start: at(0, 2), end: at(2, 3) });
    assert.strictEqual(cell.index, 0);
    assert.deepStrictEqual([range.startOffset, range.endOffset, range.start, range.end], [2, 11, at(0, 2), at(1, 0)]);
  });

  it('refuses what is not a Python notebook, with the reason', () => {
    assert.strictEqual((notebookProgram(' '.repeat(MAX_NOTEBOOK_CHARS + 1)) as { reason: string }).reason, 'notebook larger than 8 MB');
    assert.match((notebookProgram('null') as { reason: string }).reason, /no list of cells/);
    assert.match((notebookProgram('"cells"') as { reason: string }).reason, /no list of cells/);
    assert.match((notebookProgram(JSON.stringify({ cells: [], metadata: { language_info: { name: 'julia' }, kernelspec: { language: 'python' } } })) as { reason: string }).reason, /a julia notebook, not Python/);
    assert.match((notebookProgram('{"cells": [') as { reason: string }).reason, /not a notebook/);
    assert.match((notebookProgram('{"cells": 3}') as { reason: string }).reason, /no list of cells/);
    assert.match((notebookProgram(JSON.stringify({ cells: [], metadata: { kernelspec: { language: 'R' } } })) as { reason: string }).reason, /R notebook/);
  });

  it('a fix that would span cells is dropped; one inside a cell comes back relative to it', async () => {
    const cells = [
      { cell_type: 'code', source: 'SYSTEM = [{"type": "text", "text": "' + GUIDE + '"}]' },
      { cell_type: 'code', source: 'client.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=[{"type": "text", "text": "' + GUIDE + '"}], messages=[{"role": "user", "content": q}])' },
    ];
    const result = await new Linter().lintNotebook(JSON.stringify({ cells }));
    const finding = result.findings.find((f) => f.ruleId === 'missed-opportunity');
    assert.strictEqual(finding?.cell, 1);
    const fix = finding.fixes.find((f) => f.safe);
    assert.ok(fix);
    const fixed = applyEdits(cells[1].source, fix.edits);
    assert.match(fixed, /"cache_control": \{"type": "ephemeral"\}\}\], messages/);
  });
});

describe('precision found by the ecosystem check', () => {
  const linter = new Linter();

  it('a per-call value computed once and also passed to another call (a cache warm-up) is not claimed to break this request’s cache', async () => {
    const code = (warmUp: string) =>
      [
        'import datetime, copy',
        'def build():',
        `    return {"role": "user", "content": [{"type": "text", "text": f"Run {datetime.datetime.now()} ${'x'.repeat(50)}", "cache_control": {"type": "ephemeral"}}]}`,
        'def demo(client):',
        '    message = build()',
        warmUp,
        '    final = copy.deepcopy(message)',
        '    client.messages.create(model="claude-sonnet-4-5", max_tokens=5, messages=[final])',
      ].join('\n');
    const alone = await linter.lint(code('    pass'), 'python');
    assert.deepStrictEqual(alone.findings.map((f) => f.ruleId), ['volatile-before-breakpoint']);
    const warmed = await linter.lint(code('    warm_up(client, [message])'), 'python');
    assert.deepStrictEqual(warmed.findings.map((f) => f.ruleId), []);
    const segment = warmed.requests[0].blocks[0].segments.find((s) => s.stability !== 'static');
    assert.match(segment?.reason ?? '', /`message` is computed once and also passed to `warm_up\(\)`, which may send it first/);
  });

  it('a notebook finding names lines as the notebook shows them (cell-relative, and the cell when another)', async () => {
    const cells = [
      { cell_type: 'code', source: 'import anthropic\nclient = anthropic.Anthropic()\nmessages = []' },
      { cell_type: 'code', source: 'while True:\n    r = client.messages.create(model="claude-sonnet-4-5", max_tokens=5, system="' + GUIDE + '", messages=messages)\n    messages.append({"role": "assistant", "content": r.content})' },
    ];
    const result = await linter.lintNotebook(JSON.stringify({ cells }));
    const finding = result.findings.find((f) => f.ruleId === 'uncached-conversation');
    assert.ok(finding, result.findings.map((f) => f.ruleId).join(', '));
    assert.match(finding.message, /in a loop \(line 1\) that appends to `messages` \(line 3\)/);
  });

  it('values nested deeply across a chain of modules end as unknown, without exhausting the stack', async () => {
    const ws = new Workspace();
    try {
      const nest = (inner: string) => `${'['.repeat(60)}${inner}${']'.repeat(60)}`;
      for (let i = 0; i < 12; i++) {
        ws.write(`m${i}.py`, i === 11 ? `X = ${nest('"leaf"')}\n` : `from m${i + 1} import X as Y\nX = ${nest('Y')}\n`);
      }
      const file = ws.write('main.py', pyRequest('[{"type": "text", "text": str(X)}]', 'from m0 import X'));
      const result = await linter.lint(fs.readFileSync(file, 'utf8'), 'python', { fileName: file, promptFiles: ws.files });
      assert.strictEqual(result.internalError, undefined);
      assert.strictEqual(result.requests.length, 1);
    } finally {
      ws.remove();
    }
  });
});

describe('modules that hold requests of their own', () => {
  it('two modules importing each other, each with a request built from the other, are read once each and end', async () => {
    const ws = new Workspace();
    try {
      const request = (text: string) => `client.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=${text}, messages=[])`;
      ws.write('a.py', `import anthropic\nfrom b import B\nclient = anthropic.Anthropic()\nA = "from a"\n${request('B')}\n`);
      ws.write('b.py', `import anthropic\nfrom a import A\nclient = anthropic.Anthropic()\nB = "from b"\n${request('A')}\n`);
      const file = ws.write('main.py', pyRequest('[{"type": "text", "text": A}, {"type": "text", "text": B}]', 'from a import A\nfrom b import B'));
      const result = await new Linter().lint(fs.readFileSync(file, 'utf8'), 'python', { fileName: file, promptFiles: ws.files });
      assert.strictEqual(result.internalError, undefined);
      assert.strictEqual(systemText(result), 'from a|from b');
      const a = await new Linter().lint(fs.readFileSync(path.join(ws.root, 'a.py'), 'utf8'), 'python', { fileName: path.join(ws.root, 'a.py'), promptFiles: ws.files });
      assert.strictEqual(a.internalError, undefined);
      assert.strictEqual(systemText(a), 'from b');
    } finally {
      ws.remove();
    }
  });
});

/**
 * Which files hold a request, kept for the process in a mutation run (PCL_MUTATION=1): this test is
 * about the pre-check, and relinting every fixture for each surviving mutant of the linter cost more
 * than all the rule fixtures together. The first run, on unmutated code, fills it.
 */
const holdsRequestMemo = new Map<string, boolean>();

describe('the CLI pre-check that skips files without a request', () => {
  it('never skips a fixture or example file that holds a request, and skips plain code', async () => {
    const linter = new Linter();
    const holdsRequest = async (file: string, text: string): Promise<boolean> => {
      const known = process.env.PCL_MUTATION === '1' ? holdsRequestMemo.get(file) : undefined;
      const holds = known ?? (await linter.lint(text, languageOfFile(file)!, { fileName: file })).requests.length > 0;
      holdsRequestMemo.set(file, holds);
      return holds;
    };
    const roots = [path.resolve(__dirname, '..', '..', '..', 'examples'), path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures')];
    let withRequests = 0;
    for (const file of roots.flatMap((root) => sourceFiles(root))) {
      if (isNotebookFile(file)) {
        continue;
      }
      const text = fs.readFileSync(file, 'utf8');
      if (await holdsRequest(file, text)) {
        withRequests++;
        assert.ok(mayHoldRequest(text), `${file} holds a request but would be skipped`);
      }
    }
    assert.ok(withRequests > 100, `${withRequests} files with requests`);
    assert.strictEqual(mayHoldRequest('def add(a, b):\n    return a + b\n'), false);
    // `messages` counts as a resource or a request key, not as a word in a log line.
    assert.strictEqual(mayHoldRequest('log.info("sent %d messages", n)\n'), false);
    for (const cue of ['client.messages.create(**p)', 'body = {"messages": msgs}', 'post(url, json=dict(messages=msgs))', 'JSON.stringify({ model, messages })', 'completion(model, msgs)', 'import { generateText } from "ai"']) {
      assert.strictEqual(mayHoldRequest(cue), true, cue);
    }
  });
});

describe('framework models made in another module', () => {
  it('AI SDK: a model or a provider factory exported by a workspace module is read there (Claude, or not Claude)', async () => {
    const ws = new Workspace();
    try {
      ws.write('lib/models.ts', 'import { anthropic, createAnthropic } from "@ai-sdk/anthropic";\nimport { openai } from "@ai-sdk/openai";\nexport const model = anthropic("claude-haiku-4-5");\nexport const gpt = openai("gpt-4o");\nexport const claude = createAnthropic({ apiKey: "x" });\n');
      const file = ws.write(
        'route.ts',
        'import { generateText } from "ai";\nimport { model, gpt, claude } from "./lib/models";\ngenerateText({ model, prompt: "a" });\ngenerateText({ model: gpt, prompt: "b" });\ngenerateText({ model: claude("claude-sonnet-4-5"), prompt: "c" });\n',
      );
      const result = await new Linter().lint(fs.readFileSync(file, 'utf8'), 'typescript', { fileName: file, promptFiles: ws.files });
      assert.deepStrictEqual(
        result.requests.map((r) => [r.dialect, r.model.assumed ? 'assumed' : r.model.family?.canonicalId, r.notClaude]),
        [
          ['ai-sdk', 'claude-haiku-4-5', false],
          ['ai-sdk', 'assumed', true],
          ['ai-sdk', 'claude-sonnet-4-5', false],
        ],
      );
    } finally {
      ws.remove();
    }
  });
});

describe('wrappers in another module that pass their arguments on to a request', () => {
  const linter = new Linter();
  let ws: Workspace;
  beforeEach(() => (ws = new Workspace()));
  afterEach(() => ws.remove());

  it('Python: each call of an imported **kwargs wrapper is a request built here; a request the module writes out itself stays the module’s', async () => {
    ws.write('llm.py', 'import anthropic\nclient = anthropic.Anthropic()\n\ndef create(**kwargs):\n    return client.messages.create(model="claude-sonnet-4-5", max_tokens=1024, **kwargs)\n\ndef ask(question):\n    return client.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=[{"type": "text", "text": "Be brief.", "cache_control": {"type": "ephemeral"}}], messages=[{"role": "user", "content": question}])\n');
    const file = ws.write(
      'agent.py',
      `from datetime import datetime\nfrom llm import create, ask\nimport llm\nGUIDE = ${JSON.stringify(GUIDE)}\n\ndef run(q):\n    create(system=[{"type": "text", "text": f"Now {datetime.now()}"}, {"type": "text", "text": GUIDE, "cache_control": {"type": "ephemeral"}}], messages=[{"role": "user", "content": q}])\n    llm.create(system=[{"type": "text", "text": "Short.", "cache_control": {"type": "ephemeral"}}], messages=[])\n    ask(q)\n`,
    );
    const result = await linter.lint(fs.readFileSync(file, 'utf8'), 'python', { fileName: file, promptFiles: ws.files });
    assert.deepStrictEqual(result.requests.map((r) => [r.call.range.start.line + 1, r.call.callee]), [
      [7, 'create(…) → client.messages.create'],
      [8, 'create(…) → client.messages.create'],
    ]);
    assert.deepStrictEqual(shown(result), ['7:52 volatile-before-breakpoint', '8:59 below-minimum']);
    // The marker written here may be removed by its fix; the module's text is never touched.
    const removal = result.findings[1].fixes.find((f) => f.title.startsWith('Remove'));
    assert.ok(removal && removal.edits.every((e) => e.startOffset > fs.readFileSync(file, 'utf8').indexOf('llm.create')));
    const module = await linter.lint(fs.readFileSync(path.join(ws.root, 'llm.py'), 'utf8'), 'python', { fileName: path.join(ws.root, 'llm.py'), promptFiles: ws.files });
    assert.deepStrictEqual(shown(module), ['8:122 below-minimum'], 'ask() is reported in its own module, once');
  });

  it('TS: an exported function passing its params object on', async () => {
    ws.write('llm.ts', 'import Anthropic from "@anthropic-ai/sdk";\nconst client = new Anthropic();\nexport async function create(params: Anthropic.MessageCreateParams) {\n  return client.messages.create(params);\n}\n');
    const file = ws.write('agent.ts', 'import { create } from "./llm";\ncreate({ model: "claude-sonnet-4-5", max_tokens: 5, system: [{ type: "text", text: "Short.", cache_control: { type: "ephemeral" } }], messages: [] });\n');
    const result = await linter.lint(fs.readFileSync(file, 'utf8'), 'typescript', { fileName: file, promptFiles: ws.files });
    assert.deepStrictEqual(shown(result), ['2:94 below-minimum']);
  });
});

describe('what is moved onto the importing use, and what stays where it is written', () => {
  const linter = new Linter();
  let ws: Workspace;
  beforeEach(() => (ws = new Workspace()));
  afterEach(() => ws.remove());
  const lint = (file: string) => linter.lint(fs.readFileSync(file, 'utf8'), 'python', { fileName: file, promptFiles: ws.files });

  it('a marker set in another module is named with its place; one written here and passed through an imported helper keeps its fixes', async () => {
    ws.write('lib/cache.py', 'def cached(text):\n    return {"type": "text", "text": text, "cache_control": {"type": "ephemeral"}}\n\ndef as_list(block):\n    return [block]\n');
    const file = ws.write(
      'main.py',
      pyRequest('[cached("Be brief.")]', 'from lib.cache import cached, as_list') + 'client.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=as_list({"type": "text", "text": "Short.", "cache_control": {"type": "ephemeral"}}), messages=[])\n',
    );
    const result = await lint(file);
    assert.deepStrictEqual(result.findings.map((f) => f.ruleId), ['below-minimum', 'below-minimum']);
    const [imported, local] = result.findings;
    assert.match(imported.message, /Breakpoint #1 \(system\[0\], marked in lib\/cache\.py:2\)/);
    assert.deepStrictEqual(imported.fixes.map((f) => f.title), ['Disable below-minimum for this line', 'Disable below-minimum for this file']);
    assert.doesNotMatch(local.message, /marked in/);
    const removal = local.fixes.find((f) => f.title.startsWith('Remove'));
    assert.ok(removal, local.fixes.map((f) => f.title).join(', '));
    const text = fs.readFileSync(file, 'utf8');
    assert.ok(!applyEdits(text, removal.edits).includes('"Short.", "cache_control"'), 'the local marker is removed from this file');
  });

  it('an unknown part says where it is, once, through a chain of modules; a parameter passed through keeps its own place', async () => {
    ws.write('deep.py', 'import os\nTEXT = os.environ["PROMPT"]\n');
    ws.write('mid.py', 'from deep import TEXT\nALSO = TEXT\n\ndef passthrough(x):\n    return x\n');
    const code = 'from mid import ALSO, passthrough\n\ndef ask(session_id):\n    client.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=[{"type": "text", "text": ALSO}, {"type": "text", "text": passthrough(session_id), "cache_control": {"type": "ephemeral"}}], messages=[])\n';
    const file = ws.write('main.py', `import anthropic\nclient = anthropic.Anthropic()\n${code}`);
    const result = await lint(file);
    const [first, second] = result.requests[0].blocks.map((b) => b.segments[0]);
    assert.strictEqual((first.reason?.match(/ \(in /g) ?? []).length, 1, first.reason);
    assert.match(first.reason ?? '', /\(in deep\.py:2\)$/);
    // `session_id` is this file's parameter: judged by its name, at its own place in this file.
    assert.strictEqual(second.stability, 'volatile');
    const text = fs.readFileSync(file, 'utf8');
    assert.strictEqual(second.range.startOffset, text.indexOf('session_id),'));
  });

  it('per-call text written in another module is reported here, saying where it is written', async () => {
    ws.write('context.py', 'from datetime import datetime\n\ndef stamp():\n    return f"Now: {datetime.now()}"\n');
    const file = ws.write('main.py', pyRequest(`[{"type": "text", "text": stamp()}, {"type": "text", "text": ${JSON.stringify(GUIDE)}, "cache_control": {"type": "ephemeral"}}]`, 'from context import stamp'));
    const result = await lint(file);
    assert.deepStrictEqual(result.findings.map((f) => f.ruleId), ['volatile-before-breakpoint']);
    assert.match(result.findings[0].message, /datetime\.now\(\), which returns the current time, different on every call \(in context\.py:4\)\./);
    const text = fs.readFileSync(file, 'utf8');
    assert.strictEqual(result.findings[0].range.startOffset, text.indexOf('stamp()}'), 'on the call that brought it');
    const segment = result.requests[0].blocks[0].segments.find((s) => s.stability === 'volatile');
    assert.deepStrictEqual([segment?.source, segment?.via], ['context.py:4', 'stamp()']);
  });

  it('an unordered listing built in another module is reported here, saying where, with no fix that would edit that module', async () => {
    ws.write('docs.py', 'import os\n\nNAMES = "\\n".join(os.listdir("docs"))\n');
    const file = ws.write('main.py', pyRequest(`[{"type": "text", "text": ${JSON.stringify(GUIDE)} + NAMES, "cache_control": {"type": "ephemeral"}}]`, 'from docs import NAMES'));
    const result = await lint(file);
    assert.deepStrictEqual(result.findings.map((f) => f.ruleId), ['unstable-order']);
    const [finding] = result.findings;
    const text = fs.readFileSync(file, 'utf8');
    assert.strictEqual(finding.range.startOffset, text.indexOf('NAMES, "cache_control"'), 'on the name that brought it');
    assert.match(finding.message, /docs\.py:3/);
    assert.deepStrictEqual(ownFixes(finding).map((f) => f.title), [], 'sorting would edit docs.py');
    // The same listing written here gets the sorting fix.
    const local = ws.write('local.py', pyRequest(`[{"type": "text", "text": ${JSON.stringify(GUIDE)} + NAMES, "cache_control": {"type": "ephemeral"}}]`, 'import os\nNAMES = "\\n".join(os.listdir("docs"))'));
    const here = await lint(local);
    assert.deepStrictEqual(here.findings.map((f) => f.ruleId), ['unstable-order']);
    assert.ok(ownFixes(here.findings[0]).length > 0, 'a sorting fix here');
  });

  it('a tool list from another module is shown in the hover by the name it was read through', async () => {
    ws.write('tools.py', `TOOLS = [{"name": "lookup", "description": ${JSON.stringify(GUIDE)}, "input_schema": {"type": "object"}, "cache_control": {"type": "ephemeral"}}]\n`);
    const file = ws.write('main.py', `import anthropic\nfrom tools import TOOLS\nclient = anthropic.Anthropic()\nclient.messages.create(model="claude-sonnet-4-5", max_tokens=5, tools=TOOLS, messages=[])\n`);
    const result = await lint(file);
    const hover = breakpointHover(result.requests[0], result.requests[0].breakpoints[0]);
    assert.match(hover, /\| tools\[0\] lookup \| `TOOLS`, tools\.py:1, ≈ \d,\d{3} tokens \|/);
  });
});

describe('JS/TS imports and exports in the engine’s terms', () => {
  const shape = async (code: string) => {
    const { SourceParser } = await import('../../src/core/parsing/parser');
    const { jsModuleInterface, requiredNames } = await import('../../src/core/syntax/js-modules');
    const parser = await SourceParser.create('typescript');
    const tree = parser.parse(code);
    try {
      const { imports, exports } = jsModuleInterface(tree.rootNode);
      const required: Record<string, string> = {};
      for (const declarator of tree.rootNode.descendantsOfType('variable_declarator')) {
        const name = declarator?.childForFieldName('name');
        const value = declarator?.childForFieldName('value');
        requiredNames(name!, value!)?.forEach((imported, local) => (required[local] = `${imported.spec}#${imported.name}`));
      }
      const target = (t: { kind: string; name?: string; node?: { text: string }; imported?: { spec: string; name: string } }) =>
        t.kind === 'local' ? `local ${t.name}` : t.kind === 'node' ? `node ${t.node!.text.slice(0, 20)}` : `import ${t.imported!.spec}#${t.imported!.name}`;
      return {
        imports: Object.fromEntries([...imports].map(([local, imported]) => [local, `${imported.spec}#${imported.name}`])),
        required,
        exports: Object.fromEntries([...exports.named].map(([name, t]) => [name, target(t)])),
        stars: exports.stars,
      };
    } finally {
      tree.delete();
    }
  };

  it('reads every import form', async () => {
    const found = await shape('import D, { a as b, c, "d" as e } from "./m";\nimport * as ns from "@/lib/p";\nimport "./side-effect";\nconst { k, l: mm, "q": r } = require("./r");\nconst whole = require("./w");\nconst notRequire = load("./x");\n');
    assert.deepStrictEqual(found.imports, { D: './m#default', b: './m#a', c: './m#c', e: './m#d', ns: '@/lib/p#*' });
    assert.deepStrictEqual(found.required, { k: './r#k', mm: './r#l', r: './r#q', whole: './w#*' });
  });

  it('reads every export form, ES and CommonJS', async () => {
    const found = await shape(
      [
        'export const X = 1, Y = 2;',
        'export function f() { return 1 }',
        'export default function g() { return 2 }',
        'const Z = 3;',
        'export { Z as Zed, Y as Why };',
        'export { q as r } from "./q";',
        'export * from "./all";',
        'export * as n2 from "./n2";',
        'module.exports = { A, B: 1, C: other, "D": 4 };',
        'module.exports.E = 5;',
        'exports.F = named;',
      ].join('\n'),
    );
    assert.deepStrictEqual(found.exports, {
      X: 'local X',
      Y: 'local Y',
      f: 'local f',
      g: 'local g',
      default: 'node function g() { retur',
      Zed: 'local Z',
      Why: 'local Y',
      r: 'import ./q#q',
      n2: 'import ./n2#*',
      A: 'local A',
      B: 'node 1',
      C: 'local other',
      D: 'node 4',
      E: 'node 5',
      F: 'local named',
    });
    assert.deepStrictEqual(found.stars, ['./all']);
    assert.deepStrictEqual((await shape('export default SYSTEM;')).exports, { default: 'local SYSTEM' });
    assert.deepStrictEqual((await shape('export default { a: 1 };')).exports, { default: 'node { a: 1 }' });
    assert.deepStrictEqual((await shape('module.exports = build();')).exports, { default: 'node build()' });
    assert.deepStrictEqual((await shape('module.exports = SYSTEM;')).exports, { default: 'local SYSTEM' });
    assert.deepStrictEqual((await shape('other.exports = 1;\nfoo();\n')).exports, {});
  });
});

describe('module resolution, file by file (an in-memory workspace)', () => {
  const root = path.resolve('/ws');
  const resolveWith = async (fileList: string[], configs: Record<string, string> = {}, packages: Record<string, string> = {}) => {
    const { ConfigCache, resolveModule } = await import('../../src/core/modules/resolve');
    const present = new Set(fileList.map((f) => path.join(root, f)));
    for (const file of Object.keys(configs)) {
      present.add(path.join(root, file));
    }
    const files = { root, isFile: (f: string) => present.has(f), readConfig: (f: string) => configs[path.relative(root, f).split(path.sep).join('/')] };
    const config = new ConfigCache(files, () => new Map(Object.entries(packages).map(([name, dir]) => [name, path.join(root, dir)])));
    return (importer: string, spec: string, language: 'python' | 'typescript' = 'typescript') => {
      const found = resolveModule(path.join(root, importer), spec, language, files, config);
      return found === undefined ? undefined : path.relative(root, found).split(path.sep).join('/');
    };
  };

  it('Python: relative levels, packages, the nearest folder on the way up, src/, and nothing outside', async () => {
    const resolve = await resolveWith(['app/a.py', 'app/sub/b.py', 'app/pkg/__init__.py', 'utils.py', 'app/utils.py', 'src/lib/core.py']);
    assert.strictEqual(resolve('app/sub/b.py', '..a', 'python'), 'app/a.py');
    assert.strictEqual(resolve('app/sub/b.py', '.', 'python'), undefined);
    assert.strictEqual(resolve('app/a.py', '.pkg', 'python'), 'app/pkg/__init__.py');
    assert.strictEqual(resolve('app/a.py', '.', 'python'), undefined);
    assert.strictEqual(resolve('app/a.py', 'utils', 'python'), 'app/utils.py', 'the importer’s own folder first');
    assert.strictEqual(resolve('app/sub/b.py', 'utils', 'python'), 'app/utils.py');
    assert.strictEqual(resolve('main.py', 'utils', 'python'), 'utils.py');
    assert.strictEqual(resolve('app/a.py', 'lib.core', 'python'), 'src/lib/core.py');
    assert.strictEqual(resolve('app/a.py', 'numpy', 'python'), undefined);
    assert.strictEqual(resolve('app/a.py', '...outside', 'python'), undefined);
  });

  it('TS/JS: extensions in TypeScript’s order, .js written for .ts, index files, JSON, and what is never followed', async () => {
    const resolve = await resolveWith(['src/a.ts', 'src/a.js', 'src/b.tsx', 'src/c.mts', 'src/d/index.ts', 'src/e.js', 'src/data.json', 'src/f.d.ts']);
    assert.strictEqual(resolve('src/main.ts', './a'), 'src/a.ts');
    assert.strictEqual(resolve('src/main.ts', './a.js'), 'src/a.ts');
    assert.strictEqual(resolve('src/main.ts', './b.jsx'), 'src/b.tsx');
    assert.strictEqual(resolve('src/main.ts', './c.mjs'), 'src/c.mts');
    assert.strictEqual(resolve('src/main.ts', './d'), 'src/d/index.ts');
    assert.strictEqual(resolve('src/main.ts', './e.js'), 'src/e.js');
    assert.strictEqual(resolve('src/main.ts', './data.json'), 'src/data.json');
    assert.strictEqual(resolve('src/main.ts', '/abs/path'), undefined);
    assert.strictEqual(resolve('src/main.ts', 'node:fs'), undefined);
    assert.strictEqual(resolve('src/main.ts', '../../outside'), undefined);
    assert.strictEqual(resolve('src/main.ts', 'react'), undefined);
  });

  it('tsconfig paths: exact and starred patterns in order, baseUrl, extends, the nearest config, a config without paths', async () => {
    const resolve = await resolveWith(
      ['web/src/lib/x.ts', 'web/src/fallback/x.ts', 'web/src/only.ts', 'web/lib/plain.ts', 'api/src/y.ts', 'shared/z.ts'],
      {
        'tsconfig.base.json': '{ "compilerOptions": { "paths": { "@shared/*": ["shared/*"] } } }',
        'web/tsconfig.json': '{ "extends": "../tsconfig.base", "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["src/lib/*", "src/fallback/*"], "only": ["src/only.ts"] } } }',
        'api/tsconfig.json': '{ "extends": "../tsconfig.base.json" }',
      },
    );
    assert.strictEqual(resolve('web/src/main.ts', '@/x'), 'web/src/lib/x.ts');
    assert.strictEqual(resolve('web/src/main.ts', 'only'), 'web/src/only.ts');
    assert.strictEqual(resolve('web/src/main.ts', 'lib/plain'), 'web/lib/plain.ts', 'baseUrl');
    assert.strictEqual(resolve('web/src/main.ts', '@shared/z'), undefined, 'paths are replaced, not merged, by the extending config');
    assert.strictEqual(resolve('api/src/main.ts', '@shared/z'), 'shared/z.ts', 'inherited, relative to the config that wrote them');
    assert.strictEqual(resolve('api/src/main.ts', '@/x'), undefined);
  });

  it('workspace packages: by name and subpath, their source for a dist entry, src/index, scoped names', async () => {
    const resolve = await resolveWith(
      ['packages/a/src/index.ts', 'packages/b/lib/main.js', 'packages/c/src/tools.ts', 'packages/d/index.js'],
      { 'packages/a/package.json': '{ "name": "@acme/a", "main": "dist/index.js", "types": "dist/index.d.ts" }', 'packages/b/package.json': '{ "name": "b", "main": "lib/main.js" }', 'packages/c/package.json': '{ "name": "@acme/c" }', 'packages/d/package.json': '{ "name": "d" }' },
      { '@acme/a': 'packages/a', b: 'packages/b', '@acme/c': 'packages/c', d: 'packages/d' },
    );
    assert.strictEqual(resolve('app/main.ts', '@acme/a'), 'packages/a/src/index.ts');
    assert.strictEqual(resolve('app/main.ts', 'b'), 'packages/b/lib/main.js');
    assert.strictEqual(resolve('app/main.ts', '@acme/c/tools'), 'packages/c/src/tools.ts');
    assert.strictEqual(resolve('app/main.ts', 'd'), 'packages/d/index.js');
    assert.strictEqual(resolve('app/main.ts', '@acme/none'), undefined);
  });

  it('tsconfig paths: a star pattern needs its prefix and suffix without overlap; malformed targets and overlong extends chains are ignored', async () => {
    const resolve = await resolveWith(
      ['src/index.ts', 'src/tools/index.ts', 'src/foo.ts', 'prompts/foo.ts', 'deep/a.ts'],
      {
        'tsconfig.json':
          '{ "compilerOptions": { "paths": { "@lib/*/index": ["src/*/index.ts"], "@p/*-prompt": ["prompts/*.ts"], "bad/*": "src/*", "mixed/*": ["src/*", 3] } } }',
        'c/tsconfig.json': '{ "extends": "./t1.json" }',
        'c/t1.json': '{ "extends": "./t2.json" }',
        'c/t2.json': '{ "extends": "./t3.json" }',
        'c/t3.json': '{ "extends": "./t4.json" }',
        'c/t4.json': '{ "extends": "./t5.json" }',
        'c/t5.json': '{ "compilerOptions": { "paths": { "@deep/*": ["../deep/*"] } } }',
        'e/tsconfig.json': '{ "extends": "./t4.json" }',
        'e/t4.json': '{ "extends": "./t5.json" }',
        'e/t5.json': '{ "compilerOptions": { "paths": { "@deep/*": ["../deep/*"] } } }',
      },
    );
    assert.strictEqual(resolve('main.ts', '@lib/tools/index'), 'src/tools/index.ts');
    // `@lib/index` has the prefix `@lib/` and the suffix `/index`, but they overlap: no match.
    assert.strictEqual(resolve('main.ts', '@lib/index'), undefined);
    assert.strictEqual(resolve('main.ts', '@p/foo-prompt'), 'prompts/foo.ts');
    assert.strictEqual(resolve('main.ts', '@p/foo'), undefined, 'the prefix alone is not a match');
    assert.strictEqual(resolve('main.ts', 'bad/foo'), undefined, 'targets that are not a list');
    assert.strictEqual(resolve('main.ts', 'mixed/foo'), undefined, 'a list with a non-string');
    assert.strictEqual(resolve('e/main.ts', '@deep/a'), 'deep/a.ts', 'two extends are followed');
    assert.strictEqual(resolve('c/main.ts', '@deep/a'), undefined, 'five are too many');
  });

  it('workspace packages: manifest fields in order (source, types, typings, module, main), a built path mapped to src/ without .d.ts', async () => {
    const resolve = await resolveWith(
      ['p1/src/source.ts', 'p1/src/main.ts', 'p2/src/typed.ts', 'p3/lib/module.js', 'p3/main.js', 'p4/src/nested/out/x.ts', 'p5/src/main.ts', 'p5/index.js'],
      {
        'p1/package.json': '{ "name": "p1", "source": "src/source.ts", "main": "src/main.ts" }',
        'p2/package.json': '{ "name": "p2", "typings": "./dist/typed.d.ts" }',
        'p3/package.json': '{ "name": "p3", "module": "lib/module.js", "main": "main.js" }',
        'p4/package.json': '{ "name": "p4", "main": "src/nested/out/x.js" }',
        'p5/package.json': '{ "name": "p5", "types": "dist/main.d.ts" }',
      },
      { p1: 'p1', p2: 'p2', p3: 'p3', p4: 'p4', p5: 'p5' },
    );
    assert.strictEqual(resolve('app/main.ts', 'p1'), 'p1/src/source.ts');
    assert.strictEqual(resolve('app/main.ts', 'p2'), 'p2/src/typed.ts');
    assert.strictEqual(resolve('app/main.ts', 'p3'), 'p3/lib/module.js');
    assert.strictEqual(resolve('app/main.ts', 'p4'), 'p4/src/nested/out/x.ts', 'only a leading build folder is mapped');
    assert.strictEqual(resolve('app/main.ts', 'p5'), 'p5/src/main.ts', 'the declaration file named, unbuilt: its source');
  });

  it('relative `.` and `..` name a folder\'s index; absolute paths and node: builtins are never followed', async () => {
    const resolve = await resolveWith(['app/index.ts', 'app/sub/main.ts', 'index.ts', 'node:fs.ts', 'node_modules/x.ts'], {});
    assert.strictEqual(resolve('app/main.ts', '.'), 'app/index.ts');
    assert.strictEqual(resolve('app/sub/main.ts', '..'), 'app/index.ts');
    assert.strictEqual(resolve('app/main.ts', 'node:fs'), undefined);
    assert.strictEqual(resolve('app/main.ts', '/index'), undefined);
  });
});
