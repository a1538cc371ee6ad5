/**
 * Exact offline Claude token counts: the method of the reference counter ctok (MIT, github.com/
 * sanderland/ctok; see THIRD_PARTY_NOTICES.md), written anew — normalize, write the marked stream,
 * tile it at minimum cost over the measured vocabulary, add the message frame.
 *
 * A recount after an edit is cheap: no piece spans a line break followed by anything but another
 * line break (build:vocab checks it), and a line that starts with a visible character streams the
 * same on its own as in the whole text, so the text is counted per such segment, each cached.
 */
import { clearCharClassCaches } from './char-classes';
import { type StreamOptions, markedStream, normalizeText } from './marked-stream';
import { category } from './unicode';
import { Vocabulary, type VocabularyFile } from './vocabulary';
import v3File from './vocab-v3.json';
import v47File from './vocab-v4_7.json';

/** The reference counter's families: generation 1 (Claude 3 … Opus 4.6), generation 2 with its 4.7 frame, and with the 5.x frame. */
export type ExactFamily = 'v3' | 'v4.7' | 'v5';
export const EXACT_FAMILIES: readonly ExactFamily[] = ['v3', 'v4.7', 'v5'];

interface FamilySpec {
  file: VocabularyFile;
  messageOverhead: number;
  stream: StreamOptions;
  /** 'ladder': trailing newlines cost by the measured ladder; 'free': the frame absorbs trailing ASCII whitespace. */
  tail: 'ladder' | 'free';
}

function spec(file: VocabularyFile, fifthFrame = false): FamilySpec {
  return {
    file,
    // Measured on the 5.x models: a smaller frame that neither absorbs a leading space nor charges trailing whitespace.
    messageOverhead: fifthFrame ? 6 : file.messageOverhead,
    stream: { foldQuotes: file.foldQuotes, allcapsMin: file.allcapsMin, frameBow: !fifthFrame },
    tail: fifthFrame ? 'free' : 'ladder',
  };
}

const SPECS: Record<ExactFamily, FamilySpec> = {
  v3: spec(v3File as VocabularyFile),
  'v4.7': spec(v47File as VocabularyFile),
  v5: spec(v47File as VocabularyFile, true),
};

const vocabularies = new Map<VocabularyFile, Vocabulary>();

function vocabularyOf(family: ExactFamily): Vocabulary {
  const file = SPECS[family].file;
  let vocabulary = vocabularies.get(file);
  if (!vocabulary) {
    vocabulary = new Vocabulary(file);
    vocabularies.set(file, vocabulary);
  }
  return vocabulary;
}

/** The single-message frame: what `count_tokens` adds to the content of one user message. */
export function messageOverhead(family: ExactFamily): number {
  return SPECS[family].messageOverhead;
}

/** Where the data came from, for `models` and the notices. */
export function vocabularySource(family: ExactFamily): VocabularyFile['source'] & { pieces: number } {
  const file = SPECS[family].file;
  return { ...file.source, pieces: file.pieces };
}

/** Load the vocabulary now (the first count otherwise pays for it). */
export function loadVocabulary(family: ExactFamily): void {
  vocabularyOf(family);
}

const SEGMENT_CACHE_CHARS = 8_000_000;
const TEXT_CACHE_ENTRIES = 512;
const TEXT_CACHE_MAX_CHARS = 16_383;

interface FamilyCaches {
  /** By position kind (head with/without a raw leading space, middle; last or not on a ladder frame), then by raw segment. */
  segments: Map<string, number>[];
  segmentChars: number;
  texts: Map<string, number>;
  tails: Map<number, number>;
}

const caches = new Map<ExactFamily, FamilyCaches>();

function cachesOf(family: ExactFamily): FamilyCaches {
  let c = caches.get(family);
  if (!c) {
    c = { segments: Array.from({ length: 6 }, () => new Map<string, number>()), segmentChars: 0, texts: new Map(), tails: new Map() };
    caches.set(family, c);
  }
  return c;
}

/** A line may start a segment when it starts with a character that survives normalization and is not a space. */
function startsSegment(cp: number): boolean {
  if (cp >= 0x21 && cp <= 0x7e) {
    return true;
  }
  if (cp < 0xa0 || (cp >= 0xd800 && cp <= 0xdfff)) {
    return false;
  }
  const major = category(cp)[0];
  return major === 'L' || major === 'M' || major === 'N' || major === 'P' || major === 'S';
}

/** The raw text cut after each line break that a segment may follow. */
function segmentsOf(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let nl = text.indexOf('\n'); nl >= 0 && nl + 1 < text.length; nl = text.indexOf('\n', nl + 1)) {
    if (startsSegment(text.codePointAt(nl + 1)!)) {
      out.push(text.slice(start, nl + 1));
      start = nl + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

let codePoints = new Int32Array(1024);

function tileStream(vocabulary: Vocabulary, stream: string): number {
  if (codePoints.length < stream.length) {
    codePoints = new Int32Array(Math.max(stream.length, codePoints.length * 2));
  }
  let n = 0;
  for (let i = 0; i < stream.length; i++) {
    const unit = stream.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < stream.length) {
      codePoints[n++] = stream.codePointAt(i)!;
      i++;
    } else {
      codePoints[n++] = unit;
    }
  }
  return vocabulary.tile(codePoints.subarray(0, n));
}

/** What a content-final run of `n` newlines costs beyond the frame's own closing token (ladder frames). */
function ladderTail(family: ExactFamily, n: number): number {
  if (n === 0) {
    return 0;
  }
  const c = cachesOf(family);
  let cost = c.tails.get(n);
  if (cost === undefined) {
    // The frame appends two newlines and one token may span into them; the last token is the frame's.
    cost = tileStream(vocabularyOf(family), '\n'.repeat(n + 2)) - 1;
    c.tails.set(n, cost);
  }
  return cost;
}

function segmentCost(family: ExactFamily, segment: string, head: boolean, rawHeadSpace: boolean, last: boolean): number {
  const s = SPECS[family];
  const c = cachesOf(family);
  const ladderEnd = last && s.tail === 'ladder';
  // Keyed by the segment itself (no concatenated key to flatten and hash on every recount).
  const kind = (head ? (rawHeadSpace ? 0 : 1) : 2) * 2 + (ladderEnd ? 1 : 0);
  const hit = c.segments[kind].get(segment);
  if (hit !== undefined) {
    return hit;
  }
  const cost = computeSegment(family, segment, head, rawHeadSpace, ladderEnd);
  if (c.segmentChars + segment.length > SEGMENT_CACHE_CHARS) {
    c.segments.forEach((m) => m.clear());
    c.segmentChars = 0;
  }
  c.segments[kind].set(segment, cost);
  c.segmentChars += segment.length;
  return cost;
}

function computeSegment(family: ExactFamily, segment: string, head: boolean, rawHeadSpace: boolean, ladderEnd: boolean): number {
  const s = SPECS[family];
  let norm = normalizeText(segment, s.stream.foldQuotes);
  let tail = 0;
  if (ladderEnd) {
    const content = stripTrailingNewlines(norm);
    tail = ladderTail(family, norm.length - content.length);
    norm = content;
  }
  const stream = markedStream(norm, s.stream, { head, rawHeadSpace });
  return (stream ? tileStream(vocabularyOf(family), stream) : 0) + tail;
}

/** Python's `str.rstrip(" \t\n\r\f\v")`, without a regular expression that is quadratic on long inner runs. */
function stripTrailingAsciiSpace(text: string): string {
  let end = text.length;
  for (;;) {
    const unit = text.charCodeAt(end - 1);
    if (end > 0 && (unit === 0x20 || (unit >= 0x09 && unit <= 0x0d))) {
      end--;
    } else {
      return text.slice(0, end);
    }
  }
}

function stripTrailingNewlines(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x0a) {
    end--;
  }
  return text.slice(0, end);
}

/** Tokens of `text` as the content of one user message: its exact count without the message frame. */
export function exactContentTokens(text: string, family: ExactFamily): number {
  const c = cachesOf(family);
  // V8 hashes a string longer than 16,383 characters by its length alone, so a long text would be
  // compared character by character with every cached text of its length: those go by segment only.
  const cacheable = text.length <= TEXT_CACHE_MAX_CHARS;
  const hit = cacheable ? c.texts.get(text) : undefined;
  if (hit !== undefined) {
    return hit;
  }
  const rawHeadSpace = text.startsWith(' ');
  const body = SPECS[family].tail === 'free' ? stripTrailingAsciiSpace(text) : text;
  const segments = segmentsOf(body);
  let total = 0;
  segments.forEach((segment, i) => {
    total += segmentCost(family, segment, i === 0, rawHeadSpace, i === segments.length - 1);
  });
  if (cacheable) {
    if (c.texts.size >= TEXT_CACHE_ENTRIES) {
      c.texts.clear();
    }
    c.texts.set(text, total);
  }
  return total;
}

/** The same count without segments or caches: the whole text streamed and tiled at once (the tests' check on segmenting). */
export function exactContentTokensWhole(text: string, family: ExactFamily): number {
  const body = SPECS[family].tail === 'free' ? stripTrailingAsciiSpace(text) : text;
  return computeSegment(family, body, true, text.startsWith(' '), SPECS[family].tail === 'ladder');
}

/** What `count_tokens` returns for `text` sent as the only user message. */
export function exactMessageTokens(text: string, family: ExactFamily): number {
  return messageOverhead(family) + exactContentTokens(text, family);
}

/** The marked stream of a whole text, for `tokens --explain` and tests. */
export function markedStreamOf(text: string, family: ExactFamily): string {
  const s = SPECS[family];
  const norm = s.tail === 'free' ? normalizeText(stripTrailingAsciiSpace(text), s.stream.foldQuotes) : stripTrailingNewlines(normalizeText(text, s.stream.foldQuotes));
  return markedStream(norm, s.stream, { head: true, rawHeadSpace: text.startsWith(' ') });
}

/**
 * Forget cached counts and the per-character tables behind them (tests and benchmarks measure cold
 * paths, and in a mutation run each mutant must recompute what it may have changed). The decoded
 * vocabularies stay.
 */
export function clearExactCaches(): void {
  caches.clear();
  clearCharClassCaches();
  for (const vocabulary of vocabularies.values()) {
    vocabulary.clearCaches();
  }
}
