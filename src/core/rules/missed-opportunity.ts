import type { PromptBlock, RequestModel } from '../request/request-model';
import { dialectMarkerFix } from '../dialects/advice';
import { rangeOf } from '../syntax/values';
import type { Fix } from '../types';
import { type Rule, type RuleContext, approx, formatTokens, formatUsd, minimumOf, modelPhrase } from './rule';

export const missedOpportunity: Rule = {
  id: 'missed-opportunity',
  defaultSeverity: 'info',
  fixKind: 'safe',
  docs: {
    summary: 'The longest fully static tools/system prefix (all of it, or the part before text known only at run time) is long enough to cache, and the request has no breakpoint.',
    whyItMatters:
      'Every call pays full input price for the same tokens. With a breakpoint, calls after the first within the TTL pay 10% of the input price for them (a 5-minute cache pays for itself from the second call).',
    example: 'system="""<3,000 tokens of instructions>""" with no cache_control anywhere.',
    useInstead: 'Add {"type": "ephemeral"} to the last system block (or the last tool). A string system prompt becomes a one-block list.',
    fixSafety: 'Safe: adding a breakpoint changes cost and latency, not what the model sees. The first call in each TTL window pays 1.25× for the write.',
  },
  check(context) {
    const { request } = context;
    const head = request.staticHead;
    const family = request.model.family;
    const minimum = minimumOf(request)?.minimum.value;
    if (!head || !family?.supportsCaching || minimum === undefined || request.breakpoints.length > 0 || request.runtimeBreakpointNotes.length > 0 || request.ignoredMarkers.length > 0) {
      return [];
    }
    if (request.call.method === 'count_tokens' || request.call.method === 'countTokens' || request.args.open) {
      return [];
    }
    if (!head.prefix.known || head.prefix.tokens.low < minimum) {
      return [];
    }
    const target = request.blocks[head.blockIndex];
    const anchor = request.sections[target.section];
    if (!anchor) {
      return [];
    }
    const savings = head.savings;
    const what = describeHead(request, head.blockIndex);
    const partial = request.blocks.slice(head.blockIndex + 1).some((block) => block.section !== 'messages');
    const saving = savings ? ` At ${savings.reuseCalls} calls per 5 minutes that saves ≈${formatUsd(savings.savingsPerCallAtReuse)} per call (−${Math.round(savings.percentSavedAtReuse)}% on these tokens).` : '';
    return [
      {
        message: `The ${what} (${approx(head.prefix)}${formatTokens(head.prefix.tokens.tokens)} tokens, all static${partial ? '; what follows is not known here' : ''}) ${what === 'system prompt' ? 'is' : 'are'} sent uncached on every call; ${modelPhrase(request)} can cache from ${formatTokens(minimum)} tokens.${saving} ${target.section === 'system' && request.systemAdvice ? request.systemAdvice : `Add ${request.markerSyntax.name} to ${target.label}.`}`,
        range: rangeOf(anchor.entryNode),
        fixes: addBreakpointFix(context, request, target),
      },
    ];
  },
};

function addBreakpointFix({ editor }: RuleContext, request: RequestModel, target: PromptBlock): Fix[] {
  const title = `Add a cache breakpoint to ${target.label}`;
  if (!request.markerSyntax.sdkFixes) {
    return dialectMarkerFix(editor, request, target, title);
  }
  if (target.value.kind === 'object' && !target.repeated) {
    const quote = editor.preferredQuote();
    return [{ title, safe: true, edits: [editor.appendEntry(target.value.node, editor.cacheControlEntry(quote))] }];
  }
  const system = request.sections.system;
  if (target.section === 'system' && system && target.label === 'system') {
    // A plain string system prompt cannot carry a marker: wrap it in a one-block list.
    const quote = editor.preferredQuote();
    const entry = system.entryNode;
    if (entry.type === 'shorthand_property_identifier') {
      return [{ title, safe: true, edits: [editor.wrap(entry, `system: ${editor.textBlockList(entry.text, quote)}`)] }];
    }
    const valueNode = entry.childForFieldName('value');
    if (valueNode) {
      return [{ title, safe: true, edits: [editor.wrap(valueNode, editor.textBlockList(valueNode.text, quote))] }];
    }
  }
  return [];
}

function describeHead(request: RequestModel, lastBlock: number): string {
  const head = request.blocks.slice(0, lastBlock + 1);
  const tools = head.some((b) => b.section === 'tools');
  const system = head.some((b) => b.section === 'system');
  return tools && system ? 'tool definitions and system prompt' : tools ? 'tool definitions' : 'system prompt';
}
