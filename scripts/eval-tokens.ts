import * as fs from 'fs';
import * as path from 'path';
import type { BpeRanks } from '../src/core/tokens/bpe-counter';
import { ClaudeTokenEstimator } from '../src/core/tokens/claude-estimator';
import { GENERATIONS, type Sample, calibrate, loadSamples, percentile } from './token-calibration';
import { type CountedText, SHARED_DATA, loadCountedTexts, loadRecordedCounts, scriptShare, sharedDataAvailable } from './token-data';
import { exactMessageTokens } from '../src/core/tokens/exact/exact-counter';

/**
 * `npm run eval:tokens`: how far the estimator is from Claude's recorded counts, per dataset and
 * tokenizer generation, next to raw js-tiktoken (cl100k_base). Two tables: all recorded texts
 * (the estimator was fitted on them, so this is in-sample), then the cross-validated errors (texts
 * each fit had not seen, fitted afresh here), which are the honest accuracy figures, against the targets.
 */
const MODELS = [
  { key: 'v3', generation: 1, label: 'gen 1 (Claude 3 … Opus 4.6; opus-4-5 counts)' },
  { key: 'v4.7', generation: 2, label: 'gen 2 (Opus 4.7+; opus-4-7 counts)' },
  { key: 'v5', generation: 2, label: 'gen 2 (Opus 5; opus-5 counts)' },
] as const;

function groupOf(doc: CountedText, estimator: ClaudeTokenEstimator): string {
  if (doc.dataset === 'udhr') {
    if (doc.id === 'eng') {
      return 'English prose (UDHR eng)';
    }
    return scriptShare(estimator.textStats(doc.text)) >= 0.3 ? 'UDHR, non-Latin scripts' : 'UDHR, Latin scripts';
  }
  return { rosetta: 'Rosetta Code (code)', multipl_e: 'MultiPL-E (code)', novel: 'English prose (novel)' }[doc.dataset];
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(6);

/** The exact offline counter against every recorded count: how many it reproduces, and the worst miss. */
function exactCounts(): void {
  const records = loadRecordedCounts();
  const rows = ['| Texts | Family | n | counted exactly | largest miss |', '|---|---|---:|---:|---:|'];
  for (const family of ['v3', 'v4.7', 'v5'] as const) {
    for (const dataset of ['rosetta', 'multipl_e', 'udhr', 'novel'] as const) {
      const mine = records.filter((r) => r.dataset === dataset && r.messageTokens[family] !== undefined);
      if (mine.length === 0) {
        continue;
      }
      let exact = 0;
      let worst = 0;
      for (const r of mine) {
        const truth = r.messageTokens[family]!;
        const got = exactMessageTokens(r.text, family);
        exact += got === truth ? 1 : 0;
        worst = Math.max(worst, Math.abs(got - truth) / truth);
      }
      rows.push(`| ${dataset} | ${family} | ${mine.length} | ${exact} (${pct(exact / mine.length)}) | ${pct(worst)} |`);
    }
  }
  console.log('Exact offline counter against every recorded count_tokens result (one user message, frame included):\n');
  console.log(rows.join('\n'));
  console.log('');
}

function main(): void {
  if (!sharedDataAvailable()) {
    console.log(`eval:tokens: the recorded counts are not here (${SHARED_DATA}); nothing to evaluate.`);
    return;
  }
  exactCounts();
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
      const group = groups.get(groupOf(doc, estimator)) ?? { est: [], raw: [] };
      group.est.push(Math.abs(estimator.estimate(doc.text, model.generation).tokens - truth) / truth);
      group.raw.push(Math.abs(estimator.tiktokenCount(doc.text) - truth) / truth);
      groups.set(groupOf(doc, estimator), group);
    }
    for (const [name, g] of [...groups.entries()].sort()) {
      rows.push(`| ${name} | ${model.label} | ${g.est.length} | ${pct(percentile(g.est, 50))} | ${pct(percentile(g.est, 90))} | ${pct(percentile(g.raw, 50))} | ${pct(percentile(g.raw, 90))} |`);
    }
  }
  console.log('Absolute percent error against recorded Claude counts (all texts; in-sample for the estimator):\n');
  console.log(rows.join('\n'));

  // The honest figure: texts each fit had not seen, re-run here on the code as it is.
  const samples = loadSamples(estimator);
  const shipped = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', 'src', 'core', 'tokens', 'calibration.json'), 'utf8')) as {
    generated: string;
    generations: Record<string, { bands: unknown }>;
  };
  const cv = ['| Texts | Tokenizer | n | held-out median | held-out p90 | target |', '|---|---|---:|---:|---:|---|'];
  const verdicts: string[] = [];
  for (const [generation, key] of Object.entries(GENERATIONS)) {
    const { bands, crossValidated } = calibrate(samples, key);
    if (JSON.stringify(bands) !== JSON.stringify(shipped.generations[generation]?.bands)) {
      verdicts.push(`generation ${generation}: calibration.json (${shipped.generated}) differs from a fit of this code and data; run npm run calibrate:tokens`);
    }
    for (const [group, stats] of Object.entries(crossValidated)) {
      const target = TARGETS[group];
      const met = target ? (target.median === undefined || stats.median <= target.median) && stats.p90 <= target.p90 : undefined;
      const targetText = target ? `${target.median !== undefined ? `median ≤ ${pct(target.median).trim()}, ` : ''}p90 ≤ ${pct(target.p90).trim()}: ${met ? 'met' : '**not met**'}` : '—';
      cv.push(`| ${LABELS[group] ?? group} | gen ${generation} | ${stats.n} | ${pct(stats.median)} | ${pct(stats.p90)} | ${targetText} |`);
      if (met === false) {
        verdicts.push(`generation ${generation}: ${LABELS[group] ?? group} misses its target`);
      }
    }
  }
  console.log('\nCross-validated error (texts the fit had not seen: 5-fold for Latin-script texts, leave-one-language-out for other scripts):\n');
  console.log(cv.join('\n'));
  console.log(`\n${verdicts.length ? verdicts.join('\n') : 'All targets met.'}`);
  console.log(
    'A language in a script with no other calibration language (Armenian, Georgian, Telugu, Vai, …) cannot be held out meaningfully: left out, it is estimated as an unlisted script, which is what the last "other scripts" row shows. The shipped model has seen every one of them.',
  );
  compareEncodings(samples);
}

/**
 * Which encoding to start from: the same model refitted on o200k_base counts, held-out errors side
 * by side with cl100k_base's, and each encoding's raw error. (The shipped model uses cl100k_base.)
 */
function compareEncodings(cl100kSamples: Sample[]): void {
  const loadO200k = () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ranks = require('js-tiktoken/ranks/o200k_base') as { default?: BpeRanks } & BpeRanks;
    return ranks.default ?? ranks;
  };
  const o200kSamples = loadSamples(new ClaudeTokenEstimator(loadO200k));
  const rows = ['| Texts | Tokenizer | cl100k_base held-out median / p90 | o200k_base held-out median / p90 | raw cl100k_base median / p90 | raw o200k_base median / p90 |', '|---|---|---|---|---|---|'];
  const raw = (samples: Sample[], key: string, group: string) => {
    const errors = samples
      .filter((s) => s.y[key] !== undefined && (group === 'englishProse' ? s.english : group === 'scriptSeen' ? s.group === 'script' : s.group === group))
      .map((s) => Math.abs(s.stats.profile.tokens - (s.y[key] as number)) / (s.y[key] as number));
    return `${pct(percentile(errors, 50)).trim()} / ${pct(percentile(errors, 90)).trim()}`;
  };
  for (const [generation, key] of Object.entries(GENERATIONS)) {
    const cl100k = calibrate(cl100kSamples, key).crossValidated;
    const o200k = calibrate(o200kSamples, key).crossValidated;
    for (const group of ['code', 'englishProse', 'scriptSeen']) {
      const both = (stats: { median: number; p90: number }) => `${pct(stats.median).trim()} / ${pct(stats.p90).trim()}`;
      rows.push(`| ${LABELS[group]} | gen ${generation} | ${both(cl100k[group])} | ${both(o200k[group])} | ${raw(cl100kSamples, key, group)} | ${raw(o200kSamples, key, group)} |`);
    }
  }
  console.log('\nStarting from cl100k_base or o200k_base: the same model refitted on each, and each encoding\'s own count as is (raw):\n');
  console.log(rows.join('\n'));
}

/** The issue's targets, by cross-validation group. */
const TARGETS: Record<string, { median?: number; p90: number }> = {
  code: { median: 0.04, p90: 0.1 },
  englishProse: { median: 0.04, p90: 0.1 },
  scriptSeen: { p90: 0.2 },
};

const LABELS: Record<string, string> = {
  code: 'Code (Rosetta Code, MultiPL-E)',
  prose: 'Latin-script prose (UDHR, the novel)',
  englishProse: 'English prose (the novel in 20k-character parts, UDHR eng)',
  scriptSeen: 'Other scripts: a new language in a calibrated script',
  scriptUnseen: 'Other scripts: a script with one calibration language, left out',
};

main();
