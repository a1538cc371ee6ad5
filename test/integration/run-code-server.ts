/**
 * Runs the integration suite inside a real VS Code (code-server 4.100.3 = VS Code 1.100.3),
 * driven by headless Chromium through playwright-core: VS Code itself cannot be downloaded on our
 * machines or CI. `scripts/install-code-server.sh` installs code-server (npm test runs it).
 */
import { type ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import * as util from 'util';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const ENTRY = path.join(ROOT, '.vscode-test', 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const WORKSPACE = path.join(ROOT, 'test', 'integration', 'workspace');
const SUITE = path.join(ROOT, 'out', 'test', 'integration', 'suite');
const SCREENSHOT_SUITE = path.join(ROOT, 'out', 'test', 'integration', 'screenshot-suite');
const VSIX_SUITE = path.join(ROOT, 'out', 'test', 'integration', 'vsix-suite');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TIMEOUT_MS = 10 * 60 * 1000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function waitForServer(child: ChildProcess, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('code-server did not start within 60 s')), 60_000);
    const poll = () => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.destroy();
        clearTimeout(timer);
        resolve();
      });
      socket.on('error', () => {
        if (child.exitCode === null) {
          setTimeout(poll, 250);
        }
      });
    };
    child.once('exit', (code) => reject(new Error(`code-server exited early with ${code}`)));
    if (child.exitCode !== null) {
      reject(new Error(`code-server exited early with ${child.exitCode}`));
      return;
    }
    poll();
  });
}

export interface RunOptions {
  /** Install this packaged .vsix and run the vsix suite on examples/ instead of the development suite. */
  vsix?: string;
  /** Stage the README picture on examples/ and save it here. */
  screenshot?: string;
}

export async function runInCodeServer(options: RunOptions = {}): Promise<number> {
  if (!fs.existsSync(ENTRY)) {
    throw new Error(`code-server is not installed at ${ENTRY}; run scripts/install-code-server.sh`);
  }
  const port = await freePort();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pcl-code-server-'));
  const userData = path.join(scratch, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify({ 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'extensions.autoCheckUpdates': false, 'security.workspace.trust.enabled': false, 'git.openRepositoryInParentFolders': 'never', 'workbench.tips.enabled': false, 'editor.minimap.enabled': false }),
  );
  const extensionsDir = path.join(scratch, 'extensions');
  const folder = options.vsix || options.screenshot ? path.join(ROOT, 'examples') : WORKSPACE;
  if (options.vsix) {
    const install = spawnSync(process.execPath, [ENTRY, '--user-data-dir', userData, '--extensions-dir', extensionsDir, '--install-extension', path.resolve(options.vsix)], { encoding: 'utf8' });
    process.stdout.write(install.stdout);
    if (install.status !== 0) {
      throw new Error(`--install-extension failed (${install.status}): ${install.stderr}`);
    }
  }
  const server = spawn(
    process.execPath,
    [ENTRY, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--user-data-dir', userData, '--extensions-dir', extensionsDir, folder],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let serverLog = '';
  let serverExit: number | null | undefined;
  server.stdout?.on('data', (d: Buffer) => (serverLog += d.toString()));
  server.stderr?.on('data', (d: Buffer) => (serverLog += d.toString()));
  server.once('exit', (code) => (serverExit = code));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  try {
    await waitForServer(server, port);
    const page = await browser.newPage({ viewport: { width: 1700, height: 950 } });
    let finish: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => (finish = resolve));
    let shot: Promise<unknown> = Promise.resolve();
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const line = util.format(...(Array.isArray(args) ? args : [args]));
      if (options.screenshot && line.includes('prompt-cache-lint:screenshot-ready')) {
        shot = page.screenshot({ path: options.screenshot });
      }
      (type === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => finish(code));
    const remote = (p: string) => `vscode-remote://127.0.0.1:${port}${p}`;
    const payload = options.vsix
      ? [
          // VS Code runs extension tests only next to a development extension: an empty one.
          ['extensionDevelopmentPath', remote(path.join(ROOT, 'test', 'integration', 'vsix-host'))],
          ['extensionTestsPath', remote(VSIX_SUITE)],
          ['skipWelcome', 'true'],
        ]
      : [
          ['extensionDevelopmentPath', remote(ROOT)],
          ['extensionTestsPath', remote(options.screenshot ? SCREENSHOT_SUITE : SUITE)],
          ['skipWelcome', 'true'],
        ];
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const timeout = new Promise<number>((resolve) =>
      setTimeout(() => {
        process.stderr.write(`integration suite timed out after ${TIMEOUT_MS / 1000} s\n`);
        resolve(3);
      }, TIMEOUT_MS).unref(),
    );
    const code = await Promise.race([exited, timeout]);
    await shot;
    return code;
  } catch (error) {
    process.stderr.write(`code-server log (exit ${serverExit}):\n${serverLog}\n`);
    throw error;
  } finally {
    await browser.close();
    server.kill();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const vsixFlag = process.argv.indexOf('--vsix');
  const screenshotFlag = process.argv.indexOf('--screenshot');
  runInCodeServer({ vsix: vsixFlag > 0 ? process.argv[vsixFlag + 1] : undefined, screenshot: screenshotFlag > 0 ? process.argv[screenshotFlag + 1] : undefined }).then(
    (code) => {
      console.log(code === 0 ? 'integration suite passed in code-server' : `integration suite failed in code-server (exit ${code})`);
      process.exit(code);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
