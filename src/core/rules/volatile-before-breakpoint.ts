import type { PromptBlock, RequestModel } from '../request/request-model';
import type { TextSegment } from '../syntax/values';
import type { Fix } from '../types';
import { type Rule, type RuleReport, describeBreakpoint } from './rule';

export const volatileBeforeBreakpoint: Rule = {
  id: 'volatile-before-breakpoint',
  defaultSeverity: 'warning',
  fixKind: 'suggestion',
  docs: {
    summary: 'Content that changes on every call sits at or before a breakpoint.',
    whyItMatters:
      'A cache hit needs the prefix byte-identical. A timestamp, UUID, random value or per-call id at or before a breakpoint changes the prefix on every call: that breakpoint and every later one write the cache (1.25× or 2× the input price) and never read it.',
    example: 'system=f"Today is {datetime.now()}. You are a helpful assistant..." with cache_control on the system block.',
    useInstead:
      'Put per-call content after the last breakpoint (in the user message), reduce it to day precision (date.today()), or move the breakpoint to the last block before it. Values computed once at module level, function parameters and the newest message of a growing conversation are not flagged.',
    fixSafety: 'Moving the breakpoint is offered as a suggestion: it changes what is cached, not what the model sees.',
  },
  check({ request, editor }) {
    const reports: RuleReport[] = [];
    const seen = new Set<number>();
    const lastMessage = Math.max(-1, ...request.blocks.map((b) => b.messageIndex ?? -1));
    const firstHistory = request.blocks.find((b) => b.section === 'messages' && b.placeholder !== undefined)?.index ?? Infinity;
    for (const block of request.blocks) {
      const broken = request.breakpoints.filter((bp) => bp.blockIndex >= block.index);
      if (broken.length === 0) {
        break;
      }
      // The newest message after a growing history is repeated verbatim next turn: it is read back.
      if (block.section === 'messages' && block.messageIndex === lastMessage && firstHistory < block.index) {
        continue;
      }
      for (const segment of block.segments) {
        if (!isVolatile(segment, block) || seen.has(segment.range.startOffset)) {
          continue;
        }
        seen.add(segment.range.startOffset);
        const names = broken.map((bp) => describeBreakpoint(request, bp)).join(', ');
        const plural = broken.length > 1 ? 'these breakpoints' : 'this breakpoint';
        reports.push({
          message: `Per-call content in ${block.label}: ${segment.reason ?? 'a value that changes per call'}. It sits at or before breakpoint${broken.length > 1 ? 's' : ''} ${names}, so ${plural} will write the cache on every call and never read it. Move it after the last breakpoint, reduce it to day precision, or move the breakpoint before it.`,
          range: segment.range,
          fixes: moveBreakpointFix(request, block, editor),
          verdict: { breakpoints: broken, kind: 'not-cached' as const, reason: `per-call content in ${block.section}` },
        });
      }
    }
    return reports;
  },
};

function isVolatile(segment: TextSegment, block: PromptBlock): boolean {
  if (segment.stability !== 'volatile') {
    return false;
  }
  // A parameter named `question` belongs in messages; only trust names in tools/system.
  return !(segment.byNameOnly && block.section === 'messages');
}

/** Move the first broken breakpoint onto the block just before the volatile one, when that is a literal block. */
function moveBreakpointFix(request: RequestModel, volatileBlock: PromptBlock, editor: Parameters<Rule['check']>[0]['editor']): Fix[] {
  // The move writes an SDK-style `cache_control`: framework layers place markers their own way.
  if (!request.markerSyntax.sdkFixes) {
    return [];
  }
  const first = request.breakpoints.find((bp) => bp.blockIndex >= volatileBlock.index && !bp.automatic);
  const target = request.blocks[volatileBlock.index - 1];
  if (!first || first.marker.entry.origin || !target || target.cacheControl || target.placeholder !== undefined || target.repeated || target.value.kind !== 'object') {
    return [];
  }
  const earlierVolatile = request.blocks.slice(0, target.index + 1).some((b) => b.segments.some((s) => isVolatile(s, b)));
  if (earlierVolatile || request.breakpoints.some((bp) => bp.blockIndex === target.index)) {
    return [];
  }
  const quote = editor.preferredQuote();
  return [
    {
      title: `Move the breakpoint to ${target.label}, before the per-call content`,
      safe: false,
      edits: [editor.removeEntry(first.marker.entry.entryNode), editor.appendEntry(target.value.node, editor.cacheControlEntry(quote, first.marker.ttl))],
    },
  ];
}
