/**
 * Seeded texts of many kinds for the exact counter's differential test against the reference:
 * prose, code, Markdown with blank lines, JSON, every script block, emoji with variation selectors
 * and ZWJ, combining marks, lone surrogates, CRLF, NUL, controls, private use and the marker
 * noncharacters, pieced together with the separators that matter to a tokenizer.
 */

/** mulberry32: small, fast, and the same sequence on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;

const pick = <T>(r: Random, list: readonly T[]): T => list[Math.floor(r() * list.length)];
const int = (r: Random, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

const WORDS = ['the', 'cache', 'prompt', 'token', 'system', 'assistant', 'NASA', 'GaN', 'WiFi', 'iPhone', 'HTTP', 'JSON', 'it', "it's", "we'll", "don't", "they're", "I'm", "you'd", "he's", "we've", "I've", "she'll", "x'S", "o'clock", 'Mr.', 'U.S.A.', 'tool_use', 'camelCase', 'snake_case', 'über', 'naïve', 'café', 'İstanbul', 'STRASSE', 'ΣΟΦΙΑ', 'Ωμέγα', 'Москва', 'ПРИВЕТ', 'x', 'I', 'A', 'Hello', 'WORLD', "'quoted'", '"double"', '\u2018curly\u2019', '\u201cmore\u201d', '\u201elow\u201d', 'e.g.', '...', '—', '–', '1,234', '3.14', '42', '٣٤٥', '१२३', '½', '²', '①', 'Ⅻ', 'ⓐ', 'ǅ', 'ϴ', 'ẞ', 'ﬁ'];
const PUNCT = ['.', ',', ';', ':', '!', '?', '(', ')', '[', ']', '{', '}', '<', '>', '=>', '==', '!==', '->', '::', '//', '/*', '*/', '#', '@', '$', '%', '^', '&&', '||', '~', '`', '\\', '|', '+=', '-', '_', '"', "'", '...', '…', '«', '»', '•', '€', '£', '°', '→', '（', '）', '。', '、', '？', '！', '「', '」'];
const SEPARATORS = [' ', ' ', ' ', '', '\n', '\n\n', '\t', '  ', '\r\n', ' \n', '\n ', '\u3000', '\u00a0', '\u2003', '\n\n\n', '    '];

/** Ranges across the code space: the major script blocks, symbols, combining blocks, astral planes. */
const BLOCKS: readonly [number, number][] = [
  [0x0020, 0x007e], [0x00a0, 0x024f], [0x0250, 0x02ff], [0x0300, 0x036f], [0x0370, 0x03ff], [0x0400, 0x052f],
  [0x0530, 0x058f], [0x0590, 0x05ff], [0x0600, 0x06ff], [0x0700, 0x074f], [0x0780, 0x07bf], [0x07c0, 0x07ff],
  [0x0800, 0x08ff], [0x0900, 0x097f], [0x0980, 0x09ff], [0x0a00, 0x0a7f], [0x0a80, 0x0aff], [0x0b00, 0x0b7f],
  [0x0b80, 0x0bff], [0x0c00, 0x0c7f], [0x0c80, 0x0cff], [0x0d00, 0x0d7f], [0x0d80, 0x0dff], [0x0e00, 0x0e7f],
  [0x0e80, 0x0eff], [0x0f00, 0x0fff], [0x1000, 0x109f], [0x10a0, 0x10ff], [0x1100, 0x11ff], [0x1200, 0x139f],
  [0x13a0, 0x13ff], [0x1400, 0x167f], [0x1680, 0x16ff], [0x1700, 0x17ff], [0x1800, 0x18af], [0x1900, 0x19ff],
  [0x1a00, 0x1aff], [0x1b00, 0x1bff], [0x1c00, 0x1cff], [0x1d00, 0x1dff], [0x1e00, 0x1fff], [0x2000, 0x206f],
  [0x2070, 0x209f], [0x20a0, 0x20ff], [0x2100, 0x218f], [0x2190, 0x23ff], [0x2400, 0x27bf], [0x2800, 0x28ff],
  [0x2900, 0x2bff], [0x2c00, 0x2dff], [0x2e00, 0x2e7f], [0x2e80, 0x2fff], [0x3000, 0x303f], [0x3040, 0x30ff],
  [0x3100, 0x31ff], [0x3200, 0x33ff], [0x3400, 0x4dbf], [0x4dc0, 0x4dff], [0x4e00, 0x9fff], [0xa000, 0xa4cf],
  [0xa4d0, 0xa6ff], [0xa700, 0xa7ff], [0xa800, 0xabff], [0xac00, 0xd7af], [0xd7b0, 0xd7ff], [0xe000, 0xf8ff],
  [0xf900, 0xfaff], [0xfb00, 0xfdff], [0xfe00, 0xfe6f], [0xfe70, 0xffff], [0x10000, 0x1ffff], [0x1d400, 0x1d7ff],
  [0x1f300, 0x1faff], [0x20000, 0x2fa1f], [0x30000, 0x3134f], [0xe0000, 0xe01ef], [0xf0000, 0x10ffff],
];

function scriptRun(r: Random): string {
  const [lo, hi] = pick(r, BLOCKS);
  const words: string[] = [];
  for (let w = int(r, 1, 6); w > 0; w--) {
    let word = '';
    for (let c = int(r, 1, 8); c > 0; c--) {
      word += String.fromCodePoint(int(r, lo, hi));
    }
    words.push(word);
  }
  return words.join(pick(r, [' ', ' ', '', '\n', '. ']));
}

function prose(r: Random): string {
  const words: string[] = [];
  for (let n = int(r, 3, 40); n > 0; n--) {
    let w = pick(r, WORDS);
    if (r() < 0.15) {
      w = w.toUpperCase();
    } else if (r() < 0.15) {
      w = w[0].toUpperCase() + w.slice(1);
    }
    words.push(w + (r() < 0.15 ? pick(r, PUNCT) : ''));
  }
  return words.join(' ');
}

function code(r: Random): string {
  const id = (): string => pick(r, ['x', 'value', 'getItems', 'HTTPServer', 'user_id', 'self', 'this', 'i', 'MAX_SIZE', 'fooBar2', '_private', '$el']);
  const indent = pick(r, ['  ', '    ', '\t', '']);
  const lines = [`${pick(r, ['function', 'def', 'fn', 'class', 'const'])} ${id()}(${id()}, ${id()}) ${pick(r, ['{', ':', '=> {'])}`];
  for (let n = int(r, 1, 8); n > 0; n--) {
    lines.push(`${indent.repeat(int(r, 1, 3))}${id()} ${pick(r, ['=', '+=', '==', '!==', '->', ':='])} ${id()}${pick(r, ['(', '[', '.'])}${int(r, 0, 100000)}${pick(r, [')', ']', ''])}${pick(r, [';', '', ',', ' // note', ' # TODO: fix'])}`);
  }
  lines.push(pick(r, ['}', '', 'end', '};', '})']));
  return lines.join(pick(r, ['\n', '\n', '\r\n']));
}

function markdown(r: Random): string {
  const parts = [`${'#'.repeat(int(r, 1, 4))} ${prose(r).slice(0, 40)}`, '', `- ${prose(r).slice(0, 60)}`, `- **${pick(r, WORDS)}**: \`${pick(r, WORDS)}\``, '', '```python', code(r), '```', '', `| a | b |\n|---|---|\n| ${int(r, 0, 99)} | ${pick(r, WORDS)} |`, '', `> ${prose(r)}`, '---', `1. [link](https://example.com/${pick(r, WORDS)})`];
  return parts.slice(int(r, 0, 4), int(r, 6, parts.length)).join('\n') + '\n'.repeat(int(r, 0, 3));
}

function json(r: Random): string {
  const value = (depth: number): unknown => {
    const k = int(r, 0, depth > 2 ? 3 : 5);
    if (k === 0) {
      return int(r, -1000, 1000000);
    }
    if (k === 1) {
      return pick(r, WORDS);
    }
    if (k === 2) {
      return pick(r, [true, false, null, 3.5e-7]);
    }
    if (k === 3) {
      return prose(r).slice(0, 30);
    }
    if (k === 4) {
      return Array.from({ length: int(r, 0, 4) }, () => value(depth + 1));
    }
    return Object.fromEntries(Array.from({ length: int(r, 1, 4) }, () => [pick(r, ['name', 'type', 'input_schema', 'cache_control', 'properties', 'id']), value(depth + 1)]));
  };
  return JSON.stringify(value(0), null, pick(r, [undefined, 2, 4, '\t']));
}

function emoji(r: Random): string {
  const bases = ['😀', '👍', '❤', '☺', '✌', '⚖', '🏳', '👨', '👩', '👧', '🧑', '💻', '🇺🇸', '🇫🇷', '#', '1', '©'];
  let out = '';
  for (let n = int(r, 1, 6); n > 0; n--) {
    out += pick(r, bases);
    if (r() < 0.5) {
      out += pick(r, ['\ufe0f', '\ufe0e', '\u20e3', '\u{1f3fb}', '\u{1f3ff}']);
    }
    if (r() < 0.4) {
      out += '\u200d' + pick(r, bases);
    }
    out += pick(r, ['', ' ', '', 'a', '.']);
  }
  return out;
}

function combining(r: Random): string {
  let out = '';
  for (let n = int(r, 1, 10); n > 0; n--) {
    out += String.fromCodePoint(pick(r, [0x61, 0x65, 0x41, 0x3b1, 0x438, 0x915, 0x0e01, 0x05d0, 0x0627, 0x20, 0x31, 0x2e, 0x4e00, 0x1100, 0xac00]));
    for (let m = int(r, 0, 3); m > 0; m--) {
      out += String.fromCodePoint(pick(r, [int(r, 0x300, 0x36f), int(r, 0x591, 0x5c7), int(r, 0x64b, 0x65f), 0x94d, 0x93c, int(r, 0xe31, 0xe4e), int(r, 0x1dc0, 0x1dff), int(r, 0x20d0, 0x20f0), 0x3099, 0x309a, int(r, 0x1160, 0x11a7), 0xe3a, 0x711, int(r, 0x730, 0x74a)]));
    }
  }
  return out;
}

function oddities(r: Random): string {
  const bits = ['\ud800', '\udfff', 'a\udc00b', '\ud83d', '\r\n', '\r', '\x00', '\x01', '\x07', '\x1b[0m', '\x7f', '\x85', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\ue000', '\uf8ff', '\u{f0000}', '\u{10fffd}', '\ufdd0', '\ufdd1', '\ufdd3', '\ufdd4', '\ufdd2', '\ufffe', '\uffff', '\u0e4d\u0e32', '\u0e33', '\u3000', '\u2028', '\u2029', '\u00ad', '\u202e', '\u0cf3', '\u0ece', '\u{1e030}', '⟨bow⟩', '⟨0x41⟩'];
  let out = '';
  for (let n = int(r, 1, 8); n > 0; n--) {
    out += pick(r, bits) + (r() < 0.5 ? pick(r, WORDS) : '');
  }
  return out;
}

const KINDS = { prose, code, markdown, json, script: scriptRun, emoji, combining, oddities } as const;
export type GeneratedKind = keyof typeof KINDS;
export const GENERATED_KINDS = Object.keys(KINDS) as GeneratedKind[];

/** One text of 1–6 fragments of random kinds, with random separators, leading and trailing whitespace. */
export function generatedText(r: Random): string {
  const parts: string[] = [];
  for (let n = int(r, 1, 6); n > 0; n--) {
    parts.push(KINDS[pick(r, GENERATED_KINDS)](r));
  }
  let text = parts.join(pick(r, SEPARATORS));
  if (r() < 0.2) {
    text = pick(r, [' ', '  ', '\n', ' \n', '\t', '\u00a0']) + text;
  }
  if (r() < 0.3) {
    text += pick(r, [' ', '\n', '\n\n', '\n'.repeat(int(r, 3, 40)), ' \t ', '\r\n', '\u00a0']);
  }
  return text;
}

export function generatedTexts(seed: number, count: number): string[] {
  const r = seededRandom(seed);
  const out = ['', ' ', '\n', 'a', ' a', '  a', "'s", 'Hello, world', '\u00a0x'];
  while (out.length < count) {
    out.push(generatedText(r));
  }
  return out;
}
