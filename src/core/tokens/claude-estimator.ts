import type { TokenizerGeneration } from '../models/model-catalog';
import { type BpeRanks, BpeCounter } from './bpe-counter';
import calibrationData from './calibration.json';
import { classifyContent } from './content-kind';
import { nonLatinShare, regressors, textFeatures } from './text-features';
import type { TokenCounter, TokenEstimate } from './token-counter';

interface GenerationCalibration {
  latin: number[];
  nonLatin: number[];
  /** 90th percentile of cross-validated relative error, by kind of text. */
  bands: { code: number; prose: number; nonLatin: number };
}

/**
 * Fitted by `npm run calibrate:tokens` on the recorded counts in ../shared/data: Claude tokens per
 * cl100k_base token as a linear function of character statistics (see text-features.ts).
 */
const CALIBRATION = calibrationData as unknown as { generations: Record<string, GenerationCalibration> };

/** A ratio outside this range means the text is unlike anything calibrated: clamp it. */
const MIN_RATIO = 0.4;
const MAX_RATIO = 3;

/** js-tiktoken's merge step is quadratic in the length of one pre-token: cut same-class runs. */
const MAX_RUN = 64;
/** Text is counted in chunks of about this size, each cached, so editing a huge literal recounts one chunk. */
const CHUNK_CHARS = 4_096;
const CACHE_LIMIT = 20_000;
const ESTIMATE_CACHE_LIMIT = 2_000;

const longRun = new RegExp(`\\p{L}{${MAX_RUN},}|\\p{N}{${MAX_RUN},}|\\s{${MAX_RUN},}|[^\\s\\p{L}\\p{N}]{${MAX_RUN},}`, 'gu');

export class ClaudeTokenEstimator implements TokenCounter {
  private encoder: BpeCounter | undefined;
  private readonly chunkCounts = new Map<string, number>();
  /** Whole-text estimates: the same prompt in many requests, or unchanged between lints, is estimated once. */
  private readonly estimates = new Map<string, TokenEstimate>();

  warmUp(): void {
    this.getEncoder();
  }

  /** The raw cl100k_base count, robust to pathological input. */
  tiktokenCount(text: string): number {
    let total = 0;
    for (const chunk of chunksOf(text.replace(/\r\n?/g, '\n'))) {
      total += this.countChunk(chunk);
    }
    return total;
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
    const raw = this.tiktokenCount(text);
    const calibration = CALIBRATION.generations[String(generation)];
    const features = textFeatures(text);
    const nonLatin = nonLatinShare(features) >= 0.3;
    const coefficients = nonLatin ? calibration.nonLatin : calibration.latin;
    const x = regressors(nonLatin ? 'nonLatin' : 'latin', features, raw);
    const ratio = Math.min(MAX_RATIO, Math.max(MIN_RATIO, coefficients.reduce((sum, c, i) => sum + c * x[i], 0)));
    const kind = classifyContent(text);
    const band = nonLatin ? calibration.bands.nonLatin : kind === 'prose' || kind === 'markdown' ? calibration.bands.prose : calibration.bands.code;
    const tokens = Math.max(1, Math.round(raw * ratio));
    const estimate = { tokens, low: Math.floor(tokens * (1 - band)), high: Math.ceil(tokens * (1 + band)) };
    if (this.estimates.size >= ESTIMATE_CACHE_LIMIT) {
      this.estimates.clear();
    }
    this.estimates.set(cacheKey, estimate);
    return estimate;
  }

  private countChunk(chunk: string): number {
    const cached = this.chunkCounts.get(chunk);
    if (cached !== undefined) {
      return cached;
    }
    const count = this.getEncoder().count(chunk);
    if (this.chunkCounts.size >= CACHE_LIMIT) {
      // Drop the oldest entry (Map keeps insertion order).
      const oldest = this.chunkCounts.keys().next().value;
      if (oldest !== undefined) {
        this.chunkCounts.delete(oldest);
      }
    }
    this.chunkCounts.set(chunk, count);
    return count;
  }

  private getEncoder(): BpeCounter {
    if (!this.encoder) {
      // Loaded on first count: the cl100k_base ranks ship with js-tiktoken (~1.7 MB of text).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const ranks = require('js-tiktoken/ranks/cl100k_base') as { default?: BpeRanks } & BpeRanks;
      this.encoder = new BpeCounter(ranks.default ?? ranks);
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
