import type { SyntaxNode } from '../parsing/parser';

/**
 * Visit, in document order and without recursion, the nodes whose type is in `types` (deeply
 * nested literals are common in fuzzing). Other nodes are never materialised as objects, which
 * is most of the cost of walking a tree-sitter tree from JavaScript. `scope` is the innermost
 * enclosing node whose type `isScope` accepts (or the root).
 */
export function walkTree(root: SyntaxNode, types: ReadonlySet<string>, isScope: (type: string) => boolean, visit: (node: SyntaxNode, scope: SyntaxNode) => void): void {
  const cursor = root.walk();
  // Enclosing scopes with the depth at which each was entered.
  const scopes: { node: SyntaxNode; depth: number }[] = [{ node: root, depth: -1 }];
  let depth = 0;
  try {
    for (;;) {
      const type = cursor.nodeType;
      const wanted = types.has(type);
      const scope = isScope(type);
      if (wanted || scope) {
        const node = cursor.currentNode;
        if (wanted) {
          visit(node, scopes[scopes.length - 1].node);
        }
        if (scope) {
          scopes.push({ node, depth });
        }
      }
      if (cursor.gotoFirstChild()) {
        depth++;
        continue;
      }
      for (;;) {
        while (scopes.length > 1 && scopes[scopes.length - 1].depth >= depth) {
          scopes.pop();
        }
        if (cursor.gotoNextSibling()) {
          break;
        }
        if (!cursor.gotoParent()) {
          return;
        }
        depth--;
      }
    }
  } finally {
    cursor.delete();
  }
}

/** Named children without the syntax-error wrappers getting in the way. */
export function namedChildren(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let i = 0; i < node.namedChildCount; i++) {
    const child = node.namedChild(i);
    if (child) {
      out.push(child);
    }
  }
  return out;
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

/** Which SDK call a callee chain is, if any: `*.messages.create|stream|parse|count_tokens`, batches, beta. */
export function requestMethodOf(chain: string[]): { method: string; isBatch: boolean } | undefined {
  const n = chain.length;
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
