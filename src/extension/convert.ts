import * as vscode from 'vscode';
import type { Finding, SourceRange, TextEdit } from '../core';
import { DIAGNOSTIC_SOURCE, type LspRange, diagnosticOf } from '../protocol/lsp-shapes';

/** Core results become VS Code objects here, from the protocol shapes the language server sends too. */

export { DIAGNOSTIC_SOURCE };

/** LSP severities (1 error … 4 hint) are VS Code's plus one. */
const severities = [vscode.DiagnosticSeverity.Error, vscode.DiagnosticSeverity.Warning, vscode.DiagnosticSeverity.Information, vscode.DiagnosticSeverity.Hint];

export function toRange(range: SourceRange | LspRange): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

export function toDiagnostic(finding: Finding): vscode.Diagnostic {
  const shape = diagnosticOf(finding);
  const diagnostic = new vscode.Diagnostic(toRange(shape.range), shape.message, severities[shape.severity - 1]);
  diagnostic.source = shape.source;
  diagnostic.code = { value: shape.code, target: vscode.Uri.parse(shape.codeDescription.href) };
  return diagnostic;
}

export function ruleIdOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  return typeof code === 'object' && code !== null ? String(code.value) : code === undefined ? undefined : String(code);
}

/** Core edits are offsets into the text that was linted, which is the document at that version. */
export function toWorkspaceEdit(document: vscode.TextDocument, edits: readonly TextEdit[], edit = new vscode.WorkspaceEdit()): vscode.WorkspaceEdit {
  for (const e of edits) {
    edit.replace(document.uri, new vscode.Range(document.positionAt(e.startOffset), document.positionAt(e.endOffset)), e.newText);
  }
  return edit;
}
