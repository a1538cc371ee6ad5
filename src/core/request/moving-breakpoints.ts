import type { SyntaxNode } from '../parsing/parser';
import type { FileSyntax } from '../syntax/language-support';
import { rangeOf } from '../syntax/values';
import type { RequestModel } from './request-model';

/**
 * Breakpoints that move with the conversation: the recommended multi-turn pattern marks the newest
 * messages on every call, from a helper (`_inject_prompt_caching(messages)`) or inside the
 * expression that builds `messages` (a `.map` that marks the last user turns). Their count and
 * place are known only at run time, so they are recorded on the request — the hover says so, and
 * "no breakpoint on the conversation" is not claimed — but never counted toward a finding.
 */
/** Also notes the agent loop a request runs in, when the loop appends to the messages it sends. */
export function noteMovingBreakpoints(requests: RequestModel[], syntax: FileSyntax): void {
  // Offsets read once: every node property read crosses into WASM.
  const sites = [...syntax.cacheControlEntries, ...syntax.runtimeCacheControl].map((node) => ({ node, start: node.startIndex, end: node.endIndex })).sort((a, b) => a.start - b.start);
  for (const request of requests) {
    const entry = request.sections.messages;
    const expression = request.messagesExpression ?? (entry ? syntax.evaluator.entryExpression(entry) : undefined);
    if (!entry || !expression) {
      continue;
    }
    const conversation = syntax.evaluator.conversationLoop(expression, request.node);
    if (conversation) {
      request.conversationLoop = { loopRange: rangeOf(conversation.loop), growthRange: rangeOf(conversation.growth), messagesName: expression.text };
    }
    if (sites.length === 0) {
      continue;
    }
    // Each site is attached once, by the first way that reaches it.
    const within = (start: number, end: number) => {
      const used = usedRanges(request);
      return sites.filter((site) => start <= site.start && site.end <= end && !used.some(([s, e]) => s <= site.start && site.end <= e)).map((site) => site.node);
    };
    const inside = within(expression.startIndex, expression.endIndex);
    if (inside.length > 0) {
      addMoving(request, inside, 'the expression that builds messages');
    }
    for (const loop of syntax.evaluator.loopsOver(expression, request.node)) {
      const marked = within(loop.startIndex, loop.endIndex);
      if (marked.length > 0) {
        addMoving(request, marked, `the loop over \`${expression.text}\` on line ${loop.startPosition.row + 1}`);
      }
    }
    for (const helper of syntax.evaluator.functionsCalledIn(expression)) {
      const marked = within(helper.fn.startIndex, helper.fn.endIndex);
      if (marked.length > 0) {
        addMoving(request, marked, `\`${helper.name}(…)\` in the messages argument`);
      }
    }
    for (const helper of syntax.evaluator.helpersAppliedTo(expression, request.node)) {
      const marked = within(helper.fn.startIndex, helper.fn.endIndex);
      if (marked.length > 0) {
        addMoving(request, marked, `\`${helper.name}(…)\` on line ${helper.call.startPosition.row + 1}`);
      }
    }
  }
}

function addMoving(request: RequestModel, sites: SyntaxNode[], via: string): void {
  const lines = [...new Set(sites.map((site) => site.startPosition.row + 1))].join(', ');
  request.movingBreakpoints.push({ section: 'messages', via, sites: sites.map(rangeOf) });
  request.runtimeBreakpointNotes.push(`messages: ${via} sets cache_control on messages at run time (line ${lines}); how many breakpoints that adds, and where, is known only at run time`);
}

/** Source ranges of the markers a request already models (its breakpoints, nested markers, moving sites). */
export function usedRanges(request: RequestModel): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const marker of [...request.breakpoints.map((bp) => bp.marker), ...request.blocks.flatMap((block) => block.nestedCacheControl)]) {
    ranges.push([marker.entry.entryNode.startIndex, marker.entry.entryNode.endIndex]);
  }
  // A marker the layer ignores is reported by ignored-cache-marker, not attached elsewhere.
  for (const ignored of request.ignoredMarkers) {
    ranges.push([ignored.node.startIndex, ignored.node.endIndex]);
  }
  for (const node of request.uncountedMarkers) {
    ranges.push([node.startIndex, node.endIndex]);
  }
  for (const moving of request.movingBreakpoints) {
    for (const site of moving.sites) {
      ranges.push([site.startOffset, site.endOffset]);
    }
  }
  return ranges;
}
