/**
 * A measured vocabulary (from the reference counter ctok, MIT; see THIRD_PARTY_NOTICES.md) and the
 * minimum-cost tiling over it: every piece costs one token; a character no piece covers costs its
 * UTF-8 bytes, tiled over the measured byte-prefix tokens.
 */
import { brotliDecompressSync } from 'node:zlib';
import { isMarkerGlyph, markerLiteralOf } from './char-classes';

/** The committed form written by `npm run build:vocab` (scripts/build-vocab.ts). */
export interface VocabularyFile {
  format: number;
  family: string;
  source: { project: string; commit: string; file: string };
  messageOverhead: number;
  foldQuotes: boolean;
  allcapsMin: number | null;
  pieces: number;
  trieNodes: number;
  byteTokens: string;
  trie: string;
}

/** Pieces stored backwards in a breadth-first trie: the tiling ends a piece at each position and walks back. */
export class Vocabulary {
  private readonly firstChild: Int32Array;
  private readonly childCount: Int32Array;
  private readonly terminal: Uint8Array;
  private readonly label: Int32Array;
  /** The root's children by code point: the one lookup made at every position. */
  private readonly rootBmp: Int32Array;
  private readonly rootAstral = new Map<number, number>();
  private readonly byteTokens: Set<string>;
  private readonly maxByteToken: number;
  private readonly charCosts = new Map<number, number>();
  /** Single code points that are pieces by themselves. */
  private readonly unitChars: Set<number>;

  /** Forget what was worked out per character (the decoded trie stays: it is the vocabulary). */
  clearCaches(): void {
    this.charCosts.clear();
    this.chains.clear();
  }

  constructor(file: VocabularyFile) {
    if (file.format !== 1) {
      throw new Error(`unsupported vocabulary format ${file.format} (rebuild with npm run build:vocab)`);
    }
    const bytes = brotliDecompressSync(Buffer.from(file.trie, 'base64'));
    let at = 0;
    const varint = (): number => {
      let value = 0;
      let scale = 1;
      for (;;) {
        const b = bytes[at++];
        value += (b & 0x7f) * scale;
        if (b < 0x80) {
          return value;
        }
        scale *= 128;
      }
    };
    const nodes = varint();
    this.firstChild = new Int32Array(nodes);
    this.childCount = new Int32Array(nodes);
    this.terminal = new Uint8Array(nodes);
    this.label = new Int32Array(nodes);
    let next = 1;
    for (let i = 0; i < nodes; i++) {
      const v = varint();
      this.childCount[i] = v >>> 1;
      this.terminal[i] = v & 1;
      this.firstChild[i] = next;
      next += this.childCount[i];
    }
    for (let i = 0; i < nodes; i++) {
      let previous = 0;
      for (let c = 0; c < this.childCount[i]; c++) {
        previous += varint();
        this.label[this.firstChild[i] + c] = previous;
      }
    }
    this.rootBmp = new Int32Array(0x10000).fill(-1);
    const units: number[] = [];
    for (let c = 0; c < this.childCount[0]; c++) {
      const child = this.firstChild[0] + c;
      const cp = this.label[child];
      if (cp < 0x10000) {
        this.rootBmp[cp] = child;
      } else {
        this.rootAstral.set(cp, child);
      }
      if (this.terminal[child] && !isMarkerGlyph(cp)) {
        units.push(cp);
      }
    }
    // A character that is itself a piece is one token; its bytes also join the byte floor's tokens.
    this.byteTokens = new Set(file.byteTokens.split(' ').filter(Boolean));
    for (const cp of units) {
      this.byteTokens.add(Buffer.from(String.fromCodePoint(cp), 'utf8').toString('hex'));
    }
    this.maxByteToken = Math.max(1, ...[...this.byteTokens].map((t) => t.length / 2));
    this.unitChars = new Set(units);
    // Every edge below the root in one open-addressing table: the tiling's inner step.
    let bits = 4;
    while (1 << bits < nodes * 2) {
      bits++;
    }
    this.hashShift = 32 - bits;
    this.edgeParent = new Int32Array(1 << bits).fill(-1);
    this.edgeLabel = new Int32Array(1 << bits);
    this.edgeChild = new Int32Array(1 << bits);
    const mask = (1 << bits) - 1;
    for (let parent = 1; parent < nodes; parent++) {
      for (let c = 0; c < this.childCount[parent]; c++) {
        const child = this.firstChild[parent] + c;
        let slot = this.slotOf(parent, this.label[child]);
        while (this.edgeParent[slot] !== -1) {
          slot = (slot + 1) & mask;
        }
        this.edgeParent[slot] = parent;
        this.edgeLabel[slot] = this.label[child];
        this.edgeChild[slot] = child;
      }
    }
  }

  private readonly hashShift: number;
  private readonly edgeParent: Int32Array;
  private readonly edgeLabel: Int32Array;
  private readonly edgeChild: Int32Array;

  private slotOf(parent: number, cp: number): number {
    return (Math.imul(parent, 0x9e3779b1) ^ Math.imul(cp + 1, 0x85ebca77)) >>> this.hashShift;
  }

  /** The child of `node` along code point `cp`, or -1. */
  child(node: number, cp: number): number {
    if (node === 0) {
      return cp < 0x10000 ? this.rootBmp[cp] : this.rootAstral.get(cp) ?? -1;
    }
    const count = this.childCount[node];
    if (count <= 4) {
      const first = this.firstChild[node];
      for (let c = first; c < first + count; c++) {
        if (this.label[c] === cp) {
          return c;
        }
      }
      return -1;
    }
    const mask = this.edgeParent.length - 1;
    for (let slot = this.slotOf(node, cp); ; slot = (slot + 1) & mask) {
      const parent = this.edgeParent[slot];
      if (parent === -1) {
        return -1;
      }
      if (parent === node && this.edgeLabel[slot] === cp) {
        return this.edgeChild[slot];
      }
    }
  }

  /** One character no piece covers in context: a marker is a token; anything else its byte floor. */
  unitCost(cp: number): number {
    if (isMarkerGlyph(cp)) {
      return 1;
    }
    let cost = this.charCosts.get(cp);
    if (cost === undefined) {
      const literal = markerLiteralOf(cp);
      cost = this.unitChars.has(literal) ? 1 : this.byteFloor(Buffer.from(String.fromCodePoint(literal), 'utf8'));
      this.charCosts.set(cp, cost);
    }
    return cost;
  }

  /** Fewest tokens for these bytes: any single byte is one, and so is any measured byte prefix. */
  private byteFloor(bytes: Buffer): number {
    const best = new Array<number>(bytes.length + 1).fill(Infinity);
    best[0] = 0;
    for (let i = 1; i <= bytes.length; i++) {
      for (let j = Math.max(0, i - this.maxByteToken); j < i; j++) {
        if (i - j === 1 || this.byteTokens.has(bytes.subarray(j, i).toString('hex'))) {
          best[i] = Math.min(best[i], best[j] + 1);
        }
      }
    }
    return best[bytes.length];
  }

  private scratch = new Int32Array(1024);

  /** Minimum-cost tiling of a stream given as code points: the token count. */
  tile(stream: ArrayLike<number>): number {
    const n = stream.length;
    if (this.scratch.length < n + 1) {
      this.scratch = new Int32Array(Math.max(n + 1, this.scratch.length * 2));
    }
    const best = this.scratch;
    best[0] = 0;
    let run = 0;
    for (let end = 1; end <= n; end++) {
      const first = stream[end - 1];
      run = end >= 2 && stream[end - 2] === first ? run + 1 : 1;
      let node = first < 0x10000 ? this.rootBmp[first] : this.rootAstral.get(first) ?? -1;
      let cost = best[end - 1] + (node >= 0 && this.terminal[node] === 1 ? 1 : this.unitCost(first));
      let start = end - 2;
      if (node >= 0 && run >= 2) {
        // Inside a run of one character (`=====`, blank lines) the walk back is the same chain each
        // time: visit only its piece ends, then go on past the run if the chain is longer.
        const chain = this.chainOf(first);
        const reach = Math.min(run, chain.depth);
        for (const depth of chain.pieceDepths) {
          if (depth > reach) {
            break;
          }
          if (best[end - depth] + 1 < cost) {
            cost = best[end - depth] + 1;
          }
        }
        node = reach === run ? chain.nodes[reach - 1] : -1;
        start = end - reach - 1;
      }
      if (node >= 0) {
        for (; start >= 0; start--) {
          node = this.child(node, stream[start]);
          if (node < 0) {
            break;
          }
          if (this.terminal[node] === 1 && best[start] + 1 < cost) {
            cost = best[start] + 1;
          }
        }
      }
      best[end] = cost;
    }
    return best[n];
  }

  private readonly chains = new Map<number, { nodes: number[]; pieceDepths: number[]; depth: number }>();

  /** The trie path along one repeated character: its nodes, and the depths where a piece ends. */
  private chainOf(cp: number): { nodes: number[]; pieceDepths: number[]; depth: number } {
    let chain = this.chains.get(cp);
    if (!chain) {
      const nodes: number[] = [];
      const pieceDepths: number[] = [];
      for (let node = this.child(0, cp); node >= 0; node = this.child(node, cp)) {
        nodes.push(node);
        if (this.terminal[node] === 1 && nodes.length >= 2) {
          pieceDepths.push(nodes.length);
        }
      }
      chain = { nodes, pieceDepths, depth: nodes.length };
      this.chains.set(cp, chain);
    }
    return chain;
  }
}
