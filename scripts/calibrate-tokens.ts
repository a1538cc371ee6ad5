import * as fs from 'fs';
import * as path from 'path';
import { ClaudeTokenEstimator } from '../src/core/tokens/claude-estimator';
import { type ModelKind, nonLatinShare, regressors, textFeatures } from '../src/core/tokens/text-features';
import { classifyContent } from '../src/core/tokens/content-kind';
import { loadCountedTexts, sharedDataAvailable } from './token-data';

/**
 * Fits the Claude token estimator from the recorded counts in ../shared/data and writes
 * src/core/tokens/calibration.json. Two ratio models per tokenizer generation (Claude count ÷
 * cl100k count, as a linear function of character statistics per cl100k token): one for Latin-script
 * text (code and prose), one for other scripts. Error bands are the 90th percentile of 5-fold
 * cross-validated errors, so they describe texts the fit has not seen.
 */
interface Sample {
  group: 'code' | 'prose' | 'nonLatin';
  kind: ModelKind;
  cl100k: number;
  x: number[];
  y: Record<string, number | undefined>;
  weight: number;
}

const GENERATIONS = { 1: 'v3', 2: 'v4.7' } as const;

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

/** Weighted least squares with a small ridge, for the ratio target. */
function fit(samples: Sample[], model: string): number[] {
  const k = samples[0].x.length;
  const ata = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const aty = new Array<number>(k).fill(0);
  for (const s of samples) {
    const y = s.y[model];
    if (y === undefined) {
      continue;
    }
    const ratio = y / s.cl100k;
    for (let i = 0; i < k; i++) {
      aty[i] += s.weight * s.x[i] * ratio;
      for (let j = 0; j < k; j++) {
        ata[i][j] += s.weight * s.x[i] * s.x[j];
      }
    }
  }
  for (let i = 1; i < k; i++) {
    ata[i][i] += 1e-6;
  }
  return solve(ata, aty);
}

const predict = (coef: number[], s: Sample) => s.cl100k * coef.reduce((sum, c, i) => sum + c * s.x[i], 0);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

function main(): void {
  if (!sharedDataAvailable()) {
    console.error('calibrate-tokens: ../shared/data is not here; nothing to fit.');
    process.exit(1);
  }
  const estimator = new ClaudeTokenEstimator();
  const samples: Sample[] = [];
  for (const doc of loadCountedTexts()) {
    // The novel is cut into ~20k-character parts sharing its ratio, so prose carries weight
    // without one document dominating the least squares.
    const parts = doc.dataset === 'novel' ? doc.text.match(/[\s\S]{1,20000}(?=\n|$)/g) ?? [doc.text] : [doc.text];
    const whole = doc.dataset === 'novel' ? estimator.tiktokenCount(doc.text) : 0;
    for (const part of parts) {
      const features = textFeatures(part);
      const cl100k = Math.max(1, estimator.tiktokenCount(part));
      const kind: ModelKind = nonLatinShare(features) >= 0.3 ? 'nonLatin' : 'latin';
      const y: Sample['y'] = {};
      for (const [model, n] of Object.entries(doc.counts)) {
        y[model] = doc.dataset === 'novel' ? (n * cl100k) / whole : n;
      }
      const group = kind === 'nonLatin' ? 'nonLatin' : doc.dataset === 'novel' || (doc.dataset === 'udhr' && classifyContent(part) !== 'code') ? 'prose' : 'code';
      samples.push({ group, kind, cl100k, x: regressors(kind, features, cl100k), y, weight: doc.dataset === 'novel' ? 3 : 1 });
    }
  }

  const calibration: Record<string, unknown> = {
    generated: new Date().toISOString().slice(0, 10),
    source: '../shared/data: count_tokens results (sanderland/ctok fixtures, commit 70872fd) for Rosetta Code, MultiPL-E and the UDHR, and Pride and Prejudice; see scripts/token-data.ts',
    generations: {},
  };
  for (const [generation, model] of Object.entries(GENERATIONS)) {
    const result: Record<string, unknown> = {};
    const bands: Record<string, number> = {};
    const heldOut: Record<string, { n: number; median: number; p90: number }> = {};
    for (const kind of ['latin', 'nonLatin'] as const) {
      const mine = samples.filter((s) => s.kind === kind && s.y[model] !== undefined);
      result[kind] = fit(mine, model).map((c) => Number(c.toPrecision(6)));
      // 5-fold cross-validation: every sample is predicted by a fit that did not see it.
      const errors: Record<string, number[]> = { code: [], prose: [], nonLatin: [] };
      for (let fold = 0; fold < 5; fold++) {
        const train = mine.filter((_, i) => i % 5 !== fold);
        const coef = fit(train, model);
        mine.forEach((s, i) => {
          if (i % 5 === fold) {
            errors[s.group].push(Math.abs(predict(coef, s) - (s.y[model] as number)) / (s.y[model] as number));
          }
        });
      }
      for (const [group, list] of Object.entries(errors)) {
        if (list.length > 0) {
          bands[group] = Number(percentile(list, 90).toFixed(3));
          heldOut[group] = { n: list.length, median: Number(percentile(list, 50).toFixed(4)), p90: Number(percentile(list, 90).toFixed(4)) };
          console.log(`generation ${generation} ${kind.padEnd(8)} ${group.padEnd(8)} n=${String(list.length).padStart(4)}  held-out median ${(percentile(list, 50) * 100).toFixed(1)}%  p90 ${(percentile(list, 90) * 100).toFixed(1)}%`);
        }
      }
    }
    result.bands = bands;
    result.crossValidated = heldOut;
    (calibration.generations as Record<string, unknown>)[generation] = result;
  }
  const target = path.resolve(__dirname, '..', '..', 'src', 'core', 'tokens', 'calibration.json');
  fs.writeFileSync(target, `${JSON.stringify(calibration, null, 2)}\n`);
  console.log(`wrote ${path.relative(process.cwd(), target)}`);
}

main();
