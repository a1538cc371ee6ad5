import type { Fix } from '../types';
import { rangeOf } from '../syntax/values';
import type { Rule } from './rule';

/**
 * A breakpoint marker the API layer drops or the platform rejects. Each dialect knows its own
 * failures (a namespace the provider ignores, LangChain's `additional_kwargs`, `cache_control` in a
 * Converse body, a `cachePoint` merged into a block, a marker on a model that is not Claude); this
 * rule reports what they found, with where the marker must go instead.
 */
export const ignoredCacheMarker: Rule = {
  id: 'ignored-cache-marker',
  defaultSeverity: 'warning',
  fixKind: 'suggestion',
  docs: {
    summary: 'A cache marker the API layer drops, or the platform rejects, so nothing is cached (or the request fails).',
    whyItMatters:
      'Each layer between your code and Claude has its own place for a breakpoint. A marker anywhere else is silently dropped (the request runs uncached at full price, with no error) or makes the platform reject the request: `providerOptions.openai.cacheControl` on an Anthropic model, `providerOptions.anthropic.cacheControl` on the AI SDK\'s Bedrock provider or on an OpenRouter call, LangChain `additional_kwargs={"cache_control": …}`, `cache_control` in a Bedrock Converse body, a `cachePoint` merged into a text block, `cache_control` in ChatBedrock `model_kwargs`, a marker on a model that is not Claude.',
    example: 'HumanMessage(content=doc, additional_kwargs={"cache_control": {"type": "ephemeral"}})',
    useInstead:
      'Write the marker where the layer reads it: a content block\'s `cache_control` (LangChain, LiteLLM, OpenRouter), `providerOptions.anthropic.cacheControl` (AI SDK with Anthropic, Vertex or the AI Gateway), `providerOptions.bedrock.cachePoint` (AI SDK with Bedrock), a `{"cachePoint": {"type": "default"}}` element after the block (Converse).',
    fixSafety: 'A suggestion, never applied by fix-all: removing a dropped marker changes nothing the API sees, but the marker shows what was meant to be cached; moving it is left to you.',
  },
  check({ request, editor }) {
    return request.ignoredMarkers.map((ignored) => {
      const title = ignored.effect === 'rejected' ? 'Remove this marker (the platform rejects it)' : 'Remove this marker (it has no effect)';
      const fixes: Fix[] = ignored.removable ? [{ title, safe: false, edits: [editor.removeEntry(ignored.node)] }] : [];
      return {
        message: ignored.message,
        range: rangeOf(ignored.node),
        fixes,
        severity: ignored.effect === 'rejected' ? ('error' as const) : undefined,
        verdict: ignored.effect === 'rejected' ? { breakpoints: request.breakpoints, kind: 'request-rejected' as const, reason: 'a marker the platform rejects' } : undefined,
      };
    });
  },
};
