import type { SyntaxNode, Tree } from '../parsing/parser';
import type { SourceRange } from '../types';

/**
 * How a piece of prompt text behaves across calls:
 * - static: its text is known here;
 * - stable-unknown: not known statically (file read, helper call, import) but assumed the same on every call;
 * - volatile: differs per call (time, uuid, random, per-call ids), so a cache prefix containing it never hits.
 */
export type Stability = 'static' | 'stable-unknown' | 'volatile';

export interface TextSegment {
  stability: Stability;
  /** The text when static, '' otherwise. */
  text: string;
  range: SourceRange;
  /** Why the segment is not static, for messages and hovers. */
  reason?: string;
  /** Volatile only by its name (a parameter called `session_id`): trusted in tools/system, not in messages. */
  byNameOnly?: boolean;
  /** Prompt files the text was read from, as the code spells their paths. */
  files?: string[];
  /** Written in another workspace module: where (`app/prompts.py:12`), for hovers and messages. */
  source?: string;
  /** The name (or call) it was read through in this file: `SYSTEM_PROMPT`, `prompts.build()`. */
  via?: string;
  /** Text whose order can differ between processes or calls (joined from a set, a directory listing). */
  unordered?: OrderHazard;
}

/** A fix that makes an order stable where it is written: `sorted(os.listdir(d))`, `readdirSync(d).sort()`. */
export interface OrderFix {
  title: string;
  node: SyntaxNode;
  /** Always built around the node's own text (a wrap), so it is right even when the node is an imported name. */
  newText: string;
  /** Sorting items known to compare (strings, paths, by a name they all have) changes only their order. */
  safe: boolean;
}

/**
 * Order that can differ between processes or calls: iterating a Python `set` of strings (hashing is
 * randomised per process), a directory listing, a glob, an MCP tool list, results in completion
 * order. Carried by values built from such a source until something sorts them.
 */
export interface OrderHazard {
  /** What the order comes from, for messages: "`os.listdir(DOCS)` lists files in directory order, which …". */
  reason: string;
  /** The source, where the finding points (the use, when the source is in another module). */
  range: SourceRange;
  /** Written in another workspace module: where. */
  source?: string;
  /** The edit that sorts it, once known (at the source, or where it is first iterated). */
  fix?: OrderFix;
  /** How sorting makes it stable: the items themselves, by their `.name`, or not at all (completion order). */
  sortBy: 'value' | 'name' | 'none';
  /** Its items are known to compare (strings, paths): a sort is a safe fix, not a suggestion. */
  sortable: boolean;
  /** Only a dict's key order is unstable: `json.dumps(..., sort_keys=True)` settles it. */
  keysOnly?: boolean;
}

/** Where a value read from another workspace module is written, and the name it was read through. */
export interface ValueOrigin {
  source: string;
  via: string;
}

export interface ObjectEntry {
  key: string;
  keyRange: SourceRange;
  /** The whole `key: value` (or keyword argument), for edits that remove it. */
  entryNode: SyntaxNode;
  value: Value;
  /**
   * Where the entry comes from when it is not simply written in a literal on the way to the call:
   * `assignment` — an assignment statement (`x["cache_control"] = ...`), which fixes do not delete
   * as an entry; `helper` — a literal inside a same-file helper, which other calls may share, so
   * fixes that edit it are suggestions, never applied by fix-all; `imported` — written in another
   * module and moved onto the use here, so no fix may edit it.
   */
  origin?: 'assignment' | 'helper' | 'imported';
  /**
   * What a fix deletes to remove this entry when that is more than the entry itself: the whole
   * `providerOptions: { anthropic: { cacheControl } }` that holds only this marker.
   */
  removalNode?: SyntaxNode;
  /** Written in another workspace module (origin `imported`): where, `lib/cache.ts:3`. */
  source?: string;
}

export interface StringValue {
  kind: 'string';
  segments: TextSegment[];
  node: SyntaxNode;
  /**
   * Read from an environment variable at run time, with a default in the code
   * (`os.getenv("MODEL", "...")`): the text is not known, but the model is assumed to be the default.
   */
  environmentDefault?: { variable: string; text: string };
  /** Chosen at run time among these literals (a conditional, a lookup in a constant table): the text is not known, the candidates are. */
  alternatives?: string[];
}

export interface ObjectValue {
  kind: 'object';
  entries: ObjectEntry[];
  node: SyntaxNode;
  origin?: ValueOrigin;
  /** An unresolved spread (`**kwargs`, `...base`) may add keys we cannot see. */
  open: boolean;
  /** Its keys come in an order that can differ between runs (a dict built from a set or a listing). */
  unordered?: OrderHazard;
}

export interface ArrayValue {
  kind: 'array';
  origin?: ValueOrigin;
  /** Items in order; an unresolved spread appears as an UnknownValue with `spread: true`. */
  items: Value[];
  node: SyntaxNode;
  /** Built by a comprehension or `.map()`: the count is known only at run time. */
  repeated?: Value;
  /** Appended to or mutated elsewhere, so more items may exist at run time. */
  grows: boolean;
  /** Its items come in an order that can differ between runs. */
  unordered?: OrderHazard;
}

export interface ScalarValue {
  kind: 'scalar';
  value: number | boolean | null;
  node: SyntaxNode;
}

export interface UnknownValue {
  kind: 'unknown';
  stability: Exclude<Stability, 'static'>;
  reason: string;
  node: SyntaxNode;
  byNameOnly?: boolean;
  /** Stands for the spread items of an array (`*history`, `...history`). */
  spread?: boolean;
  /** A collection (or text built from one) whose order can differ between runs. */
  unordered?: OrderHazard;
}

export type Value = StringValue | ObjectValue | ArrayValue | ScalarValue | UnknownValue;

/** Trees of imported workspace modules, with their root-relative paths: ranges in them say which file they are in. */
const moduleTrees = new WeakMap<Tree, string>();

export function registerModuleTree(tree: Tree, file: string): void {
  moduleTrees.set(tree, file);
}

export function rangeOf(node: SyntaxNode): SourceRange {
  const range: SourceRange = {
    startOffset: node.startIndex,
    endOffset: node.endIndex,
    start: { line: node.startPosition.row, character: node.startPosition.column },
    end: { line: node.endPosition.row, character: node.endPosition.column },
  };
  const file = moduleTrees.get(node.tree);
  if (file !== undefined) {
    range.file = file;
  }
  return range;
}

export function entryOf(value: Value | undefined, key: string): ObjectEntry | undefined {
  if (!value || value.kind !== 'object') {
    return undefined;
  }
  // Later keys win, as in a dict/object literal.
  for (let i = value.entries.length - 1; i >= 0; i--) {
    if (value.entries[i].key === key) {
      return value.entries[i];
    }
  }
  return undefined;
}

export function valueOf(value: Value | undefined, key: string): Value | undefined {
  return entryOf(value, key)?.value;
}

/** The text of a value when it is a fully known string, else undefined. */
export function staticString(value: Value | undefined): string | undefined {
  if (!value || value.kind !== 'string') {
    return undefined;
  }
  let text = '';
  for (const segment of value.segments) {
    if (segment.stability !== 'static') {
      return undefined;
    }
    text += segment.text;
  }
  return text;
}

function staticSegment(text: string, node: SyntaxNode): TextSegment {
  return { stability: 'static', text, range: rangeOf(node) };
}

/**
 * The text a value contributes to a prompt, as segments. Objects and arrays (tool definitions,
 * structured content) are serialised as compact JSON, the way the SDK sends them.
 */
export function segmentsOf(value: Value, skipKeys: ReadonlySet<string> = new Set()): TextSegment[] {
  const hazard = value.kind === 'unknown' || value.kind === 'array' || value.kind === 'object' ? value.unordered : undefined;
  if (hazard) {
    return markUnordered(segmentsOf({ ...value, unordered: undefined } as Value, skipKeys), hazard);
  }
  const origin = value.kind === 'object' || value.kind === 'array' ? value.origin : undefined;
  if (origin) {
    // A tool list or block written in another module: its text says where.
    return segmentsOf({ ...value, origin: undefined } as Value, skipKeys).map((s) => (s.source ? s : { ...s, source: origin.source, via: origin.via }));
  }
  switch (value.kind) {
    case 'string':
      return value.segments;
    case 'scalar':
      return [staticSegment(String(value.value), value.node)];
    case 'unknown':
      return [
        {
          stability: value.stability,
          text: '',
          range: rangeOf(value.node),
          reason: value.reason,
          byNameOnly: value.byNameOnly,
        },
      ];
    case 'array': {
      const out: TextSegment[] = [staticSegment('[', value.node)];
      value.items.forEach((item, i) => {
        if (i > 0) {
          out.push(staticSegment(',', value.node));
        }
        out.push(...jsonSegments(item, skipKeys));
      });
      if (value.repeated || value.grows) {
        out.push({ stability: 'stable-unknown', text: '', range: rangeOf(value.node), reason: 'items built at run time' });
      }
      out.push(staticSegment(']', value.node));
      return out;
    }
    case 'object': {
      const out: TextSegment[] = [staticSegment('{', value.node)];
      let first = true;
      for (const entry of value.entries) {
        if (skipKeys.has(entry.key)) {
          continue;
        }
        out.push(staticSegment(`${first ? '' : ','}${JSON.stringify(entry.key)}:`, entry.entryNode));
        out.push(...jsonSegments(entry.value, skipKeys));
        first = false;
      }
      if (value.open) {
        out.push({ stability: 'stable-unknown', text: '', range: rangeOf(value.node), reason: 'keys from an unresolved spread' });
      }
      out.push(staticSegment('}', value.node));
      return out;
    }
  }
}

function jsonSegments(value: Value, skipKeys: ReadonlySet<string>): TextSegment[] {
  if (value.kind === 'string') {
    const text = staticString(value);
    if (text !== undefined) {
      return [staticSegment(JSON.stringify(text), value.node)];
    }
  }
  return segmentsOf(value, skipKeys);
}

/** The parts of a text not known here carry the order hazard (the known brackets and separators do not). */
export function markUnordered(segments: TextSegment[], hazard: OrderHazard): TextSegment[] {
  return segments.map((s) => (s.stability === 'static' || s.unordered ? s : { ...s, unordered: hazard }));
}

/** Concatenate string-like values into one string value (for `a + b`, implicit concatenation). */
export function concatStrings(parts: Value[], node: SyntaxNode): StringValue {
  const segments: TextSegment[] = [];
  for (const part of parts) {
    segments.push(...segmentsOf(part));
  }
  return { kind: 'string', segments: mergeStatic(segments), node };
}

/** Adjacent static segments are merged so token counts see whole words. */
export function mergeStatic(segments: TextSegment[]): TextSegment[] {
  const out: TextSegment[] = [];
  for (const segment of segments) {
    const last = out[out.length - 1];
    if (last && last.stability === 'static' && segment.stability === 'static') {
      const files = unionFiles(last.files, segment.files);
      out[out.length - 1] = {
        ...last,
        text: last.text + segment.text,
        // Text from two files (a constant imported into a local string) keeps the local range: offsets of one file mean nothing in another.
        range: last.range.file === segment.range.file ? { ...last.range, endOffset: segment.range.endOffset, end: segment.range.end } : last.range.file === undefined ? last.range : segment.range,
        ...(files ? { files } : {}),
      };
    } else if (segment.stability !== 'static' || segment.text !== '') {
      out.push(segment);
    }
  }
  return out;
}

/** Remove common leading indentation, like Python's textwrap.dedent. */
export function dedentText(text: string): string {
  const lines = text.split('\n');
  let indent: number | undefined;
  for (const line of lines) {
    if (line.trim() === '') {
      continue;
    }
    const width = line.length - line.trimStart().length;
    indent = indent === undefined ? width : Math.min(indent, width);
  }
  if (!indent) {
    return lines.map((line) => (line.trim() === '' ? '' : line)).join('\n');
  }
  return lines.map((line) => (line.trim() === '' ? '' : line.slice(indent))).join('\n');
}

/** Apply a text transformation to a fully static string value; other values pass through. */
export function mapStaticText(value: Value, transform: (text: string) => string, node: SyntaxNode): Value {
  const text = staticString(value);
  if (text === undefined) {
    return value.kind === 'string' ? { ...value, node } : value;
  }
  const files = value.kind === 'string' ? value.segments.reduce<string[] | undefined>((all, s) => unionFiles(all, s.files), undefined) : undefined;
  return { kind: 'string', segments: mergeStatic([{ ...staticSegment(transform(text), node), ...(files ? { files } : {}) }]), node };
}

function unionFiles(a: string[] | undefined, b: string[] | undefined): string[] | undefined {
  if (!a || !b) {
    return a ?? b;
  }
  return [...new Set([...a, ...b])];
}

export function unknown(node: SyntaxNode, reason: string, stability: UnknownValue['stability'] = 'stable-unknown'): UnknownValue {
  return { kind: 'unknown', stability, reason, node };
}

export function staticStringValue(text: string, node: SyntaxNode): StringValue {
  return { kind: 'string', segments: [staticSegment(text, node)], node };
}

/** `-x` / `+x` of a known number (both grammars): the number; anything else is computed at run time. */
export function signedNumber(sign: string | undefined, value: Value | undefined, node: SyntaxNode): Value {
  return value?.kind === 'scalar' && typeof value.value === 'number' && (sign === '-' || sign === '+') ? { kind: 'scalar', value: sign === '-' ? -value.value : value.value, node } : unknown(node, 'computed at run time');
}

/** `a + b` of two known numbers: their sum (not the concatenation of their digits). */
export function numberSum(l: Value, r: Value, node: SyntaxNode): Value | undefined {
  return l.kind === 'scalar' && r.kind === 'scalar' && typeof l.value === 'number' && typeof r.value === 'number' ? { kind: 'scalar', value: l.value + r.value, node } : undefined;
}

/** What an in-place change (`x["k"] += …`, `o.list.push(…)`) leaves: a value known only at run time. */
export function changedAtRunTime(node: SyntaxNode): UnknownValue {
  return unknown(node, `\`${node.text.slice(0, 60)}\` changes it at run time`);
}

/** The JSON a value stands for, when every part of it is known; undefined otherwise. */
export function staticJson(value: Value | undefined): unknown {
  if (!value) {
    return undefined;
  }
  switch (value.kind) {
    case 'string':
      return staticString(value);
    case 'scalar':
      return value.value;
    case 'unknown':
      return undefined;
    case 'array': {
      if (value.repeated || value.grows) {
        return undefined;
      }
      const items: unknown[] = [];
      for (const item of value.items) {
        const json = staticJson(item);
        if (json === undefined) {
          return undefined;
        }
        items.push(json);
      }
      return items;
    }
    case 'object': {
      if (value.open) {
        return undefined;
      }
      const out: Record<string, unknown> = {};
      for (const entry of value.entries) {
        const json = staticJson(entry.value);
        if (json === undefined) {
          return undefined;
        }
        out[entry.key] = json;
      }
      return out;
    }
  }
}

/** Occurrences replaced one by one; a template with more is not spelled out (the text stays, marked unknown). */
const MAX_REPLACEMENTS = 1_000;

/**
 * `template.replace(pattern, value)`: each occurrence of a static pattern inside the template's
 * static text becomes the inserted value's own segments, so its size and its volatility count
 * where it lands (a `{{DOC}}` placeholder filled with a 2,900-token document is 2,900 tokens, not
 * 4). `limit` is how many occurrences are replaced (Python's count, JS `replace` with a string: 1).
 * A pattern that is not a static string (a regex, a variable) leaves the result not fully known.
 */
export function replaceInString(base: Value, pattern: Value | undefined, replacement: Value | undefined, node: SyntaxNode, limit = Infinity): Value {
  if (base.kind !== 'string') {
    return base.kind === 'unknown' ? { ...base, node } : unknown(node, 'computed at run time');
  }
  const search = staticString(pattern);
  const inserted = replacement ?? unknown(node, 'replaced at run time');
  if (search === undefined || search === '') {
    return concatStrings([base, unknown(node, 'replaced at run time')], node);
  }
  const insertedSegments = segmentsOf(inserted);
  const segments: TextSegment[] = [];
  let replaced = 0;
  for (const segment of base.segments) {
    if (segment.stability !== 'static' || replaced >= limit || !segment.text.includes(search)) {
      segments.push(segment);
      continue;
    }
    const parts = segment.text.split(search);
    segments.push({ ...segment, text: parts[0] });
    for (let i = 1; i < parts.length; i++) {
      if (replaced >= limit || replaced >= MAX_REPLACEMENTS) {
        segments.push({ ...segment, text: search + parts.slice(i).join(search) });
        if (replaced >= MAX_REPLACEMENTS && replaced < limit) {
          segments.push({ stability: 'stable-unknown', text: '', range: rangeOf(node), reason: `more than ${MAX_REPLACEMENTS} replacements` });
        }
        break;
      }
      segments.push(...insertedSegments, { ...segment, text: parts[i] });
      replaced++;
    }
  }
  return { kind: 'string', segments: mergeStatic(segments), node };
}

/** `os.getenv(variable, default)`: unknown text, with the default kept for the model. */
export function environmentValue(variable: string, fallback: Value, node: SyntaxNode): StringValue | undefined {
  const text = staticString(fallback);
  if (text === undefined) {
    return undefined;
  }
  return {
    kind: 'string',
    segments: [{ stability: 'stable-unknown', text: '', range: rangeOf(node), reason: `read from the environment variable ${variable}` }],
    node,
    environmentDefault: { variable, text },
  };
}

/**
 * How a serialiser writes JSON: Python's `json.dumps` puts a space after `,` and `:` and escapes
 * non-ASCII as `\uXXXX` by default; `JSON.stringify` writes neither; either may indent. Counted as
 * written, because the spaces and escapes are tokens too.
 */
export interface JsonStyle {
  itemSeparator: string;
  keySeparator: string;
  /** The indent unit when indenting (each item then starts on its own line). */
  indent?: string;
  asciiOnly: boolean;
  /** Python's `sort_keys=True`: every object's keys in code-point order. */
  sortKeys?: boolean;
}

export const COMPACT_JSON: JsonStyle = { itemSeparator: ',', keySeparator: ':', asciiOnly: false };

/** A value serialised as JSON text in a given style: the text of `json.dumps(x, ...)` / `JSON.stringify(x, null, n)`. */
export function serialisedJson(value: Value, style: JsonStyle, node: SyntaxNode): StringValue {
  return { kind: 'string', segments: mergeStatic(styledJson(value, style, 0)), node };
}

function styledJson(value: Value, style: JsonStyle, level: number): TextSegment[] {
  const hazard = value.kind === 'array' || value.kind === 'object' ? value.unordered : undefined;
  if (hazard) {
    return markUnordered(styledJson({ ...value, unordered: undefined } as Value, style, level), hazard);
  }
  const quote = (text: string) => {
    const json = JSON.stringify(text);
    return style.asciiOnly ? json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
  };
  const open = (bracket: string, node: SyntaxNode) => staticSegment(bracket, node);
  const breakLine = (depth: number) => (style.indent !== undefined ? `\n${style.indent.repeat(depth)}` : '');
  const separator = style.itemSeparator;
  switch (value.kind) {
    case 'string': {
      const text = staticString(value);
      return text !== undefined ? [staticSegment(quote(text), value.node)] : [staticSegment('"', value.node), ...value.segments, staticSegment('"', value.node)];
    }
    case 'scalar':
    case 'unknown':
      return segmentsOf(value);
    case 'array': {
      if (value.items.length === 0 && !value.repeated && !value.grows) {
        return [open('[]', value.node)];
      }
      const out: TextSegment[] = [open('[', value.node)];
      value.items.forEach((item, i) => {
        out.push(staticSegment(`${i > 0 ? separator : ''}${breakLine(level + 1)}`, value.node), ...styledJson(item, style, level + 1));
      });
      if (value.repeated || value.grows) {
        out.push({ stability: 'stable-unknown', text: '', range: rangeOf(value.node), reason: 'items built at run time' });
      }
      out.push(staticSegment(`${breakLine(level)}]`, value.node));
      return out;
    }
    case 'object': {
      if (value.entries.length === 0 && !value.open) {
        return [open('{}', value.node)];
      }
      const out: TextSegment[] = [open('{', value.node)];
      const entries = style.sortKeys ? [...value.entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)) : value.entries;
      entries.forEach((entry, i) => {
        out.push(staticSegment(`${i > 0 ? separator : ''}${breakLine(level + 1)}${quote(entry.key)}${style.keySeparator}`, entry.entryNode), ...styledJson(entry.value, style, level + 1));
      });
      if (value.open) {
        out.push({ stability: 'stable-unknown', text: '', range: rangeOf(value.node), reason: 'keys from an unresolved spread' });
      }
      out.push(staticSegment(`${breakLine(level)}}`, value.node));
      return out;
    }
  }
}

/**
 * One of several literal strings chosen at run time (`"a" if x else "b"`, `MODELS[tier]`): unknown
 * text that remembers its candidates (a model is checked against each). Undefined when a branch
 * is not a known string.
 */
export function choiceValue(branches: Value[], node: SyntaxNode, reason: string): StringValue | undefined {
  const alternatives: string[] = [];
  for (const branch of branches) {
    const text = staticString(branch);
    const more = text !== undefined ? [text] : branch.kind === 'string' ? branch.alternatives : undefined;
    if (!more || more.length === 0) {
      return undefined;
    }
    alternatives.push(...more.filter((t) => !alternatives.includes(t)));
  }
  if (alternatives.length < 2 || alternatives.length > 16) {
    return undefined;
  }
  return { kind: 'string', segments: [{ stability: 'stable-unknown', text: '', range: rangeOf(node), reason }], node, alternatives };
}
