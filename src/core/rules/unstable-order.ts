import type { PromptBlock } from '../request/request-model';
import type { OrderHazard } from '../syntax/values';
import type { Fix } from '../types';
import { type Rule, type RuleReport, describeBreakpoint } from './rule';

export const unstableOrder: Rule = {
  id: 'unstable-order',
  defaultSeverity: 'warning',
  fixKind: 'safe',
  docs: {
    summary: 'Content at or before a breakpoint comes in an order that can differ between processes or calls.',
    whyItMatters:
      'A cache hit needs the prefix byte-identical, order included. Iterating a Python set of strings gives a different order in every process (string hashing is randomised), directory listings and globs follow the file system, an MCP server lists its tools in its own order (which can change when it restarts or reconnects), and results gathered as promises settle come in completion order. Tools or system text built from such a source change after a restart or between calls: every breakpoint at or after them writes the cache again instead of reading it.',
    example: 'tools=[{"name": name, ...} for name in {"search", "fetch"}] with cache_control on the last tool; "\\n".join(os.listdir(DOCS)) in a cached system prompt.',
    useInstead:
      'Sort at the source: sorted(os.listdir(d)), sorted(names), sorted(tools, key=lambda t: t.name); readdirSync(d).sort(), [...tools].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)); json.dumps(d, sort_keys=True) for a dict filled from such a source; asyncio.gather (which keeps the order of its arguments) instead of as_completed. Dict literals, JS Set/Map and object keys keep insertion order and are never flagged.',
    fixSafety:
      'Sorting strings or paths (a listing, a glob, a set of known strings) and sort_keys=True only change the order: safe fixes. Sorting items whose type is not known here (a set built at run time, an MCP tool list by name) is offered as a suggestion.',
  },
  check({ request, editor }) {
    const reports: RuleReport[] = [];
    const seen = new Set<string>();
    for (const block of request.blocks) {
      const broken = request.breakpoints.filter((bp) => bp.blockIndex >= block.index);
      if (broken.length === 0) {
        break;
      }
      for (const hazard of hazardsOf(block)) {
        const key = `${hazard.range.startOffset}:${hazard.reason}`;
        if (seen.has(key)) {
          continue;
        }
        seen.add(key);
        const names = broken.map((bp) => describeBreakpoint(request, bp)).join(', ');
        const plural = broken.length > 1 ? 'these breakpoints write' : 'this breakpoint writes';
        const fixes: Fix[] = hazard.fix ? [{ title: hazard.fix.title, safe: hazard.fix.safe, edits: [editor.wrap(hazard.fix.node, hazard.fix.newText)] }] : [];
        reports.push({
          message: `Order that can change between runs in ${block.label}: ${hazard.reason}${hazard.source ? ` (in ${hazard.source})` : ''}. It sits at or before breakpoint${broken.length > 1 ? 's' : ''} ${names}, so when the order changes ${plural} the cache again instead of reading it. ${advice(hazard)}`,
          range: hazard.range,
          fixes,
          verdict: { breakpoints: broken, kind: 'may-not-cache' as const, reason: `unstable order in ${block.section}` },
        });
      }
    }
    return reports;
  },
};

function hazardsOf(block: PromptBlock): OrderHazard[] {
  const out: OrderHazard[] = block.unordered ? [block.unordered] : [];
  for (const segment of block.segments) {
    if (segment.unordered && !out.includes(segment.unordered)) {
      out.push(segment.unordered);
    }
  }
  return out;
}

function advice(hazard: OrderHazard): string {
  if (hazard.sortBy === 'none') {
    return 'Keep the order of the inputs (asyncio.gather / Promise.all return results in argument order), or sort the results before building the prompt.';
  }
  if (hazard.keysOnly) {
    return 'Sort the keys (json.dumps(..., sort_keys=True)) or sort the source before filling the dict.';
  }
  return hazard.sortBy === 'name' ? 'Sort it by name before building the prompt.' : 'Sort it before building the prompt.';
}
