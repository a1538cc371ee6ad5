import * as vscode from 'vscode';
import { type Finding, type Fix, ruleDocsUrl } from '../core';
import { DIAGNOSTIC_SOURCE, ruleIdOf, toRange, toWorkspaceEdit } from './convert';
import type { DocumentLinter } from './document-linter';
import type { Logger } from './logger';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('promptCacheLint');

function sameRange(a: vscode.Range, b: vscode.Range): boolean {
  return a.isEqual(b);
}

function overlaps(a: Fix, b: Fix): boolean {
  return a.edits.some((x) => b.edits.some((y) => x.startOffset < y.endOffset && y.startOffset < x.endOffset));
}

/** The first safe fix of every finding, skipping any that would overlap an earlier one. */
export function safeFixes(findings: readonly Finding[]): Fix[] {
  const chosen: Fix[] = [];
  for (const finding of findings) {
    const fix = finding.fixes.find((f) => f.safe);
    if (fix && !chosen.some((c) => overlaps(c, fix))) {
      chosen.push(fix);
    }
  }
  return chosen;
}

/**
 * Quick fixes for our own diagnostics (VS Code passes every extension's diagnostics on the range:
 * filter by source), plus `source.fixAll.promptCacheLint`. Fixes are looked up in the result for
 * the document's current version, so an edit made after the lint never gets stale offsets.
 */
export class CacheCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND];

  constructor(
    private readonly linter: DocumentLinter,
    private readonly log: Logger,
  ) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    return this.log.guard('code actions', [], () => {
      const linted = this.linter.resultFor(document);
      if (!linted) {
        return [];
      }
      const findings = linted.result.findings;
      if (context.only && FIX_ALL_KIND.intersects(context.only) && !vscode.CodeActionKind.QuickFix.intersects(context.only)) {
        return this.fixAll(document, findings);
      }
      const actions: vscode.CodeAction[] = [];
      for (const diagnostic of context.diagnostics) {
        if (diagnostic.source !== DIAGNOSTIC_SOURCE) {
          continue;
        }
        const ruleId = ruleIdOf(diagnostic);
        const finding = findings.find((f) => f.ruleId === ruleId && f.message === diagnostic.message && sameRange(toRange(f.range), diagnostic.range));
        if (!finding) {
          continue;
        }
        let preferred = false;
        for (const fix of finding.fixes) {
          const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
          action.edit = toWorkspaceEdit(document, fix.edits);
          action.diagnostics = [diagnostic];
          if (fix.safe && !preferred) {
            action.isPreferred = true;
            preferred = true;
          }
          actions.push(action);
        }
        const docs = new vscode.CodeAction(`Show documentation for ${finding.ruleId}`, vscode.CodeActionKind.QuickFix);
        docs.command = { title: docs.title, command: 'vscode.open', arguments: [vscode.Uri.parse(ruleDocsUrl(finding.ruleId))] };
        docs.diagnostics = [diagnostic];
        actions.push(docs);
      }
      if (!context.only || FIX_ALL_KIND.intersects(context.only)) {
        actions.push(...this.fixAll(document, findings));
      }
      return actions;
    });
  }

  private fixAll(document: vscode.TextDocument, findings: readonly Finding[]): vscode.CodeAction[] {
    const fixes = safeFixes(findings);
    if (fixes.length === 0) {
      return [];
    }
    const action = new vscode.CodeAction('Fix all safe Prompt Cache Lint problems', FIX_ALL_KIND);
    action.edit = toWorkspaceEdit(
      document,
      fixes.flatMap((f) => f.edits),
    );
    return [action];
  }
}
