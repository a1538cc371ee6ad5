import type { SourceEditor } from '../fixes/source-edits';
import type { ModelFamily } from '../models/model-catalog';
import type { CacheBreakpoint, RequestModel } from '../request/request-model';
import { type Rule, type RuleReport, describeBreakpoint, describePrefixTokens, formatTokens, prefixIsExact, modelPhrase, minimumOf, removeMarkerFix, shortMarkerName } from './rule';

export const belowMinimum: Rule = {
  id: 'below-minimum',
  defaultSeverity: 'warning',
  fixKind: 'safe',
  docs: {
    summary: "A breakpoint's whole cached prefix is shorter than the model's minimum cacheable length.",
    whyItMatters:
      'A prefix under the minimum (512 to 4,096 tokens depending on the model) is silently not cached: no error, both cache counters stay 0, and every call pays full price. The minimum counts everything up to the breakpoint (tools, system, earlier messages), not the one block.',
    example: 'A 300-token system prompt with cache_control on Claude Sonnet 4.5 (minimum 1,024).',
    useInstead:
      'Cache a longer prefix (move the breakpoint later, or put more stable context before it), or drop the breakpoint. Fires only when the whole prefix is known text: a file read or helper call before the breakpoint could make up the difference, so it stays silent then.',
    fixSafety: 'Safe: the breakpoint does nothing today, so removing it changes nothing but frees a slot.',
  },
  check({ request, editor }) {
    const family = request.model.family;
    const found = minimumOf(request);
    if (!family?.supportsCaching || !found) {
      return [];
    }
    const { minimum, platform } = found;
    const on = platform ? ` on ${platform}` : '';
    // Several models chosen at run time: each is checked, with the prefix as counted for the first
    // (so only models that share its tokenizer are compared).
    const candidates = (request.model.candidates ?? [family]).filter((f) => f.supportsCaching && f.minCacheableTokens && f.tokenizer.value === family.tokenizer.value);
    const reports: RuleReport[] = [];
    for (const breakpoint of request.breakpoints) {
      const prefix = breakpoint.prefix;
      if (!prefix.known || breakpoint.inLoop) {
        continue;
      }
      const { low, high } = prefix.tokens;
      const where = describeBreakpoint(request, breakpoint);
      const estimate = describePrefixTokens(prefix);
      if (candidates.length > 1) {
        const report = candidatesReport(candidates, high, low, where, estimate, breakpoint, editor, request);
        if (report) {
          reports.push(report);
        }
        continue;
      }
      const disputed = platform
        ? ` (${minimum.source})`
        : family.disputedMinimums?.length
        ? ` (other sources give ${family.disputedMinimums.map((d) => `${formatTokens(d.value)}: ${d.source}`).join('; ')})`
        : '';
      const min = minimum.value;
      if (high < min) {
        reports.push({
          message: `Breakpoint ${where} will not be cached: its whole prefix is ${estimate}, under the ${formatTokens(min)}-token minimum of ${modelPhrase(request)}${on}${disputed}. The API skips caching silently, so every call pays full price. Cache a longer prefix or remove this ${request.markerSyntax.name}.`,
          range: breakpoint.marker.range,
          fixes: removeMarkerFix(editor, breakpoint.marker, `Remove ineffective ${shortMarkerName(request)}`),
          verdict: { breakpoints: [breakpoint], kind: 'not-cached' as const, reason: `below the ${formatTokens(min)} min` },
        });
      } else if (low < min) {
        reports.push({
          message: `Breakpoint ${where} may not be cached: its whole prefix is ${estimate}, close to the ${formatTokens(min)}-token minimum of ${modelPhrase(request)}${on}${disputed}. ${prefixIsExact(prefix) ? 'Its text is counted exactly; only the framing around it is not.' : 'Check usage.cache_creation_input_tokens on a real call, or count exactly with the count_tokens endpoint.'}`,
          range: breakpoint.marker.range,
          fixes: [],
          severity: 'info' as const,
          verdict: { breakpoints: [breakpoint], kind: 'may-not-cache' as const, reason: `near the ${formatTokens(min)} min` },
        });
      }
    }
    return reports;
  },
};

/**
 * The finding for a request whose model is one of several: named for the models it applies to. Below
 * every model's minimum, the breakpoint never caches (safe removal); below only some, removing it
 * would lose the others' caching, so no fix is offered.
 */
function candidatesReport(
  candidates: ModelFamily[],
  high: number,
  low: number,
  where: string,
  estimate: string,
  breakpoint: CacheBreakpoint,
  editor: SourceEditor,
  request: RequestModel,
): RuleReport | undefined {
  const min = (f: ModelFamily) => f.minCacheableTokens?.value ?? 0;
  const below = candidates.filter((f) => high < min(f));
  const near = candidates.filter((f) => low < min(f) && high >= min(f));
  const names = (families: ModelFamily[]) => families.map((f) => `${f.displayName} (${formatTokens(min(f))})`).join(', ');
  const all = `one of ${candidates.length} models chosen at run time: ${candidates.map((f) => f.displayName).join(', ')}`;
  if (below.length === candidates.length) {
    return {
      message: `Breakpoint ${where} will not be cached with any of its models: its whole prefix is ${estimate}, under the minimum of each — ${names(below)}; the model is ${all}. The API skips caching silently, so every call pays full price. Cache a longer prefix or remove this ${request.markerSyntax.name}.`,
      range: breakpoint.marker.range,
      fixes: removeMarkerFix(editor, breakpoint.marker, `Remove ineffective ${shortMarkerName(request)}`),
      verdict: { breakpoints: [breakpoint], kind: 'not-cached' as const, reason: 'below every candidate model\'s min' },
    };
  }
  if (below.length > 0) {
    return {
      message: `Breakpoint ${where} will not be cached when the model is ${names(below)}: its whole prefix is ${estimate}, under that minimum; the model is ${all}. With the others it can cache. Cache a longer prefix if those calls matter.`,
      range: breakpoint.marker.range,
      fixes: [],
      verdict: { breakpoints: [breakpoint], kind: 'may-not-cache' as const, reason: `below the min of ${below.map((f) => f.displayName).join(', ')}` },
    };
  }
  if (near.length > 0) {
    return {
      message: `Breakpoint ${where} may not be cached when the model is ${names(near)}: its whole prefix is ${estimate}, close to that minimum; the model is ${all}. ${prefixIsExact(breakpoint.prefix) ? 'Its text is counted exactly; only the framing around it is not.' : 'Check usage.cache_creation_input_tokens on a real call, or count exactly with the count_tokens endpoint.'}`,
      range: breakpoint.marker.range,
      fixes: [],
      severity: 'info' as const,
      verdict: { breakpoints: [breakpoint], kind: 'may-not-cache' as const, reason: `near the min of ${near.map((f) => f.displayName).join(', ')}` },
    };
  }
  return undefined;
}
