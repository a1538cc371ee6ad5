import * as vscode from 'vscode';

/**
 * The extension's output channel. Errors are logged once per distinct message and never shown as
 * pop-ups: a linter must not interrupt typing.
 */
export class Logger implements vscode.Disposable {
  private readonly seen = new Set<string>();
  private readonly channel: vscode.LogOutputChannel;

  constructor() {
    this.channel = vscode.window.createOutputChannel('Prompt Cache Lint', { log: true });
  }

  info(message: string): void {
    this.channel.info(message);
  }

  once(key: string, message: string): void {
    if (this.seen.has(key) || this.seen.size > 500) {
      return;
    }
    this.seen.add(key);
    this.channel.error(message);
  }

  /** Run a provider body; an exception is logged once and the provider returns its fallback. */
  guard<T>(where: string, fallback: T, body: () => T): T {
    try {
      return body();
    } catch (error) {
      this.once(`${where}:${(error as Error).message}`, `${where} failed: ${(error as Error).stack ?? error}`);
      return fallback;
    }
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
