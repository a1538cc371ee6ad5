import type { SyntaxNode } from '../parsing/parser';
import { type ObjectEntry, type Value, changedAtRunTime, rangeOf } from './values';

/** One step into a value: a key of a dict/object, or an index of a list/array (negative from the end). */
export type PathStep = { key: string } | { index: number };

/**
 * An assignment into a named value before it is sent: `system[0]["cache_control"] = {...}`,
 * `tools[-1]["cache_control"] = ...`, `kwargs["system"] = blocks`, `last.cacheControl = ...`.
 * Front ends report the ones whose whole path is spelled with literal keys and indices; the
 * evaluator applies them, in program order, to the value a later use of the name sees.
 */
export interface PropertyStore {
  /** The name at the root of the path (`system` in `system[0]["cache_control"]`). */
  root: SyntaxNode;
  path: PathStep[];
  /** The last key as written, where a finding about the stored entry points. */
  keyNode: SyntaxNode;
  valueNode: SyntaxNode;
  /** The whole assignment. */
  statement: SyntaxNode;
  /** `o.list.push(x)`, `o["list"].append(x)`: the value at the path keeps what it has and gains more at run time. */
  grows?: boolean;
}

/**
 * The value with one store applied, or undefined when the path does not lead through known
 * values (an item of a list that grows at run time, a key nobody wrote): then the store is
 * not applied and the value is treated as changed in ways we cannot see.
 */
export function applyStore(value: Value, path: PathStep[], entry: ObjectEntry): Value | undefined {
  const [step, ...rest] = path;
  if (!step) {
    return undefined;
  }
  if ('index' in step) {
    if (value.kind === 'array' && value.repeated && value.items.length === 0 && step.index === -1 && !value.grows && rest.length > 0) {
      // `[block(x) for x in xs][-1]["cache_control"] = ...`: some items of that shape, then the last
      // one marked. (When the list is empty the assignment raises, so a request that runs has one.)
      const last = applyStore(value.repeated, rest, entry);
      if (!last) {
        return undefined;
      }
      const before: Value = { kind: 'unknown', stability: 'stable-unknown', reason: 'the items a loop builds before the last one', node: value.node, spread: true, ...(value.unordered ? { unordered: value.unordered } : {}) };
      return { kind: 'array', items: [before, last], node: value.node, grows: false, ...(value.unordered ? { unordered: value.unordered } : {}) };
    }
    if (value.kind !== 'array' || value.repeated || (value.grows && step.index < 0)) {
      return undefined;
    }
    const position = step.index < 0 ? value.items.length + step.index : step.index;
    const item = value.items[position];
    // An unresolved spread hides where the index lands: before it when counting from the start,
    // after it when counting from the end.
    const between = step.index >= 0 ? value.items.slice(0, position + 1) : value.items.slice(position);
    if (!item || between.some((i) => i.kind === 'unknown' && i.spread)) {
      return undefined;
    }
    const changed = rest.length === 0 ? undefined : applyStore(item, rest, entry);
    if (!changed) {
      return undefined;
    }
    const items = [...value.items];
    items[position] = changed;
    return { ...value, items };
  }
  if (value.kind !== 'object') {
    return undefined;
  }
  if (rest.length === 0) {
    return { ...value, entries: [...value.entries, entry] };
  }
  const index = lastIndexOfKey(value.entries, step.key);
  if (index < 0) {
    return undefined;
  }
  const changed = applyStore(value.entries[index].value, rest, entry);
  if (!changed) {
    return undefined;
  }
  const entries = [...value.entries];
  entries[index] = { ...entries[index], value: changed };
  return { ...value, entries };
}

/**
 * The value with the one at `path` grown in place (a list gains items, a dict keys, anything else
 * becomes unknown), or undefined when the path does not lead through known values.
 */
export function growAt(value: Value, path: PathStep[], node: SyntaxNode): Value | undefined {
  const [step, ...rest] = path;
  const grown = (target: Value): Value =>
    target.kind === 'array' ? { ...target, grows: true } : target.kind === 'object' ? { ...target, open: true } : changedAtRunTime(node);
  if (!step) {
    return grown(value);
  }
  if ('index' in step) {
    if (value.kind !== 'array' || value.repeated || (value.grows && step.index < 0)) {
      return undefined;
    }
    const position = step.index < 0 ? value.items.length + step.index : step.index;
    const between = step.index >= 0 ? value.items.slice(0, position + 1) : value.items.slice(position);
    const item = value.items[position];
    const changed = item && !between.some((i) => i.kind === 'unknown' && i.spread) ? growAt(item, rest, node) : undefined;
    if (!changed) {
      return undefined;
    }
    const items = [...value.items];
    items[position] = changed;
    return { ...value, items };
  }
  const index = value.kind === 'object' ? lastIndexOfKey(value.entries, step.key) : -1;
  if (value.kind !== 'object' || index < 0) {
    return undefined;
  }
  const changed = growAt(value.entries[index].value, rest, node);
  if (!changed) {
    return undefined;
  }
  const entries = [...value.entries];
  entries[index] = { ...entries[index], value: changed };
  return { ...value, entries };
}

function lastIndexOfKey(entries: ObjectEntry[], key: string): number {
  for (let i = entries.length - 1; i >= 0; i--) {
    if (entries[i].key === key) {
      return i;
    }
  }
  return -1;
}

/** The entry a store adds: it points at the assignment, and fixes must not delete it as a dict entry. */
export function storedEntry(store: PropertyStore, key: string, value: Value): ObjectEntry {
  return { key, keyRange: rangeOf(store.keyNode), entryNode: store.statement, value, origin: 'assignment' };
}

/** The value a helper returned, its `cache_control` entries marked as the helper's (shared by its other callers). */
export function markHelperEntries(value: Value, cacheControlKeys: ReadonlySet<string>, depth = 0): Value {
  if (depth > 40) {
    return value;
  }
  if (value.kind === 'array') {
    return { ...value, items: value.items.map((item) => markHelperEntries(item, cacheControlKeys, depth + 1)), repeated: value.repeated && markHelperEntries(value.repeated, cacheControlKeys, depth + 1) };
  }
  if (value.kind === 'object') {
    return {
      ...value,
      entries: value.entries.map((entry) =>
        cacheControlKeys.has(entry.key) ? { ...entry, origin: entry.origin ?? 'helper' } : { ...entry, value: markHelperEntries(entry.value, cacheControlKeys, depth + 1) },
      ),
    };
  }
  return value;
}
