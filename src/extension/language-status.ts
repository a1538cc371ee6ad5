import * as vscode from 'vscode';
import { resolveModel } from '../core';
import type { DocumentLinter } from './document-linter';
import { SETTINGS_SECTION } from './settings';

/** What the language status item says for a document, also returned to tests through the extension's API. */
export interface StatusSummary {
  text: string;
  detail: string;
}

/**
 * The language status item (the `{}` in the status bar, as ESLint and Pylance have): how many
 * Claude requests the active file has, the model assumed where one is not known, when it was
 * last linted, with links to the settings and to the log.
 */
export class LanguageStatus implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private readonly logItem: vscode.LanguageStatusItem;
  private readonly mapItem: vscode.LanguageStatusItem;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly lintedAt = new Map<string, Date>();

  constructor(
    selector: vscode.DocumentSelector,
    private readonly documents: DocumentLinter,
  ) {
    this.item = vscode.languages.createLanguageStatusItem('promptCacheLint.status', selector);
    this.item.name = 'Prompt Cache Lint';
    this.item.command = { title: 'Settings', command: 'workbench.action.openSettings', arguments: [SETTINGS_SECTION] };
    this.logItem = vscode.languages.createLanguageStatusItem('promptCacheLint.log', selector);
    this.logItem.name = 'Prompt Cache Lint log';
    this.logItem.text = 'Prompt Cache Lint';
    this.logItem.command = { title: 'Show log', command: 'promptCacheLint.showOutput' };
    this.mapItem = vscode.languages.createLanguageStatusItem('promptCacheLint.cacheMap', selector);
    this.mapItem.name = 'Prompt cache map';
    this.mapItem.text = 'Prompt cache';
    this.mapItem.command = { title: 'Show cache map', command: 'promptCacheLint.showCacheMap' };
    this.subscriptions.push(
      documents.onDidLint(({ uri }) => {
        this.lintedAt.set(uri.toString(), new Date());
        this.refresh();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
    );
    this.refresh();
  }

  summary(document: vscode.TextDocument | undefined): StatusSummary {
    const linted = document && this.documents.resultFor(document);
    if (!document || !linted) {
      return { text: 'Prompt Cache Lint', detail: 'not linted yet' };
    }
    const requests = linted.result.requests;
    const assumed = requests.filter((r) => r.model.assumed && !r.model.candidates && r.model.environmentVariable === undefined);
    const defaultModel = resolveModel(linted.settings.config.defaultModel).family?.displayName ?? linted.settings.config.defaultModel;
    const at = this.lintedAt.get(document.uri.toString());
    const parts = [
      assumed.length > 0 ? `${assumed.length} on the assumed model ${defaultModel}` : `default model ${defaultModel}`,
      at ? `linted at ${at.toLocaleTimeString()}` : undefined,
    ].filter(Boolean);
    return { text: `${requests.length} Claude request${requests.length === 1 ? '' : 's'}`, detail: parts.join(' · ') };
  }

  private refresh(): void {
    const { text, detail } = this.summary(vscode.window.activeTextEditor?.document);
    this.item.text = text;
    this.item.detail = detail;
  }

  dispose(): void {
    this.item.dispose();
    this.logItem.dispose();
    this.mapItem.dispose();
    this.subscriptions.forEach((s) => s.dispose());
  }
}
