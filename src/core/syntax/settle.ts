import type { Value } from './values';

/**
 * A value computed once (at module load, or once and shared with another call) is not per call:
 * its volatile parts settle to stable-unknown, with the reason. Used by the evaluator and by what a
 * module exports.
 */

/** Copies: passing a value to one of these shares it with nobody. */
export const COPY_CALLS = new Set(['copy.deepcopy', 'deepcopy', 'copy.copy', 'copy', 'list', 'dict', 'tuple', 'structuredClone', 'cloneDeep', 'JSON.stringify', 'json.dumps', 'print', 'console.log']);

/** Whether a value has a part that differs per call (not judged by name alone). */
export function hasVolatilePart(value: Value, depth = 0): boolean {
  if (depth > 40) {
    return false;
  }
  switch (value.kind) {
    case 'unknown':
      return value.stability === 'volatile' && !value.byNameOnly;
    case 'string':
      return value.segments.some((s) => s.stability === 'volatile' && !s.byNameOnly);
    case 'array':
      return value.items.some((item) => hasVolatilePart(item, depth + 1));
    case 'object':
      return value.entries.some((entry) => hasVolatilePart(entry.value, depth + 1));
    default:
      return false;
  }
}

/** Volatile parts of a value computed once per process (or shared by several calls) become stable-unknown. */
export function settle(value: Value, why = ', but it is computed once when the module loads'): Value {
  switch (value.kind) {
    case 'unknown':
      return value.stability === 'volatile' && !value.byNameOnly ? { ...value, stability: 'stable-unknown', reason: `${value.reason}${why}` } : value;
    case 'string':
      return {
        ...value,
        segments: value.segments.map((segment) =>
          segment.stability === 'volatile' && !segment.byNameOnly ? { ...segment, stability: 'stable-unknown' as const, reason: `${segment.reason ?? 'volatile'}${why.replace(', but it is', ', but')}` } : segment,
        ),
      };
    case 'array':
      return { ...value, items: value.items.map((item) => settle(item, why)), repeated: value.repeated && settle(value.repeated, why) };
    case 'object':
      return { ...value, entries: value.entries.map((entry) => ({ ...entry, value: settle(entry.value, why) })) };
    default:
      return value;
  }
}
