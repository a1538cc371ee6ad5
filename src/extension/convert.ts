import * as vscode from 'vscode';
import { type Finding, type Severity, type SourceRange, type TextEdit, ruleDocsUrl } from '../core';

/** The one place core results become VS Code objects. */

export const DIAGNOSTIC_SOURCE = 'Prompt Cache Lint';

const severities: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export function toRange(range: SourceRange): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

export function toDiagnostic(finding: Finding): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(finding.range), finding.message, severities[finding.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: finding.ruleId, target: vscode.Uri.parse(ruleDocsUrl(finding.ruleId)) };
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
