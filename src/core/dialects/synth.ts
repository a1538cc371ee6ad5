import type { SyntaxNode } from '../parsing/parser';
import { type ArrayValue, type ObjectEntry, type ObjectValue, type Value, rangeOf, staticStringValue } from '../syntax/values';

/**
 * Values a dialect builds to say what its layer sends: `SystemMessage(content=x)` is the message
 * `{role: "system", content: x}`. Every synthesised value keeps a real node, so ranges, hovers and
 * fixes point at the code that wrote it.
 */
export function entry(key: string, value: Value, entryNode: SyntaxNode, extra: Partial<ObjectEntry> = {}): ObjectEntry {
  return { key, keyRange: rangeOf(entryNode), entryNode, value, ...extra };
}

export function object(node: SyntaxNode, entries: ObjectEntry[], open = false): ObjectValue {
  return { kind: 'object', entries, node, open };
}

export function array(node: SyntaxNode, items: Value[], from?: ArrayValue): ArrayValue {
  return { kind: 'array', items, node, grows: from?.grows ?? false, repeated: from?.repeated };
}

export function text(value: string, node: SyntaxNode): Value {
  return staticStringValue(value, node);
}

/** A text block `{type: "text", text}` for a string written where the layer accepts one. */
export function textBlock(content: Value, node: SyntaxNode, marker?: ObjectEntry): ObjectValue {
  const entries = [entry('type', text('text', node), node), entry('text', content, content.node)];
  return object(node, marker ? [...entries, marker] : entries);
}

/** Where an entry's value is written in its literal (`content: GUIDE` → `GUIDE` here, not where GUIDE is defined). */
export function writtenValueNode(written: ObjectEntry): SyntaxNode {
  return written.entryNode.childForFieldName('value') ?? written.entryNode;
}

/** A message in the Messages API's shape; a `tool` message is a user turn carrying tool results. */
export function claudeMessage(node: SyntaxNode, role: string | undefined, blocks: Value[], contentNode: SyntaxNode = node): ObjectValue {
  return object(node, [entry('role', text(role === 'tool' || role === undefined ? 'user' : role, node), node), entry('content', array(contentNode, blocks), contentNode)]);
}

/** Wrappers that leave an expression's value as it is: parentheses, TypeScript assertions, `await`. */
const TRANSPARENT = new Set(['parenthesized_expression', 'as_expression', 'satisfies_expression', 'non_null_expression', 'type_assertion', 'await_expression', 'await']);

/** The expression inside such wrappers. */
export function unwrapped(node: SyntaxNode): SyntaxNode {
  let current = node;
  while (TRANSPARENT.has(current.type) && current.namedChildren[0]) {
    current = current.namedChildren[0];
  }
  return current;
}

/** The item of an array value, spreads and repeated items included, for dialects that look at each. */
export function itemsOf(value: Value | undefined): Value[] {
  if (!value || value.kind !== 'array') {
    return [];
  }
  return value.repeated ? [...value.items, value.repeated] : value.items;
}
