/**
 * Model families: minimum cacheable prefix, prices and tokenizer generation, each value with its
 * source and date so the table can be refreshed. Values come from the project's caching digest
 * (Anthropic's docs and pricing pages as stored up to 2026-10; see README "Sources").
 */

export interface Sourced<T> {
  value: T;
  source: string;
  date: string;
}

/** Which Claude tokenizer a model uses: 1 = Claude 3 … Opus 4.6/Sonnet 4.x/Haiku 4.5, 2 = Opus 4.7 and later. */
export type TokenizerGeneration = 1 | 2;

/** USD per million tokens. */
export interface PriceTable {
  input: number;
  write5m: number;
  write1h: number;
  read: number;
  output: number;
}

export interface ModelFamily {
  /** Canonical key, e.g. `sonnet-4.5`. */
  key: string;
  displayName: string;
  /** The id the catalog lists first for this family (an alias). */
  canonicalId: string;
  /** Other id forms that resolve here, for the `models` listing. */
  idForms: string[];
  supportsCaching: boolean;
  minCacheableTokens?: Sourced<number>;
  /** Other published values, shown to the user so they know the threshold is disputed. */
  disputedMinimums?: Sourced<number>[];
  /** Where a platform's minimum differs from the Claude API's (Amazon Bedrock words it per checkpoint). */
  bedrockMinimum?: Sourced<number>;
  prices?: Sourced<PriceTable>;
  /** Above this many prompt tokens a second price applies (Haiku 5.5). */
  longContextPrices?: { fromTokens: number; prices: Sourced<PriceTable> };
  tokenizer: Sourced<TokenizerGeneration>;
  /** Retired on the Claude API on a dated schedule: requests to it fail there. */
  retirement?: Retirement;
}

/** A first-party retirement, with what replaces the model and where it is still served. */
export interface Retirement {
  /** The day requests on the Claude API (and other Anthropic-operated platforms) start failing, `YYYY-MM-DD`. */
  retired: Sourced<string>;
  /** The catalog family to move to. */
  successor: string;
  /** Partner platforms that still serve it after that day, by their own schedules (as of the source's date). */
  keptOn?: Sourced<Array<'Amazon Bedrock' | 'Google Cloud Vertex AI'>>;
}

const OFFICIAL_MINIMUMS = 'Anthropic prompt-caching docs, official minimum list';
const OFFICIAL_MINIMUMS_DATE = '2026-07-28';
const OLDER_MINIMUMS = 'Anthropic prompt-caching docs, earlier list (seeds 001/003)';
const PRICING = 'Anthropic pricing page (digest §4)';
const PRICING_DATE = '2026-10-15';
const TOKENIZER = 'Anthropic model docs and measured counts (digest §8)';
const TOKENIZER_DATE = '2026-10-30';

function minimum(value: number, source = OFFICIAL_MINIMUMS, date = OFFICIAL_MINIMUMS_DATE): Sourced<number> {
  return { value, source, date };
}

/** Prices from the base input rate with the standard multipliers (1.25× / 2× / 0.1×). */
function standardPrices(input: number, output: number, readMultiplier = 0.1, date = PRICING_DATE): Sourced<PriceTable> {
  return {
    value: { input, write5m: round(input * 1.25), write1h: round(input * 2), read: round(input * readMultiplier), output },
    source: readMultiplier === 0.1 ? PRICING : `${PRICING}; cache read ${readMultiplier}× input`,
    date,
  };
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

/**
 * Which exact offline counter family counts a model's text: generation 1 → `v3`; generation 2 →
 * `v4.7`, or `v5` for the 5.x models, whose message frame differs (the reference counter routes
 * requested versions ≥ 5.0 there). Claude 2 used another tokenizer: no exact count, the estimate.
 */
export function exactFamilyOf(family: ModelFamily | undefined): 'v3' | 'v4.7' | 'v5' | undefined {
  if (!family || family.key === 'claude-2' || family.key === 'instant') {
    return undefined;
  }
  if (family.tokenizer.value === 1) {
    return 'v3';
  }
  const version = /-(\d+)(?:\.\d+)?$/.exec(family.key);
  return version && Number(version[1]) >= 5 ? 'v5' : 'v4.7';
}

function tokenizer(generation: TokenizerGeneration): Sourced<TokenizerGeneration> {
  return { value: generation, source: TOKENIZER, date: TOKENIZER_DATE };
}

const RETIREMENTS = "Anthropic's claude-api skill, models.md (digest §9)";
const RETIREMENTS_DATE = '2026-12-01';
/** Named replacements: Anthropic's, as quoted by migration guides of June 2026; the same tier's current model otherwise. */
const REPLACEMENT_QUOTED = "successor: Anthropic's recommended replacement, as quoted by third-party migration guides (2026-06)";
const REPLACEMENT_SAME_TIER = "successor: the same tier's current model (project choice; no replacement recorded in the digest)";

function retired(date: string, successor: string, successorSource: string, keptOn?: Array<'Amazon Bedrock' | 'Google Cloud Vertex AI'>): Retirement {
  return { retired: { value: date, source: `${RETIREMENTS}; ${successorSource}`, date: RETIREMENTS_DATE }, successor, ...(keptOn ? { keptOn: { value: keptOn, source: RETIREMENTS, date: RETIREMENTS_DATE } } : {}) };
}

function family(f: Omit<ModelFamily, 'supportsCaching'> & { supportsCaching?: boolean }): ModelFamily {
  return { supportsCaching: true, ...f };
}

export const MODEL_FAMILIES: readonly ModelFamily[] = [
  family({ key: 'haiku-3', displayName: 'Claude Haiku 3', canonicalId: 'claude-3-haiku-20240307', idForms: ['claude-3-haiku-20240307', 'anthropic.claude-3-haiku-20240307-v1:0', 'claude-3-haiku@20240307'], minCacheableTokens: minimum(2048), prices: { value: { input: 0.25, write5m: 0.3, write1h: 0.5, read: 0.03, output: 1.25 }, source: `${PRICING}; Haiku 3 has its own cache multipliers`, date: PRICING_DATE }, retirement: retired('2026-04-19', 'haiku-4.5', REPLACEMENT_SAME_TIER), tokenizer: tokenizer(1) }),
  family({ key: 'haiku-3.5', displayName: 'Claude Haiku 3.5', canonicalId: 'claude-3-5-haiku-latest', idForms: ['claude-3-5-haiku-20241022', 'claude-3-5-haiku-latest', 'anthropic.claude-3-5-haiku-20241022-v1:0', 'claude-3-5-haiku@20241022'], minCacheableTokens: minimum(2048), prices: standardPrices(0.8, 4), retirement: retired('2026-02-19', 'haiku-4.5', REPLACEMENT_SAME_TIER), tokenizer: tokenizer(1) }),
  family({ key: 'haiku-4.5', displayName: 'Claude Haiku 4.5', canonicalId: 'claude-haiku-4-5', idForms: ['claude-haiku-4-5', 'claude-haiku-4-5-20251001', 'us.anthropic.claude-haiku-4-5-20251001-v1:0', 'claude-haiku-4-5@20251001'], minCacheableTokens: minimum(4096), prices: standardPrices(1, 5), tokenizer: tokenizer(1) }),
  family({ key: 'haiku-5.5', displayName: 'Claude Haiku 5.5', canonicalId: 'claude-haiku-5-5', idForms: ['claude-haiku-5-5'], minCacheableTokens: minimum(512, OFFICIAL_MINIMUMS, '2026-10-01'), prices: standardPrices(0.1, 0.5), longContextPrices: { fromTokens: 100_000, prices: standardPrices(0.5, 2.5) }, tokenizer: tokenizer(2) }),
  family({ key: 'sonnet-3.5', displayName: 'Claude Sonnet 3.5', canonicalId: 'claude-3-5-sonnet-20241022', idForms: ['claude-3-5-sonnet-20240620', 'claude-3-5-sonnet-20241022', 'claude-3-5-sonnet-latest', 'anthropic.claude-3-5-sonnet-20241022-v2:0', 'claude-3-5-sonnet-v2@20241022'], minCacheableTokens: minimum(1024, OLDER_MINIMUMS, '2025-06-01'), prices: standardPrices(3, 15), tokenizer: tokenizer(1) }),
  family({ key: 'sonnet-3.7', displayName: 'Claude Sonnet 3.7', canonicalId: 'claude-3-7-sonnet-latest', idForms: ['claude-3-7-sonnet-20250219', 'claude-3-7-sonnet-latest', 'us.anthropic.claude-3-7-sonnet-20250219-v1:0', 'claude-3-7-sonnet@20250219'], minCacheableTokens: minimum(1024, OLDER_MINIMUMS, '2025-06-01'), prices: standardPrices(3, 15), retirement: retired('2026-02-19', 'sonnet-4.6', REPLACEMENT_SAME_TIER), tokenizer: tokenizer(1) }),
  family({ key: 'sonnet-4', displayName: 'Claude Sonnet 4', canonicalId: 'claude-sonnet-4-0', idForms: ['claude-sonnet-4-20250514', 'claude-sonnet-4-0', 'us.anthropic.claude-sonnet-4-20250514-v1:0', 'claude-sonnet-4@20250514'], minCacheableTokens: minimum(1024), prices: standardPrices(3, 15), retirement: retired('2026-05-14', 'sonnet-4.6', REPLACEMENT_QUOTED), tokenizer: tokenizer(1) }),
  family({ key: 'sonnet-4.5', displayName: 'Claude Sonnet 4.5', canonicalId: 'claude-sonnet-4-5', idForms: ['claude-sonnet-4-5', 'claude-sonnet-4-5-20250929', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet-4-5@20250929', 'anthropic/claude-sonnet-4.5'], minCacheableTokens: minimum(1024), prices: standardPrices(3, 15), tokenizer: tokenizer(1) }),
  family({
    key: 'sonnet-4.6', displayName: 'Claude Sonnet 4.6', canonicalId: 'claude-sonnet-4-6', idForms: ['claude-sonnet-4-6', 'global.anthropic.claude-sonnet-4-6-v1', 'claude-sonnet-4-6[1m]'],
    minCacheableTokens: minimum(1024),
    disputedMinimums: [minimum(2048, "Anthropic's skill files and one user report", '2026-07-01')],
    bedrockMinimum: minimum(2048, 'observed on Amazon Bedrock: fails at 2,038 tokens, works at 2,067 (LiteLLM docs PR, digest §9)', '2026-11-01'),
    prices: standardPrices(3, 15), tokenizer: tokenizer(1),
  }),
  family({ key: 'sonnet-5', displayName: 'Claude Sonnet 5', canonicalId: 'claude-sonnet-5', idForms: ['claude-sonnet-5'], minCacheableTokens: minimum(1024, OFFICIAL_MINIMUMS, '2026-10-01'), prices: standardPrices(3, 15, 0.1, '2026-09-01'), tokenizer: tokenizer(2) }),
  family({ key: 'sonnet-5.5', displayName: 'Claude Sonnet 5.5', canonicalId: 'claude-sonnet-5-5', idForms: ['claude-sonnet-5-5'], minCacheableTokens: minimum(512, OFFICIAL_MINIMUMS, '2026-10-01'), prices: standardPrices(2, 10, 0.05), tokenizer: tokenizer(2) }),
  family({ key: 'opus-3', displayName: 'Claude Opus 3', canonicalId: 'claude-3-opus-20240229', idForms: ['claude-3-opus-20240229', 'claude-3-opus-latest', 'anthropic.claude-3-opus-20240229-v1:0', 'claude-3-opus@20240229'], minCacheableTokens: minimum(1024, OLDER_MINIMUMS, '2025-06-01'), prices: standardPrices(15, 75), tokenizer: tokenizer(1) }),
  family({ key: 'opus-4', displayName: 'Claude Opus 4', canonicalId: 'claude-opus-4-0', idForms: ['claude-opus-4-20250514', 'claude-opus-4-0', 'us.anthropic.claude-opus-4-20250514-v1:0', 'claude-opus-4@20250514'], minCacheableTokens: minimum(1024), prices: standardPrices(15, 75), retirement: retired('2026-05-14', 'opus-4.8', REPLACEMENT_QUOTED), tokenizer: tokenizer(1) }),
  family({ key: 'opus-4.1', displayName: 'Claude Opus 4.1', canonicalId: 'claude-opus-4-1', idForms: ['claude-opus-4-1', 'claude-opus-4-1-20250805', 'us.anthropic.claude-opus-4-1-20250805-v1:0', 'claude-opus-4-1@20250805'], minCacheableTokens: minimum(1024), prices: standardPrices(15, 75), retirement: retired('2026-08-05', 'opus-4.8', REPLACEMENT_QUOTED, ['Amazon Bedrock', 'Google Cloud Vertex AI']), tokenizer: tokenizer(1) }),
  family({ key: 'opus-4.5', displayName: 'Claude Opus 4.5', canonicalId: 'claude-opus-4-5', idForms: ['claude-opus-4-5', 'claude-opus-4-5-20251101', 'global.anthropic.claude-opus-4-5-20251101-v1:0', 'claude-opus-4-5@20251101'], minCacheableTokens: minimum(4096), prices: standardPrices(5, 25), tokenizer: tokenizer(1) }),
  family({ key: 'opus-4.6', displayName: 'Claude Opus 4.6', canonicalId: 'claude-opus-4-6', idForms: ['claude-opus-4-6', 'global.anthropic.claude-opus-4-6-v1', 'claude-opus-4-6[1m]'], minCacheableTokens: minimum(4096), prices: standardPrices(5, 25), tokenizer: tokenizer(1) }),
  family({
    key: 'opus-4.7', displayName: 'Claude Opus 4.7', canonicalId: 'claude-opus-4-7', idForms: ['claude-opus-4-7'],
    minCacheableTokens: minimum(2048),
    disputedMinimums: [minimum(4096, "Anthropic's skill files (mid-2026) and seed 004", '2026-06-01')],
    prices: standardPrices(5, 25), tokenizer: tokenizer(2),
  }),
  family({
    key: 'opus-4.8', displayName: 'Claude Opus 4.8', canonicalId: 'claude-opus-4-8', idForms: ['claude-opus-4-8'],
    minCacheableTokens: minimum(1024),
    disputedMinimums: [minimum(4096, "Anthropic's skill files (mid-2026)", '2026-06-01')],
    prices: standardPrices(5, 25), tokenizer: tokenizer(2),
  }),
  family({ key: 'opus-5', displayName: 'Claude Opus 5', canonicalId: 'claude-opus-5', idForms: ['claude-opus-5'], minCacheableTokens: minimum(512, OFFICIAL_MINIMUMS, '2026-10-01'), prices: standardPrices(5, 25), tokenizer: tokenizer(2) }),
  family({ key: 'opus-5.5', displayName: 'Claude Opus 5.5', canonicalId: 'claude-opus-5-5', idForms: ['claude-opus-5-5'], minCacheableTokens: minimum(512, OFFICIAL_MINIMUMS, '2026-10-01'), prices: standardPrices(4, 20, 0.05), tokenizer: tokenizer(2) }),
  family({ key: 'fable-5', displayName: 'Claude Fable 5', canonicalId: 'claude-fable-5', idForms: ['claude-fable-5'], minCacheableTokens: minimum(512, OFFICIAL_MINIMUMS, '2026-10-01'), disputedMinimums: [minimum(1024, 'Amazon Bedrock model doc (later removed)', '2026-07-01')], prices: standardPrices(10, 50), tokenizer: tokenizer(2) }),
  family({ key: 'fable-5.1', displayName: 'Claude Fable 5.1', canonicalId: 'claude-fable-5-1', idForms: ['claude-fable-5-1'], minCacheableTokens: minimum(512, OFFICIAL_MINIMUMS, '2026-10-01'), prices: standardPrices(10, 50, 0.025), tokenizer: tokenizer(2) }),
  family({ key: 'mythos-5', displayName: 'Claude Mythos 5', canonicalId: 'claude-mythos-5', idForms: ['claude-mythos-5'], minCacheableTokens: minimum(512, OFFICIAL_MINIMUMS, '2026-10-01'), prices: standardPrices(10, 50), tokenizer: tokenizer(2) }),
  family({ key: 'mythos-5.1', displayName: 'Claude Mythos 5.1', canonicalId: 'claude-mythos-5-1', idForms: ['claude-mythos-5-1'], minCacheableTokens: minimum(512, OFFICIAL_MINIMUMS, '2026-10-01'), prices: standardPrices(10, 50, 0.025), tokenizer: tokenizer(2) }),
  // No published price in the digest: savings are not computed for it.
  family({ key: 'mythos-preview', displayName: 'Claude Mythos Preview', canonicalId: 'claude-mythos-preview', idForms: ['claude-mythos-preview'], minCacheableTokens: minimum(2048), tokenizer: tokenizer(2) }),
  family({ key: 'claude-2', displayName: 'Claude 2.x', canonicalId: 'claude-2.1', idForms: ['claude-2.0', 'claude-2.1', 'anthropic.claude-v2:1'], supportsCaching: false, tokenizer: tokenizer(1) }),
  family({ key: 'instant', displayName: 'Claude Instant', canonicalId: 'claude-instant-1.2', idForms: ['claude-instant-1.2', 'anthropic.claude-instant-v1'], supportsCaching: false, tokenizer: tokenizer(1) }),
];

const byKey = new Map(MODEL_FAMILIES.map((f) => [f.key, f]));

export function familyByKey(key: string): ModelFamily | undefined {
  return byKey.get(key);
}

/** API limits that rules enforce (digest §1–2). */
export const CACHE_LIMITS = {
  maxBreakpoints: { value: 4, source: 'Anthropic API error "A maximum of 4 blocks with cache_control may be provided"', date: '2026-10-01' },
  lookbackBlocks: { value: 20, source: 'Anthropic prompt-caching docs (seeds 003/004)', date: '2026-10-01' },
  ttls: { value: ['5m', '1h'] as const, source: 'Anthropic prompt-caching docs', date: '2026-10-01' },
  /** Tokens of the tool-use system prompt Anthropic adds whenever `tools` is present (auto/none tool_choice). */
  toolUseSystemPromptTokens: { value: 346, source: 'Anthropic tool-use docs, pricing table (Claude 4 models)', date: '2026-10-01' },
  /**
   * What a cached prefix holds beyond its texts' exact counts: role and block framing, unknown
   * exactly. An allowance of ±(base + per block): the recorded cache writes differ from the sum of
   * their texts' exact counts by −10 (the novel behind a one-line system block, seeds 001/003) and
   * by +23 including an unrecorded timestamp line (the SQLite cookbook request).
   */
  framingAllowance: { value: { base: 8, perBlock: 4 }, source: 'measured: recorded cache_creation_input_tokens vs exact text counts (shared/data README)', date: '2026-12-02' },
} as const;

/** The default for requests whose model cannot be resolved statically. */
export const DEFAULT_MODEL_ID = 'claude-sonnet-4-5';
