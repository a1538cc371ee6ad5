import * as assert from 'assert';
import { Linter, languageOfFile, ruleDocsUrl } from '../../src/core';
import { grammarFor } from '../../src/core/parsing/parser';

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

  it('links each rule to its documentation page, and the rule list otherwise', () => {
    assert.strictEqual(ruleDocsUrl('below-minimum'), 'https://github.com/prompt-cache-lint/prompt-cache-lint/blob/main/docs/rules/below-minimum.md');
    assert.strictEqual(ruleDocsUrl(), 'https://github.com/prompt-cache-lint/prompt-cache-lint#rules');
  });
});
