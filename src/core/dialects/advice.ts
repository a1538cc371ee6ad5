import type { SourceEditor } from '../fixes/source-edits';
import type { PromptBlock, RequestModel } from '../request/request-model';
import type { SyntaxNode } from '../parsing/parser';
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
 * `{"cachePoint": {"type": "default"}}` element after a Converse block; `cache_control` on a content
 * part (LangChain, LiteLLM, gateways) or on a LiteLLM message whose content is a string; an AI SDK
 * `providerOptions` on the message or tool. Nothing where the layer has no place for one (a string
 * `system`) or the provider is not known.
 */
export function dialectMarkerFix(editor: SourceEditor, request: RequestModel, target: PromptBlock, title: string): Fix[] {
  if (target.repeated || target.value.kind !== 'object' || !request.markerSyntax.fixable) {
    return [];
  }
  const quote = editor.preferredQuote();
  const q = (s: string) => editor.quote(s, quote);
  const key = (k: string) => (editor.language === 'python' ? q(k) : k);
  const node = target.value.node;
  if (request.dialect === 'bedrock-converse') {
    const list = node.parent;
    if (!list || (list.type !== 'list' && list.type !== 'array')) {
      return [];
    }
    const element = editor.language === 'python' ? `{${key('cachePoint')}: {${key('type')}: ${q('default')}}}` : `{ cachePoint: { type: ${q('default')} } }`;
    return [{ title, safe: true, edits: [editor.insertAfterItem(node, element)] }];
  }
  // The block is the user's own literal (a content part, a tool), or a string inside the message literal that holds it.
  const literal = isObjectLiteral(node) ? node : contentHolder(node);
  if (!literal || hasKey(literal, request.dialect === 'ai-sdk' ? 'providerOptions' : 'cache_control')) {
    return [];
  }
  if (request.dialect === 'ai-sdk') {
    const [, namespace, marker] = request.markerSyntax.name.split('.');
    const value = marker === 'cachePoint' ? `{ type: ${q('default')} }` : `{ type: ${q('ephemeral')} }`;
    return [{ title, safe: true, edits: [editor.appendEntry(literal, `providerOptions: { ${namespace}: { ${marker}: ${value} } }`)] }];
  }
  // A marker on the message itself is read by LiteLLM only; elsewhere it must be on a content part.
  if (literal !== node && request.dialect !== 'litellm') {
    return [];
  }
  return [{ title, safe: true, edits: [editor.appendEntry(literal, editor.cacheControlEntry(quote))] }];
}

function isObjectLiteral(node: SyntaxNode): boolean {
  return node.type === 'dictionary' || node.type === 'object';
}

/** `{"role": "system", "content": TEXT}`: the message literal around a content value. */
function contentHolder(node: SyntaxNode): SyntaxNode | undefined {
  const pair = node.parent;
  const holder = pair?.parent;
  const keyText = pair?.childForFieldName('key')?.text.replace(/^['"]|['"]$/g, '');
  return pair?.type === 'pair' && keyText === 'content' && holder && isObjectLiteral(holder) ? holder : undefined;
}

function hasKey(literal: SyntaxNode, name: string): boolean {
  return literal.namedChildren.some((entry) => entry?.type === 'pair' && entry.childForFieldName('key')?.text.replace(/^['"]|['"]$/g, '') === name);
}
