import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import { CACHE_MAP_CSS, MODEL_FAMILIES, type RequestModel, cacheMapOf, escapeHtml, renderCacheMap } from '../core';
import { familyByKey } from '../core/models/model-catalog';
import type { DocumentLinter } from './document-linter';
import type { Logger } from './logger';

/**
 * The "Prompt cache" panel: the cache map of the request under the cursor (the renderer the CLI's
 * HTML report uses), redrawn after every lint and cursor move, with a model switcher ("what if
 * Haiku 4.5?") and keyboard-reachable segments that jump to their source line. Strict content
 * security policy: no remote resources, one inline script allowed by a nonce.
 */
export class CacheMapPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private editor: vscode.TextEditor | undefined = vscode.window.activeTextEditor;
  private modelKey: string | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** The page last drawn (for tests). */
  html = '';
  /** What it was drawn from: the same content is not drawn again (the webview would reload). */
  private drawn = '';

  constructor(
    private readonly documents: DocumentLinter,
    private readonly log: Logger,
  ) {
    this.subscriptions.push(
      documents.onDidLint(({ uri }) => {
        if (this.editor && uri.toString() === this.editor.document.uri.toString()) {
          this.update();
        }
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        // The panel itself takes focus: keep drawing the last text editor's request.
        if (editor) {
          this.editor = editor;
          this.update();
        }
      }),
      vscode.window.onDidChangeTextEditorSelection((event) => {
        if (event.textEditor === this.editor) {
          this.update();
        }
      }),
    );
  }

  show(): void {
    if (this.panel) {
      this.panel.reveal(vscode.ViewColumn.Beside, true);
      this.update();
      return;
    }
    this.panel = vscode.window.createWebviewPanel('promptCacheLint.cacheMap', 'Prompt cache', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true, localResourceRoots: [] });
    this.panel.onDidDispose(() => {
      this.panel = undefined;
      this.html = '';
      this.drawn = '';
    });
    this.panel.webview.onDidReceiveMessage((message: { model?: string; line?: number }) => {
      if (typeof message.model === 'string') {
        this.modelKey = message.model || undefined;
        this.update();
      } else if (typeof message.line === 'number' && this.editor) {
        const position = new vscode.Position(Math.max(0, message.line - 1), 0);
        void vscode.window.showTextDocument(this.editor.document, { viewColumn: this.editor.viewColumn, selection: new vscode.Range(position, position) });
      }
    });
    this.update();
  }

  private requestAtCursor(requests: readonly RequestModel[]): RequestModel | undefined {
    const line = this.editor?.selection.active.line ?? 0;
    const containing = requests.find((r) => r.call.range.start.line <= line && line <= r.call.range.end.line);
    const before = [...requests].reverse().find((r) => r.call.range.start.line <= line);
    return containing ?? before ?? requests[0];
  }

  private update(): void {
    const panel = this.panel;
    if (!panel) {
      return;
    }
    this.log.guard('cache map', undefined, () => {
      const document = this.editor?.document;
      const linted = document && this.documents.resultFor(document);
      let body: string;
      if (!document) {
        body = '<p>Open a Python or TypeScript/JavaScript file with a Claude request.</p>';
      } else if (!linted) {
        body = `<p>${escapeHtml(vscode.workspace.asRelativePath(document.uri))} is not linted (yet).</p>`;
      } else {
        const request = this.requestAtCursor(linted.result.requests);
        if (!request) {
          body = `<p>No Claude request in ${escapeHtml(vscode.workspace.asRelativePath(document.uri))}.</p>`;
        } else {
          const family = this.modelKey ? familyByKey(this.modelKey) : request.model.family;
          const title = `${request.call.callee} at line ${request.call.range.start.line + 1}${linted.result.requests.length > 1 ? ` (one of ${linted.result.requests.length}; move the cursor to another)` : ''}`;
          body = renderCacheMap(cacheMapOf(request, title, family));
        }
      }
      const key = `${this.modelKey ?? ''}\n${body}`;
      if (key !== this.drawn) {
        this.drawn = key;
        this.html = this.page(panel.webview, body);
        panel.webview.html = this.html;
      }
    });
  }

  private page(webview: vscode.Webview, body: string): string {
    const nonce = randomBytes(16).toString('base64');
    const options = [`<option value="">the request's model</option>`, ...MODEL_FAMILIES.filter((f) => f.prices).map((f) => `<option value="${escapeHtml(f.key)}"${f.key === this.modelKey ? ' selected' : ''}>${escapeHtml(f.displayName)}</option>`)].join('');
    return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource} 'unsafe-inline'; script-src 'nonce-${nonce}';"><style>body{font-family:var(--vscode-font-family);color:var(--vscode-foreground)}${CACHE_MAP_CSS}</style></head><body><label>Model: <select id="model">${options}</select></label>${body}<script nonce="${nonce}">const vscode=acquireVsCodeApi();document.getElementById('model').addEventListener('change',(e)=>vscode.postMessage({model:e.target.value}));for(const s of document.querySelectorAll('.segment')){const go=()=>vscode.postMessage({line:Number(s.dataset.line)});s.addEventListener('click',go);s.addEventListener('keydown',(e)=>{if(e.key==='Enter'||e.key===' '){e.preventDefault();go();}});}</script></body></html>`;
  }

  /** The page without its per-draw nonce, for tests. */
  get content(): string {
    return this.html.replace(/nonce-[^'"]+|nonce="[^"]+"/g, 'nonce');
  }

  dispose(): void {
    this.panel?.dispose();
    this.subscriptions.forEach((s) => s.dispose());
  }
}
