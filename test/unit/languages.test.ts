import * as assert from 'assert';
import { Linter, languageOfFile, ruleDocsUrl } from '../../src/core';
import { SourceParser, grammarFor, nodeTypeQuery } from '../../src/core/parsing/parser';

/** Which files are read, with which grammar; and where a rule's documentation lives. */
describe('languages and grammars', () => {
  it('reads Python, TypeScript and JavaScript files by extension, in any case, and nothing else', () => {
    const cases: [string, string | undefined][] = [
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
    for (const [file, language] of cases) {
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

  it('compiles one node-type query per grammar and type list, skipping types the grammar lacks', async () => {
    const parser = await SourceParser.create('python');
    const tree = parser.parse('f(1)\nclass A:\n    g(2)\n');
    const language = tree.language;
    const query = nodeTypeQuery(language, ['call', 'jsx_element', 'class_definition']);
    assert.strictEqual(nodeTypeQuery(language, ['call', 'jsx_element', 'class_definition']), query, 'compiled once');
    assert.notStrictEqual(nodeTypeQuery(language, ['call']), query, 'another type list is another query');
    const captured = query.captures(tree.rootNode).map((c) => `${c.name}:${c.node.text}`);
    assert.deepStrictEqual(captured, ['call:f(1)', 'class_definition:class A:\n    g(2)', 'call:g(2)']);
    // The same types in another grammar are another query.
    const tsTree = (await SourceParser.create('typescript')).parse('f(1);');
    assert.notStrictEqual(nodeTypeQuery(tsTree.language, ['call', 'jsx_element', 'class_definition']), query);
    // An edit re-parses from the previous tree.
    const edited = parser.parse('f(10)\nclass A:\n    g(2)\n', tree);
    assert.strictEqual(edited.rootNode.text, 'f(10)\nclass A:\n    g(2)\n');
  });

  it('links each rule to its documentation page, and the rule list otherwise', () => {
    assert.strictEqual(ruleDocsUrl('below-minimum'), 'https://github.com/prompt-cache-lint/prompt-cache-lint/blob/main/docs/rules/below-minimum.md');
    assert.strictEqual(ruleDocsUrl(), 'https://github.com/prompt-cache-lint/prompt-cache-lint#rules');
  });
});
