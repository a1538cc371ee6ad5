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
    versions: [
      'Vercel AI SDK: `providerOptions` on messages, parts and tools from `ai` 4.2; `experimental_providerMetadata` (and input `providerMetadata`) read up to 4.x and removed in 5.0 (vercel/ai #5661, 2025-04) — reported only when the file uses the 5.x API (`inputSchema`, `maxOutputTokens`, `stopWhen`, agents), otherwise noted in the hover. Call-level `providerOptions.anthropic.cacheControl` is top-level caching from `@ai-sdk/anthropic` 2.0.x (vercel/ai #8623, 2025-09). `SystemModelMessage` as `system` from `ai` 6 (#10635, 2025-11).',
      'AI SDK providers: `@ai-sdk/amazon-bedrock` reads `providerOptions.bedrock.cachePoint` (or `amazonBedrock`), never the `anthropic` namespace (`convert-to-amazon-bedrock-chat-messages.ts`); `@openrouter/ai-sdk-provider` 1.x reads message and part markers under `openrouter` or `anthropic`, call options only under `openrouter`.',
      'LangChain: `langchain-anthropic` 0.1–1.x formats only a message\'s `content`, so `additional_kwargs` never reach the API (other integrations, such as Vertex\'s `ChatAnthropicVertex`, read them and are not reported); `langchain-aws` `ChatBedrock` sends `model_kwargs` in the InvokeModel body, where Bedrock rejects unknown keys.',
      'LiteLLM: a message-level `cache_control` is moved onto the message\'s last block; with a model that is not Claude (`gpt-*`, `o1`–`o9`) markers are dropped.',
      'Bedrock Converse (boto3 ≥ 1.35, AWS SDK v3): `cachePoint` is a content-block union member, so it must be its own element; boto3 validates parameters and rejects unknown keys (`cache_control`) and blocks with two members before sending, the JS SDK serialises only modelled members. Bedrock InvokeModel: the legacy integration (Claude Opus 4.6 and earlier) rejects a top-level `cache_control` (Anthropic platform notes, 2026-10).',
      'OpenRouter: `cache_control` is read on a text part of multipart content only (OpenRouter prompt-caching guide); on a message with string content it is dropped.',
    ],
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
