import * as assert from 'assert';
import * as fs from 'fs';

/** Compare text with a committed snapshot file; `UPDATE_SNAPSHOTS=1` rewrites it (review the diff before committing). */
export function checkSnapshot(file: string, actual: string): void {
  if (process.env.UPDATE_SNAPSHOTS === '1') {
    fs.writeFileSync(file, actual);
  }
  assert.ok(fs.existsSync(file), `missing snapshot ${file}; run UPDATE_SNAPSHOTS=1 npm run test:unit and review it`);
  assert.strictEqual(actual, fs.readFileSync(file, 'utf8'), `${file} differs`);
}
