import type { SyntaxNode } from '../parsing/parser';
import type { MovingBreakpoints } from '../request/request-model';
import type { ObjectValue } from '../syntax/values';

/**
 * The API layer a request is written for. Each maps its own call onto the one request model
 * (tools → system → messages, blocks, breakpoints), so every rule is written once.
 */
export type DialectId = 'anthropic' | 'bedrock-invoke-model' | 'ai-sdk' | 'langchain' | 'litellm' | 'bedrock-converse' | 'openai-compatible';

/** How a layer writes a breakpoint, for messages and fixes. */
export interface MarkerSyntax {
  /** As people write it: `cache_control`, `cachePoint`, `providerOptions.anthropic.cacheControl`. */
  name: string;
  /** The one `type` the marker accepts: `ephemeral` (Claude API), `default` (Bedrock Converse). */
  type: 'ephemeral' | 'default';
  /** Whether the SDK-style fixes (add `cache_control` to a block, top-level caching) write valid code here. */
  sdkFixes: boolean;
  /** Whether the layer's own marker can be written with confidence (false when the provider is not known). */
  fixable?: boolean;
  /** Where the request is served: Bedrock has no Message Batches and its own rules for top-level caching. */
  platform: 'anthropic' | 'bedrock' | 'vertex' | 'gateway';
}

export const ANTHROPIC_MARKER: MarkerSyntax = { name: 'cache_control', type: 'ephemeral', sdkFixes: true, fixable: true, platform: 'anthropic' };

/** A marker the layer drops or the platform rejects, with where it must go instead. */
export interface IgnoredMarker {
  node: SyntaxNode;
  /** What happens to it and what to write instead: the finding's message. */
  message: string;
  /** `dropped`: the request runs uncached; `rejected`: the request fails. */
  effect: 'dropped' | 'rejected';
  /** Deleting it changes nothing the API sees (a dropped marker): offered as a fix. */
  removable: boolean;
}

/** One request a layer's call makes, in the engine's terms (arguments shaped as the Messages API's). */
export interface DialectRequest {
  dialect: DialectId;
  callee: string;
  method: string;
  args: ObjectValue;
  marker: MarkerSyntax;
  ignoredMarkers: IgnoredMarker[];
  /** What the analysis could not read, for hovers (a provider it does not know, a version-dependent key). */
  notes: string[];
  /** The expression the conversation is passed as, when it is not a `messages` argument (LangChain's `invoke(messages)`). */
  messagesExpression?: SyntaxNode;
  /** The model is known not to be Claude: only marker findings apply. */
  notClaude?: boolean;
  /** How to mark this request's system prompt when the layer cannot carry a marker where it is written (an AI SDK string `system`). */
  systemAdvice?: string;
  /** Markers whose effect this layer's analysis does not know: not counted, and "no breakpoint" is not claimed. */
  uncountedMarkers?: Array<{ note: string; node?: SyntaxNode }>;
  /** Markers the layer places on the newest messages at run time (LiteLLM's injection points). */
  movingBreakpoints?: MovingBreakpoints[];
}
