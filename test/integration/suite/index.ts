import * as fs from 'fs';
import Mocha from 'mocha';
import * as path from 'path';

/**
 * Entry point VS Code calls inside the extension host (extensionTestsPath). The same suite runs
 * under @vscode/test-electron and under code-server.
 */
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec', forbidOnly: true });
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js'));
  if (files.length === 0) {
    return Promise.reject(new Error(`no integration test files (*.test.js) in ${__dirname}: was the suite compiled?`));
  }
  for (const file of files) {
    mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      // A suite that ran nothing proves nothing: a filter, a skipped describe or a load error must fail the run.
      const ran = runner.stats ? runner.stats.passes + runner.stats.failures : 0;
      if (failures > 0) {
        reject(new Error(`${failures} integration test(s) failed`));
      } else if (ran === 0) {
        reject(new Error('the integration suite ran no test'));
      } else {
        resolve();
      }
    });
  });
}
