// Bundles the extension into dist/extension.js with esbuild and copies the parser WASM it needs.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const production = process.argv.includes('--production');

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: ['src/extension/extension.ts'],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outfile: 'dist/extension.js',
  external: ['vscode'],
  plugins: [
    {
      // The token ranks (~1 MB of text) stay out of the bundle and load on the first count,
      // so activation does not pay for parsing them.
      name: 'lazy-token-ranks',
      setup(b) {
        b.onResolve({ filter: /^js-tiktoken\/ranks\/cl100k_base$/ }, () => ({ path: './cl100k_base.js', external: true }));
      },
    },
  ],
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
});

const wasmDir = dirname(require.resolve('@vscode/tree-sitter-wasm'));
mkdirSync('dist/wasm', { recursive: true });
for (const file of ['tree-sitter.wasm', 'tree-sitter-python.wasm', 'tree-sitter-typescript.wasm', 'tree-sitter-tsx.wasm', 'tree-sitter-javascript.wasm']) {
  copyFileSync(join(wasmDir, file), join('dist/wasm', file));
}
copyFileSync(require.resolve('js-tiktoken/ranks/cl100k_base'), 'dist/cl100k_base.js');
console.log(`bundled dist/extension.js${production ? ' (production)' : ''} and ${5} parser wasm files`);
