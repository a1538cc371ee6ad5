import { clearExactCaches } from '../../src/core/tokens/exact/exact-counter';
import { freshLinter } from './fix-checks';
import { mochaHooks as networkHooks } from './no-network';

/**
 * Mocha root hooks for the unit suite (named in .mocharc.json): the network guard, a fresh shared
 * linter and empty exact-count caches per test (so no cached count answers for a later test, or for a
 * later mutant in Stryker's reused process).
 */
export const mochaHooks = {
  ...networkHooks,
  beforeEach(): void {
    freshLinter();
    clearExactCaches();
  },
};
