import * as fs from 'fs';
import * as path from 'path';
import { ClaudeTokenEstimator } from '../src/core/tokens/claude-estimator';
import { nonLatinShare, textFeatures } from '../src/core/tokens/text-features';
import { type CountedText, SHARED_DATA, loadCountedTexts, sharedDataAvailable } from './token-data';

/**
 * `npm run eval:tokens`: how far the estimator is from Claude's recorded counts, per dataset and
 * tokenizer generation, next to raw js-tiktoken (cl100k_base). Two tables: all recorded texts
 * (the estimator was fitted on them, so this is in-sample), then the 5-fold cross-validated errors
 * stored by the calibration (texts each fit had not seen), which is the honest accuracy figure.
 */
const MODELS = [
  { key: 'v3', generation: 1, label: 'gen 1 (Claude 3 … Opus 4.6; opus-4-5 counts)' },
  { key: 'v4.7', generation: 2, label: 'gen 2 (Opus 4.7+; opus-4-7 counts)' },
  { key: 'v5', generation: 2, label: 'gen 2 (Opus 5; opus-5 counts)' },
] as const;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function groupOf(doc: CountedText): string {
  if (doc.dataset === 'udhr') {
    if (doc.id === 'eng') {
      return 'English prose (UDHR eng)';
    }
    return nonLatinShare(textFeatures(doc.text)) >= 0.3 ? 'UDHR, non-Latin scripts' : 'UDHR, Latin scripts';
  }
  return { rosetta: 'Rosetta Code (code)', multipl_e: 'MultiPL-E (code)', novel: 'English prose (novel)' }[doc.dataset];
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(6);

function main(): void {
  if (!sharedDataAvailable()) {
    console.log(`eval:tokens: the recorded counts are not here (${SHARED_DATA}); nothing to evaluate.`);
    return;
  }
  const estimator = new ClaudeTokenEstimator();
  const docs = loadCountedTexts();
  const rows: string[] = ['| Texts | Tokenizer | n | estimator median | estimator p90 | raw tiktoken median | raw tiktoken p90 |', '|---|---|---:|---:|---:|---:|---:|'];
  for (const model of MODELS) {
    const groups = new Map<string, { est: number[]; raw: number[] }>();
    for (const doc of docs) {
      const truth = doc.counts[model.key];
      if (truth === undefined) {
        continue;
      }
      const group = groups.get(groupOf(doc)) ?? { est: [], raw: [] };
      group.est.push(Math.abs(estimator.estimate(doc.text, model.generation).tokens - truth) / truth);
      group.raw.push(Math.abs(estimator.tiktokenCount(doc.text) - truth) / truth);
      groups.set(groupOf(doc), group);
    }
    for (const [name, g] of [...groups.entries()].sort()) {
      rows.push(`| ${name} | ${model.label} | ${g.est.length} | ${pct(percentile(g.est, 50))} | ${pct(percentile(g.est, 90))} | ${pct(percentile(g.raw, 50))} | ${pct(percentile(g.raw, 90))} |`);
    }
  }
  console.log('Absolute percent error against recorded Claude counts (all texts; in-sample for the estimator):\n');
  console.log(rows.join('\n'));
  const calibration = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', 'src', 'core', 'tokens', 'calibration.json'), 'utf8')) as {
    generated: string;
    generations: Record<string, { crossValidated: Record<string, { n: number; median: number; p90: number }> }>;
  };
  const cv = ['| Texts | Tokenizer | n | held-out median | held-out p90 |', '|---|---|---:|---:|---:|'];
  for (const [generation, result] of Object.entries(calibration.generations)) {
    for (const [group, stats] of Object.entries(result.crossValidated)) {
      cv.push(`| ${group} | gen ${generation} | ${stats.n} | ${pct(stats.median)} | ${pct(stats.p90)} |`);
    }
  }
  console.log(`\n5-fold cross-validated error of the calibration (texts the fit had not seen; calibrated ${calibration.generated}):\n`);
  console.log(cv.join('\n'));
  console.log('\nTargets: median ≤ 4% and p90 ≤ 10% on code and English prose; p90 ≤ 20% on non-Latin scripts.');
}

main();
