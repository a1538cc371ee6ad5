import type { TokenizerGeneration } from '../models/model-catalog';
import type { ExactFamily } from './exact/exact-counter';

/**
 * A Claude token count. An estimate has an error band (low ≤ tokens ≤ high); an exact count has
 * low = high = tokens and says where it came from.
 */
export interface TokenEstimate {
  tokens: number;
  low: number;
  high: number;
  /** True when the count is exact: the offline counter, or Anthropic's count_tokens endpoint. */
  exact?: boolean;
  /** Where an exact count came from. */
  method?: 'offline' | 'count_tokens';
}

/** The one interface the rest of the core uses to count tokens. */
export interface TokenCounter {
  /**
   * Tokens of `text` for a model of this tokenizer generation. `family` names the exact counter's
   * family (generation 1, generation 2 with the 4.7 or the 5.x frame) where the model has one.
   */
  estimate(text: string, generation: TokenizerGeneration, family?: ExactFamily): TokenEstimate;
  /** Load whatever the first count needs (called while the parser's WASM compiles, to overlap them). */
  warmUp?(): void;
}

export const ZERO_ESTIMATE: TokenEstimate = { tokens: 0, low: 0, high: 0 };

/** The sum of two counts: exact only when both are. */
export function addEstimates(a: TokenEstimate, b: TokenEstimate): TokenEstimate {
  const sum: TokenEstimate = { tokens: a.tokens + b.tokens, low: a.low + b.low, high: a.high + b.high };
  if (a.exact && b.exact) {
    sum.exact = true;
    sum.method = a.method === b.method ? a.method : 'offline';
  }
  return sum;
}

/** A documented fixed number (the tool-use system prompt): no band, but not a count either. */
export function fixedEstimate(tokens: number): TokenEstimate {
  return { tokens, low: tokens, high: tokens };
}

/** An exact count of nothing: the identity for sums of exact counts. */
export const EXACT_ZERO: TokenEstimate = { tokens: 0, low: 0, high: 0, exact: true, method: 'offline' };

/** `1,231 tokens, exact offline count` or `≈1,231 tokens (1,150–1,320)`. */
export function describeCount(estimate: TokenEstimate, format: (n: number) => string = (n) => n.toLocaleString('en-US')): string {
  if (estimate.exact) {
    return `${format(estimate.tokens)} tokens, exact ${estimate.method === 'count_tokens' ? 'count (count_tokens)' : 'offline count'}`;
  }
  const band = estimate.low !== estimate.high ? ` (${format(estimate.low)}–${format(estimate.high)})` : '';
  return `≈${format(estimate.tokens)} tokens${band}`;
}
