import * as path from 'path';
import type { Language, Node as SyntaxNode, Parser, Query, Tree } from '@vscode/tree-sitter-wasm';
import type { SourceLanguage } from '../types';

export type { SyntaxNode, Tree };

/** Which tree-sitter grammar parses a file: TSX needs its own grammar, JS/JSX share one. */
export type GrammarId = 'python' | 'typescript' | 'tsx' | 'javascript';

type TreeSitterModule = typeof import('@vscode/tree-sitter-wasm');

let runtime: Promise<TreeSitterModule> | undefined;
let loadedRuntime: TreeSitterModule | undefined;
const grammars = new Map<GrammarId, Promise<Language>>();

let wasmDirectoryOverride: string | undefined;

/** Where the tree-sitter runtime and grammar .wasm files are (a bundled extension ships its own copy). */
export function setWasmDirectory(directory: string): void {
  wasmDirectoryOverride = directory;
}

function wasmDirectory(): string {
  // The package name is in a variable so bundlers leave the lookup alone (bundles call setWasmDirectory).
  const runtimePackage = '@vscode/tree-sitter-wasm';
  return wasmDirectoryOverride ?? path.dirname(require.resolve(runtimePackage));
}

/** The WASM runtime is loaded once, on first use, so activation stays cheap. */
function loadRuntime(): Promise<TreeSitterModule> {
  if (!runtime) {
    runtime = (async () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const treeSitter = require('@vscode/tree-sitter-wasm') as TreeSitterModule;
      const dir = wasmDirectory();
      await treeSitter.Parser.init({ locateFile: (file: string) => path.join(dir, file) });
      loadedRuntime = treeSitter;
      return treeSitter;
    })();
  }
  return runtime;
}

function loadGrammar(id: GrammarId): Promise<Language> {
  let grammar = grammars.get(id);
  if (!grammar) {
    grammar = loadRuntime().then((ts) => ts.Language.load(path.join(wasmDirectory(), `tree-sitter-${id}.wasm`)));
    grammars.set(id, grammar);
  }
  return grammar;
}

/** A ready parser for one grammar. Parsing itself is synchronous once the grammar is loaded. */
export class SourceParser {
  private constructor(private readonly parser: Parser) {}

  static async create(id: GrammarId): Promise<SourceParser> {
    const ts = await loadRuntime();
    const language = await loadGrammar(id);
    const parser = new ts.Parser();
    parser.setLanguage(language);
    return new SourceParser(parser);
  }

  parse(text: string, previous?: Tree): Tree {
    const tree = this.parser.parse(text, previous ?? null);
    if (!tree) {
      throw new Error('tree-sitter returned no tree');
    }
    return tree;
  }
}

export function grammarFor(language: SourceLanguage, fileName?: string): GrammarId {
  if (language === 'python') {
    return 'python';
  }
  const ext = fileName ? path.extname(fileName).toLowerCase() : '';
  if (language === 'typescript') {
    return ext === '.tsx' ? 'tsx' : 'typescript';
  }
  return 'javascript';
}

const extensionLanguages: Record<string, SourceLanguage> = {
  '.py': 'python',
  '.pyi': 'python',
  '.ts': 'typescript',
  '.tsx': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.js': 'javascript',
  '.jsx': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
};

/** The language of a file by its extension, or undefined for files the linter does not read. */
export function languageOfFile(fileName: string): SourceLanguage | undefined {
  return extensionLanguages[path.extname(fileName).toLowerCase()];
}

const queries = new Map<Language, Map<string, Query>>();

/**
 * A query capturing every node of the given types (those the grammar has), compiled once per
 * grammar. Running it walks the tree inside WASM, far cheaper than a cursor driven from JS. Each
 * capture is named after its node's type, so callers can read the type without a call into WASM.
 */
export function nodeTypeQuery(language: Language, types: readonly string[]): Query {
  const key = types.join(',');
  let byKey = queries.get(language);
  if (!byKey) {
    byKey = new Map();
    queries.set(language, byKey);
  }
  let query = byKey.get(key);
  if (!query) {
    if (!loadedRuntime) {
      throw new Error('tree-sitter is not loaded');
    }
    const known = types.filter((type) => language.idForNodeType(type, true));
    query = new loadedRuntime.Query(language, known.map((type) => `(${type}) @${type}`).join(' '));
    byKey.set(key, query);
  }
  return query;
}
