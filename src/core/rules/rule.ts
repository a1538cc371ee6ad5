import type { SourceEditor } from '../fixes/source-edits';
import type { BreakpointVerdict, CacheBreakpoint, CacheControlMarker, PrefixSummary, RequestModel } from '../request/request-model';
import type { Sourced } from '../models/model-catalog';
import type { Fix, Severity, SourceRange } from '../types';

/** User-facing documentation of a rule, in Ruff's order. */
export interface RuleDocs {
  /** One line: what it flags. */
  summary: string;
  whyItMatters: string;
  example: string;
  useInstead: string;
  fixSafety: string;
  /** Behaviour that depends on an API layer's version, each with its source (rendered as a list). */
  versions?: string[];
}

export interface RuleContext {
  request: RequestModel;
  editor: SourceEditor;
  reuseCalls: number;
}

/** What a rule reports, before severity and suppression are applied. */
export interface RuleReport {
  message: string;
  range: SourceRange;
  fixes: Fix[];
  /** A rule may lower its own severity for a softer variant (e.g. "may not be cached"). */
  severity?: Severity;
  /** The breakpoints this finding says will not work, and how, for inline display and hovers. */
  verdict?: { breakpoints: CacheBreakpoint[]; kind: BreakpointVerdict['kind']; reason: string };
}

export interface Rule {
  id: string;
  defaultSeverity: Severity;
  /** What its quick fixes are: safe (cost only, applied by fix-all), suggestions, or none. */
  fixKind: 'safe' | 'suggestion' | 'none';
  docs: RuleDocs;
  check(context: RuleContext): RuleReport[];
}

/** Whether the request is served by Amazon Bedrock: its layer says so, or the model id is a Bedrock id. */
export function onBedrock(request: RequestModel): boolean {
  return request.markerSyntax.platform === 'bedrock' || /(?:^|[./])anthropic\.claude|^bedrock\//.test(request.model.writtenId ?? '');
}

/** The minimum cacheable prefix for this request's model on its platform, and whether it is Bedrock's own. */
export function minimumOf(request: RequestModel): { minimum: Sourced<number>; platform?: string } | undefined {
  const family = request.model.family;
  if (!family?.minCacheableTokens) {
    return undefined;
  }
  return family.bedrockMinimum && onBedrock(request) ? { minimum: family.bedrockMinimum, platform: 'Amazon Bedrock' } : { minimum: family.minCacheableTokens };
}

/** Where a breakpoint is, for messages: `#2 (system[1])`. */
export function describeBreakpoint(request: RequestModel, breakpoint: CacheBreakpoint): string {
  if (breakpoint.automatic) {
    return `#${breakpoint.ordinal} (top-level cache_control)`;
  }
  const source = breakpoint.marker?.entry.source;
  return `#${breakpoint.ordinal} (${request.blocks[breakpoint.blockIndex]?.label ?? 'unknown block'}${source ? `, marked in ${source}` : ''})`;
}

/**
 * The fix every "this breakpoint is wrong" rule offers: delete the `cache_control` entry. None for a
 * marker set by an assignment statement (`x["cache_control"] = ...`): deleting a statement can leave
 * an empty block, and the same statement may serve other requests.
 */
export function removeMarkerFix(editor: SourceEditor, marker: CacheControlMarker, title = 'Remove this cache_control'): Fix[] {
  if (marker.entry.origin === 'assignment') {
    return [];
  }
  return [{ title: markerFixTitle(marker, title), safe: markerFixSafe(marker), edits: [editor.removeEntry(marker.entry.removalNode ?? marker.entry.entryNode)] }];
}

/** The marker's own key, for fix titles: `cache_control`, `cacheControl`, `cachePoint`. */
export function shortMarkerName(request: RequestModel): string {
  return request.markerSyntax.name.split('.').pop() ?? request.markerSyntax.name;
}

/** An edit to a marker written inside a helper changes it for every caller: a suggestion, not a safe fix. */
export function markerFixSafe(marker: CacheControlMarker): boolean {
  return marker.entry.origin !== 'helper';
}

export function markerFixTitle(marker: CacheControlMarker, title: string): string {
  return marker.entry.origin === 'helper' ? `${title} (in a helper: every caller changes)` : title;
}

export function formatTokens(n: number): string {
  return n >= 10_000 ? `${(n / 1000).toFixed(1)}k` : n.toLocaleString('en-US');
}

/** Every text of the prefix was counted exactly offline (no estimated tool definitions or overhead). */
export function prefixIsExact(prefix: PrefixSummary): boolean {
  return prefix.exactTokens > 0 && prefix.exactTokens === prefix.tokens.tokens;
}

/** `≈ ` before an estimated count, nothing before an exact one. */
export function approx(prefix: PrefixSummary, space = ''): string {
  return prefixIsExact(prefix) ? '' : `≈${space}`;
}

/**
 * A prefix's size as findings state it: `1,231 tokens (text counted exactly offline; ±16 for
 * framing)`, `≈1,650 tokens (1,231 counted exactly offline; 1,560–1,740 with the estimated tool
 * definitions and framing)`, or `≈1,650 tokens (1,520–1,780)`.
 */
export function describePrefixTokens(prefix: PrefixSummary): string {
  const { tokens, low, high } = prefix.tokens;
  if (prefixIsExact(prefix)) {
    return `${formatTokens(tokens)} tokens (text counted exactly offline; ±${formatTokens(prefix.framingAllowance)} for framing)`;
  }
  if (prefix.exactTokens > 0) {
    return `≈${formatTokens(tokens)} tokens (${formatTokens(prefix.exactTokens)} counted exactly offline; ${formatTokens(low)}–${formatTokens(high)} with the estimated tool definitions and framing)`;
  }
  return `≈${formatTokens(tokens)} tokens (${formatTokens(low)}–${formatTokens(high)})`;
}

export function formatUsd(n: number): string {
  if (n === 0) {
    return '$0';
  }
  if (Math.abs(n) < 0.01) {
    return `$${n.toPrecision(2)}`;
  }
  return `$${n.toFixed(n < 1 ? 4 : 2)}`;
}

/** "the model" with a note when it was assumed. */
export function modelPhrase(request: RequestModel): string {
  const name = request.model.family?.displayName ?? 'the model';
  if (request.model.candidates) {
    return `${name} (one of ${request.model.candidates.length} models chosen at run time)`;
  }
  if (request.model.environmentVariable !== undefined) {
    return `${name} (assumed from the default of ${request.model.environmentVariable})`;
  }
  return request.model.assumed ? `${name} (assumed: ${request.model.writtenId === undefined ? 'model not known statically' : `unknown model "${request.model.writtenId}"`})` : name;
}
