import * as fs from 'fs';
import * as path from 'path';
import {
  classify, digitBorder, isSeparator, isStrayMark, isUpper, lowerOf, marksLikePunct,
} from '../src/core/tokens/exact/char-classes';
import { category, combiningClass, isUnassigned } from '../src/core/tokens/exact/unicode';
import { FIXTURE_ROOT } from '../test/helpers/paths';
import { findReferencePython, referenceCounts } from '../test/helpers/reference-counter';

/**
 * `node out/scripts/exact-known-answers.js`: writes test/fixtures/exact-known-answers.json, short
 * probe texts with the reference counter's (ctok, MIT) message counts, so that the exact counter's
 * tests check every character-class boundary and case shape without ../shared or Python.
 *
 * The differential test's random texts and the recorded corpora reach only the scripts they happen
 * to contain; a mutation run, which shrinks them, left whole branches (Arabic-Indic digits, Syriac
 * vowels, the CJK ranges' ends, the dotted-I rule) untested. The probes here are chosen from the
 * character tables: both sides of every code point where any property the stream asks changes, in
 * a few contexts, and cased letters of every cased script in each case shape.
 */
const OUT = path.join(FIXTURE_ROOT, 'exact-known-answers.json');

function signature(cp: number): string {
  // Case is left out: cased scripts alternate upper and lower at every code point; casePairs covers them.
  const flags = [isSeparator(cp), marksLikePunct(cp), digitBorder(cp), isStrayMark(cp)].map((b) => (b ? 1 : 0)).join('');
  return `${classify(cp)}${flags}${combiningClass(cp) === 0 ? 0 : 1}`;
}

/** Code points on both sides of each change of signature, in the BMP and the first astral planes. */
function boundaryCodePoints(): number[] {
  const out = new Set<number>();
  let previous = signature(0x20);
  for (let cp = 0x21; cp < 0x20000; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) {
      continue;
    }
    const current = signature(cp);
    if (current !== previous) {
      out.add(cp - 1);
      out.add(cp);
    }
    previous = current;
  }
  return [...out].filter((cp) => !(cp >= 0xd800 && cp <= 0xdfff) && !isUnassigned(cp)).sort((a, b) => a - b);
}

/**
 * Code points the class rules name where no property the stream asks changes, so the boundary scan
 * cannot see them: ends of the one-at-a-time letter ranges (CJK, compatibility ideographs without a
 * decomposition, Hangul, the ideographic iteration marks) and the Syriac vowels.
 */
const NAMED_CODE_POINTS = [
  0x3005, 0x3006, 0x3007, 0x3030, 0x3031, 0x3035, 0x3036, 0x303a, 0x303b, 0x303c, 0x303d, 0x3400, 0x4dbf, 0x4e00, 0x9fff,
  0xa000, 0xfa0e, 0xfa0f, 0xfa11, 0xfa29, 0xac00, 0xd7a3, 0x0711, 0x0730, 0x073f, 0x0cf3, 0xffff, 0x10000,
];

/** The marker noncharacters U+FDD0–U+FDD4 in text: each reads as the private-use character that stands for it. */
function markerLiteralTexts(): string[] {
  const out: string[] = [];
  for (let cp = 0xfdd0; cp <= 0xfdd5; cp++) {
    const m = String.fromCodePoint(cp);
    out.push(m, ` ${m}`, `${m} `, `a ${m}`, `${m} a`, `. ${m} .`, `1 ${m}`, `a${m}b`, ` ${m}${m} `, `A${m}`);
  }
  return out;
}

/**
 * What normalization does before the stream: controls dropped (NUL read as a space), CR and LF kept,
 * private use dropped, the space separators read as U+0020, curly quotes folded (3.x and 4.7), the
 * decomposed Thai SARA AM composed, lone surrogates read as U+FFFD; and the frame's leading space and
 * trailing whitespace.
 */
function normalizationTexts(): string[] {
  const out: string[] = [];
  const inside = ['\0', '\x01', '\x08', '\t', '\n', '\x0b', '\x0c', '\r', '\r\n', '\x1f', '\x7f', '\x80', '\x9f', '\xa0', '\u1680', '\u2000',
    '\u200a', '\u200b', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ue000', '\uf8ff', '\ud800', '\udc00', '\u2018', '\u2019', '\u201c', '\u201d'];
  for (const c of inside) {
    out.push(c, `a${c}b`, `a ${c} b`, `1${c}2`, `.${c}.`, `${c}a`, `a${c}`, `it${c}s`, ` ${c}`, `${c} `, `${c}${c}`);
  }
  // The contraction seam: which runs before an apostrophe let the suffix after it bind.
  for (const before of ['a', 'A', '1', '\u0661', '.', '..', '\u20ac', '\u00bd', '\u4e00', '\u0301', ' ', '', "'", 'a.', '1.', '\u0661\u0662']) {
    for (const suffix of ['s', 't', 'll', 've', 'x', '\u0301a']) {
      out.push(`${before}'${suffix}`, `${before}.${suffix}`);
    }
  }
  for (const t of ['\u0e01\u0e4d\u0e32', '\u0e01\u0e33', '\u0e4d\u0e32', 'a\u0e4d\u0e32b', "it\u2019s", "don\u2019t", '\u201chi\u201d', "\u2018First", ' a', '  a', '   a',
    ' \ta', '\ta', '\na', 'a ', 'a  ', 'a\n', 'a\n\n', 'a\n\n\n', 'a \n', 'a\t', 'a\r\n', ' ', '  ', '\n', '\n\n', '\t', ' .', ' 1', ' A', " 'First", "'First", ' \u0301a']) {
    out.push(t);
  }
  return out;
}

/** The contexts a code point is counted in: alone, inside a word, a caps run, a number and beside spaces. */
function contextsOf(c: string): string[] {
  return [c, `a${c}b`, `A${c}BC`, `1${c}2`, ` ${c}${c}.`, `x ${c}y`];
}

/** Upper/lower pairs of every cased script (one in every few), and the measured special cases. */
function casePairs(): [string, string][] {
  const pairs: [string, string][] = [];
  let seen = 0;
  for (let cp = 0x41; cp < 0x1f000; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) {
      continue;
    }
    const lower = lowerOf(cp);
    if (isUpper(cp) && lower !== String.fromCodePoint(cp) && [...lower].length === 1 && seen++ % 7 === 0) {
      pairs.push([String.fromCodePoint(cp), lower]);
    }
  }
  for (const cp of [0x0130, 0x1e9e, 0x03a3, 0x03f4, 0x01c5, 0x01c4, 0x01c8, 0x1c89, 0xa7cb, 0x2160, 0x24b6, 0x1f88, 0xfb01]) {
    pairs.push([String.fromCodePoint(cp), lowerOf(cp)]);
  }
  return pairs;
}

/**
 * Words the case rules single out: capitals with no lowercase (ϒ, ℂ), titlecase letters after a
 * dotted İ (they lower though not capitals), and runs of uncased symbol-letters (runic golden
 * numbers, Bamum numerals), which have no case to mark however long.
 */
function caseRuleTexts(): string[] {
  const out: string[] = [];
  for (const u of ['\u03d2', '\u03d4', '\u2102', '\u210b', '\u2133', '\u2145']) {
    out.push(u, `${u}a`, `${u}${u}${u}`, `a${u}`, `${u}A`);
  }
  for (const t of ['\u01c5', '\u01c8', '\u01f2', '\u1f88', '\u1fbc']) {
    out.push(`Aİ${t}`, `İ${t}`, `Aİa${t}`, `Aİ${t}${t}`);
  }
  for (const n of ['\u16ee', '\u16ef', '\ua6e6', '\ua6ef']) {
    for (let length = 1; length <= 5; length++) {
      out.push(n.repeat(length), `${n.repeat(length)}A`);
    }
  }
  return out;
}

function caseShapes([U, l]: [string, string]): string[] {
  return [U, `${U}${l}`, `${U}${l}${l}`, `${U}${U}`, `${U}${U}${U}`, `${U}${U}${U}${U}`, `${l}${U}`, `${U}${l}${U}`,
    `${U}\u0301${l}`, `İ${l}${l}`, `${U}İ${l}`, `${U}${U}İ`, `${U}${l} ${U}${U}${U}`];
}

function main(): void {
  const python = findReferencePython();
  if (!python) {
    console.error('exact-known-answers needs Python >= 3.11 and ../shared/tools/ctok (the reference counter).');
    process.exit(1);
  }
  const texts = new Set<string>();
  const boundaries = boundaryCodePoints();
  for (const cp of [...boundaries, ...NAMED_CODE_POINTS]) {
    for (const t of contextsOf(String.fromCodePoint(cp))) {
      texts.add(t);
    }
  }
  for (const t of [...markerLiteralTexts(), ...normalizationTexts()]) {
    texts.add(t);
  }
  for (const t of caseRuleTexts()) {
    texts.add(t);
  }
  for (const pair of casePairs()) {
    for (const t of caseShapes(pair)) {
      texts.add(t);
    }
  }
  const list = [...texts];
  const counts = referenceCounts(python, list);
  const cases = list.map((text, i) => [text, counts['3.0'][i], counts['4.7'][i], counts['5.0'][i]]);
  const file = {
    about: 'Message token counts (v3, v4.7, v5) of short probe texts by the reference counter ctok (github.com/sanderland/ctok, MIT; see THIRD_PARTY_NOTICES.md), '
      + `run by Python ${python.version} (Unicode ${python.unicode}). Written by scripts/exact-known-answers.ts; ${boundaries.length} boundary code points and ${NAMED_CODE_POINTS.length} named ones, each in ${contextsOf('x').length} contexts, the marker noncharacters, normalization cases, and case shapes.`,
    categoriesSampled: [...new Set(boundaries.map(category))].sort().join(' '),
    cases,
  };
  fs.writeFileSync(OUT, `${JSON.stringify(file, null, 0).replace(/\],\[/g, '],\n[')}\n`);
  console.log(`${OUT}: ${cases.length} texts (${boundaries.length} boundary code points)`);
}

main();
