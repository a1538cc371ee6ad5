/**
 * `npm run build:vocab`: converts the reference counter's measured vocabularies
 * (../shared/tools/ctok/ctok/data/pieces_v3.json and pieces_v4_7.json, MIT, github.com/sanderland/ctok
 * at the commit pinned in ../shared/tools/ctok/COMMIT) into the compact committed form the exact
 * counter loads: a reverse trie in breadth-first order, brotli-compressed, in
 * src/core/tokens/exact/vocab-<family>.json.
 *
 * Binary layout (little endian varints): node count; per node its child count and whether a piece
 * ends there; per node after the root the code point on the edge into it, as a delta from its
 * previous sibling (siblings are sorted). Children of a node are contiguous in breadth-first order,
 * so the loader rebuilds `firstChild` by a running sum and needs no pointers.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { SHARED_DIR } from './shared-dir';

const CTOK = join(SHARED_DIR, 'tools', 'ctok');
const PINNED_COMMIT = '70872fd4981dc5990267923235b4114535bb4473';
const OUT = join(__dirname, '..', '..', 'src', 'core', 'tokens', 'exact');

/** The marker glyphs: one noncharacter each, as in the reference's internal form. */
const ATOM_GLYPHS: Record<string, string> = { bow: '\ufdd0', eow: '\ufdd1', pad: '\ufdd2', shift: '\ufdd3', caps: '\ufdd4' };

interface VocabularyDocument {
  meta: { family: string; message_overhead: number; fold_quotes: boolean; allcaps_min: number | null };
  tokens: Record<string, Record<string, unknown>>;
}

/** A vocabulary key in public notation (`⟨bow⟩the⟨eow⟩`, `⟨0xE0⟩⟨0xA4⟩`) → its internal string. */
export function parseMarked(publicForm: string): string {
  let out = '';
  const bytes: number[] = [];
  const flush = (): void => {
    if (bytes.length > 0) {
      out += new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes));
      bytes.length = 0;
    }
  };
  const atom = /⟨(bow|eow|shift|caps|pad|0x[0-9A-Fa-f]{2})⟩|[\s\S]/gu;
  for (const m of publicForm.matchAll(atom)) {
    const name = m[1];
    if (name?.startsWith('0x')) {
      bytes.push(parseInt(name.slice(2), 16));
      continue;
    }
    flush();
    out += name ? ATOM_GLYPHS[name] : m[0];
  }
  flush();
  return out;
}

function pushVarint(out: number[], value: number): void {
  let v = value;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
}

interface BuildNode {
  children: Map<number, BuildNode>;
  terminal: boolean;
}

/** The pieces, each reversed by code point, as a breadth-first serialized trie. */
function serializeReverseTrie(pieces: Iterable<string>): { bytes: Buffer; nodes: number } {
  const root: BuildNode = { children: new Map(), terminal: false };
  for (const piece of pieces) {
    let node = root;
    for (const ch of [...piece].reverse()) {
      const cp = ch.codePointAt(0)!;
      let next = node.children.get(cp);
      if (!next) {
        next = { children: new Map(), terminal: false };
        node.children.set(cp, next);
      }
      node = next;
    }
    node.terminal = true;
  }
  const order: BuildNode[] = [root];
  const labels: number[] = [0];
  for (let i = 0; i < order.length; i++) {
    for (const cp of [...order[i].children.keys()].sort((a, b) => a - b)) {
      order.push(order[i].children.get(cp)!);
      labels.push(cp);
    }
  }
  const out: number[] = [];
  pushVarint(out, order.length);
  for (const node of order) {
    pushVarint(out, node.children.size * 2 + (node.terminal ? 1 : 0));
  }
  for (let i = 0; i < order.length; i++) {
    const node = order[i];
    let previous = 0;
    for (const cp of [...node.children.keys()].sort((a, b) => a - b)) {
      pushVarint(out, cp - previous);
      previous = cp;
    }
  }
  return { bytes: Buffer.from(out), nodes: order.length };
}

function build(file: string, family: string): void {
  const doc = JSON.parse(readFileSync(join(CTOK, 'ctok', 'data', file), 'utf8')) as VocabularyDocument;
  const pieces = new Set<string>();
  for (const [group, entries] of Object.entries(doc.tokens)) {
    if (group === 'bytes_fallback') {
      continue;
    }
    for (const key of Object.keys(entries)) {
      pieces.add(parseMarked(key));
    }
  }
  // The file stores a contraction as `'t`; the stream writes it closed by ⟨eow⟩.
  for (const key of Object.keys(doc.tokens.contractions)) {
    pieces.add(parseMarked(key) + ATOM_GLYPHS.eow);
  }
  // The counter counts a text in segments cut after line breaks: that is exact only while no piece
  // holds a line break next to anything but another line break.
  const spanning = [...pieces].filter((p) => /\n[^\n]|[^\n]\n/u.test(p));
  if (spanning.length > 0) {
    throw new Error(`${file}: ${spanning.length} pieces join a line break to other text (${JSON.stringify(spanning.slice(0, 3))}); per-line segmenting would miscount`);
  }
  const trie = serializeReverseTrie(pieces);
  const compressed = brotliCompressSync(trie.bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
  const output = {
    format: 1,
    family,
    source: {
      project: 'ctok (github.com/sanderland/ctok), MIT licence, Copyright (c) its authors: see THIRD_PARTY_NOTICES.md',
      commit: PINNED_COMMIT,
      file: `ctok/data/${file}`,
    },
    messageOverhead: doc.meta.message_overhead,
    foldQuotes: doc.meta.fold_quotes,
    allcapsMin: doc.meta.allcaps_min,
    pieces: pieces.size,
    trieNodes: trie.nodes,
    /** UTF-8 byte prefixes (hex) that are one token when no piece covers a character. */
    byteTokens: Object.keys(doc.tokens.bytes_fallback).sort().join(' '),
    trie: compressed.toString('base64'),
  };
  const path = join(OUT, `vocab-${family}.json`);
  writeFileSync(path, `${JSON.stringify(output)}\n`);
  console.log(`${path}: ${pieces.size} pieces, ${trie.nodes} trie nodes, ${trie.bytes.length} bytes → ${compressed.length} brotli`);
}

function main(): void {
  let commit: string;
  try {
    commit = readFileSync(join(CTOK, 'COMMIT'), 'utf8').trim();
  } catch {
    console.error(`build:vocab: the reference counter is not at ${CTOK} (it sits beside the repository, in ../shared)`);
    process.exit(1);
  }
  if (commit !== PINNED_COMMIT) {
    console.error(`build:vocab: ../shared/tools/ctok is at ${commit}, the pinned commit is ${PINNED_COMMIT}; check its changes, then update PINNED_COMMIT`);
    process.exit(1);
  }
  build('pieces_v3.json', 'v3');
  build('pieces_v4_7.json', 'v4_7');
}

if (require.main === module) {
  main();
}
