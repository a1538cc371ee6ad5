import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * A second real LSP client: Neovim's built-in one, headless, driven by test/neovim/lsp-client.lua
 * against `prompt-cache-lint lsp --stdio`. Run by `npm run test:neovim` (part of `npm test`), which
 * installs Neovim from Debian first.
 */
const REPO = path.resolve(__dirname, '..', '..', '..');

describe('Neovim as the language server client', function () {
  this.timeout(60_000);

  it('shows the diagnostics of an example, hovers the cost text, and applies the quick fix to the buffer', () => {
    assert.strictEqual(spawnSync('nvim', ['--version'], { stdio: 'ignore' }).status, 0, 'nvim is not installed: run scripts/install-neovim.sh');
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pcl-nvim-'));
    try {
      const file = path.join(tmp, 'rag_bot.py');
      const original = fs.readFileSync(path.join(REPO, 'examples', 'python', 'rag_bot.py'), 'utf8');
      fs.writeFileSync(file, original);
      const out = path.join(tmp, 'result.json');
      const run = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${path.join(REPO, 'test', 'neovim', 'lsp-client.lua')}`], {
        env: { ...process.env, PCL_BIN: path.join(REPO, 'bin', 'prompt-cache-lint.js'), PCL_FILE: file, PCL_OUT: out, PCL_ROOT: tmp },
        encoding: 'utf8',
        timeout: 50_000,
      });
      assert.ok(fs.existsSync(out), `nvim wrote no result (status ${run.status}): ${run.stderr}`);
      const result = JSON.parse(fs.readFileSync(out, 'utf8')) as { ok: boolean; message: string; diagnostics: Array<{ code: string; source: string }>; hover: string; actions: string[]; applied: string; after: string };
      assert.ok(result.ok, result.message);
      assert.ok(result.diagnostics.some((d) => d.code === 'below-minimum' && d.source === 'Prompt Cache Lint'), JSON.stringify(result.diagnostics));
      assert.match(result.hover, /Prompt cache breakpoint/);
      assert.ok(result.actions.includes('Disable below-minimum for this file'), result.actions.join(' | '));
      assert.strictEqual(result.applied, 'Remove ineffective cache_control');
      // The buffer changed exactly as the core's fix says: one cache_control fewer, nothing else.
      assert.strictEqual(result.after.split('cache_control').length, original.split('cache_control').length - 1);
      assert.strictEqual(fs.readFileSync(file, 'utf8'), original, 'the file on disk is not written');
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
