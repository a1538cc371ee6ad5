import * as vscode from 'vscode';
import { ruleDocsUrl } from '../core';
import { DIAGNOSTIC_SOURCE, ruleIdOf, toRange, toWorkspaceEdit } from './convert';
import type { DocumentLinter } from './document-linter';
import type { Logger } from './logger';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('promptCacheLint');

export function fixAllRuleTitle(ruleId: string): string {
  return `Fix all ${ruleId} problems in this file`;
}

function sameRange(a: vscode.Range, b: vscode.Range): boolean {
  return a.isEqual(b);
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
        return this.fixAll(document);
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
        // As ESLint's: "Fix all <rule> problems" when the file has more than one of them to fix safely.
        if (findings.filter((f) => f.ruleId === finding.ruleId && f.fixes.some((x) => x.safe)).length > 1 && !actions.some((a) => a.title === fixAllRuleTitle(finding.ruleId))) {
          const edit = this.linter.fixAllEdit(document, finding.ruleId);
          if (edit) {
            const all = new vscode.CodeAction(fixAllRuleTitle(finding.ruleId), vscode.CodeActionKind.QuickFix);
            all.edit = toWorkspaceEdit(document, [edit]);
            all.diagnostics = [diagnostic];
            actions.push(all);
          }
        }
        const docs = new vscode.CodeAction(`Show documentation for ${finding.ruleId}`, vscode.CodeActionKind.QuickFix);
        docs.command = { title: docs.title, command: 'vscode.open', arguments: [vscode.Uri.parse(ruleDocsUrl(finding.ruleId))] };
        docs.diagnostics = [diagnostic];
        actions.push(docs);
      }
      if (!context.only || FIX_ALL_KIND.intersects(context.only)) {
        actions.push(...this.fixAll(document));
      }
      return actions;
    });
  }

  private fixAll(document: vscode.TextDocument): vscode.CodeAction[] {
    const edit = this.linter.fixAllEdit(document);
    if (!edit) {
      return [];
    }
    const action = new vscode.CodeAction('Fix all safe Prompt Cache Lint problems', FIX_ALL_KIND);
    action.edit = toWorkspaceEdit(document, [edit]);
    return [action];
  }
}
