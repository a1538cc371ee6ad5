import * as assert from 'assert';
import type { PromptBlock, SourceLanguage } from '../../src/core';
import { LONG_TEXT, lintSnippet } from '../helpers/snippets';

/**
 * The less common syntax each language front end evaluates: escapes, scalars in tool schemas,
 * operators, conditionals, spreads, lookups, and the bindings that make a name unknown.
 */
async function blocksOf(code: string, language: SourceLanguage, section: PromptBlock['section'] = 'system'): Promise<PromptBlock[]> {
  const result = await lintSnippet(code, language);
  assert.strictEqual(result.requests.length, 1, 'expected one request');
  return result.requests[0].blocks.filter((b) => b.section === section);
}

const textOf = (block: PromptBlock) => block.segments.map((s) => (s.stability === 'static' ? s.text : `<${s.stability}>`)).join('');

describe('evaluation details', () => {
  describe('Python', () => {
    const system = async (expression: string, before = '') => textOf((await blocksOf(`${before}\nclient.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=${expression}, messages=[])`, 'python'))[0]);

    it('follows nesting up to its depth limit and no further, and says why a helper\'s result is not followed', async () => {
      // The system argument itself is one level: 119 parentheses are the deepest that are read.
      const nested = (n: number) => `${'('.repeat(n)}"x"${')'.repeat(n)}`;
      assert.strictEqual(await system(nested(119)), 'x');
      const [deep] = await blocksOf(`client.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=${nested(120)}, messages=[])`, 'python');
      assert.deepStrictEqual(deep.segments.map((s) => [s.stability, s.reason]), [['stable-unknown', 'nested too deeply to follow']]);
      const reason = async (helper: string) => (await blocksOf(`${helper}\nclient.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=build(1), messages=[])`, 'python'))[0].segments[0].reason;
      assert.strictEqual(await reason('def build(flag):\n    print(flag)'), '`build()` returns nothing visible');
      assert.strictEqual(await reason('def build(flag):\n    if flag:\n        return "a"\n    return "b"'), '`build()` returns one of 2 values');
    });

    it('replaces up to 1,000 occurrences, says so past that, and honours a count', async () => {
      const segments = async (expression: string) => (await blocksOf(`client.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=${expression}, messages=[])`, 'python'))[0].segments.map((s) => [s.stability, s.text.length, s.text.slice(-8), s.reason ?? '']);
      assert.deepStrictEqual(await segments('("a{x}" * 1000).replace("{x}", "b")'), [['static', 2000, 'abababab', '']]);
      assert.deepStrictEqual(await segments('("a{x}" * 1001).replace("{x}", "b")'), [['static', 2004, 'ababa{x}', ''], ['stable-unknown', 0, '', 'more than 1000 replacements']]);
      assert.deepStrictEqual(await segments('("a{x}" * 3).replace("{x}", "b", 2)'), [['static', 8, 'ababa{x}', '']]);
    });

    it('decodes every kind of escape', async () => {
      assert.strictEqual(await system('"a\\tb\\nc\\rd\\ae\\bf\\fg\\vh"'), 'a\tb\nc\rd\x07e\bf\fg\vh');
      assert.strictEqual(await system('"\\x41\\u0042\\U0001F600\\101\\\\\\"\\\'"'), 'AB😀A\\"\'');
      assert.strictEqual(await system('"\\N{BULLET} x"'), '? x');
      assert.strictEqual(await system('"a\\\nb"'), 'ab');
      assert.strictEqual(await system('"\\q"'), '\\q');
    });

    it('serialises scalars, nested lists and dicts in tool schemas as JSON', async () => {
      const [tool] = await blocksOf('client.messages.create(model="claude-sonnet-4-5", max_tokens=5, tools=[{"name": "t", "input_schema": {"type": "object", "minimum": 1_000, "ratio": 0.5, "strict": True, "loose": False, "default": None, "enum": ["a", "b"]}}], messages=[])', 'python', 'tools');
      assert.strictEqual(textOf(tool), '{"name":"t","input_schema":{"type":"object","minimum":1000,"ratio":0.5,"strict":true,"loose":false,"default":null,"enum":["a","b"]}}');
    });

    it('evaluates %, + and * of strings and lists, and leaves other arithmetic unknown', async () => {
      assert.strictEqual(await system('"Hello %s" % NAME', 'NAME = "Ann"'), 'Hello Ann');
      assert.strictEqual(await system('"%s and %s, 100%%, %d" % ("Ann", NAME, 3)', 'NAME = "Bo"'), 'Ann and Bo, 100%, 3');
      assert.strictEqual(await system('"Hi %(n)s." % {"n": "Ann"}'), 'Hi Ann.');
      assert.strictEqual(await system('"Hi %s." % name'), 'Hi <stable-unknown>.');
      assert.strictEqual(await system('"Now %s." % datetime.now()', 'from datetime import datetime'), 'Now <volatile>.');
      // A conversion with a width, a count that does not match, or a mapping not known: a hole, never the raw template.
      assert.strictEqual(await system('"[%5s]" % "a"'), '[<stable-unknown>]');
      assert.strictEqual(await system('"%s-%s" % ("a",)'), '<stable-unknown>');
      assert.strictEqual(await system('"%(a)s" % cfg'), '<stable-unknown>');
      assert.strictEqual(await system('"%s at %s" % (name, datetime.now())', 'from datetime import datetime'), '<stable-unknown> at <volatile>');
      assert.strictEqual(await system('"%*d" % (3, datetime.now())', 'from datetime import datetime'), '<volatile>');
      assert.strictEqual(await system('f"{1 + 2}"'), '3');
      // Named conversions need a mapping; mixed named and positional ones are not matched.
      assert.strictEqual(await system('"%(a)s and %(a)s" % {"a": "x"}'), 'x and x');
      assert.strictEqual(await system('"%(a)s" % {"a": "x", "a": "y"}'), 'y');
      assert.strictEqual(await system('"%(a)s" % ("x",)'), '<stable-unknown>');
      assert.strictEqual(await system('"%s %(a)s" % {"a": "x"}'), '<stable-unknown>');
      assert.strictEqual(await system('"[%s]" % ("x",)'), '[x]');
      // %s and %d of an integer are its digits; anything else is a hole with the value's stability.
      assert.strictEqual(await system('"[%d][%s]" % (2.5, None)'), '[<stable-unknown>][<stable-unknown>]');
      assert.strictEqual(await system('"[%r]" % "x"'), '[<stable-unknown>]');
      assert.strictEqual(await system('"[%r][%5s]" % (datetime.now(), datetime.now())', 'from datetime import datetime'), '[<volatile>][<volatile>]');
      assert.strictEqual(await system('"[%r]" % ("at " + datetime.now().isoformat(),)', 'from datetime import datetime'), '[<volatile>]');
    });

    it('json.dumps options: indent (number, string, None), ensure_ascii, separators and sort_keys; a non-literal option leaves the JSON unknown', async () => {
      assert.strictEqual(await system('json.dumps({"a": [1]}, indent=2)', 'import json'), '{\n  "a": [\n    1\n  ]\n}');
      assert.strictEqual(await system('json.dumps({"a": 1, "b": 2}, indent="\\t")', 'import json'), '{\n\t"a": 1,\n\t"b": 2\n}');
      assert.strictEqual(await system('json.dumps({"a": 1, "b": 2}, indent=None)', 'import json'), '{"a": 1, "b": 2}');
      assert.strictEqual(await system('json.dumps({"a": "\u00e9"})', 'import json'), '{"a": "\\u00e9"}');
      assert.strictEqual(await system('json.dumps({"a": "\u00e9"}, ensure_ascii=False)', 'import json'), '{"a": "\u00e9"}');
      assert.strictEqual(await system('json.dumps({"a": 1, "b": [2, 3]}, separators=(",", ":"))', 'import json'), '{"a":1,"b":[2,3]}');
      assert.strictEqual(await system('json.dumps({"b": 1, "a": {"d": 2, "c": 3}}, sort_keys=True)', 'import json'), '{"a": {"c": 3, "d": 2}, "b": 1}');
      assert.strictEqual(await system('json.dumps({"b": 1, "a": 2}, sort_keys=False)', 'import json'), '{"b": 1, "a": 2}');
      for (const option of ['indent=n', 'ensure_ascii=flag', 'separators=seps', 'sort_keys=flag', 'separators=(",",)']) {
        assert.strictEqual(await system(`json.dumps({"a": 1}, ${option})`, 'import json'), '<stable-unknown>', option);
      }
    });

    it('dict(…) and the SDK\'s *Param TypedDicts: keywords, one mapping, a mapping with keywords over it; a base not known here leaves the keys open', async () => {
      const BASE = 'BASE = {"type": "text", "text": "base", "cache_control": {"type": "ephemeral"}}';
      const request = (block: string) => blocksOf(`${BASE}\nclient.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=[${block}], messages=[])`, 'python');
      const described = async (block: string) => (await request(block)).map((b) => [textOf(b), b.cacheControl !== undefined]);
      assert.deepStrictEqual(await described('dict(type="text", text="hi")'), [['hi', false]]);
      assert.deepStrictEqual(await described('TextBlockParam(type="text", text="hi")'), [['hi', false]]);
      assert.deepStrictEqual(await described('dict({"type": "text", "text": "hi"})'), [['hi', false]]);
      assert.deepStrictEqual(await described('dict(BASE)'), [['base', true]]);
      assert.deepStrictEqual(await described('dict(BASE, text="hi")'), [['hi', true]], 'the keyword wins, the base\'s marker stays');
      assert.deepStrictEqual(await described('dict(**BASE, text="hi")'), [['hi', true]]);
      assert.deepStrictEqual(await described('dict([("type", "text"), ("text", "hi")])'), [['{<stable-unknown>}', false]]);
    });

    it('indexes a list known here from either end, and a clock read through an attribute keeps its precision', async () => {
      const ITEMS = 'ITEMS = ["a", "b"]';
      assert.strictEqual(await system('ITEMS[0]', ITEMS), 'a');
      assert.strictEqual(await system('ITEMS[-1]', ITEMS), 'b');
      assert.strictEqual(await system('ITEMS[-3]', ITEMS), '<stable-unknown>');
      assert.strictEqual(await system('ITEMS[5]', ITEMS), '<stable-unknown>');
      assert.strictEqual(await system('ITEMS[~0]', ITEMS), '<stable-unknown>');
      // Past a starred item the positions from the start are not known.
      assert.strictEqual(await system('ITEMS[0]', 'ITEMS = [*rest, "b"]'), '<stable-unknown>');
      assert.strictEqual(await system('ITEMS[1]', 'ITEMS = [*rest, "b"]'), '<stable-unknown>');
      assert.strictEqual(await system('"ab" * 0 + "c"'), 'c');
      assert.strictEqual(await system('"a" + ["b"]'), '<stable-unknown>');
      assert.strictEqual(await system('{"a": 1} + "b"'), '<stable-unknown>');
      assert.strictEqual(await system('ITEMS[0]', 'ITEMS = ["a"] * n'), '<stable-unknown>');
      assert.strictEqual(await system('PROMPTS["b"]', 'PROMPTS = {"a": "x", "b": "y"}'), 'y');
      assert.strictEqual(await system('PROMPTS["c"]', 'PROMPTS = {"a": "x", **other}'), '<stable-unknown>');
      assert.strictEqual(await system('str(-2) + str(+3)'), '-23');
      assert.strictEqual(await system('str(datetime.now().year)', 'from datetime import datetime'), '<stable-unknown>');
      assert.strictEqual(await system('str(datetime.now().minute)', 'from datetime import datetime'), '<volatile>');
      assert.strictEqual(await system('datetime.now()[0]', 'from datetime import datetime'), '<volatile>');
      assert.strictEqual(await system('"A" if flag else datetime.now().isoformat()', 'from datetime import datetime'), '<volatile>');
      const [tool] = await blocksOf('client.messages.create(model="claude-sonnet-4-5", max_tokens=5, tools=[{"name": "t", "input_schema": {"minimum": -5, "maximum": +3}}], messages=[])', 'python', 'tools');
      assert.strictEqual(textOf(tool), '{"name":"t","input_schema":{"minimum":-5,"maximum":3}}');
      assert.strictEqual(await system('"ab" * 3'), 'ababab');
      assert.strictEqual(await system('3 * "ab"'), 'ababab');
      assert.strictEqual(await system('"ab" * N', 'N = 2'), 'abab');
      assert.strictEqual(await system('"ab" * -1'), '<stable-unknown>');
      assert.strictEqual(await system('A - B'), '<stable-unknown>');
      const blocks = await blocksOf('A = [{"type": "text", "text": "one"}]\nB = [{"type": "text", "text": "two"}]\nclient.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=A + B, messages=[])', 'python');
      assert.deepStrictEqual(blocks.map(textOf), ['one', 'two']);
    });

    it('picks a volatile branch of a conditional, and otherwise calls the choice unknown', async () => {
      assert.strictEqual(await system('"a" if flag else "b"'), '<stable-unknown>');
      assert.strictEqual(await system('str(time.time()) if flag else "b"', 'import time'), '<volatile>');
      assert.strictEqual(await system('await load()'), '<stable-unknown>');
    });

    it('merges ** spreads and looks up constant dict keys; a computed key leaves the dict open', async () => {
      const blocks = await blocksOf('BASE = {"type": "text", "text": "base"}\nPROMPTS = {"short": "Be brief.", "long": "Be thorough."}\nclient.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=[{**BASE, "text": "over"}, {"type": "text", "text": PROMPTS["long"]}, {"type": "text", "text": PROMPTS[kind]}], messages=[])', 'python');
      assert.deepStrictEqual(blocks.map(textOf), ['over', 'Be thorough.', '<stable-unknown>']);
    });

    it('reduces a clock to day precision through .date(), .year and a day-only strftime, but not through isoformat()', async () => {
      const before = 'import datetime';
      assert.strictEqual(await system('str(datetime.datetime.now().date())', before), '<stable-unknown>');
      assert.strictEqual(await system('str(datetime.datetime.now().year)', before), '<stable-unknown>');
      assert.strictEqual(await system('datetime.datetime.now().strftime("%Y-%m-%d")', before), '<stable-unknown>');
      assert.strictEqual(await system('datetime.datetime.now().strftime("%H:%M")', before), '<volatile>');
      assert.strictEqual(await system('datetime.datetime.now().isoformat()', before), '<volatile>');
    });

    it('formats, joins and dumps: keeping inserted values, and a volatile item makes the join volatile', async () => {
      assert.strictEqual(await system('"Dear {name}, {0}".format("hi", name=NAME)', 'NAME = "Ann"'), 'Dear , hiAnn');
      assert.strictEqual(await system('", ".join(["a", "b"])'), 'a, b');
      assert.strictEqual(await system('", ".join([str(uuid.uuid4()) for _ in range(3)])', 'import uuid'), '<volatile>');
      assert.strictEqual(await system('", ".join(items)'), '<stable-unknown>');
      assert.strictEqual(await system('json.dumps({"a": 1})', 'import json'), '{"a": 1}');
      assert.strictEqual(await system('str(NAME)', 'NAME = "Ann"'), 'Ann');
      assert.strictEqual(await system('dict(a="x")["a"]'), 'x');
      assert.strictEqual(await system('"Ann".upper()'), 'Ann');
    });

    it('resolves names by scope: a class body is hidden from its methods, a parameter shadows a module constant', async () => {
      const code = `
SYSTEM = "module"
class Bot:
    SYSTEM = "class"
    client.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=SYSTEM, messages=[])
    def ask(self):
        return client.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=SYSTEM, messages=[])
def shadowed(SYSTEM):
    return client.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=SYSTEM, messages=[])
`;
      const { requests } = await lintSnippet(code, 'python');
      assert.deepStrictEqual(
        requests.map((r) => textOf(r.blocks[0])),
        ['class', 'module', '<stable-unknown>'],
      );
    });

    it('binds walrus names, and stops following names that are augmented, loop variables, lambda parameters or imports', async () => {
      assert.strictEqual(await system('S', '(S := "walrus")'), 'walrus');
      assert.strictEqual(await system('S', 'S = "a"\nS += "b"'), '<stable-unknown>');
      assert.strictEqual(await system('S', 'for S in ["a", "b"]:\n    pass'), '<stable-unknown>');
      assert.strictEqual(await system('S', 'from prompts import S'), '<stable-unknown>');
      assert.strictEqual(await system('S', 'import S'), '<stable-unknown>');
    });
  });

  describe('TypeScript', () => {
    const system = async (expression: string, before = '') => textOf((await blocksOf(`${before}\nclient.messages.create({ model: "claude-sonnet-4-5", max_tokens: 5, system: ${expression}, messages: [] });`, 'typescript'))[0]);

    it('decodes every kind of escape', async () => {
      assert.strictEqual(await system('"a\\tb\\nc\\rd\\be\\ff\\vg\\0h"'), 'a\tb\nc\rd\be\ff\vg\0h');
      assert.strictEqual(await system('"\\x41\\u0042\\u{1F600}\\q\\\\\\""'), 'AB😀q\\"');
      assert.strictEqual(await system('"a\\\nb"'), 'ab');
      assert.strictEqual(await system('`t\\u{110000}x`'), 'tx');
    });

    it('serialises scalars and reads string, numeric and computed keys', async () => {
      const [tool] = await blocksOf('const KEY = "description";\nclient.messages.create({ model: "claude-sonnet-4-5", max_tokens: 5, tools: [{ "name": "t", [KEY]: "d", 1: "one", input_schema: { type: "object", minimum: 1_000, strict: true, loose: false, default: null } }], messages: [] });', 'typescript', 'tools');
      assert.strictEqual(textOf(tool), '{"name":"t","description":"d","1":"one","input_schema":{"type":"object","minimum":1000,"strict":true,"loose":false,"default":null}}');
    });

    it('concatenates arrays and strings with concat(), and counts map()/flatMap() results only at run time', async () => {
      assert.strictEqual(await system('"a".concat(B, "c")', 'const B = "b";'), 'abc');
      const blocks = await blocksOf('const A = [{ type: "text", text: "one" }];\nclient.messages.create({ model: "claude-sonnet-4-5", max_tokens: 5, system: A.concat([{ type: "text", text: "two" }]), messages: [] });', 'typescript');
      assert.deepStrictEqual(blocks.map(textOf), ['one', 'two']);
      const mapped = await lintSnippet('client.messages.create({ model: "claude-sonnet-4-5", max_tokens: 5, system: docs.flatMap((d) => [{ type: "text", text: d, cache_control: { type: "ephemeral" } }]), messages: [] });', 'typescript');
      assert.ok(mapped.requests[0].breakpoints.every((b) => b.inLoop), 'breakpoints built by flatMap are counted at run time');
    });

    it('takes the left of ?? and || when it is known, and calls the choice unknown otherwise', async () => {
      assert.strictEqual(await system('A ?? "fallback"', 'const A = "set";'), 'set');
      assert.strictEqual(await system('process.env.P || "fallback"'), '<stable-unknown>');
      assert.strictEqual(await system('A - B'), '<stable-unknown>');
      // A left side known to be null gives way to the right; for ||, so does one known to be "", 0 or false.
      assert.strictEqual(await system('OVERRIDE ?? "fallback"', 'const OVERRIDE = null;'), 'fallback');
      assert.strictEqual(await system('undefined ?? "fallback"'), 'fallback');
      assert.strictEqual(await system('OVERRIDE || "fallback"', 'const OVERRIDE = "";'), 'fallback');
      assert.strictEqual(await system('OVERRIDE ?? "fallback"', 'const OVERRIDE = "";'), '');
      assert.strictEqual(await system('(0 || false || "fallback")'), 'fallback');
      assert.strictEqual(await system('"set" || "fallback"'), 'set');
      assert.strictEqual(await system('myprocess.env.P ?? "fallback"'), '<stable-unknown>');
    });

    it('ternaries: known branches are a choice, a per-call branch makes the whole volatile; + with an object or array is not text', async () => {
      assert.strictEqual(await system('flag ? "A." : "B."'), '<stable-unknown>');
      assert.strictEqual(await system('flag ? "A." : new Date().toISOString()'), '<volatile>');
      assert.strictEqual(await system('`${flag ? "A" : "B"}.`'), '<stable-unknown>.');
      assert.strictEqual(await system('"a" + 1'), 'a1');
      assert.strictEqual(await system('`n=${1 + 2}`'), 'n=3');
      assert.strictEqual(await system('1 + 2 + "a" + 1 + 2'), '3a12');
      const [tool] = await blocksOf('client.messages.create({ model: "claude-sonnet-4-5", max_tokens: 5, tools: [{ name: "t", input_schema: { minimum: -5, maximum: +3, flag: !0 } }], messages: [] });', 'typescript', 'tools');
      assert.strictEqual(textOf(tool), '{"name":"t","input_schema":{"minimum":-5,"maximum":3,"flag":<stable-unknown>}}');
      assert.strictEqual(await system('"a" + { b: 1 }'), '<stable-unknown>');
      assert.strictEqual(await system('["b"] + "a"'), '<stable-unknown>');
      assert.strictEqual(await system('(() => "arrow")()'), '<stable-unknown>');
      assert.strictEqual(await system('await helper()', 'async function helper() { return "Helped."; }'), 'Helped.');
      assert.strictEqual(await system('await x.helper()'), '<stable-unknown>');
    });

    it('merges spreads and shorthand properties, reads constant object members, and keeps a per-call member volatile', async () => {
      const blocks = await blocksOf(
        'const BASE = { type: "text", text: "base" };\nconst PROMPTS = { short: "Be brief.", long: "Be thorough." };\nconst text = "short-hand";\nconst stamp = new Date();\nclient.messages.create({ model: "claude-sonnet-4-5", max_tokens: 5, system: [{ ...BASE, text: "over" }, { type: "text", text: PROMPTS.long }, { type: "text", text }, { type: "text", text: PROMPTS[kind] }, { type: "text", text: stamp.toISOString() }, { ...other }], messages: [] });',
        'typescript',
      );
      // A module-level `new Date()` is fixed per process, not per call; an unresolved spread leaves the block open.
      assert.deepStrictEqual(blocks.map(textOf), ['over', 'Be thorough.', 'short-hand', '<stable-unknown>', '<stable-unknown>', '{<stable-unknown>}']);
      const local = await blocksOf('function f() {\n  const stamp = new Date();\n  client.messages.create({ model: "claude-sonnet-4-5", max_tokens: 5, system: [{ type: "text", text: stamp.toISOString() }], messages: [] });\n}', 'typescript');
      assert.deepStrictEqual(local.map(textOf), ['<volatile>']);
    });

    it('evaluates tagged templates, JSON.stringify, String(), repeat, case changes, toString and join of volatile items', async () => {
      assert.strictEqual(await system('String.raw`a\\nb`'), 'a\\nb');
      assert.strictEqual(await system('dedent`\n    one\n      two\n  `'), 'one\n  two');
      assert.strictEqual(await system('JSON.stringify({ a: [1, true] })'), '{"a":[1,true]}');
      assert.strictEqual(await system('String(N)', 'const N = "n";'), 'n');
      assert.strictEqual(await system('"ab".repeat(3)'), 'ababab');
      assert.strictEqual(await system('"ab".repeat(n)'), 'ab');
      assert.strictEqual(await system('"Ab".toUpperCase()'), 'Ab');
      assert.strictEqual(await system('S.toString()', 'const S = "s";'), 's');
      assert.strictEqual(await system('ids.map(() => crypto.randomUUID()).join(",")'), '<volatile>');
      assert.strictEqual(await system('items.join(",")'), '<stable-unknown>');
      assert.strictEqual(await system('await readFile("p.md", "utf8")'), '<stable-unknown>');
    });

    it('the dedent family, JSON.stringify spacing and replacers, copies, and date slices', async () => {
      assert.strictEqual(await system('outdent`\n    one\n      two\n  `'), 'one\n  two');
      assert.strictEqual(await system('stripIndent`\n    one\n      two\n  `'), 'one\n  two');
      // common-tags' stripIndents removes every indentation, not the common part.
      assert.strictEqual(await system('stripIndents`\n    one\n      two\n  `'), 'one\ntwo');
      assert.strictEqual(await system('outdent("\\n    one\\n      two\\n  ")'), 'one\n  two');
      assert.strictEqual(await system('other`\n    one\n  `'), '<stable-unknown>');
      assert.strictEqual(await system('JSON.stringify({ a: [1] }, null, "\\t")'), '{\n\t"a": [\n\t\t1\n\t]\n}');
      assert.strictEqual(await system('JSON.stringify({ a: 1 }, undefined, 20)'), '{\n          "a": 1\n}', 'spacing is capped at 10');
      assert.strictEqual(await system('JSON.stringify({ a: 1 }, null, "abcdefghijklmnop")'), '{\nabcdefghij"a": 1\n}', 'a spacing string is cut at 10');
      // A replacer can change any value: a function or a key list makes the text unknown.
      assert.strictEqual(await system('JSON.stringify({ a: 1 }, replacer)'), '<stable-unknown>');
      assert.strictEqual(await system('JSON.stringify({ a: 1, b: 2 }, ["a"], 2)'), '<stable-unknown>');
      assert.strictEqual(await system('JSON.stringify({ a: 1 }, null, n)'), '<stable-unknown>');
      const B = 'const B = [{ type: "text", text: "b" }];';
      assert.strictEqual(await system('structuredClone(B)', B), 'b');
      assert.strictEqual(await system('cloneDeep(B)', B), 'b');
      assert.strictEqual(await system('B.slice()', B), 'b');
      assert.strictEqual(await system('B.slice(1)', B), '<stable-unknown>');
      assert.strictEqual(await system('structuredClone(B, options)', B), '<stable-unknown>');
      assert.strictEqual(await system('new Date().toISOString().slice(0, 10)'), '<stable-unknown>', 'the date: the same all day');
      assert.strictEqual(await system('new Date().toISOString().substring(0, 10)'), '<stable-unknown>');
      assert.strictEqual(await system('new Date().toISOString().slice(0, 16)'), '<volatile>', 'minutes change every call');
    });

    it('stops following loop variables, catch parameters and imports', async () => {
      assert.strictEqual(await system('s', 'for (const s of ["a"]) {}'), '<stable-unknown>');
      assert.strictEqual(await system('s', 'for (const s in obj) {}'), '<stable-unknown>');
      assert.strictEqual(await system('s', 'try {} catch (s) {}'), '<stable-unknown>');
      assert.strictEqual(await system('s', 'import s from "./prompts";'), '<stable-unknown>');
      assert.strictEqual(await system('s', 'import { s } from "./prompts";'), '<stable-unknown>');
    });
  });

  describe('which binding a name sees', () => {
    const systemTexts = async (code: string, language: SourceLanguage) => (await blocksOf(code, language)).map(textOf);
    const PY = 'import anthropic\nclient = anthropic.Anthropic()\n';
    const TS = 'import Anthropic from "@anthropic-ai/sdk";\nconst client = new Anthropic();\n';

    it('the innermost scope that binds it, even when that scope ends where its parent does', async () => {
      // The inner function is the last statement of the outer one: both end at the same offset.
      const py = `${PY}SYSTEM = "module"\ndef outer():\n    SYSTEM = "outer"\n    def inner():\n        SYSTEM = "inner"\n        return client.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=SYSTEM, messages=[])\n`;
      assert.deepStrictEqual(await systemTexts(py, 'python'), ['inner']);
      const ts = `${TS}const SYSTEM = "module";\nfunction outer() {\n  const SYSTEM = "outer";\n  function inner() {\n    const SYSTEM = "inner";\n    return client.messages.create({ model: "claude-sonnet-4-5", max_tokens: 5, system: SYSTEM, messages: [] });\n  }\n}\n`;
      assert.deepStrictEqual(await systemTexts(ts, 'typescript'), ['inner']);
      // The inner binding is made before the outer one: the order names were first seen in does not decide.
      const later = `${PY}SYSTEM = "module"\ndef outer():\n    def inner():\n        SYSTEM = "inner"\n        return client.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=SYSTEM, messages=[])\n    SYSTEM = "outer"\n`;
      assert.deepStrictEqual(await systemTexts(later, 'python'), ['inner']);
    });

    it('Python: a function that declares the name global or nonlocal rebinds the outer one, so its value is not the one first written', async () => {
      const request = 'client.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=SYSTEM, messages=[])';
      const global = `${PY}SYSTEM = "module"\ndef load():\n    global SYSTEM\n    SYSTEM = open("big.md").read()\n${request}\n`;
      assert.deepStrictEqual(await systemTexts(global, 'python'), ['<stable-unknown>']);
      const augmented = `${PY}SYSTEM = "module"\ndef load():\n    global SYSTEM\n    SYSTEM += " more"\n${request}\n`;
      assert.deepStrictEqual(await systemTexts(augmented, 'python'), ['<stable-unknown>']);
      const nonlocal = `${PY}def outer():\n    SYSTEM = "outer"\n    def load():\n        nonlocal SYSTEM\n        SYSTEM = "loaded"\n    load()\n    return ${request}\n`;
      assert.deepStrictEqual(await systemTexts(nonlocal, 'python'), ['<stable-unknown>']);
      // Without the declaration the assignment binds a local, and the module value stands.
      const local = `${PY}SYSTEM = "module"\ndef load():\n    global OTHER\n    SYSTEM = "local"\n    return SYSTEM\n${request}\n`;
      assert.deepStrictEqual(await systemTexts(local, 'python'), ['module']);
    });

    it('appends, item assignments and stores to a same-named local elsewhere do not change the module value', async () => {
      const grown = `${PY}BLOCKS = [{"type": "text", "text": "one"}]\ndef other():\n    BLOCKS = []\n    BLOCKS.append({"type": "text", "text": "two"})\n    BLOCKS[0] = {"type": "text", "text": "three"}\nclient.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=BLOCKS, messages=[])\n`;
      assert.deepStrictEqual(await systemTexts(grown, 'python'), ['one']);
      const stored = `${PY}BLOCK = {"type": "text", "text": "one"}\ndef other():\n    BLOCK = {}\n    BLOCK["text"] = "changed"\nclient.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=[BLOCK], messages=[])\n`;
      assert.deepStrictEqual(await systemTexts(stored, 'python'), ['one']);
      const pushed = `${TS}const BLOCKS = [{ type: "text", text: "one" }];\nfunction other() {\n  const BLOCKS: any[] = [];\n  BLOCKS.push({ type: "text", text: "two" });\n}\nclient.messages.create({ model: "claude-sonnet-4-5", max_tokens: 5, system: BLOCKS, messages: [] });\n`;
      assert.deepStrictEqual(await systemTexts(pushed, 'typescript'), ['one']);
      // The same edits to the module's own binding do reach it.
      const ownGrowth = `${PY}BLOCKS = [{"type": "text", "text": "one"}]\nBLOCKS.append({"type": "text", "text": "two"})\nclient.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=BLOCKS, messages=[])\n`;
      assert.notDeepStrictEqual(await systemTexts(ownGrowth, 'python'), ['one']);
    });

    it('a same-named local filled in a directory listing elsewhere gives the module list no unstable order', async () => {
      const request = `client.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=[{"type": "text", "text": "${LONG_TEXT}" + "".join(PARTS), "cache_control": {"type": "ephemeral"}}], messages=[])\n`;
      const elsewhere = `import os\n${PY}PARTS = ["a"]\nPARTS.append("b")\ndef other(d):\n    PARTS = []\n    for f in os.listdir(d):\n        PARTS.append(f)\n${request}`;
      assert.deepStrictEqual((await lintSnippet(elsewhere, 'python')).findings.map((f) => f.ruleId), []);
      const own = `import os\n${PY}PARTS = ["a"]\nfor f in os.listdir("d"):\n    PARTS.append(f)\n${request}`;
      assert.deepStrictEqual((await lintSnippet(own, 'python')).findings.map((f) => f.ruleId), ['unstable-order']);
    });

    it('a Python class body: its own names directly in it, the module\'s inside its methods', async () => {
      const py = `${PY}SYSTEM = "module"\nclass Agent:\n    SYSTEM = "class"\n    PROMPT = SYSTEM + "!"\n    def run(self):\n        return client.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=[{"type": "text", "text": self.PROMPT}, {"type": "text", "text": SYSTEM}], messages=[])\n`;
      assert.deepStrictEqual(await systemTexts(py, 'python'), ['class!', 'module']);
    });
  });
});
