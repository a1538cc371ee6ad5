import type { SyntaxNode } from '../parsing/parser';
import type { SourceRange } from '../types';
import { type ObjectEntry, type OrderHazard, type TextSegment, type Value, type ValueOrigin, rangeOf } from '../syntax/values';

/**
 * A value read from another module, moved onto the use that brought it here (the imported name,
 * `prompts.SYSTEM`, or the call of an imported helper). Everything written in that module now
 * points at the use: findings land in the file being linted, edits can never reach text of another
 * file (the linter drops any fix touching a relocated use), and each piece of text remembers where
 * it is written. Parts that came from this file (arguments passed to an imported helper) stay put.
 */
export function relocate(value: Value, use: SyntaxNode, depth = 0): Value {
  const here = use.tree;
  const useRange = rangeOf(use);
  const node = (n: SyntaxNode) => (n.tree === here ? n : use);
  const range = (r: SourceRange) => (r.file === undefined ? r : useRange);
  const where = (r: SourceRange) => (r.file === undefined ? undefined : `${r.file}:${r.start.line + 1}`);
  const via = use.text.length > 60 ? `${use.text.slice(0, 57)}…` : use.text;
  // An order hazard from there points at the use, says where it is, and offers no fix (it would edit the other file).
  const hazard = (h: OrderHazard | undefined): OrderHazard | undefined => {
    if (!h || (h.range.file === undefined && (!h.fix || h.fix.node.tree === here))) {
      return h;
    }
    return { ...h, range: range(h.range), source: h.source ?? where(h.range), fix: h.fix && h.fix.node.tree === here ? h.fix : undefined };
  };
  const unordered = (v: { unordered?: OrderHazard }): { unordered?: OrderHazard } => (v.unordered ? { unordered: hazard(v.unordered) } : {});
  const segment = (s: TextSegment): TextSegment => {
    const source = where(s.range);
    if (source === undefined) {
      return s.unordered ? { ...s, unordered: hazard(s.unordered) } : s;
    }
    return { ...s, ...unordered(s), range: useRange, source: s.source ?? source, via: s.via ?? via, ...(s.reason && s.stability !== 'static' ? { reason: s.reason.includes(' (in ') ? s.reason : `${s.reason} (in ${source})` } : {}) };
  };
  const origin = (v: { node: SyntaxNode; origin?: ValueOrigin }): ValueOrigin | undefined => {
    const source = v.node.tree === here ? undefined : where(rangeOf(v.node));
    return v.origin ?? (source === undefined ? undefined : { source, via });
  };
  const entry = (e: ObjectEntry, d: number): ObjectEntry => {
    const foreign = e.entryNode.tree !== here;
    return {
      ...e,
      keyRange: range(e.keyRange),
      entryNode: node(e.entryNode),
      value: relocate(e.value, use, d + 1),
      ...(foreign ? { origin: 'imported' as const, removalNode: undefined, source: e.source ?? where(e.keyRange) } : e.removalNode ? { removalNode: node(e.removalNode) } : {}),
    };
  };
  if (depth > 200) {
    return { kind: 'unknown', stability: 'stable-unknown', reason: 'nested too deeply to follow', node: use };
  }
  switch (value.kind) {
    case 'string':
      return { ...value, node: node(value.node), segments: value.segments.map(segment) };
    case 'object':
      return { ...value, node: node(value.node), ...withOrigin(origin(value)), ...unordered(value), entries: value.entries.map((e) => entry(e, depth)) };
    case 'array':
      return { ...value, node: node(value.node), ...withOrigin(origin(value)), ...unordered(value), items: value.items.map((item) => relocate(item, use, depth + 1)), repeated: value.repeated && relocate(value.repeated, use, depth + 1) };
    case 'unknown': {
      if (value.node.tree === here) {
        return value.unordered ? { ...value, ...unordered(value) } : value;
      }
      const source = where(rangeOf(value.node));
      return { ...value, ...unordered(value), node: use, reason: source && !value.reason.includes(' (in ') ? `${value.reason} (in ${source})` : value.reason };
    }
    default:
      return { ...value, node: node(value.node) };
  }
}

function withOrigin(origin: ValueOrigin | undefined): { origin?: ValueOrigin } {
  return origin ? { origin } : {};
}
