import type { SourceEditor } from '../fixes/source-edits';
import type { PromptBlock, RequestModel } from '../request/request-model';
import type { Fix } from '../types';
import type { DialectId } from './dialect';

/** How to cache a growing conversation, in each layer's own terms. */
export function conversationAdvice(dialect: DialectId): string {
  switch (dialect) {
    case 'ai-sdk':
      return "Add providerOptions: { anthropic: { cacheControl: { type: 'ephemeral' } } } to the call (automatic caching) or to the newest message.";
    case 'bedrock-converse':
      return 'Append a {"cachePoint": {"type": "default"}} element to the newest message\'s content before each call.';
    case 'litellm':
      return 'Add cache_control_injection_points=[{"location": "message", "index": -1}], or cache_control on the last content part of the newest message.';
    case 'langchain':
      return 'Put cache_control on the last content block of the newest message (or use the Anthropic prompt-caching middleware).';
    case 'openai-compatible':
      return 'Put cache_control on the last content part of the newest message.';
    default:
      return 'Add top-level cache_control (automatic caching) or mark the last block of the newest message.';
  }
}

/**
 * A breakpoint written in the layer's own syntax on the block missed-opportunity names: a
 * `{"cachePoint": {"type": "default"}}` element after a Converse block. Other layers get no
 * automatic edit yet (the message says what to write).
 */
export function dialectMarkerFix(editor: SourceEditor, request: RequestModel, target: PromptBlock, title: string): Fix[] {
  if (request.dialect !== 'bedrock-converse' || target.repeated || target.value.kind !== 'object') {
    return [];
  }
  const item = target.value.node;
  const list = item.parent;
  if (!list || (list.type !== 'list' && list.type !== 'array')) {
    return [];
  }
  const quote = editor.preferredQuote() ?? '"';
  const q = (s: string) => editor.quote(s, quote);
  const key = (k: string) => (editor.language === 'python' ? q(k) : k);
  return [{ title, safe: true, edits: [editor.insertAfterItem(item, `{${key('cachePoint')}: {${key('type')}: ${q('default')}}}`)] }];
}
