import type { LatinTokenProfile, ScriptTokenProfile } from './bpe-counter';

/**
 * Cheap character statistics of a text, one pass, used with its cl100k_base count to predict
 * Claude's count. The same function feeds calibration (scripts/calibrate-tokens.ts) and runtime.
 */
export interface TextFeatures {
  chars: number;
  asciiLetters: number;
  upper: number;
  digits: number;
  spaces: number;
  newlines: number;
  tabs: number;
  punctuation: number;
  latinExtended: number;
  /** Other non-ASCII characters: symbols, other scripts' punctuation, letters of other scripts in whole-Latin chunks. */
  nonLatinChars: number;
  spaceRuns: number;
  camelHumps: number;
  underscores: number;
  wordStarts: number;
}

export function textFeatures(text: string): TextFeatures {
  const f: TextFeatures = {
    chars: text.length,
    asciiLetters: 0,
    upper: 0,
    digits: 0,
    spaces: 0,
    newlines: 0,
    tabs: 0,
    punctuation: 0,
    latinExtended: 0,
    nonLatinChars: 0,
    spaceRuns: 0,
    camelHumps: 0,
    underscores: 0,
    wordStarts: 0,
  };
  let previous = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
        f.asciiLetters++;
        if (c <= 90) {
          f.upper++;
          if (previous >= 97 && previous <= 122) {
            f.camelHumps++;
          }
        } else if (previous === 32) {
          f.wordStarts++;
        }
        if (c <= 90 && previous === 32) {
          f.wordStarts++;
        }
      } else if (c >= 48 && c <= 57) {
        f.digits++;
      } else if (c === 10) {
        f.newlines++;
      } else if (c === 9) {
        f.tabs++;
        f.spaces++;
      } else if (c === 32 || c === 13 || c === 11 || c === 12) {
        f.spaces++;
        if (c === 32 && previous === 32 && (i < 2 || text.charCodeAt(i - 2) !== 32)) {
          f.spaceRuns++;
        }
      } else {
        f.punctuation++;
        if (c === 95) {
          f.underscores++;
        }
      }
    } else if (c < 0x250) {
      f.latinExtended++;
    } else if (c < 0xdc00 || c >= 0xe000) {
      // A surrogate pair counts once (on its high half).
      f.nonLatinChars++;
    }
    previous = c;
  }
  return f;
}

/** Adds b into a (features of a text's chunks add up, up to a character at each seam). */
export function addFeatures(a: TextFeatures, b: TextFeatures): void {
  for (const key of Object.keys(b) as (keyof TextFeatures)[]) {
    a[key] += b[key];
  }
}

export function emptyFeatures(): TextFeatures {
  return textFeatures('');
}

/**
 * The Latin-text model's regressors, as ratios to the cl100k count of the Latin pieces (intercept
 * first): character statistics, then how those tokens fall (see BpeCounter.profile). The length
 * buckets and piece kinds each leave one out, which the intercept stands for.
 */
export function latinRegressors(f: TextFeatures, latin: LatinTokenProfile): number[] {
  const per = (n: number) => n / Math.max(1, latin.tokens);
  return [
    1,
    per(f.asciiLetters),
    per(f.upper),
    per(f.digits),
    per(f.spaces),
    per(f.newlines),
    per(f.tabs),
    per(f.punctuation),
    per(f.latinExtended),
    per(f.spaceRuns),
    per(f.camelHumps),
    per(f.underscores),
    per(f.wordStarts),
    per(f.nonLatinChars),
    ...latin.byLength.slice(1).map(per),
    per(latin.whitespace),
    per(latin.spacedWords),
    per(latin.words),
    per(latin.numbers),
    per(latin.multiDigit),
    per(latin.loneSpaces),
    per(latin.splitWords),
    per(latin.fragments),
    per(latin.nonAscii),
  ];
}

/** Where a script's cl100k tokens are centred, so its ratio reads as the ratio of a typical text. */
export const SCRIPT_SHAPE_CENTRE = { fragments: 0.5, multiChar: 0.3 } as const;

/** A script model's regressors: [tokens, fragments, multi-character tokens], the last two centred. */
export function scriptRegressors(entry: ScriptTokenProfile): number[] {
  return [entry.tokens, entry.fragments - SCRIPT_SHAPE_CENTRE.fragments * entry.tokens, entry.multiChar - SCRIPT_SHAPE_CENTRE.multiChar * entry.tokens];
}
