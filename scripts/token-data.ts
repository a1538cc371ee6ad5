import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import type { TextStats } from '../src/core/tokens/claude-estimator';
import { SHARED_DIR } from './shared-dir';

/**
 * The recorded Claude token counts in ../shared/data (see its README): Rosetta Code, MultiPL-E,
 * the UDHR in 501 languages (count_tokens results for claude-opus-4-5 = generation 1,
 * claude-opus-4-7 = generation 2, claude-opus-5), and Pride and Prejudice. Read in place, never
 * copied: the Rosetta texts are GFDL.
 */
export const SHARED_DATA = path.join(SHARED_DIR, 'data');

/** Counts are for the text sent as one user message: subtract the message frame. */
const FRAME: Record<string, number> = { v3: 8, 'v4.7': 12, v5: 6 };

export interface CountedText {
  dataset: 'rosetta' | 'multipl_e' | 'udhr' | 'novel';
  id: string;
  text: string;
  /** Claude tokens of the text alone, by recorded model key. */
  counts: Partial<Record<'v3' | 'v4.7' | 'v5', number>>;
}

export function sharedDataAvailable(): boolean {
  return fs.existsSync(path.join(SHARED_DATA, 'rosetta_counts.json'));
}

export function loadCountedTexts(): CountedText[] {
  // The recorded counts with CRLF made LF and the message frame subtracted: what the estimator is fitted on.
  return loadRecordedCounts().map((r) => ({
    dataset: r.dataset,
    id: r.id,
    text: r.text.replace(/\r\n?/g, '\n'),
    counts: Object.fromEntries(Object.entries(r.messageTokens).map(([model, n]) => [model, n - FRAME[model]])),
  }));
}

/** Share of a text's cl100k tokens in pieces of non-Latin scripts: at 0.3 and above it counts as "other scripts". */
export function scriptShare(stats: TextStats): number {
  const inScripts = Object.values(stats.profile.scripts).reduce((sum, entry) => sum + (entry?.tokens ?? 0), 0);
  return inScripts / Math.max(1, stats.profile.tokens);
}

/** A recorded `count_tokens` result: the raw text as sent, and the count as one user message (frame included). */
export interface RecordedCount {
  dataset: CountedText['dataset'];
  id: string;
  text: string;
  messageTokens: Partial<Record<'v3' | 'v4.7' | 'v5', number>>;
}

/** Every recorded count in ../shared/data, untouched: the exact counter must reproduce each one. */
export function loadRecordedCounts(): RecordedCount[] {
  const out: RecordedCount[] = [];
  for (const [dataset, key] of [
    ['rosetta', 'id'],
    ['multipl_e', 'lang'],
    ['udhr', 'f'],
  ] as const) {
    const counts = JSON.parse(fs.readFileSync(path.join(SHARED_DATA, `${dataset}_counts.json`), 'utf8')) as Record<string, { counts: Record<string, number> }>;
    const lines = zlib.gunzipSync(fs.readFileSync(path.join(SHARED_DATA, `${dataset}.jsonl.gz`))).toString('utf8').split('\n');
    for (const line of lines) {
      if (!line.trim()) {
        continue;
      }
      const doc = JSON.parse(line) as Record<string, string>;
      const id = String(doc[key]);
      const messageTokens: RecordedCount['messageTokens'] = {};
      for (const model of ['v3', 'v4.7', 'v5'] as const) {
        const n = counts[model]?.counts[id];
        if (typeof n === 'number') {
          messageTokens[model] = n;
        }
      }
      out.push({ dataset, id, text: doc.text, messageTokens });
    }
  }
  const novel = fs.readFileSync(path.join(SHARED_DATA, 'pride_and_prejudice.txt'), 'utf8');
  out.push({ dataset: 'novel', id: 'pride-and-prejudice', text: novel, messageTokens: { v3: 188_069, 'v4.7': 253_488 } });
  return out;
}
