/**
 * Runs the integration suite in a downloaded VS Code with @vscode/test-electron, for anyone with
 * internet access (`npm run test:integration:electron`). Our machines and CI use code-server instead.
 */
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..', '..');
  await runTests({
    version: '1.100.3',
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out', 'test', 'integration', 'suite'),
    launchArgs: [path.join(root, 'test', 'integration', 'workspace'), '--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
