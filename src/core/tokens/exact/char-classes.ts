/**
 * What one code point is to Claude's tokenizer, as the reference counter (ctok, MIT; see
 * THIRD_PARTY_NOTICES.md) measured it against `count_tokens`: its stream class, whether it
 * separates words, how it takes border markers, and the case rules. The enumerated tables are
 * measurements, not Unicode properties: no category rule reproduces them.
 */
import { category, combiningClass, isLowerChar, isUpperChar, lowerChar } from './unicode';

/** Marker glyphs in the internal stream: one noncharacter each. */
export const BOW = '\ufdd0';
export const EOW = '\ufdd1';
export const SHIFT = '\ufdd3';
export const CAPS = '\ufdd4';
export const BOW_CP = 0xfdd0;
export const EOW_CP = 0xfdd1;
export const SHIFT_CP = 0xfdd3;
export const CAPS_CP = 0xfdd4;

export function isMarkerGlyph(cp: number): boolean {
  return cp === BOW_CP || cp === EOW_CP || cp === SHIFT_CP || cp === CAPS_CP;
}

/**
 * Text can contain the marker noncharacters themselves: after normalization (which strips BMP
 * private use) each U+FDD0+i is written as U+E000+i, and priced as the character it stands for.
 */
export const MARKER_LITERAL_BASE = 0xe000;
export function markerLiteralOf(cp: number): number {
  return cp >= MARKER_LITERAL_BASE && cp <= MARKER_LITERAL_BASE + 4 ? cp - MARKER_LITERAL_BASE + 0xfdd0 : cp;
}

export const enum CharClass {
  Wordy = 1,
  Hard = 2,
  Digit = 3,
  Punct = 4,
  Space = 5,
  /** A combining mark with no base before it: a word of its own (only as a run class). */
  StrayMark = 6,
}

type Ranges = readonly (readonly [number, number])[];

function inRanges(cp: number, ranges: Ranges): boolean {
  for (const [lo, hi] of ranges) {
    if (cp >= lo && cp <= hi) {
      return true;
    }
  }
  return false;
}

/** Non-ASCII symbols and punctuation measured to tile over the punctuation vocabulary. */
const PUNCT_SYMBOLS = new Set([0x00a3, 0x00a7, 0x00ab, 0x00b0, 0x00b7, 0x00bb, 0x0f0d, 0x2013, 0x2014, 0x201e, 0x2020, 0x2022, 0x2026, 0x20ac, 0x2116, 0x2192, 0x2212, 0x221a, 0x2500, 0x2502, 0x2514, 0x2550, 0x2588, 0xff08]);
/** Symbols of the CJK Symbols and Punctuation block that take no markers, like its punctuation. */
const IDEOGRAPHIC_SYMBOLS = new Set([0x3004, 0x3012, 0x3013, 0x3020, 0x3036, 0x3037, 0x303e, 0x303f]);
/** Symbol-letters that take the full word model (runic golden numbers, Roman numerals, circled letters, Bamum). */
const SYMBOL_LETTERS: Ranges = [[0x16ee, 0x16f0], [0x2160, 0x2188], [0x24b6, 0x24e9], [0xa6e6, 0xa6ef]];
const VARIATION_SELECTORS: readonly [number, number] = [0xfe00, 0xfe0f];
/** THAI CHARACTER PHINTHU: combining class 9 but not a separator. */
const NON_SEPARATOR = 0x0e3a;
/** Marks that separate word runs like a virama, without combining class 9 (measured one by one). */
const SEPARATOR_SIGNS: Ranges = [
  [0x0740, 0x074a], [0x093c, 0x093c], [0x0951, 0x0954], [0x09bc, 0x09bc], [0x09fe, 0x09fe], [0x0a3c, 0x0a3c],
  [0x0abc, 0x0abc], [0x0afd, 0x0aff], [0x0b3c, 0x0b3c], [0x0b55, 0x0b55], [0x0c3c, 0x0c3c], [0x0cbc, 0x0cbc],
  [0x0e47, 0x0e4c], [0x0e4e, 0x0e4e], [0x0ec8, 0x0ecc], [0x0ece, 0x0ece], [0x0f18, 0x0f19], [0x0f35, 0x0f35],
  [0x0f37, 0x0f37], [0x0f39, 0x0f39], [0x0f3e, 0x0f3f], [0x0f86, 0x0f87], [0x0fc6, 0x0fc6], [0x1037, 0x1037],
  [0x17b4, 0x17b5], [0x17c9, 0x17d1], [0x17d3, 0x17d3], [0x17dd, 0x17dd], [0x1a75, 0x1a7c], [0x1a7f, 0x1a7f],
  [0x1b34, 0x1b34], [0x1b6b, 0x1b73], [0xa9b3, 0xa9b3],
];
/** Combining diacritics that stand outside the word (U+0345 and the combining Latin letters do not). */
const SEPARATOR_MARKS: Ranges = [[0x0300, 0x0344], [0x0346, 0x0362]];
/** Accents, tone marks, cantillation and annotation marks of the other combining blocks. */
const SEPARATOR_ANNOTATIONS: Ranges = [
  [0x0483, 0x0489], [0x0591, 0x05af], [0x0658, 0x0658], [0x06df, 0x06e0], [0x06ea, 0x06ec], [0x07eb, 0x07f3],
  [0x07fd, 0x07fd], [0x0818, 0x0819], [0x082d, 0x082d], [0x0859, 0x085b], [0x0898, 0x089f], [0x08ca, 0x08d3],
  [0x08e0, 0x08e1], [0x08ea, 0x08ef], [0x135d, 0x135f], [0x180b, 0x180d], [0x180f, 0x180f], [0x1939, 0x193b],
  [0x1ab0, 0x1abe], [0x1ac1, 0x1acb], [0x1be6, 0x1be6], [0x1c37, 0x1c37], [0x1cd0, 0x1ce8], [0x1ced, 0x1ced],
  [0x1cf4, 0x1cf4], [0x1cf7, 0x1cf9], [0x1dc0, 0x1dd2], [0x1df5, 0x1dff], [0x20d0, 0x20f0], [0x2cef, 0x2cf1],
  [0x302a, 0x302f], [0x3099, 0x309a], [0xa66f, 0xa672], [0xa67c, 0xa67d], [0xa6f0, 0xa6f1], [0xa8e0, 0xa8f1],
  [0xa92b, 0xa92d], [0xaabf, 0xaabf], [0xaac1, 0xaac1], [0xabec, 0xabec], [0xfe20, 0xfe2f],
];

/** Case pairs of Unicode 16.0 the models know, though the pinned tables do not. */
const NEW_CASE_PAIRS = new Map<number, number>([[0x1c89, 0x1c8a], [0xa7cb, 0x0264]]);
const NEW_LOWER = new Set(NEW_CASE_PAIRS.values());
/** GREEK CAPITAL THETA SYMBOL: a capital to Unicode, uncased to the models. */
const UNCASED = 0x03f4;

function isNewCased(cp: number): boolean {
  return NEW_CASE_PAIRS.has(cp) || NEW_LOWER.has(cp);
}

export function isUpper(cp: number): boolean {
  return cp !== UNCASED && (NEW_CASE_PAIRS.has(cp) || isUpperChar(cp));
}

export function isLower(cp: number): boolean {
  return NEW_LOWER.has(cp) || isLowerChar(cp);
}

export function lowerOf(cp: number): string {
  if (cp === UNCASED) {
    return String.fromCodePoint(cp);
  }
  const pair = NEW_CASE_PAIRS.get(cp);
  return pair !== undefined ? String.fromCodePoint(pair) : lowerChar(cp);
}

/** A syllable-ending mark (virama, nukta, tone marks, accents): it stands between two words. */
export function isSeparator(cp: number): boolean {
  return (propertiesOf(cp) & SEPARATOR) !== 0;
}

function computeIsSeparator(cp: number): boolean {
  return (combiningClass(cp) === 9 && cp !== NON_SEPARATOR)
    || inRanges(cp, SEPARATOR_SIGNS) || inRanges(cp, SEPARATOR_MARKS) || inRanges(cp, SEPARATOR_ANNOTATIONS);
}

// Per code point, computed once: the predicates the stream asks at every character.
const KNOWN = 1;
const SEPARATOR = 2;
const PUNCT_LIKE = 4;
const DIGIT_BORDER = 8;
const STRAY_MARK = 16;
const bmpProperties = new Uint8Array(0x10000);
const astralProperties = new Map<number, number>();

function propertiesOf(cp: number): number {
  let p = cp < 0x10000 ? bmpProperties[cp] : astralProperties.get(cp) ?? 0;
  if (p === 0) {
    p = KNOWN;
    if (computeIsSeparator(cp)) {
      p |= SEPARATOR;
    }
    if (computeMarksLikePunct(cp)) {
      p |= PUNCT_LIKE;
    }
    if (computeDigitBorder(cp)) {
      p |= DIGIT_BORDER;
    }
    if (computeIsStrayMark(cp)) {
      p |= STRAY_MARK;
    }
    if (cp < 0x10000) {
      bmpProperties[cp] = p;
    } else {
      astralProperties.set(cp, p);
    }
  }
  return p;
}

/** Letters taken one character at a time: astral, CJK, Hangul syllables and a few measured marks. */
function isHardCodePoint(cp: number): boolean {
  return cp >= 0x10000
    || (cp >= 0x4e00 && cp <= 0x9fff)
    || (cp >= 0x3400 && cp <= 0x4dbf)
    || (cp >= 0xf900 && cp <= 0xfaff)
    || (cp >= 0xac00 && cp <= 0xd7a3)
    || cp === 0x3005 || cp === 0x3006 || (cp >= 0x3031 && cp <= 0x3035) || cp === 0x303b || cp === 0x303c
    || (cp >= 0x06dd && cp <= 0x06e0)
    || (cp >= 0x06e9 && cp <= 0x06ec);
}

export function isVariationSelector(cp: number): boolean {
  return cp >= VARIATION_SELECTORS[0] && cp <= VARIATION_SELECTORS[1];
}

function isSpaceChar(cp: number): boolean {
  return cp === 0x09 || cp === 0x0a || cp === 0x0b || cp === 0x0c || cp === 0x0d;
}

function computeClass(cp: number): CharClass {
  if (isSeparator(cp)) {
    return CharClass.Hard;
  }
  if (isNewCased(cp)) {
    return CharClass.Wordy;
  }
  const cat = category(cp);
  if (cat[0] === 'Z' || isSpaceChar(cp)) {
    return CharClass.Space;
  }
  if (inRanges(cp, SYMBOL_LETTERS)) {
    return CharClass.Wordy;
  }
  if (cat === 'Nd' && (cp < 0x80 || (cp >= 0x0660 && cp <= 0x0669) || (cp >= 0x06f0 && cp <= 0x06f9))) {
    return CharClass.Digit;
  }
  if (cp < 0x80 && (cat[0] === 'P' || cat[0] === 'S')) {
    return CharClass.Punct;
  }
  if (PUNCT_SYMBOLS.has(cp)) {
    return CharClass.Punct;
  }
  if (isVariationSelector(cp)) {
    return CharClass.Hard;
  }
  if (cp === 0x0cf3) {
    return CharClass.Wordy; // KANNADA SIGN COMBINING ANUSVARA ABOVE RIGHT: plain word material
  }
  if ((cat[0] === 'L' || cat[0] === 'M') && !isHardCodePoint(cp)) {
    return CharClass.Wordy;
  }
  return CharClass.Hard;
}

const classCache = new Map<number, CharClass>();
const bmpClass = new Uint8Array(0x10000);

export function classify(cp: number): CharClass {
  if (cp < 0x10000) {
    const hit = bmpClass[cp];
    if (hit !== 0) {
      return hit;
    }
    return (bmpClass[cp] = computeClass(cp));
  }
  let hit = classCache.get(cp);
  if (hit === undefined) {
    hit = computeClass(cp);
    classCache.set(cp, hit);
  }
  return hit;
}

/** Forget the per-code-point tables (clearExactCaches): they are pure, so this only costs their recomputation. */
export function clearCharClassCaches(): void {
  bmpProperties.fill(0);
  astralProperties.clear();
  bmpClass.fill(0);
  classCache.clear();
}

/** A Syriac vowel point or superscript alaph: a word-forming letter where no base holds it. */
function isSyriacVowel(cp: number): boolean {
  return cp === 0x0711 || (cp >= 0x0730 && cp <= 0x073f);
}

/** A combining mark at a position where nothing before it can be its base. */
export function isStrayMark(cp: number): boolean {
  return (propertiesOf(cp) & STRAY_MARK) !== 0;
}

function computeIsStrayMark(cp: number): boolean {
  return !isSyriacVowel(cp) && combiningClass(cp) !== 0 && !computeIsSeparator(cp);
}

/** Whether the border-marker branch claims this character (punctuation, symbols, format, separators). */
export function marksLikePunct(cp: number): boolean {
  return (propertiesOf(cp) & PUNCT_LIKE) !== 0;
}

function computeMarksLikePunct(code: number): boolean {
  const cp = markerLiteralOf(code);
  if (cp >= 0x10000) {
    return false;
  }
  if (computeIsSeparator(cp)) {
    return true;
  }
  const cat = category(cp);
  const ideographicPunct = cp >= 0x3001 && cp <= 0x303f && (cat[0] === 'P' || IDEOGRAPHIC_SYMBOLS.has(cp));
  return (cat[0] === 'P' || cat[0] === 'S' || cat === 'Cf' || cat === 'Cn') && !ideographicPunct;
}

/** Whether a digit takes a border marker: every digit but ASCII and astral ones. */
export function digitBorder(cp: number): boolean {
  return (propertiesOf(cp) & DIGIT_BORDER) !== 0;
}

function computeDigitBorder(cp: number): boolean {
  const cat = category(cp);
  return (cat === 'No' || (cat === 'Nd' && cp >= 0x80)) && cp < 0x10000;
}

/** Which pretoken alternative a character of a hard run belongs to. */
export function hardKind(cp: number): 'punct' | 'number' | 'letter' {
  if (marksLikePunct(cp)) {
    return 'punct';
  }
  return digitBorder(cp) ? 'number' : 'letter';
}

/** The contraction suffixes an apostrophe binds into the word before it. */
export const CONTRACTION_SUFFIXES = new Set(['s', 't', 'd', 'm', 'll', 're', 've']);

const SHARP_S_CAPITAL = 0x1e9e;
const DOTTED_CAPITAL_I = 0x0130;

/**
 * A cased word → its marked form: ⟨caps⟩ + lowercase for a whole all-caps word of at least
 * `allcapsMin` characters, ⟨shift⟩ + lowercase for a title-case word, else literal. Measured
 * exceptions: ẞ blocks both markers, İ is transparent except at the head, a letter with no lowered
 * form blocks them, and a word opened by a stray mark keeps its letters.
 */
export function markCase(span: string, allcapsMin: number | null, headMark: boolean): string {
  if (headMark) {
    return span;
  }
  if (ASCII_LETTERS.test(span)) {
    return markAsciiCase(span, allcapsMin);
  }
  const cps = Array.from(span, (c) => c.codePointAt(0)!);
  if (cps.includes(SHARP_S_CAPITAL)) {
    return span;
  }
  const lowerAll = (list: number[]): string => list.map(lowerOf).join('');
  if (cps.includes(DOTTED_CAPITAL_I)) {
    const head = cps[0];
    const tail = cps.slice(1);
    if (isUpper(head) && head !== DOTTED_CAPITAL_I && !tail.some((c) => c !== DOTTED_CAPITAL_I && isUpper(c))) {
      return SHIFT + lowerOf(head) + tail.map((c) => (c === DOTTED_CAPITAL_I ? String.fromCodePoint(c) : lowerOf(c))).join('');
    }
    return span;
  }
  const unlowerable = cps.some((c) => {
    const cat = category(c);
    return (isNewCased(c) || cat[0] === 'L' || cat[0] === 'M') && !isLower(c) && (!isUpper(c) || lowerOf(c) === String.fromCodePoint(c));
  });
  const cased = cps.filter((c) => isUpper(c) || isLower(c));
  const allUpper = cased.length > 0 && cased.every(isUpper);
  if (allcapsMin !== null && allUpper && cps.length >= allcapsMin && !unlowerable) {
    // The ⟨caps⟩ body lowers Σ to σ everywhere (no final-sigma rule).
    return CAPS + lowerAll(cps).replace(/ς/g, 'σ');
  }
  if (lowerOf(cps[0]) === String.fromCodePoint(cps[0])) {
    return span;
  }
  if (isUpper(cps[0]) && !cps.slice(1).some(isUpper)) {
    return SHIFT + lowerAll(cps);
  }
  return span;
}

const ASCII_LETTERS = /^[A-Za-z]+$/;
const ASCII_UPPER = /^[A-Z]+$/;
const ASCII_TITLE = /^[A-Z][a-z]*$/;

/** `markCase` for a word of ASCII letters, where every letter has a case and lowers to one letter. */
function markAsciiCase(span: string, allcapsMin: number | null): string {
  if (allcapsMin !== null && span.length >= allcapsMin && ASCII_UPPER.test(span)) {
    return CAPS + span.toLowerCase();
  }
  return ASCII_TITLE.test(span) ? SHIFT + span.toLowerCase() : span;
}
