import type { ModelFamily, PriceTable } from './models/model-catalog';
import type { Savings } from './request/request-model';

/**
 * What caching one breakpoint's prefix costs and saves. `reuseCalls` is how many calls are
 * assumed to share the prefix within one TTL window (the first writes, the rest read).
 */
export function estimateSavings(tokens: number, ttl: string, family: ModelFamily | undefined, reuseCalls: number): Savings | undefined {
  if (!family?.prices || tokens <= 0) {
    return undefined;
  }
  let sourced = family.prices;
  if (family.longContextPrices && tokens > family.longContextPrices.fromTokens) {
    sourced = family.longContextPrices.prices;
  }
  const prices: PriceTable = sourced.value;
  const write = ttl === '1h' ? prices.write1h : prices.write5m;
  const perToken = (pricePerMTok: number) => (tokens * pricePerMTok) / 1_000_000;
  const costPerCallUncached = perToken(prices.input);
  const writeCost = perToken(write);
  const readCost = perToken(prices.read);
  const calls = Math.max(1, Math.floor(reuseCalls));
  const cachedTotal = writeCost + (calls - 1) * readCost;
  const uncachedTotal = calls * costPerCallUncached;
  // Caching pays from the n-th call where write + (n-1)·read < n·input.
  const breakEvenCalls = prices.input > prices.read ? Math.max(1, Math.floor((write - prices.read) / (prices.input - prices.read)) + 1) : Infinity;
  return {
    cachedTokens: tokens,
    pricePerMTok: { input: prices.input, write, read: prices.read },
    costPerCallUncached,
    writeCost,
    readCost,
    savingsPerHit: costPerCallUncached - readCost,
    reuseCalls: calls,
    percentSavedAtReuse: uncachedTotal > 0 ? ((uncachedTotal - cachedTotal) / uncachedTotal) * 100 : 0,
    savingsPerCallAtReuse: (uncachedTotal - cachedTotal) / calls,
    breakEvenCalls,
    priceSource: `${sourced.source} (${sourced.date})`,
  };
}
