import type { Fix } from '../types';
import { conversationAdvice } from '../dialects/advice';
import { type Rule, type RuleContext, modelPhrase } from './rule';

const INVOKE_MODEL_METHODS = new Set(['invoke_model', 'invoke_model_with_response_stream', 'invokeModel', 'invokeModelWithResponseStream', 'InvokeModelCommand', 'InvokeModelWithResponseStreamCommand']);

export const uncachedConversation: Rule = {
  id: 'uncached-conversation',
  defaultSeverity: 'warning',
  fixKind: 'suggestion',
  docs: {
    summary: 'A request in an agent or chat loop sends a conversation that grows every turn, and nothing marks it for caching.',
    whyItMatters:
      'Each turn re-sends the whole history. Without a breakpoint on the messages, every turn pays full input price for all of it again, so a long session costs roughly the square of its length. With the newest message marked, each turn reads the history from the cache at 10% of the price and writes only what is new.',
    example: 'while True: messages.append({"role": "user", "content": ask()}); reply = client.messages.create(model=..., messages=messages)',
    useInstead:
      'Add top-level cache_control={"type": "ephemeral"} (automatic caching marks the last block on every call), or set cache_control on the last block of the last message before each call.',
    fixSafety:
      'A suggestion, not applied by fix-all: it changes what each turn costs (the first write is 1.25× input), and the legacy Bedrock integration (Opus 4.6 and earlier) rejects top-level cache_control with a 400.',
  },
  check(context) {
    const { request } = context;
    const loop = request.conversationLoop;
    if (!loop || request.isBatchItem || request.args.open || !request.model.family?.supportsCaching) {
      return [];
    }
    if (request.call.method === 'count_tokens' || request.call.method === 'countTokens') {
      return [];
    }
    // Anything that may mark the conversation at run time keeps it silent: helpers, `.map`s, markers
    // written elsewhere in the file, spreads.
    if (request.runtimeBreakpointNotes.length > 0 || request.movingBreakpoints.length > 0 || request.ignoredMarkers.length > 0) {
      return [];
    }
    if (request.breakpoints.some((bp) => bp.automatic || request.blocks[bp.blockIndex]?.section === 'messages')) {
      return [];
    }
    const loopLine = loop.loopRange.start.line + 1;
    const growthLine = loop.growthRange.start.line + 1;
    return [
      {
        message: `\`${request.call.callee}\` runs in a loop (line ${loopLine}) that appends to \`${loop.messagesName}\` (line ${growthLine}), but no breakpoint covers the conversation: every turn pays full input price for the whole history again with ${modelPhrase(request)}. ${conversationAdvice(request.dialect)}`,
        range: request.call.range,
        fixes: automaticCachingFix(context),
      },
    ];
  },
};

/** Top-level `cache_control` in the call's own arguments; not for Bedrock InvokeModel bodies (legacy Bedrock rejects it). */
function automaticCachingFix({ request, editor }: RuleContext): Fix[] {
  const args = request.args.node;
  if (!request.markerSyntax.sdkFixes || INVOKE_MODEL_METHODS.has(request.call.method) || args.startIndex < request.call.range.startOffset || args.endIndex > request.call.range.endOffset) {
    return [];
  }
  return [
    {
      title: 'Add top-level cache_control (automatic caching; Claude API, not the legacy Bedrock integration)',
      safe: false,
      edits: [editor.appendEntry(args, editor.cacheControlEntry(editor.preferredQuote()))],
    },
  ];
}
