import { parentPort, workerData } from 'worker_threads';
import { Linter } from '../core';
import { type FileLintSettings, lintFile } from './lint-file';

/**
 * A CLI worker thread: lints the files it is sent, one at a time, and posts each report back
 * (portable: no syntax trees). Started by `main.ts` for large runs.
 */
const settings = workerData as FileLintSettings;
const linter = new Linter();

parentPort?.on('message', (message: { index: number; filePath: string } | null) => {
  if (message === null) {
    parentPort?.close();
    return;
  }
  void lintFile(linter, message.filePath, settings, true).then(
    (report) => parentPort?.postMessage({ index: message.index, report }),
    (error: unknown) => parentPort?.postMessage({ index: message.index, report: { filePath: message.filePath, problem: `internal error: ${String(error)}` } }),
  );
});
