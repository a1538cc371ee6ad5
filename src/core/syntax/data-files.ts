import type { SyntaxNode } from '../parsing/parser';
import { type ObjectEntry, type StringValue, type TextSegment, type Value, mergeStatic, rangeOf, segmentsOf, staticString, unknown } from './values';

/**
 * Prompts kept in data files and templates: JSON, YAML and TOML parsed (never evaluated: YAML with
 * its safe schema, no custom tags), and Jinja2 templates rendered as text with holes. Every value
 * built here stands on the node that read it: fixes never edit it (the caller marks that node).
 */

export type DataFormat = 'json' | 'yaml' | 'toml';

/** Values deeper or larger than this are cut off as unknown: a data file is not a prompt past that. */
const MAX_DATA_DEPTH = 40;
const MAX_DATA_NODES = 20_000;

export function parseData(text: string, format: DataFormat): { data: unknown } | { reason: string } {
  try {
    if (format === 'json') {
      return { data: JSON.parse(text) as unknown };
    }
    // The parsers load on first use: most lints never read a YAML or TOML file.
    if (format === 'yaml') {
      // js-yaml's default schema is safe: no functions, no custom constructors.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const yaml = require('js-yaml') as typeof import('js-yaml');
      return { data: yaml.load(text) };
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const toml = require('smol-toml') as typeof import('smol-toml');
    return { data: toml.parse(text) };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { reason: `the ${format.toUpperCase()} could not be parsed (${message.slice(0, 80)})` };
  }
}

/** Parsed data as a value standing on `node`; its strings carry the files they were read from. */
export function dataValue(data: unknown, node: SyntaxNode, files: string[] | undefined): Value {
  let budget = MAX_DATA_NODES;
  const range = rangeOf(node);
  const build = (item: unknown, depth: number): Value => {
    if (--budget < 0 || depth > MAX_DATA_DEPTH) {
      return unknown(node, 'data too large or deep to follow');
    }
    if (typeof item === 'string') {
      const segment: TextSegment = { stability: 'static', text: item, range, ...(files ? { files } : {}) };
      return { kind: 'string', segments: [segment], node };
    }
    if (typeof item === 'number' || typeof item === 'boolean' || item === null) {
      return { kind: 'scalar', value: item, node };
    }
    if (Array.isArray(item)) {
      return { kind: 'array', items: item.map((x) => build(x, depth + 1)), node, grows: false };
    }
    if (item instanceof Date) {
      // A TOML/YAML date written in the file: fixed text.
      return build(item.toISOString(), depth);
    }
    if (typeof item === 'object') {
      const entries: ObjectEntry[] = Object.entries(item as Record<string, unknown>).map(([key, value]) => ({ key, keyRange: range, entryNode: node, value: build(value, depth + 1), origin: 'imported' }));
      return { kind: 'object', entries, node, open: false };
    }
    return unknown(node, 'a value the data file spells in a way not followed');
  };
  return build(data, 0);
}

/**
 * A Jinja2 template rendered with the variables known at the call: literal text stays, `{{ name }}`
 * takes the variable's value (per-call values stay per call), anything else — filters, expressions,
 * `{% %}` logic, includes — becomes a hole of unknown text.
 */
export function renderJinja(template: StringValue, variables: (name: string) => Value | undefined, node: SyntaxNode): StringValue {
  const out: TextSegment[] = [];
  for (const segment of template.segments) {
    if (segment.stability !== 'static') {
      out.push(segment);
      continue;
    }
    const text = segment.text;
    let at = 0;
    while (at < text.length) {
      const open = nextTag(text, at);
      if (open < 0) {
        out.push({ ...segment, text: text.slice(at) });
        break;
      }
      if (open > at) {
        out.push({ ...segment, text: text.slice(at, open) });
      }
      const kind = text[open + 1];
      const closer = kind === '{' ? '}}' : kind === '%' ? '%}' : '#}';
      const close = text.indexOf(closer, open + 2);
      const end = close < 0 ? text.length : close + 2;
      const inner = text.slice(open + 2, close < 0 ? text.length : close).replace(/^-|-$/g, '').trim();
      if (kind === '{') {
        const name = /^[A-Za-z_]\w*$/.test(inner) ? inner : undefined;
        const value = name === undefined ? undefined : variables(name);
        if (value) {
          out.push(...segmentsOf(value).map((s) => (s.stability === 'static' ? { ...s, range: segment.range } : s)));
        } else {
          out.push({ stability: 'stable-unknown', text: '', range: segment.range, reason: `the template's \`{{ ${inner.slice(0, 40)} }}\`, filled at run time`, ...(segment.files ? { files: segment.files } : {}) });
        }
      } else if (kind === '%') {
        out.push({ stability: 'stable-unknown', text: '', range: segment.range, reason: `the template's \`{% ${inner.slice(0, 40)} %}\`, decided at run time` });
      }
      at = end;
    }
  }
  return { kind: 'string', segments: mergeStatic(out), node };
}

function nextTag(text: string, from: number): number {
  for (let i = text.indexOf('{', from); i >= 0 && i < text.length - 1; i = text.indexOf('{', i + 1)) {
    const next = text[i + 1];
    if (next === '{' || next === '%' || next === '#') {
      return i;
    }
  }
  return -1;
}

/** The text of a value when it is all static, with the files it was read from. */
export function staticTextOf(value: Value): { text: string; files?: string[] } | undefined {
  const text = staticString(value);
  if (text === undefined || value.kind !== 'string') {
    return undefined;
  }
  const files = [...new Set(value.segments.flatMap((s) => s.files ?? []))];
  return { text, ...(files.length ? { files } : {}) };
}
