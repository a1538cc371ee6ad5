import type { TokenizerGeneration } from '../models/model-catalog';
import { type BpeRanks, BpeCounter, type TokenProfile, addProfile, emptyLatinProfile } from './bpe-counter';
import calibrationData from './calibration.json';
import { classifyContent } from './content-kind';
import { type TextFeatures, addFeatures, emptyFeatures, latinRegressors, scriptRegressors, textFeatures } from './text-features';
import type { TokenCounter, TokenEstimate } from './token-counter';
import type { ScriptClass } from './unicode-scripts';

/** What the models read from a text: its cl100k token profile and the character statistics of its Latin part. */
export interface TextStats {
  profile: TokenProfile;
  features: TextFeatures;
}

/**
 * One tokenizer generation's fitted model (`npm run calibrate:tokens`, on the recorded counts in
 * ../shared/data). Latin-script text: Claude tokens per cl100k token as a linear function of
 * `latinRegressors`. Each other script: Claude tokens as a linear function of that script's cl100k
 * tokens (`scriptRegressors`); scripts differ too much to share one ratio.
 */
export interface TokenModel {
  latin: number[];
  scripts: Partial<Record<ScriptClass, number[]>>;
  /** For a script the calibration has no text in (none today: every class has some). */
  unlistedScript: number[];
}

export interface GenerationCalibration extends TokenModel {
  /**
   * 90th percentile of cross-validated relative error: Latin-script code and prose by size (cl100k
   * tokens under 100, under 1,000, and more), and text in other scripts.
   */
  bands: { code: number[]; prose: number[]; script: number };
}

/** The fitted models per tokenizer generation ("1", "2"). */
export type Calibration = { generations: Record<string, GenerationCalibration> };

const CALIBRATION = calibrationData as unknown as Calibration;

/** Band size classes, in cl100k tokens: short texts are counted less precisely. */
export const BAND_SIZES = [100, 1_000] as const;

/** A ratio outside this range means the text is unlike anything calibrated: clamp it. */
const MIN_RATIO = 0.4;
const MAX_RATIO = 3;
/** The same for a script's pieces; calibrated scripts span 0.32 (Armenian) to 1.42 (Vai). */
const MIN_SCRIPT_RATIO = 0.2;
const MAX_SCRIPT_RATIO = 3;

/** js-tiktoken's merge step is quadratic in the length of one pre-token: cut same-class runs. */
const MAX_RUN = 64;
/** Text is counted in chunks of about this size, each cached, so editing a huge literal recounts one chunk. */
const CHUNK_CHARS = 4_096;
const CACHE_LIMIT = 20_000;
const ESTIMATE_CACHE_LIMIT = 2_000;

const longRun = new RegExp(`\\p{L}{${MAX_RUN},}|\\p{N}{${MAX_RUN},}|\\s{${MAX_RUN},}|[^\\s\\p{L}\\p{N}]{${MAX_RUN},}`, 'gu');

/** Claude tokens of the Latin-script pieces of a text. */
export function latinTokens(model: TokenModel, stats: TextStats): number {
  const latin = stats.profile.latin;
  if (latin.tokens === 0) {
    return 0;
  }
  const x = latinRegressors(stats.features, latin);
  const ratio = model.latin.reduce((sum, c, i) => sum + c * x[i], 0);
  return latin.tokens * Math.min(MAX_RATIO, Math.max(MIN_RATIO, ratio));
}

/** Claude tokens of the pieces in other scripts. */
export function scriptTokens(model: TokenModel, stats: TextStats): number {
  let total = 0;
  for (const [name, entry] of Object.entries(stats.profile.scripts) as [ScriptClass, TokenProfile['scripts'][ScriptClass]][]) {
    if (!entry) {
      continue;
    }
    const coefficients = model.scripts[name] ?? model.unlistedScript;
    const x = scriptRegressors(entry);
    const tokens = coefficients.reduce((sum, c, i) => sum + c * x[i], 0);
    total += Math.min(MAX_SCRIPT_RATIO * entry.tokens, Math.max(MIN_SCRIPT_RATIO * entry.tokens, tokens));
  }
  return total;
}

export function sizeClass(cl100kTokens: number): number {
  let size = 0;
  while (size < BAND_SIZES.length && cl100kTokens >= BAND_SIZES[size]) {
    size++;
  }
  return size;
}

/** Loads the BPE rank table the counts start from. */
export type RanksLoader = () => BpeRanks;

/** One built counter per rank loader, shared by every estimator in the process (it holds no per-text state). */
const sharedEncoders = new WeakMap<RanksLoader, BpeCounter>();

/** cl100k_base, loaded on first count: the ranks ship with js-tiktoken (~1.1 MB of text). */
const loadCl100k: RanksLoader = () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ranks = require('js-tiktoken/ranks/cl100k_base') as { default?: BpeRanks } & BpeRanks;
  return ranks.default ?? ranks;
};

export class ClaudeTokenEstimator implements TokenCounter {
  private encoder: BpeCounter | undefined;
  private readonly chunkStats = new Map<string, TextStats>();
  /** Whole-text estimates: the same prompt in many requests, or unchanged between lints, is estimated once. */
  private readonly estimates = new Map<string, TokenEstimate>();

  /**
   * @param loadRanks the encoding to count with. The shipped calibration is fitted on cl100k_base;
   * another table (o200k_base) is only for `npm run eval:tokens`, which refits on it to compare.
   * @param calibration the fitted models; another one only where a model is fitted afresh to be
   * measured on texts it has not seen (the held-out accuracy test).
   */
  constructor(
    private readonly loadRanks: RanksLoader = loadCl100k,
    private readonly calibration: Calibration = CALIBRATION,
  ) {}

  warmUp(): void {
    this.getEncoder();
  }

  /** The raw cl100k_base count, robust to pathological input. */
  tiktokenCount(text: string): number {
    return this.textStats(text).profile.tokens;
  }

  /** The profile and features of a text, summed over its cached chunks. */
  textStats(text: string): TextStats {
    const stats: TextStats = { profile: { tokens: 0, latin: emptyLatinProfile(), scripts: {} }, features: emptyFeatures() };
    for (const chunk of chunksOf(text.replace(/\r\n?/g, '\n'))) {
      const part = this.chunkStatsOf(chunk);
      addProfile(stats.profile, part.profile);
      addFeatures(stats.features, part.features);
    }
    return stats;
  }

  estimate(text: string, generation: TokenizerGeneration): TokenEstimate {
    if (text.length === 0) {
      return { tokens: 0, low: 0, high: 0 };
    }
    const cacheKey = `${generation}:${text}`;
    const known = this.estimates.get(cacheKey);
    if (known) {
      return known;
    }
    const stats = this.textStats(text);
    const calibration = this.calibration.generations[String(generation)];
    const latin = latinTokens(calibration, stats);
    const scripts = scriptTokens(calibration, stats);
    const kind = classifyContent(text);
    const latinBands = kind === 'prose' || kind === 'markdown' ? calibration.bands.prose : calibration.bands.code;
    const latinBand = latinBands[sizeClass(stats.profile.latin.tokens)];
    // The script texts are all long (UDHR articles): a short one is at least as uncertain as short code.
    const scriptBand = Math.max(calibration.bands.script, calibration.bands.code[sizeClass(stats.profile.tokens - stats.profile.latin.tokens)]);
    const tokens = Math.max(1, Math.round(latin + scripts));
    const estimate = {
      tokens,
      low: Math.min(tokens, Math.floor(latin * (1 - latinBand) + scripts * (1 - scriptBand))),
      high: Math.max(tokens, Math.ceil(latin * (1 + latinBand) + scripts * (1 + scriptBand))),
    };
    if (this.estimates.size >= ESTIMATE_CACHE_LIMIT) {
      this.estimates.clear();
    }
    this.estimates.set(cacheKey, estimate);
    return estimate;
  }

  private chunkStatsOf(chunk: string): TextStats {
    const cached = this.chunkStats.get(chunk);
    if (cached !== undefined) {
      return cached;
    }
    const profile = this.getEncoder().profile(chunk);
    const stats = { profile, features: textFeatures(profile.latinText ?? chunk) };
    // The joined Latin text is only needed for the features: do not keep it in the cache.
    delete profile.latinText;
    if (this.chunkStats.size >= CACHE_LIMIT) {
      // Drop the oldest entry (Map keeps insertion order).
      const oldest = this.chunkStats.keys().next().value;
      if (oldest !== undefined) {
        this.chunkStats.delete(oldest);
      }
    }
    this.chunkStats.set(chunk, stats);
    return stats;
  }

  private getEncoder(): BpeCounter {
    if (!this.encoder) {
      // The rank table takes ~90 ms to build and is the same for every estimator using one loader.
      this.encoder = sharedEncoders.get(this.loadRanks) ?? new BpeCounter(this.loadRanks());
      sharedEncoders.set(this.loadRanks, this.encoder);
    }
    return this.encoder;
  }
}

/** Split text into cacheable chunks at line ends, and long same-class runs into short slices. */
function* chunksOf(text: string): Generator<string> {
  const pieces: string[] = [];
  let last = 0;
  for (const match of text.matchAll(longRun)) {
    const start = match.index ?? 0;
    if (start > last) {
      pieces.push(text.slice(last, start));
    }
    const run = match[0];
    for (let i = 0; i < run.length; i += MAX_RUN) {
      pieces.push(run.slice(i, i + MAX_RUN));
    }
    last = start + run.length;
  }
  if (last < text.length) {
    pieces.push(text.slice(last));
  }
  for (const piece of pieces) {
    if (piece.length <= CHUNK_CHARS) {
      yield piece;
      continue;
    }
    let start = 0;
    while (start < piece.length) {
      let end = Math.min(piece.length, start + CHUNK_CHARS);
      if (end < piece.length) {
        const newline = piece.lastIndexOf('\n', end);
        const space = piece.lastIndexOf(' ', end);
        if (newline > start) {
          end = newline + 1;
        } else if (space > start) {
          end = space; // the space starts the next chunk, as tiktoken's pre-tokens do
        }
      }
      yield piece.slice(start, end);
      start = end;
    }
  }
}
