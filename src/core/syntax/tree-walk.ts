import { type SyntaxNode, nodeTypeQuery } from '../parsing/parser';

/**
 * Visit, in document order, the nodes whose type is in `types`, with their type and the innermost
 * enclosing node whose type `isScope` accepts (or the root). A tree-sitter query finds them inside
 * WASM: only the matching nodes become JavaScript objects, which is most of the cost of walking a
 * tree from JS, and nothing recurses (deeply nested literals are common in fuzzing).
 */
export function walkTree(root: SyntaxNode, types: ReadonlySet<string>, isScope: (type: string) => boolean, visit: (node: SyntaxNode, type: string, scope: SyntaxNode) => void): void {
  const query = nodeTypeQuery(root.tree.language, [...types]);
  const scopes: SyntaxNode[] = [root];
  for (const { node, name: type } of query.captures(root)) {
    while (scopes.length > 1 && scopes[scopes.length - 1].endIndex <= node.startIndex) {
      scopes.pop();
    }
    visit(node, type, scopes[scopes.length - 1]);
    if (isScope(type)) {
      scopes.push(node);
    }
  }
}

/** Named children, fetched in one call into WASM (per-index access costs one call each). */
export function namedChildren(node: SyntaxNode): SyntaxNode[] {
  return node.namedChildren.filter((child): child is SyntaxNode => child !== null);
}

/** `a.b.c(...)`'s callee as parts, innermost first; a non-name root becomes `()` (e.g. `Anthropic().messages`). */
export function memberChain(node: SyntaxNode, memberType: string, objectField: string, propertyField: string): string[] {
  const parts: string[] = [];
  let current: SyntaxNode | null = node;
  while (current && current.type === memberType) {
    parts.unshift(current.childForFieldName(propertyField)?.text ?? '');
    current = current.childForFieldName(objectField);
  }
  if (current) {
    parts.unshift(current.type === 'identifier' || current.type === 'this' ? current.text : '()');
  }
  return parts;
}

export const BEDROCK_INVOKE_METHODS = new Set(['invoke_model', 'invoke_model_with_response_stream', 'invokeModel', 'invokeModelWithResponseStream']);
/** The JS v3 command classes for the same (`client.send(new InvokeModelCommand({...}))`). */
export const BEDROCK_INVOKE_COMMANDS = new Set(['InvokeModelCommand', 'InvokeModelWithResponseStreamCommand']);

/** Python SDK accessors that wrap a resource's methods without changing the request. */
const RESPONSE_WRAPPERS = new Set(['with_raw_response', 'with_streaming_response']);

/** Which SDK call a callee chain is, if any: `*.messages.create|stream|parse|count_tokens`, batches, beta. */
export function requestMethodOf(written: string[]): { method: string; isBatch: boolean; bedrockInvoke?: boolean } | undefined {
  // `client.messages.with_raw_response.create(...)` sends the same request and returns the raw response.
  const chain = written.filter((part, i) => i === 0 || !RESPONSE_WRAPPERS.has(part));
  const n = chain.length;
  // Bedrock's InvokeModel (boto3 `invoke_model`, JS v3 `BedrockRuntime#invokeModel`): a Messages body serialised to JSON.
  if (n >= 2 && BEDROCK_INVOKE_METHODS.has(chain[n - 1])) {
    return { method: chain[n - 1], isBatch: false, bedrockInvoke: true };
  }
  if (n >= 4 && chain[n - 3] === 'messages' && chain[n - 2] === 'batches' && chain[n - 1] === 'create') {
    return { method: 'batches.create', isBatch: true };
  }
  const requestMethods = ['create', 'stream', 'parse', 'count_tokens', 'countTokens'];
  if (n >= 3 && chain[n - 2] === 'messages' && requestMethods.includes(chain[n - 1])) {
    // OpenAI's Assistants API has `threads.messages.create`; Twilio's is filtered by its arguments.
    if (chain[n - 3] === 'threads') {
      return undefined;
    }
    return { method: chain[n - 1], isBatch: false };
  }
  return undefined;
}
