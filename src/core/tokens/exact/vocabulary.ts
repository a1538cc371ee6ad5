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
  }

  /** The child of `node` along code point `cp`, or -1. */
  child(node: number, cp: number): number {
    if (node === 0) {
      return cp < 0x10000 ? this.rootBmp[cp] : this.rootAstral.get(cp) ?? -1;
    }
    let lo = this.firstChild[node];
    let hi = lo + this.childCount[node] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const l = this.label[mid];
      if (l === cp) {
        return mid;
      }
      if (l < cp) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return -1;
  }

  isTerminal(node: number): boolean {
    return this.terminal[node] === 1;
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
    for (let end = 1; end <= n; end++) {
      const first = stream[end - 1];
      let node = this.child(0, first);
      let cost = best[end - 1] + (node >= 0 && this.terminal[node] === 1 ? 1 : this.unitCost(first));
      if (node >= 0) {
        for (let start = end - 2; start >= 0; start--) {
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
}
