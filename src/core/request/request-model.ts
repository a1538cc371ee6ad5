import type { DialectId, IgnoredMarker, MarkerSyntax } from '../dialects/dialect';
import type { ModelResolution } from '../models/model-resolver';
import type { SyntaxNode } from '../parsing/parser';
import type { ObjectEntry, ObjectValue, OrderHazard, TextSegment, Value } from '../syntax/values';
import type { TokenEstimate } from '../tokens/token-counter';
import type { SourceLanguage, SourceRange } from '../types';

/** The order the cache prefix is built in: tools, then system, then messages. */
export type PromptSection = 'tools' | 'system' | 'messages';
export const SECTION_ORDER: readonly PromptSection[] = ['tools', 'system', 'messages'];

/** A `cache_control` as written: where it is and what it says. */
export interface CacheControlMarker {
  entry: ObjectEntry;
  /** The object holding it: a block, or the call's arguments for top-level (automatic) caching. */
  container: ObjectValue;
  /** `type` as written, when static. */
  type?: string;
  /** `ttl` as written, when static; undefined when absent (the API default is 5m). */
  ttl?: string;
  typeEntry?: ObjectEntry;
  ttlEntry?: ObjectEntry;
  /** Whether the TTL is known: false when the value or its `ttl` is not a literal we can read (an env variable, a spread, a helper call). */
  ttlKnown: boolean;
  range: SourceRange;
}

/** One block of the prompt in prefix order. */
export interface PromptBlock {
  index: number;
  section: PromptSection;
  /** Where it is, for people: `system[1]`, `tools[0] get_weather`, `messages[2] (user)`. */
  label: string;
  /** `text`, `tool`, `image`, `document`, `tool_use`, `tool_result`, `thinking`, … or `unknown`. */
  blockType: string;
  segments: TextSegment[];
  value: Value;
  range: SourceRange;
  cacheControl?: CacheControlMarker;
  /** `cache_control` on sub-content (citations, a document's source): rejected by the API. */
  nestedCacheControl: CacheControlMarker[];
  /** Set for blocks we cannot see: conversation history, items built at run time. */
  placeholder?: string;
  /** Built by a loop/comprehension/`.map()`: stands for any number of blocks. */
  repeated: boolean;
  messageIndex?: number;
  role?: string;
  /** In the last message of a literal messages list (where the multi-turn breakpoint goes). */
  inLastMessage: boolean;
  /** A text block whose text is statically empty. */
  emptyText: boolean;
  /** Built from a list whose order can differ between runs (a set, a directory listing, an MCP tool list). */
  unordered?: OrderHazard;
  /** Estimated tokens of the block's known text, set when prefixes are measured. */
  /** `tokens` is an exact offline count of the block's static text. */
  tokensExact?: boolean;
  tokens?: number;
}

export interface PrefixSummary {
  /**
   * Tokens of the known part of the prefix, tool-use overhead included. Its band is the estimate's
   * where any part is estimated, and only the framing allowance where every text is counted exactly.
   */
  tokens: TokenEstimate;
  /** Of `tokens`, how many come from texts counted exactly offline (system and message text). */
  exactTokens: number;
  /** The framing allowance included in the band (role and block framing, not counted). */
  framingAllowance: number;
  bySection: Record<PromptSection, number>;
  /** True when every part of the prefix is static text. */
  known: boolean;
  /** Why it is not fully known (stable-unknown parts), for hovers. */
  unknownParts: string[];
  /** Volatile segments at or before the breakpoint. */
  volatileParts: TextSegment[];
  /** Blocks of the prefix with text written in other workspace modules: where, and their tokens. */
  imported: ImportedPart[];
}

/** A prefix block whose text comes from another module: `system[0]: SYSTEM_PROMPT, app/prompts.py:12, ≈1,830 tokens`. */
export interface ImportedPart {
  label: string;
  via: string;
  source: string;
  tokens: number;
}

export interface Savings {
  cachedTokens: number;
  pricePerMTok: { input: number; write: number; read: number };
  costPerCallUncached: number;
  writeCost: number;
  readCost: number;
  savingsPerHit: number;
  reuseCalls: number;
  /** Percent saved over `reuseCalls` calls in one TTL window versus no caching. */
  percentSavedAtReuse: number;
  savingsPerCallAtReuse: number;
  /** The call number from which caching has paid for its write. */
  breakEvenCalls: number;
  priceSource: string;
}

export interface CacheBreakpoint {
  /** 1-based position in prefix order. */
  ordinal: number;
  /** The last block the cached prefix includes. */
  blockIndex: number;
  marker: CacheControlMarker;
  /** The effective TTL: `5m` when absent. */
  ttl: string;
  /** Top-level `cache_control` on the request (automatic caching). */
  automatic: boolean;
  /** Inside a loop/comprehension: how many there are is known only at run time. */
  inLoop: boolean;
  prefix: PrefixSummary;
  savings?: Savings;
  /** Set when a finding says this breakpoint will not (or may not) work; absent means it should cache. */
  verdict?: BreakpointVerdict;
}

export interface BreakpointVerdict {
  kind: 'not-cached' | 'may-not-cache' | 'request-rejected';
  /** Short reason for inline display, e.g. "under the 1,024-token minimum". */
  reason: string;
  ruleId: string;
}

export interface MovingBreakpoints {
  section: 'messages';
  /** How they are set, for people: "`_inject_prompt_caching(…)` on line 126". */
  via: string;
  /** The `cache_control` written for them. */
  sites: SourceRange[];
}

export interface RequestModel {
  language: SourceLanguage;
  /** The API layer the call is written for: the Anthropic SDK, the AI SDK, LangChain, LiteLLM, Converse, a gateway. */
  dialect: DialectId;
  /** How this layer writes a breakpoint (for messages and fixes). */
  markerSyntax: MarkerSyntax;
  /** Markers the layer drops or the platform rejects (`ignored-cache-marker`). */
  ignoredMarkers: IgnoredMarker[];
  /** Markers whose effect is not known (a provider's own namespace, a version-dependent key): noted, never counted. */
  uncountedMarkers: SyntaxNode[];
  /** The model is known not to be Claude: only `ignored-cache-marker` applies. */
  notClaude: boolean;
  /** What the layer's analysis could not read (a provider, a version-dependent key), for hovers. */
  dialectNotes: string[];
  /** How to mark the system prompt in this layer when it is written where no marker fits (an AI SDK string `system`). */
  systemAdvice?: string;
  /** The expression the conversation is passed as, when it is not a `messages` argument. */
  messagesExpression?: SyntaxNode;
  call: { range: SourceRange; callee: string; method: string };
  /** One of the `params` of a batch request. */
  isBatchItem: boolean;
  /** The whole argument object (keyword arguments in Python). */
  args: ObjectValue;
  model: ModelResolution;
  modelRange?: SourceRange;
  /** The argument values by name, for anchors and fixes. */
  sections: Partial<Record<PromptSection, ObjectEntry>>;
  blocks: PromptBlock[];
  breakpoints: CacheBreakpoint[];
  /**
   * The prefix through the last tools/system block, measured whether or not it has a breakpoint:
   * what a breakpoint there would cache (for missed-opportunity and hovers).
   */
  staticHead?: { blockIndex: number; prefix: PrefixSummary; savings?: Savings };
  /** Why breakpoints may be added at run time (helpers, loops), so "no breakpoint" is not certain. */
  runtimeBreakpointNotes: string[];
  /** Markers on the newest messages set at run time (a helper, a `.map`): attached, never counted. */
  movingBreakpoints: MovingBreakpoints[];
  /** Set when the request runs in a loop that appends to the list it sends as messages. */
  conversationLoop?: { loopRange: SourceRange; growthRange: SourceRange; messagesName: string };
  /** The call expression, for analyses that look around it (helpers run before it). */
  node: SyntaxNode;
}
