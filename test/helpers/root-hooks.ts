import { SourceParser } from '../../src/core/parsing/parser';
import { clearExactCaches, loadVocabulary } from '../../src/core/tokens/exact/exact-counter';
import { category } from '../../src/core/tokens/exact/unicode';
import { freshLinter } from './fix-checks';
import { mochaHooks as networkHooks } from './no-network';

/**
 * Mocha root hooks for the unit suite (named in .mocharc.json): the network guard, and a fresh
 * shared linter with empty exact-count caches — before each test in ordinary runs (no test's
 * cached counts answer for another), before each of Stryker's mutant runs when mutation testing
 * (no mutant's counts answer for the next). Within one mutant's run the tests share the caches, as
 * one editor session does: every cached value is a function of its text under that mutant, and
 * each long text is counted once per mutant instead of once per test. Stryker's initial run (no
 * active mutant) still starts each test cold, so each test's coverage includes the counting code
 * it reaches. PCL_SHARED_CACHES=1 shares them across a whole ordinary run, to check that no test
 * depends on starting cold.
 */
function sharedAcrossTests(): boolean {
  const stryker = (globalThis as { __stryker__?: { activeMutant?: unknown } }).__stryker__;
  return stryker?.activeMutant !== undefined || process.env.PCL_SHARED_CACHES === '1';
}

/**
 * In a mutation run, the tables an exact count decodes once per process (the Unicode data, the
 * vocabularies) are built here, when the runner loads this file and no mutant is active. Built
 * during a mutant's run, a wrong table would stay for every later mutant in that process and fail
 * their runs (false kills). The decoding code then counts as static, which Stryker leaves out
 * (ignoreStatic) and the report shows as ignored.
 */
const underStryker = (globalThis as { __stryker__?: unknown }).__stryker__ !== undefined;
if (underStryker) {
  loadVocabulary('v3');
  loadVocabulary('v4.7');
  category(0x41);
}

function reset(): void {
  freshLinter();
  clearExactCaches();
}

const hooks = {
  ...networkHooks,
  beforeAll(): void {
    networkHooks.beforeAll();
    if (sharedAcrossTests()) {
      reset();
    }
  },
  beforeEach(): void {
    if (!sharedAcrossTests()) {
      reset();
    }
  },
};

/**
 * The tree-sitter runtime and grammars load once per process, asynchronously, so in a mutation run
 * they are loaded here, where Mocha (and Stryker, before its first run) awaits the hooks. Loaded
 * during a mutant's run instead, a loader mutant left a broken runtime for every later mutant of
 * that runner, which then failed ("reading 'Language'": 6,809 false kills in one parsing-syntax
 * run). The loader's own tests use a fresh copy (languages.test.ts).
 */
export async function mochaHooks(): Promise<typeof hooks> {
  if (underStryker) {
    await Promise.all((['python', 'typescript', 'tsx', 'javascript'] as const).map((id) => SourceParser.create(id)));
  }
  return hooks;
}
