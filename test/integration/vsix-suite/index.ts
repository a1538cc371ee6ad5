import * as assert from 'assert';
import * as vscode from 'vscode';

/**
 * Runs in code-server with the packaged .vsix installed (no development path): the examples
 * folder is open, and every example must light up with diagnostics from the installed extension.
 */
export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension<{ onDidLintDocument: vscode.Event<{ uri: vscode.Uri }>; isLinted(d: vscode.TextDocument): boolean }>('prompt-cache-lint.prompt-cache-lint');
  assert.ok(extension, 'the packaged extension is not installed');
  assert.ok(!extension.extensionPath.includes('/test/'), `expected the installed copy, got ${extension.extensionPath}`);
  const api = await extension.activate();
  const files = await vscode.workspace.findFiles('**/*.{py,ts}');
  assert.ok(files.length >= 8, `found ${files.length} example files`);
  for (const uri of files) {
    const document = await vscode.workspace.openTextDocument(uri);
    if (!api.isLinted(document)) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no lint of ${uri.fsPath}`)), 30_000);
        const listener = api.onDidLintDocument((event) => {
          if (event.uri.toString() === uri.toString()) {
            clearTimeout(timer);
            listener.dispose();
            resolve();
          }
        });
      });
    }
    const ours = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Prompt Cache Lint');
    console.log(`${vscode.workspace.asRelativePath(uri)}: ${ours.length} diagnostics`);
    assert.ok(ours.length > 0, `${uri.fsPath} has no diagnostics`);
  }
}
