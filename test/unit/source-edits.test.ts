import * as assert from 'assert';
import { type Finding, type FixableLint, type TextEdit, applyEdits, fixAll, minimalEdit, safeFixes } from '../../src/core';
import { fixAllEdit } from '../../src/core/fixes/fix-all';
import { SourceEditor } from '../../src/core/fixes/source-edits';
import { type SyntaxNode, SourceParser } from '../../src/core/parsing/parser';
import type { SourceLanguage } from '../../src/core/types';

/** The edit builders fixes are made of, on real parse trees, and the one fix-all loop. */

const parsers = new Map<string, Promise<SourceParser>>();
async function parse(text: string, language: SourceLanguage): Promise<SyntaxNode> {
  const grammar = language === 'python' ? 'python' : 'typescript';
  if (!parsers.has(grammar)) {
    parsers.set(grammar, SourceParser.create(grammar));
  }
  return (await parsers.get(grammar)!).parse(text).rootNode;
}

/** The first dict/object literal in the text, and its entries. */
async function literal(text: string, language: SourceLanguage): Promise<{ node: SyntaxNode; entries: SyntaxNode[] }> {
  const root = await parse(text, language);
  const node = root.descendantsOfType(language === 'python' ? 'dictionary' : 'object')[0];
  assert.ok(node, `no literal in ${text}`);
  return { node, entries: node.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment') };
}

async function removed(text: string, language: SourceLanguage, index: number): Promise<string> {
  const { entries } = await literal(text, language);
  return applyEdits(text, [new SourceEditor(text, language).removeEntry(entries[index])]);
}

describe('source edits', () => {
  it('removes the first, a middle, the last and the only entry of a one-line literal, with its comma', async () => {
    const py = 'x = {"a": 1, "b": 2, "c": 3}\n';
    assert.strictEqual(await removed(py, 'python', 0), 'x = {"b": 2, "c": 3}\n');
    assert.strictEqual(await removed(py, 'python', 1), 'x = {"a": 1, "c": 3}\n');
    assert.strictEqual(await removed(py, 'python', 2), 'x = {"a": 1, "b": 2}\n');
    assert.strictEqual(await removed('x = {"a": 1}\n', 'python', 0), 'x = {}\n');
    const ts = 'const x = { a: 1, b: 2, c: 3 };\n';
    assert.strictEqual(await removed(ts, 'typescript', 0), 'const x = { b: 2, c: 3 };\n');
    assert.strictEqual(await removed(ts, 'typescript', 1), 'const x = { a: 1, c: 3 };\n');
    assert.strictEqual(await removed(ts, 'typescript', 2), 'const x = { a: 1, b: 2 };\n');
  });

  it('removes a whole line, keeping other lines, comments and line endings as they are', async () => {
    const py = 'x = {\n    "a": 1,\n    # keep me\n    "b": 2,\n    "c": 3\n}\n';
    assert.strictEqual(await removed(py, 'python', 0), 'x = {\n    # keep me\n    "b": 2,\n    "c": 3\n}\n');
    assert.strictEqual(await removed(py, 'python', 1), 'x = {\n    "a": 1,\n    # keep me\n    "c": 3\n}\n');
    // The last entry without a trailing comma: the one before keeps its comma (valid in every list we edit).
    assert.strictEqual(await removed(py, 'python', 2), 'x = {\n    "a": 1,\n    # keep me\n    "b": 2,\n}\n');
    const crlf = py.replace(/\n/g, '\r\n');
    assert.strictEqual(await removed(crlf, 'python', 1), 'x = {\r\n    "a": 1,\r\n    # keep me\r\n    "c": 3\r\n}\r\n');
    const ts = 'const x = {\n\ta: 1,\n\tb: 2,\n};\n';
    assert.strictEqual(await removed(ts, 'typescript', 1), 'const x = {\n\ta: 1,\n};\n');

    // Half-typed: no comma before the last entry, so the removal starts where the previous entry ends.
    assert.strictEqual(await removed('const x = {\n  a: 1\n  b: 2\n};\n', 'typescript', 1), 'const x = {\n  a: 1\n};\n');
  });

  it('appends an entry to an empty, a one-line and a multi-line literal, with the file indentation', async () => {
    const append = async (text: string, language: SourceLanguage) => {
      const { node } = await literal(text, language);
      return applyEdits(text, [new SourceEditor(text, language).appendEntry(node, 'NEW')]);
    };
    assert.strictEqual(await append('x = {}\n', 'python'), 'x = {NEW}\n');
    assert.strictEqual(await append('const x = {};\n', 'typescript'), 'const x = { NEW };\n');
    assert.strictEqual(await append('x = {"a": 1}\n', 'python'), 'x = {"a": 1, NEW}\n');
    assert.strictEqual(await append('x = {\n\t"a": 1,\n}\n', 'python'), 'x = {\n\t"a": 1,\n\tNEW,\n}\n');
    assert.strictEqual(await append('const x = {\n    a: 1\n};\n', 'typescript'), 'const x = {\n    a: 1,\n    NEW\n};\n');
  });

  it('quotes in the requested style, escaping backslashes and that quote only', () => {
    const editor = new SourceEditor('', 'python');
    assert.strictEqual(editor.quote(`it's "a\\b"`, "'"), `'it\\'s "a\\\\b"'`);
    assert.strictEqual(editor.quote(`it's "a"`, '"'), `"it's \\"a\\""`);
    assert.strictEqual(new SourceEditor('', 'python', () => "'").preferredQuote(), "'");
    assert.strictEqual(new SourceEditor('', 'python').preferredQuote(), '"');
    assert.strictEqual(new SourceEditor('', 'typescript').preferredQuote(), "'");
    assert.strictEqual(editor.cacheControlEntry('"', '1h'), '"cache_control": {"type": "ephemeral", "ttl": "1h"}');
    assert.strictEqual(new SourceEditor('', 'typescript').cacheControlEntry("'"), "cache_control: { type: 'ephemeral' }");
    assert.strictEqual(new SourceEditor('', 'typescript').textBlockList('S', '"'), '[{ type: "text", text: S, cache_control: { type: "ephemeral" } }]');
  });

  it('writes a suppression comment above a line with its indentation and the file line ending', () => {
    const text = 'a = 1\r\n    b = 2\r\n';
    const edit = new SourceEditor(text, 'python').suppressionAbove(1, 'below-minimum');
    assert.strictEqual(applyEdits(text, [edit]), 'a = 1\r\n    # prompt-cache-lint: disable-next-line below-minimum\r\n    b = 2\r\n');
    const ts = 'f();\n\tg();\n';
    assert.strictEqual(applyEdits(ts, [new SourceEditor(ts, 'typescript').suppressionAbove(1, 'ttl-order')]), 'f();\n\t// prompt-cache-lint: disable-next-line ttl-order\n\tg();\n');
  });

  it('puts a file suppression first, after a shebang and a Python encoding line, with the file line ending', () => {
    const fileComment = (text: string, language: SourceLanguage) => applyEdits(text, [new SourceEditor(text, language).fileSuppression('below-minimum')]);
    const line = '# prompt-cache-lint: disable-file below-minimum';
    assert.strictEqual(fileComment('import os\n', 'python'), `${line}\nimport os\n`);
    assert.strictEqual(fileComment('#!/usr/bin/env python\nimport os\n', 'python'), `#!/usr/bin/env python\n${line}\nimport os\n`);
    assert.strictEqual(fileComment('# -*- coding: utf-8 -*-\nimport os\n', 'python'), `# -*- coding: utf-8 -*-\n${line}\nimport os\n`);
    assert.strictEqual(fileComment('#!/usr/bin/env python\r\n# vim: set fileencoding=latin-1 :\r\nimport os\r\n', 'python'), `#!/usr/bin/env python\r\n# vim: set fileencoding=latin-1 :\r\n${line}\r\nimport os\r\n`);
    // An encoding line counts only on the first two lines, and only in Python.
    assert.strictEqual(fileComment('import os\n# coding: utf-8\n', 'python'), `${line}\nimport os\n# coding: utf-8\n`);
    assert.strictEqual(fileComment('x = 1  # coding: utf-8\nimport os\n', 'python'), `${line}\nx = 1  # coding: utf-8\nimport os\n`);
    assert.strictEqual(fileComment('#!/bin/sh\n# a\n# coding: utf-8\n', 'python'), `#!/bin/sh\n${line}\n# a\n# coding: utf-8\n`);
    assert.strictEqual(fileComment('// coding: utf-8\nf();\n', 'typescript'), '// prompt-cache-lint: disable-file below-minimum\n// coding: utf-8\nf();\n');
    assert.strictEqual(fileComment('#!/usr/bin/env node\nf();\n', 'typescript'), '#!/usr/bin/env node\n// prompt-cache-lint: disable-file below-minimum\nf();\n');
    // A file that is only a shebang without a newline: the comment goes on a new line after it.
    assert.strictEqual(fileComment('#!/usr/bin/env python', 'python'), `#!/usr/bin/env python\n${line}\n`);
    assert.strictEqual(fileComment('#!/usr/bin/env python\n', 'python'), `#!/usr/bin/env python\n${line}\n`);
    assert.strictEqual(fileComment('', 'python'), `${line}\n`);
  });

  it('inserts after a list item on its own line (after any trailing comma) or on the same line', async () => {
    const root = await parse('x = [\n    a,\n    b,\n]\ny = [\n  c\n]\nz = [d, e]\n', 'python');
    const lists = root.descendantsOfType('list');
    const text = root.text;
    const editor = new SourceEditor(text, 'python');
    const item = (list: number, i: number) => lists[list]!.namedChildren.filter((c) => c !== null)[i]!;
    assert.strictEqual(applyEdits(text, [editor.insertAfterItem(item(0, 1), 'N')]), 'x = [\n    a,\n    b,\n    N,\n]\ny = [\n  c\n]\nz = [d, e]\n');
    assert.strictEqual(applyEdits(text, [editor.insertAfterItem(item(0, 0), 'N')]), 'x = [\n    a,\n    N,\n    b,\n]\ny = [\n  c\n]\nz = [d, e]\n');
    assert.strictEqual(applyEdits(text, [editor.insertAfterItem(item(1, 0), 'N')]), 'x = [\n    a,\n    b,\n]\ny = [\n  c,\n  N\n]\nz = [d, e]\n');
    assert.strictEqual(applyEdits(text, [editor.insertAfterItem(item(2, 0), 'N')]), 'x = [\n    a,\n    b,\n]\ny = [\n  c\n]\nz = [d, N, e]\n');
  });

  it("appends to a Python call's keyword arguments as a keyword", async () => {
    const text = 'b = dict(type="text", text=T)\ne = dict()\n';
    const root = await parse(text, 'python');
    const [args, empty] = root.descendantsOfType('argument_list');
    const editor = new SourceEditor(text, 'python');
    assert.strictEqual(applyEdits(text, [editor.appendEntry(args!, '"cache_control": {"type": "ephemeral"}')]), 'b = dict(type="text", text=T, cache_control={"type": "ephemeral"})\ne = dict()\n');
    assert.strictEqual(applyEdits(text, [editor.appendEntry(empty!, "'cache_control':{'type': 'ephemeral'}")]), 'b = dict(type="text", text=T)\ne = dict(cache_control={\'type\': \'ephemeral\'})\n');
    // Not a key=value entry: written as it is.
    assert.strictEqual(applyEdits(text, [editor.appendEntry(empty!, '**extra')]), 'b = dict(type="text", text=T)\ne = dict(**extra)\n');
  });

  it('applies edits in any order, and refuses overlapping ones', () => {
    const edits: TextEdit[] = [
      { startOffset: 0, endOffset: 1, newText: 'A' },
      { startOffset: 4, endOffset: 6, newText: '' },
      { startOffset: 2, endOffset: 2, newText: '+' },
    ];
    assert.strictEqual(applyEdits('abcdefg', edits), 'Ab+cdg');
    assert.strictEqual(applyEdits('abcdefg', [...edits].reverse()), 'Ab+cdg');
    // An insertion and a replacement at the same offset: the replacement goes first, the insertion before it.
    assert.strictEqual(applyEdits('abcdef', [{ startOffset: 2, endOffset: 2, newText: 'X' }, { startOffset: 2, endOffset: 4, newText: 'Y' }]), 'abXYef');
    assert.throws(() => applyEdits('abcdefg', [{ startOffset: 1, endOffset: 4, newText: '' }, { startOffset: 3, endOffset: 5, newText: 'x' }]), /overlapping/);
  });
});

describe('fix-all', () => {
  const finding = (fixes: { safe: boolean; start: number; end: number; text: string }[]): Finding => ({
    ruleId: 'r',
    severity: 'warning',
    message: 'm',
    range: { startOffset: 0, endOffset: 0, start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    fixes: fixes.map((f, i) => ({ title: `fix ${i}`, safe: f.safe, edits: [{ startOffset: f.start, endOffset: f.end, newText: f.text }] })),
  });

  it('takes the first safe fix of each finding and skips one that overlaps an earlier choice', () => {
    const chosen = safeFixes([
      finding([{ safe: false, start: 0, end: 1, text: 'u' }, { safe: true, start: 0, end: 2, text: 's' }]),
      finding([{ safe: true, start: 1, end: 3, text: 'overlaps' }]),
      finding([{ safe: true, start: 2, end: 3, text: 'touches' }]),
    ]);
    assert.deepStrictEqual(chosen.map((f) => f.edits[0].newText), ['s', 'touches']);
  });

  it('counts a fix as overlapping only when an edit shares a character; any of its edits will do', () => {
    const two = (a: [number, number], b: [number, number]): Finding => ({
      ...finding([]),
      fixes: [{ title: 'two edits', safe: true, edits: [{ startOffset: a[0], endOffset: a[1], newText: 'p' }, { startOffset: b[0], endOffset: b[1], newText: 'q' }] }],
    });
    // The second fix's second edit overlaps the first fix's second edit: skipped.
    assert.strictEqual(safeFixes([two([0, 1], [10, 12]), two([5, 6], [11, 13])]).length, 1);
    // Edits that only meet at an offset do not overlap; neither do disjoint ones.
    assert.strictEqual(safeFixes([two([0, 1], [10, 12]), two([1, 2], [12, 14])]).length, 2);
    assert.strictEqual(safeFixes([two([0, 1], [10, 12]), two([3, 4], [20, 22])]).length, 2);
  });

  it("takes only one rule's fixes when asked", () => {
    const other = { ...finding([{ safe: true, start: 4, end: 5, text: 'o' }]), ruleId: 'other' };
    const mine = finding([{ safe: true, start: 0, end: 1, text: 'm' }]);
    assert.deepStrictEqual(safeFixes([other, mine], 'r').map((f) => f.edits[0].newText), ['m']);
    assert.deepStrictEqual(safeFixes([other, mine], 'other').map((f) => f.edits[0].newText), ['o']);
    assert.deepStrictEqual(safeFixes([other, mine]).map((f) => f.edits[0].newText), ['o', 'm']);
  });

  /** A toy lint: every "x" is a finding whose safe fix turns it into "y"; "(" without ")" is a syntax error. */
  const lintX = (text: string): FixableLint => ({
    hasSyntaxErrors: text.includes('(') && !text.includes(')'),
    findings: [...text.matchAll(/x/g)].slice(0, 1).map((m) => finding([{ safe: true, start: m.index!, end: m.index! + 1, text: 'y' }])),
  });

  it('re-lints and repeats until settled, counting passes and fixes', () => {
    assert.deepStrictEqual(fixAll('axbxc', lintX), { text: 'aybyc', passes: 2, fixesApplied: 2, stoppedBy: 'settled' });
    assert.deepStrictEqual(fixAll('abc', lintX), { text: 'abc', passes: 0, fixesApplied: 0, stoppedBy: 'settled' });
  });

  it('stops at the pass limit, before a pass that breaks the parse, and when there is no lint result', () => {
    assert.deepStrictEqual(fixAll('xxxx', lintX, 3), { text: 'yyyx', passes: 3, fixesApplied: 3, stoppedBy: 'pass-limit' });
    const breaking = (text: string): FixableLint => (text === 'x)' ? { hasSyntaxErrors: false, findings: [finding([{ safe: true, start: 1, end: 2, text: '' }])] } : { hasSyntaxErrors: true, findings: [] });
    assert.deepStrictEqual(fixAll('x)', breaking), { text: 'x)', passes: 0, fixesApplied: 0, stoppedBy: 'syntax-error' });
    assert.deepStrictEqual(fixAll('x', () => undefined), { text: 'x', passes: 0, fixesApplied: 0, stoppedBy: 'no-result' });
  });

  it("is one minimal edit for the editor's fix-all, starting from the findings already shown", () => {
    const relinted: string[] = [];
    const relint = (text: string): FixableLint => {
      relinted.push(text);
      return lintX(text);
    };
    // The shown result is used for the first pass (it is what the user sees), later passes re-lint.
    const shown = lintX('axbxc');
    assert.deepStrictEqual(fixAllEdit('axbxc', shown, relint), { startOffset: 1, endOffset: 4, newText: 'yby' });
    assert.deepStrictEqual(relinted, ['aybxc', 'aybyc']);
    // What is shown decides the first pass even when a fresh lint would say otherwise.
    const stale: FixableLint = { hasSyntaxErrors: false, findings: [finding([{ safe: true, start: 0, end: 1, text: 'Z' }])] };
    assert.deepStrictEqual(fixAllEdit('axc', stale, () => ({ hasSyntaxErrors: false, findings: [] })), { startOffset: 0, endOffset: 1, newText: 'Z' });
    // Nothing safe to fix (or only suggestions, or only another rule's): no edit and no re-lint.
    relinted.length = 0;
    assert.strictEqual(fixAllEdit('abc', lintX('abc'), relint), undefined);
    const suggestionOnly: FixableLint = { hasSyntaxErrors: false, findings: [finding([{ safe: false, start: 0, end: 1, text: 'u' }])] };
    assert.strictEqual(fixAllEdit('abc', suggestionOnly, relint), undefined);
    assert.strictEqual(fixAllEdit('axc', shown, relint, 'other'), undefined);
    assert.deepStrictEqual(relinted, []);
    // One rule's fixes only.
    const mixed: FixableLint = {
      hasSyntaxErrors: false,
      findings: [{ ...finding([{ safe: true, start: 0, end: 1, text: 'O' }]), ruleId: 'other' }, finding([{ safe: true, start: 2, end: 3, text: 'R' }])],
    };
    assert.deepStrictEqual(fixAllEdit('abc', mixed, () => ({ hasSyntaxErrors: false, findings: [] }), 'r'), { startOffset: 2, endOffset: 3, newText: 'R' });
  });

  it('turns the result into one minimal edit', () => {
    assert.strictEqual(minimalEdit('same', 'same'), undefined);
    assert.deepStrictEqual(minimalEdit('abcdef', 'abXYef'), { startOffset: 2, endOffset: 4, newText: 'XY' });
    assert.deepStrictEqual(minimalEdit('aaa', 'aaaa'), { startOffset: 3, endOffset: 3, newText: 'a' });
    assert.deepStrictEqual(minimalEdit('abc', ''), { startOffset: 0, endOffset: 3, newText: '' });
    assert.deepStrictEqual(minimalEdit('ab', 'abc'), { startOffset: 2, endOffset: 2, newText: 'c' });
    assert.deepStrictEqual(minimalEdit('abc', 'ab'), { startOffset: 2, endOffset: 3, newText: '' });
    for (const [before, after] of [['abcabc', 'abc'], ['x\r\ny', 'x\ny'], ['', 'new']]) {
      const edit = minimalEdit(before, after)!;
      assert.strictEqual(applyEdits(before, [edit]), after);
    }
  });
});
