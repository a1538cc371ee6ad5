import type { SyntaxNode } from '../parsing/parser';
import { type TextSegment, type Value, mergeStatic, rangeOf, segmentsOf, staticString, unknown } from './values';

/** One `%` conversion: `%s`, `%(name)s`, `%-10.3f`, `%%`. */
const CONVERSION = /%(?:\(([^)]*)\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?([diouxXeEfFgGcrsa%])/g;

/**
 * `template % args`, Python's printf-style formatting: the template's text with each conversion
 * replaced by its argument. `%s` of a string or an integer is its text; any other conversion or
 * argument is a hole with the argument's stability, so a clock read stays volatile. Undefined when
 * the template is not known text or the arguments cannot be matched to the conversions.
 */
export function percentFormatted(template: Value, args: Value, node: SyntaxNode): Value | undefined {
  const text = staticString(template);
  if (text === undefined) {
    return undefined;
  }
  const conversions = [...text.matchAll(CONVERSION)];
  const used = conversions.filter((m) => m[2] !== '%');
  const named = used.length > 0 && used.every((m) => m[1] !== undefined);
  // A tuple gives one value per conversion; anything else is the single value (or the mapping, for `%(name)s`).
  const positional = args.kind === 'array' && !args.grows && !args.repeated ? args.items : [args];
  if (!named && (used.length !== positional.length || used.some((m) => m[1] !== undefined || m[0].includes('*')))) {
    return undefined;
  }
  if (named && args.kind !== 'object') {
    return undefined;
  }
  const segments: TextSegment[] = [];
  let at = 0;
  let next = 0;
  for (const match of conversions) {
    const index = match.index ?? 0;
    segments.push({ stability: 'static', text: text.slice(at, index), range: rangeOf(node) });
    at = index + match[0].length;
    if (match[2] === '%') {
      segments.push({ stability: 'static', text: '%', range: rangeOf(node) });
      continue;
    }
    const value = named && args.kind === 'object' ? args.entries.filter((e) => e.key === match[1]).pop()?.value : positional[next++];
    segments.push(...convertedSegments(match[0], match[2], value, node));
  }
  segments.push({ stability: 'static', text: text.slice(at), range: rangeOf(node) });
  return { kind: 'string', segments: mergeStatic(segments.filter((s) => s.stability !== 'static' || s.text !== '')), node };
}

function convertedSegments(conversion: string, type: string, value: Value | undefined, node: SyntaxNode): TextSegment[] {
  // No flags, width or precision: `%s`, `%(name)s`.
  const plain = /^%(\([^)]*\))?[sd]$/.test(conversion);
  if (value && plain && type === 's' && value.kind === 'string') {
    return value.segments;
  }
  if (value && plain && (type === 's' || type === 'd') && value.kind === 'scalar' && Number.isInteger(value.value)) {
    return [{ stability: 'static', text: String(value.value), range: rangeOf(node) }];
  }
  if (value?.kind === 'unknown') {
    return segmentsOf(value);
  }
  const volatile = value !== undefined && segmentsOf(value).some((s) => s.stability === 'volatile');
  return segmentsOf(unknown(value?.node ?? node, `\`${conversion}\` of a value formatted at run time`, volatile ? 'volatile' : 'stable-unknown'));
}
