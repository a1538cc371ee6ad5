import { freshLinter } from './fix-checks';
import { mochaHooks as networkHooks } from './no-network';

/** Mocha root hooks for the unit suite (named in .mocharc.json): the network guard, and a fresh shared linter per test. */
export const mochaHooks = {
  ...networkHooks,
  beforeEach(): void {
    freshLinter();
  },
};
