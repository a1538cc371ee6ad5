import * as path from 'path';

/** The repository root, from compiled tests in out/test/... */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const FIXTURE_ROOT = path.join(REPO_ROOT, 'test', 'fixtures');
export const EXAMPLES_ROOT = path.join(REPO_ROOT, 'examples');
