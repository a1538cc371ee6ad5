import { rangeOf } from '../syntax/values';
import { type Rule, type RuleReport, describeBreakpoint, markerFixSafe, markerFixTitle } from './rule';

export const ttlOrder: Rule = {
  id: 'ttl-order',
  defaultSeverity: 'error',
  fixKind: 'safe',
  docs: {
    summary: 'A 1-hour breakpoint comes after a 5-minute one in tools → system → messages order.',
    whyItMatters:
      "The API rejects it with 400: \"a ttl='1h' cache_control block must not come after a ttl='5m' cache_control block\". Blocks are processed tools first, then system, then messages.",
    example: 'system block with cache_control (5m default), then a message block with {"type": "ephemeral", "ttl": "1h"}.',
    useInstead: 'Put 1h breakpoints on the earlier, longer-lived content (tools, system) and 5m ones after them.',
    fixSafety: 'Safe: shortening the TTL to 5m changes cost only.',
  },
  check({ request, editor }) {
    const reports: RuleReport[] = [];
    let firstFiveMinute: (typeof request.breakpoints)[number] | undefined;
    for (const breakpoint of request.breakpoints) {
      if (breakpoint.ttl === '5m') {
        // A TTL read at run time may be 1h: only a known 5m one orders the breakpoints after it.
        if (breakpoint.marker.ttlKnown) {
          firstFiveMinute ??= breakpoint;
        }
      } else if (breakpoint.ttl === '1h' && firstFiveMinute) {
        const ttlEntry = breakpoint.marker.ttlEntry;
        const quote = editor.preferredQuote();
        reports.push({
          message: `Breakpoint ${describeBreakpoint(request, breakpoint)} has ttl "1h" but comes after the 5-minute breakpoint ${describeBreakpoint(request, firstFiveMinute)}; the API rejects this with a 400 error. Give earlier breakpoints the 1h TTL, or use 5m here.`,
          range: ttlEntry ? rangeOf(ttlEntry.entryNode) : breakpoint.marker.range,
          fixes: ttlEntry ? [{ title: markerFixTitle(breakpoint.marker, 'Change this TTL to "5m"'), safe: markerFixSafe(breakpoint.marker), edits: [editor.replace(ttlEntry.value.node, editor.quote('5m', quote))] }] : [],
          verdict: { breakpoints: request.breakpoints, kind: 'request-rejected' as const, reason: '1h after 5m TTL' },
        });
      }
    }
    return reports;
  },
};
