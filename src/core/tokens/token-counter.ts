import type { TokenizerGeneration } from '../models/model-catalog';

/** An estimated Claude token count with an error band (low ≤ tokens ≤ high). */
export interface TokenEstimate {
  tokens: number;
  low: number;
  high: number;
  /** True when the count came from Anthropic's count_tokens endpoint rather than an estimate. */
  exact?: boolean;
}

/** The one interface the rest of the core uses to count tokens. */
export interface TokenCounter {
  estimate(text: string, generation: TokenizerGeneration): TokenEstimate;
  /** Load whatever the first count needs (called while the parser's WASM compiles, to overlap them). */
  warmUp?(): void;
}

export const ZERO_ESTIMATE: TokenEstimate = { tokens: 0, low: 0, high: 0 };

export function addEstimates(a: TokenEstimate, b: TokenEstimate): TokenEstimate {
  return { tokens: a.tokens + b.tokens, low: a.low + b.low, high: a.high + b.high };
}

export function fixedEstimate(tokens: number): TokenEstimate {
  return { tokens, low: tokens, high: tokens };
}
