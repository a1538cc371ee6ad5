import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import {
  type ExactFamily, clearExactCaches, exactContentTokens, exactContentTokensWhole, exactMessageTokens, markedStreamOf, messageOverhead,
} from '../../src/core/tokens/exact/exact-counter';
import { PINNED_UNICODE_VERSION, category, isLowerChar, isUnassigned, isUpperChar, lowerChar, pinnedNfc } from '../../src/core/tokens/exact/unicode';
import { SHARED_DATA, loadRecordedCounts, sharedDataAvailable } from '../../scripts/token-data';
import { generatedText, generatedTexts, seededRandom } from '../helpers/generated-texts';
import { FIXTURE_ROOT } from '../helpers/paths';
import { CTOK_DIR, findReferencePython, referenceCounts } from '../helpers/reference-counter';

const VERSIONS: Record<ExactFamily, '3.0' | '4.7' | '5.0'> = { v3: '3.0', 'v4.7': '4.7', v5: '5.0' };
const KNOWN_ANSWERS = path.join(FIXTURE_ROOT, 'exact-known-answers.json');

/**
 * In a mutation run (PCL_MUTATION=1) every surviving mutant re-runs the tests that cover it, on code
 * Stryker has instrumented (several times slower), so the data shrink: every 128th Rosetta text,
 * every 64th UDHR language, every 4th MultiPL-E file, no novel (the segmenting tests below cover long
 * texts), 100 differential texts, a tenth of the segmenting rounds and four recounts in a shorter
 * text, and the reference counter's answers kept for the process (they come from Python and no
 * mutant can change them). The known answers, which run first, are what kill most mutants.
 */
const MUTATION_RUN = process.env.PCL_MUTATION === '1';
/** In a mutation run, every n-th recorded text of each data set (see above), none of a data set not named here. */
const MUTATION_SAMPLE: Record<string, number> = { rosetta: 128, udhr: 64, multipl_e: 4 };
const referenceMemo = new Map<string, Record<'3.0' | '4.7' | '5.0', number[]>>();
let referencePython: ReturnType<typeof findReferencePython>;

/** Keeps a wrong count for the report (up to `keep`); a mutant is killed at its first, as the rest would only cost time. */
function noteWrongCount(wrong: string[], line: string, keep = Infinity): void {
  if (wrong.length < keep) {
    wrong.push(line);
  }
  assert.ok(!MUTATION_RUN, wrong[0]);
}

describe('exact offline token counts', () => {
  describe('the method, on cases with known answers', () => {
    it('counts the probes of every character-class boundary and case shape like the reference (fixtures/exact-known-answers.json)', () => {
      // Written by scripts/exact-known-answers.ts with the reference counter (ctok): short texts
      // around each code point where a property the stream asks changes, and cased letters of every
      // cased script in each case shape. No ../shared or Python needed.
      const file = JSON.parse(fs.readFileSync(KNOWN_ANSWERS, 'utf8')) as { cases: [string, number, number, number][] };
      assert.ok(file.cases.length > 5_000, `${file.cases.length} known answers`);
      const wrong: string[] = [];
      for (const [text, ...counts] of file.cases) {
        (['v3', 'v4.7', 'v5'] as const).forEach((family, i) => {
          const got = exactMessageTokens(text, family);
          if (got !== counts[i]) {
            noteWrongCount(wrong, `${family} ${JSON.stringify(text)} (${[...text].map((c) => c.codePointAt(0)!.toString(16)).join(' ')}): ${got}, reference ${counts[i]}`, 20);
          }
        });
      }
      assert.deepStrictEqual(wrong, []);
    });

    it('the message frame: 7 (v3), 11 (v4.7) and 6 (v5) tokens around the content', () => {
      assert.strictEqual(messageOverhead('v3'), 7);
      assert.strictEqual(messageOverhead('v4.7'), 11);
      assert.strictEqual(messageOverhead('v5'), 6);
      // The reference's README: "hello, world" is 10 (v3), 15 (4.7), 10 (5.0) as one message.
      assert.strictEqual(exactMessageTokens('hello, world', 'v3'), 10);
      assert.strictEqual(exactMessageTokens('hello, world', 'v4.7'), 15);
      assert.strictEqual(exactMessageTokens('hello, world', 'v5'), 10);
    });

    it('writes word, case and seam markers into the stream', () => {
      const render = (s: string): string => s.replace(/\ufdd0/g, '<bow>').replace(/\ufdd1/g, '<eow>').replace(/\ufdd3/g, '<shift>').replace(/\ufdd4/g, '<caps>');
      assert.strictEqual(render(markedStreamOf('NASA likes tokenizers', 'v3')), '<caps><bow>nasa<eow><bow>likes<eow><bow>tokenizers<eow>');
      // v4.7 has no ⟨caps⟩: an all-caps word stays literal.
      assert.strictEqual(render(markedStreamOf('NASA likes', 'v4.7')), '<bow>NASA<eow><bow>likes<eow>');
      assert.strictEqual(render(markedStreamOf("Hello it's", 'v3')), "<shift><bow>hello<eow><bow>it<eow>'s<eow>");
    });

    it('the frame absorbs one leading space on v3/v4.7 but not on v5, and trailing whitespace is free on v5 only', () => {
      assert.strictEqual(exactContentTokens(' a', 'v3'), exactContentTokens('a', 'v3'));
      assert.strictEqual(exactContentTokens(' a', 'v5'), exactContentTokens('a', 'v5') + 1);
      assert.strictEqual(exactContentTokens('a \n\n', 'v5'), exactContentTokens('a', 'v5'));
      assert.ok(exactContentTokens('a' + '\n'.repeat(29), 'v3') > exactContentTokens('a', 'v3'));
      // v5's free tail is Python's rstrip of ASCII whitespace: tab to carriage return and space, nothing else.
      assert.strictEqual(exactContentTokens('a \t\n\r\f\v', 'v5'), exactContentTokens('a', 'v5'));
      assert.strictEqual(exactContentTokens('a \t\n\r\f\v', 'v3'), 3);
      assert.strictEqual(exactContentTokens('a\u0000', 'v5'), 2);
      assert.strictEqual(exactContentTokens('a\u00a0', 'v5'), 2);
      // The explained stream follows the same rules: v5 keeps the leading space and drops the trailing whitespace.
      const render = (t: string): string => t.replace(/\ufdd0/g, '<bow>').replace(/\ufdd1/g, '<eow>').replace(/\ufdd3/g, '<shift>');
      assert.strictEqual(render(markedStreamOf(' Hi there \n\n', 'v3')), '<shift><bow>hi<eow><bow>there<eow> ');
      assert.strictEqual(render(markedStreamOf(' Hi there \n\n', 'v5')), ' <shift><bow>hi<eow><bow>there<eow>');
    });

    it('Unicode data is the pinned 15.0 (not the runtime\'s), including case mapping', () => {
      assert.strictEqual(PINNED_UNICODE_VERSION, '15.0.0');
      assert.strictEqual(category(0x0041), 'Lu');
      assert.strictEqual(category(0x1c89), 'Cn', 'assigned in Unicode 16.0, so unassigned at the pinned version');
      assert.strictEqual(lowerChar(0x0130), 'i\u0307');
      assert.ok(isUpperChar(0x03a3));
      assert.ok(isLowerChar(0x0061) && isLowerChar(0x03c3) && !isLowerChar(0x0041) && !isLowerChar(0x0031));
      assert.ok(isUnassigned(0x1acf) && isUnassigned(0x10d69) && !isUnassigned(0x0301) && !isUnassigned(0x0041));
    });

    it('case shapes: mixed, title, all-caps, digraphs, final sigma, dotted I, ligatures and full-width letters count as the reference does', () => {
      // Message counts (v3, v4.7, v5) from the reference counter (ctok, Python 3.12, Unicode 15.0).
      const cases: [string, [number, number, number]][] = [
        ['HeLLo', [11, 16, 11]],
        ['McDonald', [8, 15, 10]],
        ['iPhone', [8, 15, 10]],
        ['ABCdef', [10, 16, 11]],
        ['ABC', [8, 14, 9]],
        ['AB', [8, 13, 8]],
        ['A', [8, 12, 7]],
        ['NASA', [8, 14, 9]],
        ['NASAs', [10, 15, 10]],
        ['HTTPServer', [9, 17, 12]],
        ['ÉCOLE', [9, 18, 13]],
        ['École', [8, 12, 7]],
        ['ǅemal', [12, 16, 11]],
        ['ǄEMAL', [13, 18, 13]],
        ['ΣΊΣΥΦΟΣ', [16, 27, 22]],
        ['İstanbul', [10, 16, 11]],
        ['ISTANBUL', [9, 18, 13]],
        ['straße', [9, 13, 8]],
        ['STRASSE', [10, 16, 11]],
        ['ﬁle', [12, 16, 11]],
        ['Ⅻ', [13, 17, 12]],
        ['ⓐⓑ', [15, 19, 14]],
        ['ＡＢＣ', [18, 19, 14]],
        ['hello World FOO bar Baz', [15, 22, 17]],
        ['XY', [9, 13, 8]],
        ['XYZW', [11, 15, 10]],
        ['camelCaseWord', [12, 18, 13]],
        ['snake_CASE', [11, 17, 12]],
        ['HELLO world', [10, 16, 11]],
        ['A.B.C.', [13, 17, 12]],
        ["I'm", [9, 14, 9]],
        ["DON'T", [11, 15, 10]],
        ["O'Neil", [10, 16, 11]],
        ['ΑΘΗΝΑ', [13, 23, 18]],
        ['Москва МОСКВА', [13, 20, 15]],
        ['ǈubljana', [12, 17, 12]],
        ['ΪΫ', [13, 17, 12]],
        ['ABC123def', [10, 16, 11]],
        ['x1Y2', [11, 16, 11]],
        ['ᾈ', [12, 16, 11]],
        ['ꞋMark', [13, 17, 12]],
        ['Ϊ́', [13, 17, 12]],
        ['ÅNGSTRÖM', [11, 22, 17]],
        ['ǲ', [11, 15, 10]],
      ];
      const wrong = cases.filter(([text, counts]) => (['v3', 'v4.7', 'v5'] as const).some((family, i) => exactMessageTokens(text, family) !== counts[i]));
      assert.deepStrictEqual(wrong.map(([text]) => text), []);
    });

    it('normalizes to NFC at the pinned version: a mark assigned after 15.0 is a starter there, so nothing moves across it', () => {
      // The runtime's own NFC (Node 20 here has Unicode 17.0) moves U+0316 (class 220) before the newer marks, whose class is higher.
      assert.strictEqual(pinnedNfc('e\u0301\u1acf\u0316'), '\u00e9\u1acf\u0316');
      assert.strictEqual(pinnedNfc('e\u0301\u{10d69}\u0316'), '\u00e9\u{10d69}\u0316');
      assert.strictEqual(pinnedNfc('\u{10d69}e\u0301'), '\u{10d69}\u00e9');
      // One unit for a BMP code point, U+FFFF included: the letter after it still composes.
      assert.strictEqual(pinnedNfc('\u1acfe\u0301'), '\u1acf\u00e9');
      assert.strictEqual(pinnedNfc('\uffffe\u0301'), '\uffff\u00e9');
      assert.strictEqual(pinnedNfc('e\u0301 a\u0316\u0301'), '\u00e9 \u00e1\u0316');
      assert.strictEqual(pinnedNfc('plain ascii'), 'plain ascii');
    });
  });

  describe('every recorded count_tokens result in ../shared/data', function () {
    this.timeout(300_000);
    before(function () {
      if (!sharedDataAvailable()) {
        console.log(`    SKIPPED: the recorded Claude counts are not at ${SHARED_DATA} (../shared/data beside the repository).`);
        this.skip();
      }
    });

    for (const family of ['v3', 'v4.7', 'v5'] as const) {
      it(`reproduces every recorded ${family} count exactly (Rosetta, MultiPL-E, UDHR, the novel)`, () => {
        const seen = new Map<string, number>();
        const byDataset = new Map<string, number>();
        const wrong: string[] = [];
        for (const record of loadRecordedCounts().filter((r) => r.messageTokens[family] !== undefined)) {
          const nth = seen.get(record.dataset) ?? 0;
          seen.set(record.dataset, nth + 1);
          const every = MUTATION_SAMPLE[record.dataset];
          if (MUTATION_RUN && (every === undefined || nth % every !== 0)) {
            continue;
          }
          byDataset.set(record.dataset, (byDataset.get(record.dataset) ?? 0) + 1);
          const got = exactMessageTokens(record.text, family);
          if (got !== record.messageTokens[family]) {
            noteWrongCount(wrong, `${record.dataset}/${record.id}: ${got}, recorded ${record.messageTokens[family]}`);
          }
        }
        assert.deepStrictEqual(wrong, []);
        // The data sets are all there: a missing file must not pass as "nothing wrong".
        assert.ok((byDataset.get('rosetta') ?? 0) >= (MUTATION_RUN ? 12 : 1_741), `${byDataset.get('rosetta')} Rosetta texts`);
        assert.strictEqual(byDataset.get('udhr'), MUTATION_RUN ? 8 : 501);
        assert.strictEqual(byDataset.get('multipl_e'), MUTATION_RUN ? 6 : 22);
        assert.strictEqual(byDataset.get('novel'), family === 'v5' || MUTATION_RUN ? undefined : 1);
      });
    }
  });

  describe('differential test against the reference counter (ctok, Python)', function () {
    this.timeout(600_000);
    it('counts thousands of seeded texts of every kind exactly like the reference, in all three families', function () {
      if (!fs.existsSync(path.join(CTOK_DIR, 'ctok', '__init__.py'))) {
        console.log(`    SKIPPED: the reference counter is not at ${CTOK_DIR} (../shared/tools/ctok beside the repository).`);
        this.skip();
      }
      // Found once per process: in a mutation run each mutant would otherwise probe every Python again.
      const python = (referencePython ??= findReferencePython());
      if (!python) {
        console.log('    SKIPPED: no Python >= 3.11 on this machine (pyenv, python3.12, python3) to run the reference counter.');
        this.skip();
      }
      const seed = Number(process.env.PCL_DIFFERENTIAL_SEED ?? 20261202);
      const count = Number(process.env.PCL_DIFFERENTIAL_COUNT ?? (MUTATION_RUN ? 100 : 2_500));
      let texts = generatedTexts(seed, count);
      if (python.unicode !== PINNED_UNICODE_VERSION) {
        // Another Unicode version classifies the code points it added or changed differently: keep to the old BMP.
        console.log(`    NOTE: ${python.executable} has Unicode ${python.unicode}, not ${PINNED_UNICODE_VERSION}: comparing only texts without astral or recently assigned code points.`);
        texts = texts.filter((t) => !/[\ud800-\udfff\u0cf3\u0ece\u31ef\u2ffc-\u2fff]/.test(t));
      }
      const memoKey = `${python.executable} ${seed} ${texts.length}`;
      const reference = referenceMemo.get(memoKey) ?? referenceCounts(python, texts);
      referenceMemo.set(memoKey, reference);
      const wrong: string[] = [];
      for (const family of ['v3', 'v4.7', 'v5'] as const) {
        texts.forEach((text, i) => {
          const got = exactMessageTokens(text, family);
          const want = reference[VERSIONS[family]][i];
          if (got !== want) {
            noteWrongCount(wrong, `${family} #${i} ${JSON.stringify(text).slice(0, 160)}: ${got}, reference ${want}`, 20);
          }
        });
      }
      assert.ok(texts.length >= count * 0.8, `compared ${texts.length} texts`);
      assert.deepStrictEqual(wrong, [], `seed ${seed}`);
    });
  });

  describe('segmenting and caching never change a count', () => {
    it('a line starting with any kind of character counts the same cut into segments as whole, in every family', () => {
      // Segments may start only where the tokenizer cannot join across the line break: these are the edges.
      const starters = [' ', '  ', '\t', '\u00a0', '\u0301', '\ue000', '\ud83d\ude00', '\ud800', '1', 'A', 'a', 'É', '中', '!', '~', '\u200b', '\u2028', '\u000b', '\r', '\n', '\u0640', '\u00ad', '\uff01', '\u0e38'];
      const before = ['word', 'word ', 'word\n', '12', '', 'İ', 'x\r'];
      const wrong: string[] = [];
      for (const family of ['v3', 'v4.7', 'v5'] as const) {
        for (const context of before) {
          for (const starter of starters) {
            const text = `${context}\n${starter}rest of it\n${starter}${starter}x\n${starter}`;
            clearExactCaches();
            const segmented = exactContentTokens(text, family);
            const whole = exactContentTokensWhole(text, family);
            if (segmented !== whole) {
              wrong.push(`${family} ${JSON.stringify(text)}: ${segmented} segmented, ${whole} whole`);
            }
          }
        }
      }
      assert.deepStrictEqual(wrong, []);
    });

    it('count(a + "\\n" + b) with warm per-segment caches equals the whole text counted at once', () => {
      const r = seededRandom(7);
      const mismatches: string[] = [];
      for (let i = 0; i < (MUTATION_RUN ? 30 : 400); i++) {
        const a = generatedText(r);
        const b = generatedText(r);
        for (const family of ['v3', 'v4.7', 'v5'] as const) {
          exactContentTokens(a, family);
          exactContentTokens(b, family);
          const joined = `${a}\n${b}`;
          const cached = exactContentTokens(joined, family);
          const whole = exactContentTokensWhole(joined, family);
          if (cached !== whole) {
            mismatches.push(`${family}: ${JSON.stringify(joined).slice(0, 120)}: ${cached} vs ${whole}`);
          }
        }
      }
      assert.deepStrictEqual(mismatches.slice(0, 10), []);
    });

    it('a recount after an edit in a long text equals a cold count of the edited text', () => {
      const novelPath = path.join(SHARED_DATA, 'pride_and_prejudice.txt');
      const base = fs.existsSync(novelPath) ? fs.readFileSync(novelPath, 'utf8').slice(0, MUTATION_RUN ? 20_000 : 60_000) : generatedTexts(3, 300).join('\n');
      const r = seededRandom(11);
      exactContentTokens(base, 'v3');
      for (let i = 0; i < (MUTATION_RUN ? 4 : 30); i++) {
        const at = Math.floor(r() * base.length);
        const edited = base.slice(0, at) + generatedText(r).slice(0, 12) + base.slice(at + 1);
        const warm = exactContentTokens(edited, 'v3');
        clearExactCaches();
        assert.strictEqual(warm, exactContentTokens(edited, 'v3'), `edit at ${at}`);
      }
    });

    it('never throws, whatever the string: random code units, lone surrogates, huge runs', () => {
      const r = seededRandom(5);
      for (let i = 0; i < 300; i++) {
        let text = '';
        for (let n = Math.floor(r() * 40); n > 0; n--) {
          text += String.fromCharCode(Math.floor(r() * 0x10000));
        }
        for (const family of ['v3', 'v4.7', 'v5'] as const) {
          const n = exactContentTokens(text, family);
          assert.ok(Number.isInteger(n) && n >= 0, `${JSON.stringify(text)}: ${n}`);
        }
      }
      assert.ok(exactContentTokens('='.repeat(MUTATION_RUN ? 20_000 : 100_000), 'v3') > 0);
      assert.ok(exactContentTokens('\n'.repeat(10_000), 'v4.7') > 0);
    });
  });

});
