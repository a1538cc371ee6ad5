/**
 * A minimal stand-in for the `vscode` module, enough for `activate()` to run in plain Node so the
 * benchmark can time activation (a real VS Code cannot be timed from outside here). It records
 * registrations and does nothing else.
 */
class Disposable {
  dispose(): void {}
}
class EventEmitter<T> {
  private listeners: ((e: T) => void)[] = [];
  event = (listener: (e: T) => void) => {
    this.listeners.push(listener);
    return new Disposable();
  };
  fire(e: T): void {
    this.listeners.forEach((l) => l(e));
  }
  dispose(): void {}
}
class CodeActionKind {
  static QuickFix = new CodeActionKind('quickfix');
  static SourceFixAll = new CodeActionKind('source.fixAll');
  constructor(readonly value: string) {}
  append(part: string): CodeActionKind {
    return new CodeActionKind(`${this.value}.${part}`);
  }
}
const registration = () => new Disposable();
export const stub = {
  Disposable,
  EventEmitter,
  CodeActionKind,
  DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
  languages: {
    createDiagnosticCollection: () => ({ set() {}, delete() {}, dispose() {} }),
    registerCodeActionsProvider: registration,
    registerHoverProvider: registration,
    registerInlayHintsProvider: registration,
    createLanguageStatusItem: () => ({ dispose() {} }),
  },
  workspace: {
    onDidOpenTextDocument: registration,
    onDidChangeTextDocument: registration,
    onDidCloseTextDocument: registration,
    onDidSaveTextDocument: registration,
    onDidChangeConfiguration: registration,
    // Notebook events (the notebook linter of issue 12): the stub lacked them, so activation failed here.
    onDidOpenNotebookDocument: registration,
    onDidChangeNotebookDocument: registration,
    onDidCloseNotebookDocument: registration,
    notebookDocuments: [],
    createFileSystemWatcher: () => ({ onDidChange: registration, onDidCreate: registration, onDidDelete: registration, dispose() {} }),
    textDocuments: [],
    getConfiguration: () => ({ get: (_k: string, d: unknown) => d, inspect: () => undefined }),
  },
  window: { createOutputChannel: () => ({ info() {}, error() {}, show() {}, dispose() {} }), onDidChangeActiveTextEditor: registration, onDidChangeTextEditorSelection: registration, activeTextEditor: undefined },
  commands: { registerCommand: registration },
};
