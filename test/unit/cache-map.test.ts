import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { cacheMapOf, costCurve, escapeHtml, languageOfFile, renderCacheMap } from '../../src/core';
import { familyByKey } from '../../src/core/models/model-catalog';
import { formatHtml } from '../../src/cli/formatters/html';
import { main } from '../../src/cli/main';
import { EXAMPLES_ROOT, FIXTURE_ROOT } from '../helpers/paths';
import { checkSnapshot } from '../helpers/snapshots';
import { lintText } from '../helpers/fix-checks';

/** The cache map renderer (issue 15): what it draws, that nothing in it can run or fetch, and the HTML report. */

const GUIDE = 'Answer support questions precisely and cite the policy section you rely on. '.repeat(100);
const request = (tools: string, system: string) =>
  `import anthropic\nclient = anthropic.Anthropic()\nclient.messages.create(model="claude-sonnet-4-5", max_tokens=10, tools=${tools}, system=[{"type": "text", "text": ${system}, "cache_control": {"type": "ephemeral"}}], messages=[{"role": "user", "content": "hi"}])\n`;

describe('cache map', () => {
  it('draws tools, system and messages in prefix order with their tokens, the breakpoint at the end of its prefix, and the minimum', async () => {
    const result = await lintText(request('[{"name": "lookup", "description": "Look up an order.", "input_schema": {"type": "object"}}]', JSON.stringify(GUIDE)), 'python', 'map.py');
    const map = cacheMapOf(result.requests[0], 'ask');
    assert.deepStrictEqual(map.segments.map((s) => s.section), ['overhead', 'tools', 'system', 'messages']);
    assert.ok(map.segments.every((s) => s.tokens > 0));
    assert.strictEqual(map.minimum, 1024);
    const [bp] = map.breakpoints;
    assert.strictEqual(bp.state, 'cached');
    // The breakpoint on system[0] caches the overhead, the tool and the system prompt, not the message.
    assert.strictEqual(bp.atTokens, map.segments.slice(0, 3).reduce((n, s) => n + s.tokens, 0));
    assert.strictEqual(map.cost?.prefixTokens, bp.atTokens);
  });

  it('says the map is exact only when every block was counted exactly for the model drawn', async () => {
    const system = JSON.stringify(GUIDE);
    const exact = await lintText(`import anthropic\nclient = anthropic.Anthropic()\nclient.messages.create(model="claude-sonnet-4-5", max_tokens=10, system=[{"type": "text", "text": ${system}, "cache_control": {"type": "ephemeral"}}], messages=[{"role": "user", "content": "hi"}])\n`, 'python', 'map.py');
    const [first] = exact.requests;
    assert.ok(first.blocks.every((b) => b.tokensExact), 'system text and message counted exactly');
    assert.strictEqual(cacheMapOf(first, 'ask').exact, true);
    // Another tokenizer generation: the counts are the drawn model's no longer.
    assert.strictEqual(cacheMapOf(first, 'ask', familyByKey('opus-4.7')).exact, false);
    assert.strictEqual(cacheMapOf(first, 'ask', familyByKey('opus-4.6')).exact, true);
    // Tool definitions are estimated: the map is approximate.
    const tools = await lintText(request('[{"name": "lookup", "description": "Look up an order.", "input_schema": {"type": "object"}}]', system), 'python', 'map.py');
    assert.strictEqual(tools.requests[0].blocks.find((b) => b.section === 'tools')?.tokensExact, false);
    assert.strictEqual(cacheMapOf(tools.requests[0], 'ask').exact, false);
    // Claude 2 has no exact counter.
    const old = await lintText(`import anthropic\nclient = anthropic.Anthropic()\nclient.messages.create(model="claude-2.1", max_tokens=10, system=${system}, messages=[{"role": "user", "content": "hi"}])\n`, 'python', 'map.py');
    assert.ok(old.requests[0].blocks.every((b) => !b.tokensExact));
  });

  it('marks volatile, unordered and unknown parts, and a breakpoint that will not cache', async () => {
    const result = await lintText(
      `import os, datetime\n${request('[{"name": n, "input_schema": {}} for n in {"a", "b"}]', 'f"{datetime.datetime.now()} {open(\'x.md\').read()}"')}`,
      'python',
      'map.py',
    );
    const map = cacheMapOf(result.requests[0], 'ask');
    const kinds = Object.fromEntries(map.segments.map((s) => [s.section, s.kind]));
    assert.strictEqual(kinds.tools, 'unordered');
    assert.strictEqual(kinds.system, 'volatile');
    assert.notStrictEqual(map.breakpoints[0].state, 'cached');
    const html = renderCacheMap(map);
    assert.match(html, /class="segment volatile system"/);
    assert.match(html, /class="breakpoint not-cached"/);
  });

  it('costs n calls in one window: no cache n × input, cached one write then reads; break-even where it first costs less', () => {
    const sonnet = familyByKey('sonnet-4.5')!;
    const curve = costCurve(1_000_000, sonnet, 5)!;
    assert.deepStrictEqual(curve.uncached, [3, 6, 9, 12, 15]);
    assert.deepStrictEqual(curve.cached5m.map((v) => Math.round(v * 100) / 100), [3.75, 4.05, 4.35, 4.65, 4.95]);
    assert.deepStrictEqual(curve.cached1h.map((v) => Math.round(v * 100) / 100), [6, 6.3, 6.6, 6.9, 7.2]);
    assert.strictEqual(curve.breakEven5m, 2);
    assert.strictEqual(curve.breakEven1h, 3);
    assert.strictEqual(costCurve(0, sonnet), undefined);
  });

  it('escapes prompt text and names: no markup, script or handler can come from the code', async () => {
    const hostile = '</script><img src=x onerror=alert(1)><script>alert(2)</script>';
    const result = await lintText(request(`[{"name": ${JSON.stringify(hostile)}, "input_schema": {}}]`, JSON.stringify(`${hostile} ${GUIDE}`)), 'python', 'map.py');
    const html = formatHtml([{ filePath: `a${hostile}.py`, language: 'python', result }]);
    assert.ok(!/<script|<img/i.test(html), 'raw markup from the code reached the page');
    assert.ok(html.includes(escapeHtml('<img src=x onerror=alert(1)>')) || html.includes('&#60;img'), 'the text is shown escaped');
    assert.strictEqual(escapeHtml(`<a href="x" onclick='y'>&\``), '&#60;a href=&#34;x&#34; onclick=&#39;y&#39;&#62;&#38;&#96;');
  });

  it('a model without a published price draws the bar without a cost chart', async () => {
    const result = await lintText(request('[]', JSON.stringify(GUIDE)).replace('claude-sonnet-4-5', 'claude-mythos-preview'), 'python', 'map.py');
    const map = cacheMapOf(result.requests[0], 'ask');
    assert.strictEqual(map.cost, undefined);
    assert.match(renderCacheMap(map), /No price for Claude Mythos Preview: no cost chart/);
    // "What if Haiku 4.5?": the same request drawn for another model of the catalog.
    const haiku = cacheMapOf(result.requests[0], 'ask', familyByKey('haiku-4.5'));
    assert.strictEqual(haiku.minimum, 4096);
    assert.ok(haiku.cost);
  });
});

describe('cache map: the lookback window', () => {
  it('is drawn where more than 20 positions precede a breakpoint; a run of tool_result blocks counts once', async () => {
    const turns = (n: number) => Array.from({ length: n }, (_, i) => `{"role": "${i % 2 ? 'assistant' : 'user'}", "content": "turn ${i}"}`).join(', ');
    const long = await lintText(`import anthropic\nclient = anthropic.Anthropic()\nclient.messages.create(model="claude-sonnet-4-5", max_tokens=1, messages=[${turns(24)}, {"role": "user", "content": [{"type": "text", "text": "last", "cache_control": {"type": "ephemeral"}}]}])\n`, 'python', 'map.py');
    const map = cacheMapOf(long.requests[0], 'long');
    const [bp] = map.breakpoints;
    assert.ok(bp.lookbackFromTokens !== undefined && bp.lookbackFromTokens > 0 && bp.lookbackFromTokens < bp.atTokens);
    assert.match(renderCacheMap(map), /class="lookback"/);
    const short = await lintText(`import anthropic\nclient = anthropic.Anthropic()\nclient.messages.create(model="claude-sonnet-4-5", max_tokens=1, messages=[${turns(5)}, {"role": "user", "content": [{"type": "text", "text": "last", "cache_control": {"type": "ephemeral"}}]}])\n`, 'python', 'map.py');
    assert.strictEqual(cacheMapOf(short.requests[0], 'short').breakpoints[0].lookbackFromTokens, undefined);
    const results = Array.from({ length: 30 }, (_, i) => `{"type": "tool_result", "tool_use_id": "t${i}", "content": "r"}`).join(', ');
    const parallel = await lintText(`import anthropic\nclient = anthropic.Anthropic()\nclient.messages.create(model="claude-sonnet-4-5", max_tokens=1, messages=[{"role": "user", "content": [${results}, {"type": "text", "text": "go", "cache_control": {"type": "ephemeral"}}]}])\n`, 'python', 'map.py');
    assert.strictEqual(cacheMapOf(parallel.requests[0], 'parallel').breakpoints[0].lookbackFromTokens, undefined, '30 tool results in a row are one position');
  });
});

describe('CLI --format html', () => {
  it('writes one self-contained page for examples/ (no script, nothing fetched) under 300 KB', async () => {
    let out = '';
    const code = await main(['--format', 'html', EXAMPLES_ROOT], { out: (s) => (out += s), err: () => undefined, color: false });
    assert.strictEqual(code, 1);
    assert.ok(out.startsWith('<!DOCTYPE html>'));
    assert.ok(Buffer.byteLength(out) <= 300 * 1024, `${Buffer.byteLength(out)} bytes`);
    assert.ok(!/<script|<link|<iframe|\bsrc=|url\(http/i.test(out), 'the report loads nothing and runs nothing');
    assert.match(out, /default-src 'none'/);
    assert.ok((out.match(/class="prefix-bar"/g) ?? []).length >= 20);
  });

  it('a file with 500 requests draws the first 25 and lists the rest collapsed', async () => {
    const calls = Array.from({ length: 500 }, (_, i) => `client.messages.create(model="claude-sonnet-4-5", max_tokens=1, messages=[{"role": "user", "content": "q${i}"}])`).join('\n');
    const result = await lintText(`import anthropic\nclient = anthropic.Anthropic()\n${calls}\n`, 'python', 'many.py');
    assert.strictEqual(result.requests.length, 500);
    const html = formatHtml([{ filePath: 'many.py', language: 'python', result }]);
    assert.strictEqual((html.match(/class="prefix-bar"/g) ?? []).length, 25);
    assert.match(html, /<details><summary>475 more requests<\/summary>/);
    assert.ok(Buffer.byteLength(html) < 1_000_000);
  });

  describe('every example\'s map, as data and as drawn (snapshots in test/fixtures/cache-map)', () => {
    const folders = ['python', 'typescript', 'frameworks', 'prompt-files'];
    for (const folder of folders) {
      for (const file of fs.readdirSync(path.join(EXAMPLES_ROOT, folder)).sort()) {
        const language = languageOfFile(file);
        if (!language) {
          continue;
        }
        it(`${folder}/${file}`, async () => {
          const full = path.join(EXAMPLES_ROOT, folder, file);
          const result = await lintText(fs.readFileSync(full, 'utf8'), language, full);
          assert.ok(result.requests.length > 0, 'an example holds a request');
          const maps = result.requests.map((request, i) => {
            const map = cacheMapOf(request, `request ${i + 1}`);
            // Numbers to 6 significant digits, and a list of numbers on one line: readable diffs.
            const data = JSON.stringify(map, (_key, v: unknown) => (typeof v === 'number' ? Number(v.toPrecision(6)) : v), 1).replace(/\[\n[-\d.e\s,]+\]/g, (list) => `[${list.slice(1, -1).split(',').map((n) => n.trim()).join(', ')}]`);
            return `${data}\n${renderCacheMap(map)}`;
          });
          checkSnapshot(path.join(FIXTURE_ROOT, 'cache-map', `${folder}-${file}.html`), `${maps.join('\n\n')}\n`);
        });
      }
    }
  });
});
