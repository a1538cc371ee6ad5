import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Linter, languageOfFile, ruleDocsUrl } from '../../src/core';
import { SourceParser, grammarFor } from '../../src/core/parsing/parser';

type ParserModule = typeof import('../../src/core/parsing/parser');
const PARSER_MODULE = require.resolve('../../src/core/parsing/parser');
const RUNTIME_MODULE = require.resolve('@vscode/tree-sitter-wasm');

/**
 * Runs `body` on a cold copy of the parser module and of the tree-sitter runtime, as the extension
 * has them on its first lint. The shared copies stay loaded for every other test: the runtime and
 * the grammars load once per process, so only a cold copy shows that the loading works (in a
 * mutation run, a loader mutant would otherwise meet an already loaded runtime and survive).
 */
async function withColdParser(body: (cold: ParserModule) => Promise<void>): Promise<void> {
  const shared = [PARSER_MODULE, RUNTIME_MODULE].map((id) => [id, require.cache[id]] as const);
  shared.forEach(([id]) => delete require.cache[id]);
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    await body(require(PARSER_MODULE) as ParserModule);
  } finally {
    for (const [id, module] of shared) {
      if (module) {
        require.cache[id] = module;
      } else {
        delete require.cache[id];
      }
    }
  }
}

const FILE_LANGUAGES: [string, string | undefined][] = [
  ['a.py', 'python'],
  ['stubs.PYI', 'python'],
  ['a.ts', 'typescript'],
  ['App.TSX', 'typescript'],
  ['a.mts', 'typescript'],
  ['a.cts', 'typescript'],
  ['a.js', 'javascript'],
  ['a.jsx', 'javascript'],
  ['a.mjs', 'javascript'],
  ['a.cjs', 'javascript'],
  ['a.d', undefined],
  ['README.md', undefined],
  ['py', undefined],
  ['notebook.ipynb', undefined],
];

/** Which files are read, with which grammar; and where a rule's documentation lives. */
describe('languages and grammars', () => {
  it('reads Python, TypeScript and JavaScript files by extension, in any case, and nothing else', () => {
    for (const [file, language] of FILE_LANGUAGES) {
      assert.strictEqual(languageOfFile(file), language, file);
    }
  });

  it('parses TSX with its own grammar and JSX with the JavaScript one', async () => {
    assert.strictEqual(grammarFor('python', 'a.tsx'), 'python');
    assert.strictEqual(grammarFor('typescript', 'a.TSX'), 'tsx');
    assert.strictEqual(grammarFor('typescript', 'a.ts'), 'typescript');
    assert.strictEqual(grammarFor('typescript'), 'typescript');
    assert.strictEqual(grammarFor('javascript', 'a.jsx'), 'javascript');
    // The grammar matters: JSX in a .tsx file parses, in a .ts file it does not.
    const code = 'const view = <div>{client.messages.create({ model: "claude-sonnet-4-5", max_tokens: 5, messages: [] })}</div>;\n';
    const linter = new Linter();
    assert.strictEqual((await linter.lint(code, 'typescript', { fileName: 'view.tsx' })).hasSyntaxErrors, false);
    assert.strictEqual((await linter.lint(code, 'typescript', { fileName: 'view.ts' })).hasSyntaxErrors, true);
  });

  it('loads the runtime and each grammar once on first use, from the package or a directory the bundle sets', async () => {
    await withColdParser(async (cold) => {
      // The extension table is built when the module loads, so only a fresh copy tests how it is built.
      for (const [file, language] of FILE_LANGUAGES) {
        assert.strictEqual(cold.languageOfFile(file), language, file);
      }
      const first = await cold.SourceParser.create('python');
      assert.strictEqual(first.parse('f(1)\n').rootNode.type, 'module');
      // One grammar load per id: a second parser shares the language (and so its compiled queries).
      const second = await cold.SourceParser.create('python');
      assert.strictEqual(second.parse('g(2)\n').language, first.parse('f(1)\n').language);
      for (const id of ['typescript', 'tsx', 'javascript'] as const) {
        assert.strictEqual((await cold.SourceParser.create(id)).parse('f(1);\n').rootNode.type, 'program', id);
      }
    });
    // A bundle sets the directory its .wasm files were copied to, and only that one is read.
    const copied = fs.mkdtempSync(path.join(os.tmpdir(), 'pcl-wasm-'));
    try {
      for (const file of ['tree-sitter.wasm', 'tree-sitter-python.wasm']) {
        fs.copyFileSync(path.join(path.dirname(RUNTIME_MODULE), file), path.join(copied, file));
      }
      await withColdParser(async (cold) => {
        cold.setWasmDirectory(copied);
        assert.strictEqual((await cold.SourceParser.create('python')).parse('x = 1\n').rootNode.type, 'module');
        await assert.rejects(cold.SourceParser.create('typescript'), 'the copied directory has no TypeScript grammar');
      });
    } finally {
      fs.rmSync(copied, { recursive: true, force: true });
    }
  });

  it('compiles node-type queries only once the runtime is loaded, each type list of each grammar once, skipping types the grammar lacks', async () => {
    const sharedLanguage = (await SourceParser.create('python')).parse('f(1)\n').language;
    await withColdParser(async (cold) => {
      assert.throws(() => cold.nodeTypeQuery(sharedLanguage, ['call']), /tree-sitter is not loaded/);
      const tree = (await cold.SourceParser.create('python')).parse('f(1)\nclass A:\n    g(2)\n');
      const query = cold.nodeTypeQuery(tree.language, ['call', 'jsx_element', 'class_definition']);
      assert.strictEqual(cold.nodeTypeQuery(tree.language, ['call', 'jsx_element', 'class_definition']), query);
      assert.deepStrictEqual(query.captures(tree.rootNode).map((c) => `${c.name}:${c.node.text}`), ['call:f(1)', 'class_definition:class A:\n    g(2)', 'call:g(2)']);
      const calls = cold.nodeTypeQuery(tree.language, ['call']);
      assert.deepStrictEqual(calls.captures(tree.rootNode).map((c) => c.node.text), ['f(1)', 'g(2)']);
      // The same types in another grammar are another query.
      const tsTree = (await cold.SourceParser.create('typescript')).parse('f(1);');
      assert.notStrictEqual(cold.nodeTypeQuery(tsTree.language, ['call', 'jsx_element', 'class_definition']), query);
      // An edit re-parses from the previous tree.
      const parser = await cold.SourceParser.create('python');
      const edited = parser.parse('f(10)\nclass A:\n    g(2)\n', parser.parse('f(1)\nclass A:\n    g(2)\n'));
      assert.strictEqual(edited.rootNode.text, 'f(10)\nclass A:\n    g(2)\n');
    });
  });

  it('links each rule to its documentation page, and the rule list otherwise', () => {
    assert.strictEqual(ruleDocsUrl('below-minimum'), 'https://github.com/prompt-cache-lint/prompt-cache-lint/blob/main/docs/rules/below-minimum.md');
    assert.strictEqual(ruleDocsUrl(), 'https://github.com/prompt-cache-lint/prompt-cache-lint#rules');
  });
});
