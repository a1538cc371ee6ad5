/**
 * Text → the marked stream the tiler covers with vocabulary pieces: normalization, then runs of one
 * character class, then word (⟨bow⟩ ⟨eow⟩) and case (⟨shift⟩ ⟨caps⟩) markers written in, following
 * the method of the reference counter (ctok, MIT; see THIRD_PARTY_NOTICES.md). No costs live here.
 */
import {
  BOW, CAPS_CP, CONTRACTION_SUFFIXES, CharClass, EOW, SHIFT_CP, classify, digitBorder, hardKind, isStrayMark,
  isVariationSelector, markCase, marksLikePunct,
} from './char-classes';
import { category, pinnedNfc } from './unicode';

/** What a family does around its text. */
export interface StreamOptions {
  foldQuotes: boolean;
  allcapsMin: number | null;
  /** The frame ends in ⟨bow⟩, which absorbs one leading space (not on the 5.x frame). */
  frameBow: boolean;
}

// C0/C1 controls except TAB, LF and NUL are dropped; NUL reads as a space.
const STRIP_CONTROL = /[\x01-\x08\x0b-\x1f\x7f-\x9f]/g;
// BMP private use is dropped.
const STRIP_PRIVATE = /[\ue000-\uf8ff]/g;
// Space separators read exactly like U+0020 (not U+3000, TAB or LF).
const FUNNY_SPACE = /[\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f]/g;
const CURLY_QUOTES = /[\u2018\u2019\u201c\u201d]/g;
// A lone surrogate can never be tokenizer input: it reads as U+FFFD.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const MARKER_LITERALS = /[\ufdd0-\ufdd4]/g;

/** The tokenizer's irreversible normalization: NFC, dropped controls and private use, folded spaces and quotes. */
export function normalizeText(text: string, foldQuotes: boolean): string {
  let t = pinnedNfc(text.replace(LONE_SURROGATE, '\ufffd')).replace(STRIP_CONTROL, '').replace(/\x00/g, ' ');
  // Decomposed Thai SARA AM is composed (NFC leaves its compatibility decomposition alone).
  t = t.replace(/\u0e4d\u0e32/g, '\u0e33').replace(STRIP_PRIVATE, '');
  if (foldQuotes) {
    t = t.replace(CURLY_QUOTES, (q) => (q === '\u2018' || q === '\u2019' ? "'" : '"'));
  }
  return t.replace(FUNNY_SPACE, ' ');
}

interface Run {
  cls: CharClass;
  body: string;
}

function firstCodePoint(s: string): number {
  return s.codePointAt(0)!;
}

function isOneCodePoint(s: string): boolean {
  return s.length === 1 || (s.length === 2 && firstCodePoint(s) > 0xffff);
}

function lastCodePoint(s: string): number {
  const last = s.charCodeAt(s.length - 1);
  return last >= 0xdc00 && last <= 0xdfff && s.length > 1 ? s.codePointAt(s.length - 2)! : last;
}

/** The text in maximal same-class runs; hard runs further split where the pretoken kind changes. */
function runsOf(norm: string): Run[] {
  const runs: Run[] = [];
  let start = 0;
  let cls: CharClass | undefined;
  for (let i = 0; i < norm.length; ) {
    const cp = norm.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    let c = classify(cp);
    if (cls === undefined) {
      // Nothing before it can be its base.
      cls = c === CharClass.Wordy && isStrayMark(cp) ? CharClass.StrayMark : c;
    } else if (cls === CharClass.StrayMark && c === CharClass.Wordy && isStrayMark(cp)) {
      // Consecutive unattached marks are one run.
    } else if (c !== cls) {
      if (c === CharClass.Wordy && isStrayMark(cp) && cls !== CharClass.Wordy) {
        c = CharClass.StrayMark;
      }
      runs.push({ cls, body: norm.slice(start, i) });
      start = i;
      cls = c;
    }
    i += width;
  }
  if (cls !== undefined) {
    runs.push({ cls, body: norm.slice(start) });
  }
  const split: Run[] = [];
  for (const run of runs) {
    if (run.cls !== CharClass.Hard || isOneCodePoint(run.body)) {
      split.push(run);
      continue;
    }
    let subStart = 0;
    let kind = hardKind(firstCodePoint(run.body));
    const body = run.body;
    for (let i = firstCodePoint(body) > 0xffff ? 2 : 1; i < body.length; ) {
      const cp = body.codePointAt(i)!;
      const width = cp > 0xffff ? 2 : 1;
      if (!isVariationSelector(cp)) {
        const k = hardKind(cp);
        if (k !== kind) {
          split.push({ cls: run.cls, body: body.slice(subStart, i) });
          subStart = i;
          kind = k;
        }
      }
      i += width;
    }
    split.push({ cls: run.cls, body: body.slice(subStart) });
  }
  return split;
}

function hardBow(body: string): boolean {
  const cp = firstCodePoint(body);
  return isVariationSelector(cp) || marksLikePunct(cp);
}

function hardEow(body: string): boolean {
  const cp = lastCodePoint(body);
  return isVariationSelector(cp) || marksLikePunct(cp);
}

/** A uniform run of decimal digits (Nd) or of other numbers (No). */
function isDigitRun(body: string): boolean {
  const cat = category(firstCodePoint(body));
  if (cat !== 'Nd' && cat !== 'No') {
    return false;
  }
  for (const ch of body) {
    if (category(ch.codePointAt(0)!) !== cat) {
      return false;
    }
  }
  return true;
}

function digitBow(body: string): boolean {
  return isDigitRun(body) && digitBorder(firstCodePoint(body));
}

function digitEow(body: string): boolean {
  return isDigitRun(body) && digitBorder(lastCodePoint(body));
}

/** A lone `'` that opens the word after it (`'First`): the boundary before it is not absorbed. */
function opensWord(runs: Run[], i: number): boolean {
  return runs[i].body === "'" && i + 1 < runs.length && (runs[i + 1].cls === CharClass.Wordy || runs[i + 1].cls === CharClass.StrayMark);
}

function takesRightBorder(run: Run): boolean {
  return run.cls === CharClass.Punct
    || hardEow(run.body)
    || ((run.cls === CharClass.Digit || run.cls === CharClass.Hard) && isDigitRun(run.body) && digitEow(run.body));
}

/** `it's`: the apostrophe is the word's opening boundary for the English contraction suffixes. */
function contractionSeam(runs: Run[], i: number): boolean {
  if (!CONTRACTION_SUFFIXES.has(runs[i].body) || i === 0) {
    return false;
  }
  const previous = runs[i - 1];
  if (previous.cls !== CharClass.Punct || previous.body !== "'") {
    return false;
  }
  return i < 2 || !takesRightBorder(runs[i - 2]);
}

/** Where a stream piece starts: the head of the whole text, or after a line break. */
export interface StreamPosition {
  /** The first piece of the text: the frame's ⟨bow⟩ and the absorbed leading space apply. */
  head: boolean;
  /** The raw text began with a space (only meaningful at the head). */
  rawHeadSpace: boolean;
}

const SEAM = /([^\n])\ufdd1 ([\ufdd3\ufdd4]*)\ufdd0/gu;

/**
 * Normalized text → the marked stream. A piece that does not start the text must start right after
 * a line break: there nothing to its left borders a space or binds to it.
 */
export function markedStream(normalized: string, options: StreamOptions, position: StreamPosition): string {
  let norm = normalized.replace(MARKER_LITERALS, (m) => String.fromCharCode(m.charCodeAt(0) - 0xfdd0 + 0xe000));
  // A single leading space is the frame's ⟨bow⟩; two or more are a whitespace token.
  if (position.head && options.frameBow && position.rawHeadSpace && norm[0] === ' ' && norm[1] !== ' ') {
    norm = norm.slice(1);
  }
  const runs = runsOf(norm);
  if (runs.length === 0) {
    return position.head && options.frameBow ? BOW : '';
  }
  const n = runs.length;
  const bordersSpace = (i: number, side: -1 | 1): boolean => {
    const j = i + side;
    if (j < 0) {
      return position.head && options.frameBow;
    }
    if (j >= n || runs[j].cls !== CharClass.Space) {
      return false;
    }
    const body = runs[j].body;
    if (side < 0) {
      return body[body.length - 1] === ' ';
    }
    // A right-hand marker is written for a single seam space only.
    return body[0] === ' ' && body[1] !== ' ';
  };

  const out: string[] = [];
  if (position.head && options.frameBow) {
    const first = runs[0];
    const headQuote = opensWord(runs, 0);
    const ownBow = !headQuote && (first.cls === CharClass.Wordy || first.cls === CharClass.Punct || first.cls === CharClass.StrayMark
      || hardBow(first.body)
      || ((first.cls === CharClass.Digit || first.cls === CharClass.Hard) && digitBow(first.body))
      || (first.cls === CharClass.Space && first.body[0] === ' '));
    if (!ownBow) {
      out.push(headQuote ? ' ' : BOW);
    }
  }
  for (let i = 0; i < n; i++) {
    const { cls, body } = runs[i];
    if (cls === CharClass.Wordy) {
      const fused = i > 0 && runs[i - 1].cls === CharClass.StrayMark;
      let marked = markCase(body, options.allcapsMin, fused);
      let pre = '';
      while (marked.length > 0 && (marked.charCodeAt(0) === SHIFT_CP || marked.charCodeAt(0) === CAPS_CP)) {
        pre += marked[0];
        marked = marked.slice(1);
      }
      const bow = fused || contractionSeam(runs, i) ? '' : BOW;
      out.push(pre + bow + marked + EOW);
    } else if (cls === CharClass.StrayMark) {
      const letterFollows = i + 1 < n && runs[i + 1].cls === CharClass.Wordy;
      out.push(BOW + body + (letterFollows ? '' : EOW));
    } else if (cls === CharClass.Punct || hardBow(body) || hardEow(body)) {
      const takesBow = bordersSpace(i, -1) && !opensWord(runs, i) && (cls === CharClass.Punct || hardBow(body));
      const takesEow = bordersSpace(i, 1) && (cls === CharClass.Punct || hardEow(body));
      out.push((takesBow ? BOW : '') + body + (takesEow ? EOW : ''));
    } else if ((cls === CharClass.Digit || cls === CharClass.Hard) && isDigitRun(body)) {
      out.push((digitBow(body) && bordersSpace(i, -1) ? BOW : '') + body + (digitEow(body) && bordersSpace(i, 1) ? EOW : ''));
    } else {
      out.push(body);
    }
  }
  return out.join('').replace(SEAM, `$1${EOW}$2${BOW}`);
}
