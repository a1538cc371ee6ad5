import * as path from 'path';

/**
 * `../shared` beside the repository: recorded token counts, the reference counter, the novel. Users
 * never have it; tests and scripts that read it say so when it is absent. `PCL_SHARED_DIR` (an
 * absolute path) points elsewhere — the mutation run needs it, because Stryker runs the tests from a
 * sandbox copy inside the repository, where `../shared` is not beside the code.
 */
export const SHARED_DIR = process.env.PCL_SHARED_DIR
  ? path.resolve(process.env.PCL_SHARED_DIR)
  : path.resolve(__dirname, '..', '..', '..', 'shared');
