import { CACHE_LIMITS } from '../models/model-catalog';
import { type Rule, describeBreakpoint, removeMarkerFix, shortMarkerName } from './rule';

export const tooManyBreakpoints: Rule = {
  id: 'too-many-breakpoints',
  defaultSeverity: 'error',
  fixKind: 'safe',
  docs: {
    summary: 'More than 4 cache_control breakpoints in one request.',
    whyItMatters:
      'The API rejects the request with 400 "A maximum of 4 blocks with cache_control may be provided". Top-level (automatic) caching uses one of the four slots. When the limit is passed only by counting markers chosen at run time (`cc if flag else None`, a helper\'s result), the request fails only when they are set, and the finding is a warning that says so.',
    example: 'Five system blocks each carrying cache_control.',
    useInstead: 'Keep at most four breakpoints: on the last tool, the last system block, and the newest one or two messages.',
    fixSafety: 'Safe: removing a breakpoint changes cost and latency, never what the model sees.',
    versions: [
      'Vercel AI SDK (`@ai-sdk/anthropic` 1.x–4.x): the provider counts breakpoints itself and drops those past four with a warning instead of sending them (`get-cache-control.ts`), so the finding is a warning that the extra marker caches nothing.',
      'LiteLLM: `cache_control_injection_points` with a `role` marks every message of that role, one breakpoint each (LiteLLM issues #15696, #10226).',
    ],
  },
  check({ request, editor }) {
    const max = CACHE_LIMITS.maxBreakpoints.value;
    const counted = request.breakpoints.filter((bp) => !bp.inLoop);
    if (request.dialect === 'ai-sdk') {
      // The AI SDK's Anthropic provider counts breakpoints itself and drops the ones past the limit, with a warning.
      return counted.slice(max).map((breakpoint) => ({
        message: `Breakpoint ${describeBreakpoint(request, breakpoint)} is number ${counted.indexOf(breakpoint) + 1} in this request; the AI SDK's Anthropic provider allows ${max} and drops the rest with a warning, so this one caches nothing. Remove it.`,
        range: breakpoint.marker.range,
        fixes: removeMarkerFix(editor, breakpoint.marker, `Remove this excess ${shortMarkerName(request)}`),
        severity: 'warning' as const,
        verdict: { breakpoints: [breakpoint], kind: 'not-cached' as const, reason: `past the ${max}-breakpoint limit (dropped by the AI SDK)` },
      }));
    }
    // A marker whose value is chosen at run time (`CC if flag else None`, a helper's result) may be None:
    // when the limit is passed only by counting those, the request is rejected only on some runs.
    const certain = counted.filter((bp) => bp.marker.entry.value.kind === 'object').length;
    const mayOnly = certain <= max;
    const uncertain = counted.filter((bp) => bp.marker.entry.value.kind !== 'object').map((bp) => `#${bp.ordinal}`);
    return counted.slice(max).map((breakpoint) => ({
      message: mayOnly
        ? `Breakpoint ${describeBreakpoint(request, breakpoint)} is number ${counted.indexOf(breakpoint) + 1} in this request when the ${uncertain.length === 1 ? 'marker' : 'markers'} chosen at run time (${uncertain.join(', ')}) ${uncertain.length === 1 ? 'is' : 'are'} set; the API allows ${max} and then rejects the request with a 400 error. Remove one.`
        : `Breakpoint ${describeBreakpoint(request, breakpoint)} is number ${counted.indexOf(breakpoint) + 1} in this request; the API allows ${max} and rejects the request with a 400 error. Remove one.`,
      range: breakpoint.marker.range,
      fixes: removeMarkerFix(editor, breakpoint.marker, `Remove this excess ${shortMarkerName(request)}`),
      ...(mayOnly ? { severity: 'warning' as const } : {}),
      verdict: { breakpoints: request.breakpoints, kind: mayOnly ? ('may-not-cache' as const) : ('request-rejected' as const), reason: `over ${max} breakpoints${mayOnly ? ' when the markers chosen at run time are set' : ''}` },
    }));
  },
};
