import * as fs from 'fs';
import * as path from 'path';
import { ClaudeTokenEstimator } from '../src/core/tokens/claude-estimator';
import { GENERATIONS, calibrate, loadSamples } from './token-calibration';
import { sharedDataAvailable } from './token-data';

/**
 * `npm run calibrate:tokens`: fits the Claude token estimator on the recorded counts in
 * ../shared/data and writes src/core/tokens/calibration.json, with error bands from held-out texts.
 */
function main(): void {
  if (!sharedDataAvailable()) {
    console.error('calibrate-tokens: ../shared/data is not here; nothing to fit.');
    process.exit(1);
  }
  const samples = loadSamples(new ClaudeTokenEstimator());
  const calibration: Record<string, unknown> = {
    generated: new Date().toISOString().slice(0, 10),
    source: '../shared/data: count_tokens results (sanderland/ctok fixtures, commit 70872fd) for Rosetta Code, MultiPL-E and the UDHR, and Pride and Prejudice; see scripts/token-data.ts',
    generations: {},
  };
  for (const [generation, key] of Object.entries(GENERATIONS)) {
    const { model, bands, crossValidated } = calibrate(samples, key);
    for (const [name, stats] of Object.entries(crossValidated)) {
      console.log(`generation ${generation} ${name.padEnd(30)} n=${String(stats.n).padStart(4)}  held-out median ${(stats.median * 100).toFixed(1)}%  p90 ${(stats.p90 * 100).toFixed(1)}%`);
    }
    const round = (values: number[]) => values.map((c) => Number(c.toPrecision(6)));
    const scripts = Object.fromEntries(Object.entries(model.scripts).map(([name, c]) => [name, round(c ?? [])]));
    (calibration.generations as Record<string, unknown>)[generation] = { latin: round(model.latin), scripts, unlistedScript: round(model.unlistedScript), bands, crossValidated };
  }
  const target = path.resolve(__dirname, '..', '..', 'src', 'core', 'tokens', 'calibration.json');
  fs.writeFileSync(target, `${JSON.stringify(calibration, null, 2)}\n`);
  console.log(`wrote ${path.relative(process.cwd(), target)}`);
}

main();
