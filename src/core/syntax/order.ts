import type { SyntaxNode } from '../parsing/parser';
import { type OrderFix, type OrderHazard, type Value, markUnordered, rangeOf } from './values';

/**
 * Order that can differ between processes or calls (issue 17, digest §9): where it comes from and
 * how it travels. The front ends recognise the syntax (a listing call, a set, a comprehension over
 * one, a sort); what a hazard is, how values carry it and when a sort removes it is written here once.
 */

/** Source text on one line, at most 60 characters, for messages. */
export function shortText(text: string): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}

/** The hazard a value carries, if any (a string carries it on the segments built from the collection). */
export function orderHazardOf(value: Value | undefined): OrderHazard | undefined {
  if (!value) {
    return undefined;
  }
  if (value.kind === 'unknown' || value.kind === 'array' || value.kind === 'object') {
    return value.unordered;
  }
  return value.kind === 'string' ? value.segments.find((s) => s.unordered)?.unordered : undefined;
}

/** The value, now carrying the hazard (kept when it already has one: the first source is the one to fix). */
export function withOrderHazard(value: Value, hazard: OrderHazard | undefined): Value {
  if (!hazard) {
    return value;
  }
  switch (value.kind) {
    case 'unknown':
    case 'array':
    case 'object':
      return value.unordered ? value : { ...value, unordered: hazard };
    case 'string':
      return { ...value, segments: markUnordered(value.segments, hazard) };
    default:
      return value;
  }
}

/** The value once sorted: no hazard left on it (parts nested inside keep theirs). */
export function withoutOrderHazard(value: Value): Value {
  switch (value.kind) {
    case 'unknown':
    case 'array':
    case 'object':
      return value.unordered ? { ...value, unordered: undefined } : value;
    case 'string':
      return value.segments.some((s) => s.unordered) ? { ...value, segments: value.segments.map((s) => (s.unordered ? { ...s, unordered: undefined } : s)) } : value;
    default:
      return value;
  }
}

/** A new hazard at a source expression. */
export function orderSource(node: SyntaxNode, reason: string, options: { sortBy: OrderHazard['sortBy']; sortable: boolean; fix?: OrderFix; keysOnly?: boolean }): OrderHazard {
  return { reason, range: rangeOf(node), sortBy: options.sortBy, sortable: options.sortable, ...(options.fix ? { fix: options.fix } : {}), ...(options.keysOnly ? { keysOnly: true } : {}) };
}

/**
 * The hazard as it leaves a place that iterates it (a comprehension, `list(x)`, `join`, `.map()`):
 * when its source could not be sorted where it is written (a set, an MCP tool list), the fix goes here.
 */
export function iteratedHazard(hazard: OrderHazard, fix: () => OrderFix | undefined): OrderHazard {
  if (hazard.fix || hazard.sortBy === 'none') {
    return hazard;
  }
  // The finding then points where the fix goes: the set may be defined once and iterated in many places.
  const here = fix();
  return here ? { ...hazard, fix: here, range: rangeOf(here.node) } : hazard;
}

/**
 * Whether a collection's items are known not to reorder: every item a known number (a Python set of
 * ints iterates in a fixed order; only str/bytes hashing is randomised per process).
 */
export function numbersOnly(items: Value[]): boolean {
  return items.length > 0 && items.every((item) => item.kind === 'scalar' && typeof item.value === 'number');
}

/** Every item a known string: `sorted()` / `.sort()` compares them without error. */
export function stringsOnly(items: Value[]): boolean {
  return items.length > 0 && items.every((item) => item.kind === 'string');
}

/** `sorted(x)` in Python, by name when the items are objects (`key=lambda t: t.name`). */
export function pythonSorted(text: string, sortBy: OrderHazard['sortBy']): string {
  return sortBy === 'name' ? `sorted(${text}, key=lambda item: item.name)` : `sorted(${text})`;
}

/** A sorted copy in JS/TS (`[...x].sort()`), comparing `.name` for objects; never `localeCompare`, whose result depends on the locale. */
export function jsSortedCopy(text: string, sortBy: OrderHazard['sortBy']): string {
  return `[...${text}].sort(${jsComparator(sortBy)})`;
}

export function jsComparator(sortBy: OrderHazard['sortBy']): string {
  return sortBy === 'name' ? '(a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)' : '';
}
