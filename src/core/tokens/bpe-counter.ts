/**
 * Counts cl100k_base tokens, the same counts as js-tiktoken's `Tiktoken.encode(text, [], []).length`,
 * with a smaller and faster-to-build rank table: keys are the token's bytes as a Latin-1 string
 * (js-tiktoken keys them as "116,104,101" and also keeps a decode table we never need), so loading
 * takes a fraction of the time and memory. Special-token text is counted as ordinary text.
 */
import { LATIN_SCRIPT_INDEX, SCRIPT_CLASSES, type ScriptClass, scriptIndexOf } from './unicode-scripts';

export interface BpeRanks {
  pat_str: string;
  bpe_ranks: string;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUES = new Int16Array(128).fill(-1);
for (let i = 0; i < BASE64.length; i++) {
  BASE64_VALUES[BASE64.charCodeAt(i)] = i;
}

/** Base64 to a Latin-1 string of the decoded bytes. */
function base64ToLatin1(text: string): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    const value = BASE64_VALUES[text.charCodeAt(i)];
    if (value < 0) {
      continue; // '=' padding
    }
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((buffer >> bits) & 0xff);
    }
  }
  return out;
}

export class BpeCounter {
  private readonly ranks = new Map<string, number>();
  private readonly pattern: RegExp;
  private readonly encoder = new TextEncoder();

  constructor(data: BpeRanks) {
    this.pattern = new RegExp(data.pat_str, 'gu');
    for (const line of data.bpe_ranks.split('\n')) {
      if (!line) {
        continue;
      }
      const fields = line.split(' ');
      const offset = Number.parseInt(fields[1], 10);
      for (let i = 2; i < fields.length; i++) {
        this.ranks.set(base64ToLatin1(fields[i]), offset + i - 2);
      }
    }
  }

  count(text: string): number {
    let total = 0;
    this.pattern.lastIndex = 0;
    for (const match of text.matchAll(this.pattern)) {
      const piece = this.bytesOf(match[0]);
      total += this.ranks.has(piece) ? 1 : this.mergedLengths(piece).length;
    }
    return total;
  }

  /**
   * The count, with how the tokens fall: per writing system, and for Latin-script text by length
   * and kind of piece. Claude's vocabulary differs from cl100k_base in a way these describe better
   * than characters do (a cl100k token that splits a UTF-8 character is a script cl100k barely
   * knows; a 10-byte token is a word Claude may split).
   */
  profile(text: string): TokenProfile {
    const latin = emptyLatinProfile();
    const profile: TokenProfile = { tokens: 0, latin, scripts: {} };
    let latinPieces: string[] | undefined;
    const counts = new Float64Array(SCRIPT_CLASSES.length);
    this.pattern.lastIndex = 0;
    for (const match of text.matchAll(this.pattern)) {
      const pieceText = match[0];
      const piece = this.bytesOf(pieceText);
      const lengths = this.ranks.has(piece) ? [piece.length] : this.mergedLengths(piece);
      profile.tokens += lengths.length;
      const ascii = piece.length === pieceText.length;
      let scriptLetters = 0;
      if (!ascii) {
        counts.fill(0);
        let previous = -1;
        for (const char of pieceText) {
          const index = scriptIndexOf(char.codePointAt(0) ?? 0, previous);
          if (index > LATIN_SCRIPT_INDEX) {
            counts[index]++;
            scriptLetters++;
          }
          previous = index;
        }
      }
      if (scriptLetters === 0) {
        addLatinPiece(latin, pieceText, piece, lengths, ascii);
        latinPieces?.push(pieceText);
        continue;
      }
      if (!latinPieces) {
        // The first piece of another script: the Latin text so far is everything before it.
        latinPieces = [text.slice(0, match.index)];
      }
      const { fragments, multiChar } = alignment(piece, lengths);
      for (let i = 0; i < counts.length; i++) {
        if (counts[i] > 0) {
          const share = counts[i] / scriptLetters;
          const name = SCRIPT_CLASSES[i];
          const entry = (profile.scripts[name] ??= { tokens: 0, fragments: 0, multiChar: 0 });
          entry.tokens += lengths.length * share;
          entry.fragments += fragments * share;
          entry.multiChar += multiChar * share;
        }
      }
    }
    if (latinPieces) {
      profile.latinText = latinPieces.join('');
    }
    return profile;
  }

  /** The UTF-8 bytes of a piece as a Latin-1 string (the rank table's key form). */
  private bytesOf(text: string): string {
    const bytes = this.encoder.encode(text);
    let piece = '';
    for (let i = 0; i < bytes.length; i++) {
      piece += String.fromCharCode(bytes[i]);
    }
    return piece;
  }

  /** Byte-pair merge as tiktoken does it (lowest rank first); returns the byte length of each token. */
  private mergedLengths(piece: string): number[] {
    if (piece.length <= 1) {
      return piece.length === 1 ? [1] : [];
    }
    const starts: number[] = [];
    for (let i = 0; i <= piece.length; i++) {
      starts.push(i);
    }
    // starts[k]..starts[k+1] is part k; merge the adjacent pair with the lowest rank until none is known.
    while (starts.length > 2) {
      let best = -1;
      let bestRank = Infinity;
      for (let k = 0; k + 2 < starts.length; k++) {
        const rank = this.ranks.get(piece.slice(starts[k], starts[k + 2]));
        if (rank !== undefined && rank < bestRank) {
          bestRank = rank;
          best = k;
        }
      }
      if (best < 0) {
        break;
      }
      starts.splice(best + 1, 1);
    }
    const lengths: number[] = [];
    for (let k = 0; k + 1 < starts.length; k++) {
      if (this.ranks.has(piece.slice(starts[k], starts[k + 1]))) {
        lengths.push(starts[k + 1] - starts[k]);
      }
    }
    return lengths;
  }
}

/** Upper bounds (in bytes) of the token-length buckets of LatinTokenProfile.byLength; the last is open. */
export const TOKEN_LENGTH_BUCKETS = [1, 2, 3, 4, 6, 9] as const;

/** cl100k tokens of the pieces with no letter of another script: English, code, accented Latin. */
export interface LatinTokenProfile {
  tokens: number;
  /** Tokens that begin or end inside a UTF-8 character (a character cl100k has no token for). */
  fragments: number;
  /** Tokens of pieces with a non-ASCII character (accented letters, symbols). */
  nonAscii: number;
  /** Tokens by byte length: ≤1, 2, 3, 4, 5–6, 7–9, ≥10. */
  byLength: number[];
  /** Tokens by the kind of piece they come from (the rest are punctuation). */
  whitespace: number;
  spacedWords: number;
  words: number;
  numbers: number;
  /** Number tokens of two or three digits (Claude may split them). */
  multiDigit: number;
  /** Pieces that are a single space (before a number or punctuation, which cl100k does not join). */
  loneSpaces: number;
  /** Tokens of words cl100k splits in two or more (rare words, long identifiers). */
  splitWords: number;
}

/** cl100k tokens of the pieces holding letters of one non-Latin script (shared by letter count in mixed pieces). */
export interface ScriptTokenProfile {
  tokens: number;
  fragments: number;
  /** Tokens spanning two or more characters: the script's words cl100k knows. */
  multiChar: number;
}

export interface TokenProfile {
  tokens: number;
  latin: LatinTokenProfile;
  scripts: Partial<Record<ScriptClass, ScriptTokenProfile>>;
  /** The Latin pieces joined, when some pieces were of another script (otherwise the whole text is Latin). */
  latinText?: string;
}

export function emptyLatinProfile(): LatinTokenProfile {
  return { tokens: 0, fragments: 0, nonAscii: 0, byLength: new Array<number>(TOKEN_LENGTH_BUCKETS.length + 1).fill(0), whitespace: 0, spacedWords: 0, words: 0, numbers: 0, multiDigit: 0, loneSpaces: 0, splitWords: 0 };
}

/** Adds b into a (for summing the profiles of a text's chunks). */
export function addProfile(a: TokenProfile, b: TokenProfile): void {
  a.tokens += b.tokens;
  const x = a.latin;
  const y = b.latin;
  x.tokens += y.tokens;
  x.fragments += y.fragments;
  x.nonAscii += y.nonAscii;
  x.whitespace += y.whitespace;
  x.spacedWords += y.spacedWords;
  x.words += y.words;
  x.numbers += y.numbers;
  x.multiDigit += y.multiDigit;
  x.loneSpaces += y.loneSpaces;
  x.splitWords += y.splitWords;
  y.byLength.forEach((n, i) => (x.byLength[i] += n));
  for (const [name, entry] of Object.entries(b.scripts) as [ScriptClass, ScriptTokenProfile][]) {
    const into = (a.scripts[name] ??= { tokens: 0, fragments: 0, multiChar: 0 });
    into.tokens += entry.tokens;
    into.fragments += entry.fragments;
    into.multiChar += entry.multiChar;
  }
}

const isContinuationByte = (piece: string, i: number) => i < piece.length && (piece.charCodeAt(i) & 0xc0) === 0x80;

/** How a piece's tokens sit on its characters (piece is UTF-8 bytes as Latin-1). */
function alignment(piece: string, lengths: number[]): { fragments: number; multiChar: number } {
  let fragments = 0;
  let multiChar = 0;
  let start = 0;
  for (const length of lengths) {
    const end = start + length;
    if (isContinuationByte(piece, start) || isContinuationByte(piece, end)) {
      fragments++;
    } else {
      for (let i = start + 1; i < end; i++) {
        if (!isContinuationByte(piece, i)) {
          multiChar++;
          break;
        }
      }
    }
    start = end;
  }
  return { fragments, multiChar };
}

const isAsciiLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isWhitespace = (c: number) => c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a);
const letterAtEnd = /\p{L}$/u;
const letterAtStart = /^\p{L}/u;

function addLatinPiece(latin: LatinTokenProfile, text: string, piece: string, lengths: number[], ascii: boolean): void {
  const n = lengths.length;
  latin.tokens += n;
  for (const length of lengths) {
    let bucket = 0;
    while (bucket < TOKEN_LENGTH_BUCKETS.length && length > TOKEN_LENGTH_BUCKETS[bucket]) {
      bucket++;
    }
    latin.byLength[bucket]++;
  }
  if (!ascii) {
    latin.nonAscii += n;
    latin.fragments += alignment(piece, lengths).fragments;
  }
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  if (isAsciiLetter(last) || (last >= 0x80 && letterAtEnd.test(text))) {
    // [^\r\n\p{L}\p{N}]?\p{L}+ : a word, with a leading space, or after punctuation.
    if (n > 1) {
      latin.splitWords += n;
    }
    if (first === 32) {
      latin.spacedWords += n;
    } else if (isAsciiLetter(first) || (first >= 0x80 && letterAtStart.test(text))) {
      latin.words += n;
    }
  } else if (last >= 48 && last <= 57) {
    latin.numbers += n;
    if (text.length > 1) {
      latin.multiDigit += n;
    }
  } else if (isWhitespace(first) && isWhitespace(last)) {
    let all = true;
    for (let i = 1; i < text.length - 1 && all; i++) {
      all = isWhitespace(text.charCodeAt(i));
    }
    if (all) {
      latin.whitespace += n;
      if (text === ' ') {
        latin.loneSpaces++;
      }
    }
  }
}
