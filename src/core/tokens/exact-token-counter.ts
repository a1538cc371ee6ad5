import type { TokenizerGeneration } from '../models/model-catalog';
import { ClaudeTokenEstimator } from './claude-estimator';
import { type ExactFamily, exactContentTokens, loadVocabulary } from './exact/exact-counter';
import type { TokenCounter, TokenEstimate } from './token-counter';

/**
 * The counter the product uses: exact offline counts where the model's tokenizer has a measured
 * vocabulary (every Claude 3 and later family), the calibrated estimate otherwise (and on request,
 * for comparison). A text's exact count is its tokens as the content of one message.
 */
export class ClaudeTokenCounter implements TokenCounter {
  constructor(private readonly fallback: TokenCounter = new ClaudeTokenEstimator()) {}

  estimate(text: string, generation: TokenizerGeneration, family?: ExactFamily): TokenEstimate {
    if (!family) {
      return this.fallback.estimate(text, generation);
    }
    const tokens = exactContentTokens(text, family);
    return { tokens, low: tokens, high: tokens, exact: true, method: 'offline' };
  }

  /** The generation-1 vocabulary only: the estimate's rank data (tool definitions, Claude 2) loads when first needed. */
  warmUp(): void {
    loadVocabulary('v3');
  }
}
