import * as path from 'path';
import * as vscode from 'vscode';

/**
 * Not a test: stages the README picture. Opens an example, puts the cursor on a finding and shows
 * its hover (the runner takes the screenshot when this returns). Scenario: PCL_SCREENSHOT=hover|quickfix|cachemap|none.
 */
export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension<{ onDidLintDocument: vscode.Event<unknown>; isLinted(d: vscode.TextDocument): boolean }>('prompt-cache-lint.prompt-cache-lint');
  const api = await extension!.activate();
  const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
  const document = await vscode.workspace.openTextDocument(path.join(folder, 'python', 'rag_bot.py'));
  const editor = await vscode.window.showTextDocument(document);
  while (!api.isLinted(document)) {
    await new Promise((r) => setTimeout(r, 100));
  }
  const scenario = process.env.PCL_SCREENSHOT ?? 'hover';
  const line = document.getText().split('\n').findIndex((l) => l.includes(scenario === 'quickfix' ? 'The current time is' : '"cache_control": {"type": "ephemeral"}'));
  const text = document.lineAt(line).text;
  const column = scenario === 'quickfix' ? text.indexOf('datetime.now') + 2 : text.indexOf('"cache_control"') + 3;
  editor.selection = new vscode.Selection(line, column, line, column);
  editor.revealRange(new vscode.Range(line - 12, 0, line + 8, 0), vscode.TextEditorRevealType.AtTop);
  await new Promise((r) => setTimeout(r, 1500));
  if (scenario === 'cachemap') {
    await vscode.commands.executeCommand('promptCacheLint.showCacheMap');
  } else if (scenario !== 'none') {
    await vscode.commands.executeCommand(scenario === 'quickfix' ? 'editor.action.quickFix' : 'editor.action.showHover');
  }
  await new Promise((r) => setTimeout(r, 2500));
  // The runner shoots on this line: after the suite returns the extension host shuts down and
  // its diagnostics and hints disappear.
  console.log(SCREENSHOT_READY);
  await new Promise((r) => setTimeout(r, 4000));
}

export const SCREENSHOT_READY = 'prompt-cache-lint:screenshot-ready';
