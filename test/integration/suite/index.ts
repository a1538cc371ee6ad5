import * as fs from 'fs';
import Mocha from 'mocha';
import * as path from 'path';

/**
 * Entry point VS Code calls inside the extension host (extensionTestsPath). The same suite runs
 * under @vscode/test-electron and under code-server.
 */
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js'))) {
    mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}
