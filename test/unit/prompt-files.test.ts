import * as assert from 'assert';
import fc from 'fast-check';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FolderPromptFiles, Linter, MAX_PROMPT_FILE_BYTES, type LintResult, type SourceLanguage, breakpointHover } from '../../src/core';

/**
 * Prompt files named in code are read from real files in a temporary workspace: the path forms each
 * language spells, and the refusals that keep reading inside the workspace and to text.
 */
describe('prompt files named in code', () => {
  let root: string;
  let outside: string;
  const guide = 'Follow the support policy carefully, cite the relevant section, and keep answers short. '.repeat(120);
  const linter = new Linter();

  before(() => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'pcl-prompt-files-'));
    root = path.join(base, 'workspace');
    outside = path.join(base, 'outside');
    fs.mkdirSync(path.join(root, 'app', 'prompts'), { recursive: true });
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(root, 'app', 'prompts', 'system.md'), guide);
    fs.writeFileSync(path.join(root, 'app', 'prompts', 'short.md'), '\uFEFFBe brief.');
    fs.writeFileSync(path.join(root, 'shared.md'), guide);
    fs.writeFileSync(path.join(root, '..dotted.md'), 'Dotted name.');
    fs.writeFileSync(path.join(outside, 'secret.md'), 'TOP SECRET '.repeat(500));
    fs.symlinkSync(path.join(outside, 'secret.md'), path.join(root, 'app', 'prompts', 'link.md'));
    fs.writeFileSync(path.join(root, 'app', 'prompts', 'huge.md'), 'x'.repeat(MAX_PROMPT_FILE_BYTES + 1));
    fs.writeFileSync(path.join(root, 'app', 'prompts', 'binary.md'), Buffer.from([0x48, 0x00, 0x49]));
  });

  after(() => {
    fs.rmSync(path.dirname(root), { recursive: true, force: true });
  });

  const request = (language: SourceLanguage, system: string) =>
    language === 'python'
      ? `client.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=[{"type": "text", "text": ${system}, "cache_control": {"type": "ephemeral"}}], messages=[{"role": "user", "content": q}])\n`
      : `client.messages.create({ model: "claude-sonnet-4-5", max_tokens: 5, system: [{ type: "text", text: ${system}, cache_control: { type: "ephemeral" } }], messages: [{ role: "user", content: q }] });\n`;

  async function lintIn(language: SourceLanguage, code: string, promptFiles: FolderPromptFiles | null = new FolderPromptFiles(root)): Promise<LintResult> {
    const fileName = path.join(root, 'app', language === 'python' ? 'main.py' : 'main.ts');
    return linter.lint(code, language, { fileName, promptFiles: promptFiles ?? undefined });
  }

  /** The system text of each request: the static text, or the reason it is unknown. */
  function systemTexts(result: LintResult): string[] {
    return result.requests.map((r) => {
      const segments = r.blocks.filter((b) => b.section === 'system').flatMap((b) => b.segments);
      return segments.map((s) => (s.stability === 'static' ? s.text : `<${s.stability}: ${s.reason}>`)).join('');
    });
  }

  it('reads the Python forms: Path(__file__).parent / ..., os.path.join(os.path.dirname(__file__), ...), open(...).read(), names bound once', async () => {
    const code = [
      'import os',
      'from pathlib import Path',
      'HERE = Path(__file__).parent',
      'SYSTEM = (HERE / "prompts" / "system.md").read_text(encoding="utf-8")',
      request('python', 'SYSTEM'),
      request('python', 'open(os.path.join(os.path.dirname(__file__), "prompts", "short.md"), encoding="utf-8").read()'),
      request('python', 'open("prompts/short.md", "r").read()'),
      request('python', 'Path("shared.md").read_text()'),
      request('python', 'HERE.joinpath("prompts", "system.md").read_text()'),
      request('python', 'open("..dotted.md").read()'),
    ].join('\n');
    const result = await lintIn('python', code);
    assert.deepStrictEqual(systemTexts(result), [guide, 'Be brief.', 'Be brief.', guide, guide, 'Dotted name.']);
    const read = ['app/prompts/short.md', 'app/prompts/system.md', 'shared.md', '..dotted.md'].map((p) => fs.realpathSync(path.join(root, p)));
    assert.deepStrictEqual([...(result.promptFiles ?? [])].sort(), read.sort());
    // The long prompts are cached; the short ones (2nd, 3rd and 6th requests) are under the minimum.
    const requestLines = result.requests.map((r) => r.call.range.start.line);
    const belowMinimum = result.findings.filter((f) => f.ruleId === 'below-minimum').map((f) => f.range.start.line);
    assert.deepStrictEqual(belowMinimum, [requestLines[1], requestLines[2], requestLines[5]]);
    // The hover names the file the cached text came from, as the code spells it.
    const first = result.requests[0];
    assert.match(breakpointHover(first, first.breakpoints[0]), /\| Read from \| `prompts\/system.md` \|/);
    const stripped = await lintIn('python', request('python', 'open("prompts/short.md").read().strip()'));
    assert.match(breakpointHover(stripped.requests[0], stripped.requests[0].breakpoints[0]), /`prompts\/short.md`/);
  });

  it('follows `with open(...) as f:` to `f.read()` (text mode only, one target per item)', async () => {
    const code = [
      'with open("prompts/system.md", encoding="utf-8") as f:',
      '    SYSTEM = f.read()',
      'with open("prompts/short.md", "rb") as raw, open("prompts/short.md") as text:',
      '    BYTES = raw.read()',
      '    SHORT = text.read()',
      request('python', 'SYSTEM'),
      request('python', 'BYTES'),
      request('python', 'SHORT'),
      request('python', 'f'),
    ].join('\n');
    const texts = systemTexts(await lintIn('python', code));
    assert.strictEqual(texts[0], guide);
    assert.match(texts[1], /as bytes/);
    assert.strictEqual(texts[2], 'Be brief.');
    assert.match(texts[3], /`f` is bound by a with statement/);
  });

  it('reads the JS/TS forms: readFileSync with an encoding, path.join(__dirname, ...), new URL(..., import.meta.url), await readFile, .toString()', async () => {
    const code = [
      'import { readFileSync } from "fs";',
      'import { readFile } from "fs/promises";',
      'import * as path from "path";',
      'const PROMPTS = path.join(__dirname, "prompts");',
      'const SYSTEM = readFileSync(path.join(PROMPTS, "system.md"), "utf8");',
      request('typescript', 'SYSTEM'),
      request('typescript', 'readFileSync(new URL("./prompts/short.md", import.meta.url), { encoding: "utf-8" })'),
      request('typescript', 'await readFile(__dirname + "/prompts/short.md", "utf8")'),
      request('typescript', 'readFileSync("shared.md").toString()'),
      request('typescript', 'readFileSync("shared.md")'),
    ].join('\n');
    const result = await lintIn('typescript', code);
    const texts = systemTexts(result);
    assert.deepStrictEqual(texts.slice(0, 4), [guide, 'Be brief.', 'Be brief.', guide]);
    assert.match(texts[4], /^<stable-unknown: read from a file as bytes/);
  });

  it('reads the ESM and path-module forms, and leaves a path it cannot place unknown rather than guess', async () => {
    const head = [
      'import { readFileSync, promises } from "fs";',
      'import * as fsp from "fs/promises";',
      'import * as path from "path";',
      'import { posix, dirname, join } from "path";',
      'import { fileURLToPath } from "url";',
      'const name = process.env.PROMPT;',
    ];
    const cases: Array<[string, string]> = [
      ['readFileSync(path.join(import.meta.dirname, "prompts", "short.md"), "utf8")', 'Be brief.'],
      ['readFileSync(join(dirname(fileURLToPath(import.meta.url)), "prompts/short.md"), "utf8")', 'Be brief.'],
      ['readFileSync(path.join(path.dirname(import.meta.filename), "prompts", "short.md"), "utf8")', 'Be brief.'],
      ['readFileSync(path.join(path.dirname(__filename), "prompts", "short.md"), "utf8")', 'Be brief.'],
      ['readFileSync(path.resolve(__dirname, "../shared.md"), "utf8")', guide],
      ['readFileSync(posix.join(__dirname, "prompts/short.md"), "utf8")', 'Be brief.'],
      ['readFileSync(path.posix.join(__dirname, "prompts/short.md"), "utf8")', 'Be brief.'],
      ['readFileSync(path.normalize(__dirname + "/prompts/../prompts/short.md"), "utf8")', 'Be brief.'],
      ['readFileSync(`${__dirname}/prompts/short.md`, "utf8")', 'Be brief.'],
      ['readFileSync(new URL("../shared.md", import.meta.url), "utf8")', guide],
      ['(await promises.readFile("prompts/short.md", "utf8"))', 'Be brief.'],
      ['(await fsp.readFile("prompts/short.md", "UTF8"))', 'Be brief.'],
      // `__dirname + "prompts/short.md"` is ".../appprompts/short.md": not the file beside the code.
      ['readFileSync(__dirname + "prompts/short.md", "utf8")', '<stable-unknown: read from a file whose path is computed at run time>'],
      ['readFileSync(`${__dirname}prompts/short.md`, "utf8")', '<stable-unknown: read from a file whose path is computed at run time>'],
      ['readFileSync(`${name}/short.md`, "utf8")', '<stable-unknown: read from a file whose path is computed at run time>'],
      ['readFileSync(fileURLToPath(import.meta.url).replace("main", "x"), "utf8")', '<stable-unknown: read from a file whose path is computed at run time>'],
      ['readFileSync(new URL("./prompts/short.md"), "utf8")', '<stable-unknown: read from a file whose path is computed at run time>'],
      ['readFileSync(other.join(__dirname, "prompts/short.md"), "utf8")', '<stable-unknown: read from a file whose path is computed at run time>'],
      ['readFileSync(path.join(__dirname, "prompts", name), "utf8")', '<stable-unknown: read from a file whose path is computed at run time>'],
      ['readFileSync("prompts/short.md", { encoding: "latin1" })', '<stable-unknown: read from a file as bytes or in an encoding set at run time>'],
      ['readFileSync("prompts/short.md", { flag: "r" })', '<stable-unknown: read from a file as bytes or in an encoding set at run time>'],
    ];
    const result = await lintIn('typescript', [...head, ...cases.map(([system]) => request('typescript', system))].join('\n'));
    assert.deepStrictEqual(systemTexts(result), cases.map(([, text]) => text));
  });

  it('reads the os.path and pathlib forms, and leaves a path it cannot place unknown', async () => {
    const head = ['import os', 'from os import path', 'from pathlib import Path', 'name = os.environ["PROMPT"]'];
    const cases: Array<[string, string]> = [
      ['open(path.join(path.dirname(__file__), "prompts", "short.md")).read()', 'Be brief.'],
      ['open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "prompts/short.md")).read()', 'Be brief.'],
      ['open(os.path.join(os.path.dirname(os.path.realpath(__file__)), "prompts/short.md")).read()', 'Be brief.'],
      ['open(os.path.normpath(os.path.join(os.path.dirname(__file__), "prompts", "..", "prompts", "short.md"))).read()', 'Be brief.'],
      ['open(os.fspath(Path(__file__).parent / "prompts" / "short.md")).read()', 'Be brief.'],
      ['open(str(Path(__file__).parent / "prompts" / "short.md")).read()', 'Be brief.'],
      ['Path(__file__).resolve().parent.joinpath("prompts", "short.md").read_text()', 'Be brief.'],
      ['Path(__file__).absolute().parent.joinpath("prompts").joinpath("short.md").read_text()', 'Be brief.'],
      ['Path(__file__).parent.parent.joinpath("shared.md").read_text()', guide],
      ['open("prom" "pts/short.md").read()', 'Be brief.'],
      ['open(Path(__file__).with_name("prompts") / "short.md").read()', '<stable-unknown: read from a file whose path is computed at run time>'],
      ['open(os.path.join(os.path.dirname(__file__), name)).read()', '<stable-unknown: read from a file whose path is computed at run time>'],
      ['(Path(__file__).parent // "x").read_text()', '<stable-unknown: read from a file whose path is computed at run time>'],
      ['(Path(__file__).parent / "prompts" / "short.md").read_bytes()', '<stable-unknown: read from a file>'],
    ];
    const result = await lintIn('python', [...head, ...cases.map(([system]) => request('python', system))].join('\n'));
    assert.deepStrictEqual(systemTexts(result), cases.map(([, text]) => text));
  });

  it('never reads outside the workspace: .. paths, absolute paths and symlinks that lead out', async () => {
    const secret = path.join(outside, 'secret.md');
    const code = [
      request('python', 'open("../../outside/secret.md").read()'),
      request('python', `open(${JSON.stringify(secret)}).read()`),
      request('python', '(Path(__file__).parent / "prompts" / "link.md").read_text()'),
    ].join('\n');
    const result = await lintIn('python', code);
    const texts = systemTexts(result);
    assert.match(texts[0], /outside the workspace, so it is not read/);
    assert.match(texts[1], /outside the workspace, so it is not read/);
    assert.match(texts[2], /links outside the workspace, so it is not read/);
    assert.ok(texts.every((t) => !t.includes('TOP SECRET')));
    assert.strictEqual(result.promptFiles, undefined);
  });

  it('reads text only, up to the size cap, and says why when it does not', async () => {
    const code = [
      request('python', 'open("prompts/huge.md").read()'),
      request('python', 'open("prompts/binary.md").read()'),
      request('python', 'open("prompts/missing.md").read()'),
      request('python', 'open("prompts/system.md", "rb").read()'),
      request('python', 'open(name).read()'),
      request('python', 'open(f"prompts/{lang}.md").read()'),
    ].join('\n');
    const texts = systemTexts(await lintIn('python', code));
    assert.match(texts[0], /larger than 1 MB/);
    assert.match(texts[1], /not a text file/);
    assert.match(texts[2], /`prompts\/missing.md` is not found/);
    assert.match(texts[3], /as bytes/);
    assert.match(texts[4], /path is computed at run time/);
    assert.match(texts[5], /path is computed at run time/);
  });

  it('never throws and never returns a file from outside, whatever the path (fuzzed)', () => {
    const files = new FolderPromptFiles(root);
    const source = path.join(root, 'app', 'main.py');
    const segment = fc.constantFrom('..', '.', 'prompts', 'system.md', 'link.md', 'outside', 'secret.md', '', '\u0000', '~', 'C:', '\\', '//', path.dirname(root));
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 6 }), fc.constantFrom('source' as const, 'runtime' as const), fc.boolean(), (parts, anchor, absolute) => {
        const spelled = (absolute ? '/' : '') + parts.join('/');
        const result = files.read({ anchor, path: spelled }, source);
        if ('text' in result) {
          assert.ok(!path.relative(fs.realpathSync(root), result.path).startsWith('..'), `${spelled} read ${result.path}`);
          assert.ok(!result.text.includes('TOP SECRET'));
        } else {
          assert.ok(result.reason.length > 0);
        }
      }),
      { seed: 7, numRuns: 400 },
    );
  });

  it('reads nothing without a prompt-file source (the default for the core), and rereads a file that changed', async () => {
    const code = request('python', 'open("prompts/system.md").read()');
    assert.match(systemTexts(await lintIn('python', code, null))[0], /^<stable-unknown: read from the file `prompts\/system.md`>$/);
    const files = new FolderPromptFiles(root);
    const file = path.join(root, 'app', 'prompts', 'changing.md');
    fs.writeFileSync(file, 'first');
    const changing = request('python', 'open("prompts/changing.md").read()');
    assert.deepStrictEqual(systemTexts(await lintIn('python', changing, files)), ['first']);
    fs.writeFileSync(file, 'second, longer');
    assert.deepStrictEqual(systemTexts(await lintIn('python', changing, files)), ['second, longer']);
  });
});

describe('the workspace folder: files, stamps and packages', () => {
  let base: string;
  let root: string;
  before(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'pcl-workspace-'));
    root = path.join(base, 'ws');
    const write = (relative: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
      fs.writeFileSync(path.join(root, relative), text);
    };
    write('package.json', '{ "name": "root-app" }');
    write('packages/a/package.json', '{ "name": "@acme/a" }');
    write('packages/dup/package.json', '{ "name": "@acme/a" }');
    write('packages/unnamed/package.json', '{ "version": "1.0.0" }');
    write('packages/broken/package.json', '{ "name": ');
    write('node_modules/dep/package.json', '{ "name": "dep" }');
    write('.hidden/pkg/package.json', '{ "name": "hidden" }');
    write('l1/l2/l3/l4/package.json', '{ "name": "four-deep" }');
    write('l1/l2/l3/l4/l5/package.json', '{ "name": "five-deep" }');
    fs.mkdirSync(path.join(root, 'dir/package.json'), { recursive: true });
    fs.writeFileSync(path.join(base, 'outside.md'), 'outside');
  });
  after(() => fs.rmSync(base, { recursive: true, force: true }));

  it('finds packages by name up to four folders down, nearest first, skipping node_modules, hidden folders and manifests without a name', () => {
    const packages = new FolderPromptFiles(root).workspacePackages();
    const relative = Object.fromEntries([...packages].map(([name, dir]) => [name, path.relative(root, dir).split(path.sep).join('/')]));
    assert.deepStrictEqual(relative, { 'root-app': '', '@acme/a': 'packages/a', 'four-deep': 'l1/l2/l3/l4' });
  });

  it('a file outside the root is never a file, an open document is one before it is saved, and stamps say which', () => {
    const files = new FolderPromptFiles(root);
    const unsaved = path.join(root, 'new.ts');
    assert.strictEqual(files.isFile(path.join(base, 'outside.md')), false);
    assert.strictEqual(files.isFile(path.join(root, 'package.json')), true);
    assert.strictEqual(files.isFile(path.join(root, 'dir/package.json')), false, 'a folder is not a file');
    assert.strictEqual(files.isFile(unsaved), false);
    assert.strictEqual(files.stampOf(unsaved), undefined);
    const stat = fs.statSync(path.join(root, 'package.json'));
    assert.strictEqual(files.stampOf(path.join(root, 'package.json')), `${stat.mtimeMs}:${stat.size}`);
    files.openDocument = (file) => (file === unsaved || file === path.join(base, 'outside.md') ? { version: 7, text: () => 'export const A = 1;' } : undefined);
    assert.strictEqual(files.isFile(unsaved), true);
    assert.strictEqual(files.stampOf(unsaved), 'open:7');
    assert.deepStrictEqual(files.readWorkspaceFile(unsaved), { text: 'export const A = 1;', path: unsaved });
    // An editor's open document outside the root is still outside.
    assert.strictEqual(files.isFile(path.join(base, 'outside.md')), false);
    assert.ok('reason' in files.readWorkspaceFile(path.join(base, 'outside.md')));
  });

  it('an open document over the size cap is not read, and says why', () => {
    const files = new FolderPromptFiles(root);
    const big = path.join(root, 'big.ts');
    files.openDocument = (file) => (file === big ? { version: 1, text: () => 'x'.repeat(MAX_PROMPT_FILE_BYTES + 1) } : undefined);
    assert.deepStrictEqual(files.readWorkspaceFile(big), { reason: `\`big.ts\` is larger than ${MAX_PROMPT_FILE_BYTES / 1_000_000} MB, so it is not read` });
    files.openDocument = (file) => (file === big ? { version: 2, text: () => 'x'.repeat(MAX_PROMPT_FILE_BYTES) } : undefined);
    assert.ok('text' in files.readWorkspaceFile(big), 'exactly at the cap is read');
  });
});
