import { ClaudeTokenEstimator, type TextStats, type TokenModel, latinTokens, scriptTokens, sizeClass } from '../src/core/tokens/claude-estimator';
import { latinRegressors, scriptRegressors } from '../src/core/tokens/text-features';
import { classifyContent } from '../src/core/tokens/content-kind';
import type { ScriptClass } from '../src/core/tokens/unicode-scripts';
import { type CountedText, loadCountedTexts, scriptShare } from './token-data';

/**
 * Fitting and cross-validating the Claude token estimator on the recorded counts in ../shared/data
 * (see TokenModel in claude-estimator.ts for the model's shape). Used by `npm run calibrate:tokens`,
 * which writes src/core/tokens/calibration.json, and `npm run eval:tokens`, which re-runs the
 * cross-validation so its figures always describe the code as it is.
 *
 * The Latin-text model and the per-script models are fitted in turn (each needs the other's
 * prediction for the part of a text it does not model). Their errors are measured on texts the fit
 * had not seen: 5-fold cross-validation for Latin-script texts; leave-one-out for texts in other
 * scripts, where every UDHR text is a different language, so a held-out text is a language the fit
 * never saw. Error bands are the 90th percentiles of those held-out errors.
 */
export type Group = 'code' | 'prose' | 'script';

export interface Sample {
  dataset: string;
  id: string;
  group: Group;
  english: boolean;
  /** The text whose counts these are (the document, or one part of the novel). */
  text: string;
  stats: TextStats;
  /** The script with most tokens, for texts mostly in another script. */
  script: ScriptClass | undefined;
  y: Record<string, number | undefined>;
  weight: number;
}

/** The recorded model whose counts calibrate each tokenizer generation. */
export const GENERATIONS = { 1: 'v3', 2: 'v4.7' } as const;
const ROUNDS = 4;
/** Ridge on the script-shape terms of scripts with at least this many calibration texts; others keep only a ratio. */
const SHAPE_MIN_TEXTS = 5;
const SHAPE_RIDGE = 0.01;
/** A size class with fewer held-out prose texts than this borrows code's band for that size. */
const MIN_BAND_SAMPLES = 30;

function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) {
      if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
        pivot = r;
      }
    }
    [m[col], m[pivot]] = [m[pivot], m[col]];
    for (let r = 0; r < n; r++) {
      if (r !== col && m[col][col] !== 0) {
        const factor = m[r][col] / m[col][col];
        for (let c = col; c <= n; c++) {
          m[r][c] -= factor * m[col][c];
        }
      }
    }
  }
  return m.map((row, i) => (row[i] === 0 ? 0 : row[n] / row[i]));
}

/** Weighted least squares: minimises Σ w (x·c − t)² + Σ ridge_i c_i². */
function leastSquares(rows: { x: number[]; t: number; w: number }[], ridge: number[]): number[] {
  const k = ridge.length;
  const ata = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const aty = new Array<number>(k).fill(0);
  for (const { x, t, w } of rows) {
    for (let i = 0; i < k; i++) {
      if (x[i] === 0) {
        continue;
      }
      aty[i] += w * x[i] * t;
      for (let j = 0; j < k; j++) {
        ata[i][j] += w * x[i] * x[j];
      }
    }
  }
  ridge.forEach((r, i) => (ata[i][i] += r));
  return solve(ata, aty);
}

/** The Latin model: Claude ÷ cl100k for the Latin pieces, after the script model's share. */
function fitLatin(samples: Sample[], key: string, model: TokenModel): number[] {
  const rows = samples.map((s) => {
    const latin = s.stats.profile.latin;
    return { x: latinRegressors(s.stats.features, latin), t: ((s.y[key] as number) - scriptTokens(model, s.stats)) / Math.max(1, latin.tokens), w: s.weight };
  });
  return leastSquares(rows, rows[0].x.map((_, i) => (i === 0 ? 0 : 1e-6)));
}

/** The script models, in relative error (each row divided by its count), after the Latin model's share. */
function fitScripts(samples: Sample[], key: string, model: TokenModel): Pick<TokenModel, 'scripts' | 'unlistedScript'> {
  const names = [...new Set(samples.flatMap((s) => Object.keys(s.stats.profile.scripts) as ScriptClass[]))].sort();
  const column = new Map(names.map((name, i) => [name, 3 * i]));
  const texts = new Map<ScriptClass, number>();
  for (const s of samples) {
    if (s.script) {
      texts.set(s.script, (texts.get(s.script) ?? 0) + 1);
    }
  }
  const rows = samples.map((s) => {
    const y = s.y[key] as number;
    const x = new Array<number>(3 * names.length).fill(0);
    for (const [name, entry] of Object.entries(s.stats.profile.scripts) as [ScriptClass, NonNullable<TextStats['profile']['scripts'][ScriptClass]>][]) {
      scriptRegressors(entry).forEach((v, i) => (x[(column.get(name) as number) + i] = v / y));
    }
    return { x, t: (y - latinTokens(model, s.stats)) / y, w: 1 };
  });
  const ridge = names.flatMap((name) => {
    const shape = (texts.get(name) ?? 0) >= SHAPE_MIN_TEXTS ? SHAPE_RIDGE : 1e6;
    return [1e-6, shape, shape];
  });
  const c = leastSquares(rows, ridge);
  const scripts: TokenModel['scripts'] = {};
  for (const name of names) {
    const at = column.get(name) as number;
    // Shape terms held at zero by the ridge are written as zero.
    const shaped = (texts.get(name) ?? 0) >= SHAPE_MIN_TEXTS;
    scripts[name] = shaped ? [c[at], c[at + 1], c[at + 2]] : [c[at], 0, 0];
  }
  // Only scripts with a calibration text of their own vote on the fallback.
  const rates = names.filter((name) => texts.has(name)).map((name) => c[column.get(name) as number]);
  return { scripts, unlistedScript: [percentile(rates, 50), 0, 0] };
}

export function fitModel(latinSamples: Sample[], scriptSamples: Sample[], key: string): TokenModel {
  let model: TokenModel = { latin: [1], scripts: {}, unlistedScript: [1, 0, 0] };
  for (let round = 0; round < ROUNDS; round++) {
    model = { ...model, ...fitScripts(scriptSamples, key, model) };
    model = { ...model, latin: fitLatin(latinSamples, key, model) };
  }
  return model;
}

const predict = (model: TokenModel, s: Sample) => latinTokens(model, s.stats) + scriptTokens(model, s.stats);
export const relativeError = (model: TokenModel, s: Sample, key: string) => Math.abs(predict(model, s) - (s.y[key] as number)) / (s.y[key] as number);

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

const summary = (errors: number[]) => ({ n: errors.length, median: Number(percentile(errors, 50).toFixed(4)), p90: Number(percentile(errors, 90).toFixed(4)) });
export const SIZE_NAMES = ['under 100 tokens', '100–999 tokens', '1,000 tokens and more'];

export function loadSamples(estimator: ClaudeTokenEstimator, docs: CountedText[] = loadCountedTexts()): Sample[] {
  const samples: Sample[] = [];
  for (const doc of docs) {
    // The novel is cut into ~20k-character parts sharing its ratio, so prose carries weight
    // without one document dominating the least squares.
    const parts = doc.dataset === 'novel' ? (doc.text.match(/[\s\S]{1,20000}(?=\n|$)/g) ?? [doc.text]) : [doc.text];
    const whole = doc.dataset === 'novel' ? estimator.tiktokenCount(doc.text) : 0;
    parts.forEach((part, index) => {
      const stats = estimator.textStats(part);
      const y: Sample['y'] = {};
      for (const [model, n] of Object.entries(doc.counts)) {
        y[model] = doc.dataset === 'novel' ? (n * stats.profile.tokens) / whole : n;
      }
      const inScript = scriptShare(stats) >= 0.3;
      const scripts = Object.entries(stats.profile.scripts) as [ScriptClass, { tokens: number }][];
      const script = inScript ? scripts.sort((a, b) => b[1].tokens - a[1].tokens)[0][0] : undefined;
      const group: Group = inScript ? 'script' : doc.dataset === 'novel' || (doc.dataset === 'udhr' && classifyContent(part) !== 'code') ? 'prose' : 'code';
      const english = doc.dataset === 'novel' || (doc.dataset === 'udhr' && doc.id === 'eng');
      samples.push({ dataset: doc.dataset, id: parts.length > 1 ? `${doc.id}#${index}` : doc.id, group, english, text: part, stats, script, y, weight: doc.dataset === 'novel' ? 3 : 1 });
    });
  }
  return samples;
}

export interface HeldOutStats {
  n: number;
  median: number;
  p90: number;
}

export interface CalibrationResult {
  model: TokenModel;
  bands: { code: number[]; prose: number[]; script: number };
  /** Held-out error by group: code, prose, englishProse, scriptSeen, scriptUnseen, and code by size. */
  crossValidated: Record<string, HeldOutStats>;
}

/** Fits one generation on all samples, and measures the error on texts each fit had not seen. */
export function calibrate(samples: Sample[], key: string): CalibrationResult {
  const mine = samples.filter((s) => s.y[key] !== undefined);
  const latinSamples = mine.filter((s) => s.group !== 'script');
  const scriptSamples = mine.filter((s) => s.group === 'script');
  const model = fitModel(latinSamples, scriptSamples, key);

  // Latin-script texts: 5-fold cross-validation.
  const bySize: Record<'code' | 'prose', number[][]> = { code: SIZE_NAMES.map(() => []), prose: SIZE_NAMES.map(() => []) };
  const english: number[] = [];
  for (let fold = 0; fold < 5; fold++) {
    const held = fitModel(
      latinSamples.filter((_, i) => i % 5 !== fold),
      scriptSamples,
      key,
    );
    latinSamples.forEach((s, i) => {
      if (i % 5 === fold) {
        const error = relativeError(held, s, key);
        bySize[s.group as 'code' | 'prose'][sizeClass(s.stats.profile.latin.tokens)].push(error);
        if (s.english) {
          english.push(error);
        }
      }
    });
  }
  // Other scripts: leave one text (one language) out. A text whose script has no other text is
  // then estimated as an unlisted script would be.
  const seen: number[] = [];
  const unseen: number[] = [];
  scriptSamples.forEach((s, i) => {
    const rest = scriptSamples.filter((_, j) => j !== i);
    const held = { ...model, ...fitScripts(rest, key, model) };
    (rest.some((r) => r.script === s.script) ? seen : unseen).push(relativeError(held, s, key));
  });

  const bands = {
    code: bySize.code.map((errors) => Number(percentile(errors, 90).toFixed(3))),
    prose: bySize.prose.map((errors, size) => Number(percentile(errors.length >= MIN_BAND_SAMPLES ? errors : bySize.code[size], 90).toFixed(3))),
    script: Number(percentile(seen, 90).toFixed(3)),
  };
  const crossValidated: Record<string, HeldOutStats> = {
    code: summary(bySize.code.flat()),
    prose: summary(bySize.prose.flat()),
    englishProse: summary(english),
    scriptSeen: summary(seen),
    scriptUnseen: summary(unseen),
  };
  bySize.code.forEach((errors, size) => (crossValidated[`code, ${SIZE_NAMES[size]}`] = summary(errors)));
  return { model, bands, crossValidated };
}
