import * as assert from 'assert';
import { SCRIPT_CLASSES, type ScriptClass, scriptIndexOf } from '../../src/core/tokens/unicode-scripts';

/** The writing system of each character, as the token estimator sees it, on real words. */
function classesOf(text: string): (ScriptClass | 'none')[] {
  let previous = -1;
  const out = new Set<ScriptClass | 'none'>();
  for (const char of text) {
    previous = scriptIndexOf(char.codePointAt(0)!, previous);
    out.add(previous < 0 ? 'none' : SCRIPT_CLASSES[previous]);
  }
  return [...out];
}

describe('unicode scripts', () => {
  const words: [string, ScriptClass][] = [
    ['Hello façade Ærø', 'latin'],
    ['Ελληνικά', 'greek'],
    ['Русский', 'cyrillic'],
    ['Հայերեն', 'armenian'],
    ['עברית', 'hebrew'],
    ['العربية', 'arabic'],
    ['ܣܘܪܝܝܐ', 'syriac'],
    ['ދިވެހި', 'thaana'],
    ['हिन्दी', 'devanagari'],
    ['বাংলা', 'bengali'],
    ['ਪੰਜਾਬੀ', 'gurmukhi'],
    ['ગુજરાતી', 'gujarati'],
    ['தமிழ்', 'tamil'],
    ['తెలుగు', 'telugu'],
    ['ಕನ್ನಡ', 'kannada'],
    ['മലയാളം', 'malayalam'],
    ['සිංහල', 'sinhala'],
    ['ภาษาไทย', 'thai'],
    ['ພາສາລາວ', 'lao'],
    ['བོད', 'tibetan'],
    ['မြန်မာ', 'myanmar'],
    ['ქართული', 'georgian'],
    ['한국어', 'hangul'],
    ['አማርኛ', 'ethiopic'],
    ['ᏣᎳᎩ', 'cherokee'],
    ['ᐃᓄᒃᑎᑐᑦ', 'canadian'],
    ['ភាសាខ្មែរ', 'khmer'],
    ['ⵜⴰⵎⴰⵣⵉⵖⵜ', 'tifinagh'],
    ['中文漢字', 'han'],
    ['ひらがなカタカナ', 'kana'],
    ['ꆈꌠꉙ', 'yi'],
    ['ꕙꔤ', 'vai'],
    ['ꦧꦱꦗꦮ', 'javanese'],
    ['ᠮᠣᠩᠭᠣᠯ', 'otherBmp'],
    ['𞤀𞤣𞤤𞤢𞤥', 'astral'],
  ];
  for (const [word, script] of words) {
    it(`${word} is ${script}`, () => {
      assert.deepStrictEqual(classesOf(word), [script]);
    });
  }

  it('gives punctuation, symbols, emoji and ideographic space no script of their own', () => {
    for (const char of ['—', '€', '→', '😀', '🧪', '　', '「', '㈱', '䷀', '…']) {
      assert.strictEqual(scriptIndexOf(char.codePointAt(0)!, 0), -1, char);
    }
  });

  it('lets combining marks, variation selectors and tags take the script of the letter before them', () => {
    const cyrillic = SCRIPT_CLASSES.indexOf('cyrillic');
    for (const code of [0x0301, 0x1ab0, 0x1dc0, 0xfe00, 0xfe20, 0xe0041, 0xe0100]) {
      assert.strictEqual(scriptIndexOf(code, cyrillic), cyrillic, code.toString(16));
    }
  });

  it('counts the supplementary ideographic planes as Han, and other astral letters as astral', () => {
    assert.strictEqual(SCRIPT_CLASSES[scriptIndexOf(0x20000, -1)], 'han');
    assert.strictEqual(SCRIPT_CLASSES[scriptIndexOf(0x3134a, -1)], 'han');
    assert.strictEqual(SCRIPT_CLASSES[scriptIndexOf(0x40000, -1)], 'astral');
    assert.strictEqual(SCRIPT_CLASSES[scriptIndexOf(0x10400, -1)], 'astral');
  });
});
