/**
 * The writing system of a character, by Unicode block. Claude's vocabularies cover scripts very
 * unevenly (Georgian and Armenian words are a few tokens, Cherokee and Vai fall back to one token per
 * UTF-8 byte), and nothing in the characters themselves says which, so the estimator calibrates a
 * ratio per script (see claude-estimator.ts). Blocks, not the full Unicode Script property: one table
 * lookup per character is what a count on every keystroke can afford.
 */
export const SCRIPT_CLASSES = [
  'latin',
  'greek',
  'cyrillic',
  'armenian',
  'hebrew',
  'arabic',
  'syriac',
  'thaana',
  'devanagari',
  'bengali',
  'gurmukhi',
  'gujarati',
  'tamil',
  'telugu',
  'kannada',
  'malayalam',
  'sinhala',
  'thai',
  'lao',
  'tibetan',
  'myanmar',
  'georgian',
  'hangul',
  'ethiopic',
  'cherokee',
  'canadian',
  'khmer',
  'tifinagh',
  'han',
  'kana',
  'yi',
  'vai',
  'javanese',
  /** Any other letter in the Basic Multilingual Plane (Oriya, Mongolian, N'Ko, Tai Tham, …). */
  'otherBmp',
  /** Letters outside the BMP (Adlam, Chakma, Grantha, historic scripts), four UTF-8 bytes each. */
  'astral',
] as const;

export type ScriptClass = (typeof SCRIPT_CLASSES)[number];

/** Characters that belong to whatever letter they follow or to no script: punctuation, symbols, marks. */
const NEUTRAL = 255;
const MARK = 254;

/** [first, last, class] for the BMP; anything unlisted is 'otherBmp' when it is a letter. */
const BLOCKS: [number, number, ScriptClass | typeof NEUTRAL | typeof MARK][] = [
  [0x0000, 0x02ff, 'latin'],
  [0x0300, 0x036f, MARK],
  [0x0370, 0x03ff, 'greek'],
  [0x0400, 0x052f, 'cyrillic'],
  [0x0530, 0x058f, 'armenian'],
  [0x0590, 0x05ff, 'hebrew'],
  [0x0600, 0x06ff, 'arabic'],
  [0x0700, 0x074f, 'syriac'],
  [0x0750, 0x077f, 'arabic'],
  [0x0780, 0x07bf, 'thaana'],
  [0x08a0, 0x08ff, 'arabic'],
  [0x0900, 0x097f, 'devanagari'],
  [0x0980, 0x09ff, 'bengali'],
  [0x0a00, 0x0a7f, 'gurmukhi'],
  [0x0a80, 0x0aff, 'gujarati'],
  [0x0b80, 0x0bff, 'tamil'],
  [0x0c00, 0x0c7f, 'telugu'],
  [0x0c80, 0x0cff, 'kannada'],
  [0x0d00, 0x0d7f, 'malayalam'],
  [0x0d80, 0x0dff, 'sinhala'],
  [0x0e00, 0x0e7f, 'thai'],
  [0x0e80, 0x0eff, 'lao'],
  [0x0f00, 0x0fff, 'tibetan'],
  [0x1000, 0x109f, 'myanmar'],
  [0x10a0, 0x10ff, 'georgian'],
  [0x1100, 0x11ff, 'hangul'],
  [0x1200, 0x139f, 'ethiopic'],
  [0x13a0, 0x13ff, 'cherokee'],
  [0x1400, 0x167f, 'canadian'],
  [0x1780, 0x17ff, 'khmer'],
  [0x18b0, 0x18ff, 'canadian'],
  [0x1ab0, 0x1aff, MARK],
  [0x1c80, 0x1c8f, 'cyrillic'],
  [0x1c90, 0x1cbf, 'georgian'],
  [0x1d00, 0x1dbf, 'latin'],
  [0x1dc0, 0x1dff, MARK],
  [0x1e00, 0x1eff, 'latin'],
  [0x1f00, 0x1fff, 'greek'],
  [0x2000, 0x2bff, NEUTRAL],
  [0x2c60, 0x2c7f, 'latin'],
  [0x2d00, 0x2d2f, 'georgian'],
  [0x2d30, 0x2d7f, 'tifinagh'],
  [0x2de0, 0x2dff, 'cyrillic'],
  [0x2e00, 0x2e7f, NEUTRAL],
  [0x2e80, 0x2fdf, 'han'],
  [0x3000, 0x303f, NEUTRAL],
  [0x3040, 0x30ff, 'kana'],
  [0x3100, 0x312f, 'han'],
  [0x3130, 0x318f, 'hangul'],
  [0x3190, 0x31ef, 'han'],
  [0x31f0, 0x31ff, 'kana'],
  [0x3200, 0x33ff, NEUTRAL],
  [0x3400, 0x4dbf, 'han'],
  [0x4dc0, 0x4dff, NEUTRAL],
  [0x4e00, 0x9fff, 'han'],
  [0xa000, 0xa4cf, 'yi'],
  [0xa500, 0xa63f, 'vai'],
  [0xa640, 0xa69f, 'cyrillic'],
  [0xa720, 0xa7ff, 'latin'],
  [0xa960, 0xa97f, 'hangul'],
  [0xa980, 0xa9df, 'javanese'],
  [0xab30, 0xab6f, 'latin'],
  [0xab70, 0xabbf, 'cherokee'],
  [0xac00, 0xd7ff, 'hangul'],
  [0xd800, 0xdfff, NEUTRAL],
  [0xe000, 0xf8ff, NEUTRAL],
  [0xf900, 0xfaff, 'han'],
  [0xfb00, 0xfb06, 'latin'],
  [0xfb13, 0xfb17, 'armenian'],
  [0xfb1d, 0xfb4f, 'hebrew'],
  [0xfb50, 0xfdff, 'arabic'],
  [0xfe00, 0xfe0f, MARK],
  [0xfe10, 0xfe1f, NEUTRAL],
  [0xfe20, 0xfe2f, MARK],
  [0xfe30, 0xfe6f, NEUTRAL],
  [0xfe70, 0xfeff, 'arabic'],
  [0xff00, 0xffef, NEUTRAL],
  [0xfff0, 0xffff, NEUTRAL],
];

const LATIN = 0;
const OTHER_BMP = SCRIPT_CLASSES.indexOf('otherBmp');
const ASTRAL = SCRIPT_CLASSES.indexOf('astral');
const HAN = SCRIPT_CLASSES.indexOf('han');

/** Class index per BMP code point (64 KB, built once). */
const BMP = new Uint8Array(0x10000).fill(OTHER_BMP);
for (const [first, last, cls] of BLOCKS) {
  BMP.fill(typeof cls === 'number' ? cls : SCRIPT_CLASSES.indexOf(cls), first, last + 1);
}

/**
 * Index into SCRIPT_CLASSES of a code point's script, or -1 for a character that has none of its own
 * (ASCII is 'latin'; punctuation, symbols, emoji and combining marks are -1: a mark takes the class
 * of the letter before it, which the caller tracks).
 */
export function scriptIndexOf(codePoint: number, previous: number): number {
  if (codePoint < 0x10000) {
    const cls = BMP[codePoint];
    if (cls === MARK) {
      return previous;
    }
    return cls === NEUTRAL ? -1 : cls;
  }
  if (codePoint >= 0x20000 && codePoint < 0x40000) {
    return HAN;
  }
  if (codePoint >= 0x1f000 && codePoint < 0x20000) {
    return -1; // emoji and pictographs
  }
  if (codePoint >= 0xe0000) {
    return previous; // tags and variation selectors
  }
  return ASTRAL;
}

export const LATIN_SCRIPT_INDEX = LATIN;
