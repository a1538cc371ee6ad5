import * as vscode from 'vscode';
import { type RequestModel, bodyKey, countTokensBody, countTokensExactly } from '../core';
import type { DocumentLinter } from './document-linter';
import type { Logger } from './logger';
import { SETTINGS_SECTION } from './settings';

const SECRET_NAME = 'promptCacheLint.anthropicApiKey';
const DEFAULT_BASE_URL = 'https://api.anthropic.com';

export interface CountSummary {
  counted: number;
  cached: number;
  skipped: string[];
  error?: string;
}

/**
 * Exact token counts from Anthropic's count_tokens endpoint, only when the user runs the command.
 * The key lives in VS Code's SecretStorage and nowhere else; results are kept in memory by a hash
 * of the request body, so an unchanged prompt is never sent twice and hovers can show them.
 */
export class ExactCounts {
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly documents: DocumentLinter,
    private readonly log: Logger,
  ) {}

  async setApiKey(key?: string): Promise<boolean> {
    const value =
      key ??
      (await vscode.window.showInputBox({
        title: 'Anthropic API key for exact token counts',
        prompt: 'Stored in VS Code SecretStorage; used only when you run "Count tokens exactly".',
        password: true,
        ignoreFocusOut: true,
      }));
    if (!value?.trim()) {
      return false;
    }
    await this.secrets.store(SECRET_NAME, value.trim());
    return true;
  }

  async clearApiKey(): Promise<void> {
    await this.secrets.delete(SECRET_NAME);
  }

  /** The API count for a request's whole body, if one was fetched for exactly this content. */
  countFor(request: RequestModel, defaultModel: string): number | undefined {
    if (this.counts.size === 0) {
      return undefined;
    }
    const built = countTokensBody(request, defaultModel);
    return 'body' in built ? this.counts.get(bodyKey(built.body)) : undefined;
  }

  /** The base URL is an application-level setting only: a workspace cannot redirect the key. */
  private baseUrl(): string {
    const inspected = vscode.workspace.getConfiguration(SETTINGS_SECTION).inspect<string>('apiBaseUrl');
    return inspected?.globalValue ?? inspected?.defaultValue ?? DEFAULT_BASE_URL;
  }

  async countDocument(document: vscode.TextDocument | undefined): Promise<CountSummary> {
    const summary: CountSummary = { counted: 0, cached: 0, skipped: [] };
    const linted = document && this.documents.resultFor(document);
    if (!linted) {
      summary.error = 'open a linted Python or TypeScript/JavaScript file first';
      return summary;
    }
    const apiKey = await this.secrets.get(SECRET_NAME);
    if (!apiKey) {
      summary.error = 'no API key set: run "Prompt Cache Lint: Set Anthropic API key" first';
      return summary;
    }
    for (const request of linted.result.requests) {
      const line = request.call.range.start.line + 1;
      const built = countTokensBody(request, linted.settings.config.defaultModel);
      if ('reason' in built) {
        summary.skipped.push(`line ${line}: ${built.reason}`);
        continue;
      }
      const key = bodyKey(built.body);
      if (this.counts.has(key)) {
        summary.cached++;
        continue;
      }
      const result = await countTokensExactly(built.body, { apiKey, baseUrl: this.baseUrl() });
      if (!result.ok) {
        // One clear message for the run; the estimates stay in place.
        summary.error = result.message;
        this.log.info(`count_tokens failed: ${result.message}`);
        break;
      }
      this.counts.set(key, result.inputTokens);
      summary.counted++;
    }
    return summary;
  }
}
