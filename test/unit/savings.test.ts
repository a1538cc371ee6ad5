import * as assert from 'assert';
import { MODEL_FAMILIES } from '../../src/core';
import { estimateSavings } from '../../src/core/savings';

const family = (key: string) => MODEL_FAMILIES.find((f) => f.key === key);

describe('savings', () => {
  it("reproduces seed 002's worked example: 10,000-token prompt, 1,000 calls on Sonnet, $30 → ≈$3.03", () => {
    const savings = estimateSavings(10_000, '5m', family('sonnet-4.5'), 1000)!;
    assert.strictEqual(savings.costPerCallUncached, 0.03);
    assert.ok(Math.abs(savings.writeCost - 0.0375) < 1e-9);
    assert.ok(Math.abs(savings.readCost - 0.003) < 1e-9);
    const cachedTotal = savings.writeCost + 999 * savings.readCost;
    assert.ok(Math.abs(cachedTotal - 3.0345) < 1e-6, String(cachedTotal));
    assert.ok(Math.abs(savings.percentSavedAtReuse - 89.9) < 0.1, String(savings.percentSavedAtReuse));
  });

  it('breaks even on the 2nd call for 5m and the 3rd for 1h', () => {
    assert.strictEqual(estimateSavings(5000, '5m', family('sonnet-4.5'), 10)!.breakEvenCalls, 2);
    assert.strictEqual(estimateSavings(5000, '1h', family('sonnet-4.5'), 10)!.breakEvenCalls, 3);
  });

  it("uses the model's own read price and long-context tier", () => {
    const sonnet55 = estimateSavings(1_000_000, '5m', family('sonnet-5.5'), 2)!;
    assert.strictEqual(sonnet55.pricePerMTok.read, 0.1);
    const haikuShort = estimateSavings(50_000, '5m', family('haiku-5.5'), 2)!;
    const haikuLong = estimateSavings(150_000, '5m', family('haiku-5.5'), 2)!;
    assert.strictEqual(haikuShort.pricePerMTok.input, 0.1);
    assert.strictEqual(haikuLong.pricePerMTok.input, 0.5);
  });

  it('has no savings without a price or tokens', () => {
    assert.strictEqual(estimateSavings(5000, '5m', family('mythos-preview'), 10), undefined);
    assert.strictEqual(estimateSavings(0, '5m', family('sonnet-4.5'), 10), undefined);
  });
});
