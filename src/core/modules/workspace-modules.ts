import * as path from 'path';
import { type GrammarId, type SourceParser, type Tree, grammarFor, languageOfFile } from '../parsing/parser';
import type { FolderPromptFiles } from '../prompt-files';
import type { FileSyntax } from '../syntax/language-support';
import { analyseJs } from '../syntax/js-walk';
import { analysePython } from '../syntax/python-walk';
import { type ObjectValue, type Value, entryOf, registerModuleTree, unknown } from '../syntax/values';
import { dataValue, parseData } from '../syntax/data-files';
import type { SourceLanguage } from '../types';
import type { SyntaxNode } from '../parsing/parser';
import type { ArgumentValues, ImportedName, ModuleLinks } from './imports';
import type { RequestCall } from '../syntax/language-support';
import { relocate } from './relocate';
import { ConfigCache, type ResolverFiles, resolveModule } from './resolve';

/** Import chains longer than this are not followed (a value re-exported through eight barrels stays unknown). */
const MAX_CHAIN = 8;
/** Modules whose values are being computed at once (an import inside an imported value inside …). */
const MAX_NESTED_MODULES = 12;
/** Modules kept parsed between lints, least recently used dropped first. */
const MAX_KEPT_MODULES = 200;
const MAX_KEPT_CHARS = 12_000_000;

interface ModuleEntry {
  file: string;
  /** Where its text was read (symlinks resolved): editors watch this. */
  readPath: string;
  /** Root-relative, for messages and hovers. */
  relative: string;
  stamp: string;
  language: SourceLanguage;
  tree: Tree;
  syntax: FileSyntax;
  chars: number;
  /** The lint session that last used it (values are recomputed once per session). */
  session: number;
}

type Found =
  | { kind: 'value'; value: Value; definition?: { node: SyntaxNode; entry: ModuleEntry } }
  /** Read from a JSON module (`import data from './x.json'`): built on the use that reads it. */
  | { kind: 'data'; data: unknown; file: string }
  | { kind: 'function'; entry: ModuleEntry; fn: SyntaxNode; name: string }
  | { kind: 'module'; entry: ModuleEntry }
  | { kind: 'unknown'; reason: string };

/**
 * The workspace's modules as imports reach them: resolved inside the root, read with the same
 * confinement and size cap as prompt files, parsed once per content and kept (their syntax and
 * bindings) across lints; their values are recomputed in each lint, so a change to anything they
 * import is always seen. Nothing is executed.
 */
export class WorkspaceModules {
  private readonly entries = new Map<string, ModuleEntry>();
  private readonly config: ConfigCache;
  private readonly resolverFiles: ResolverFiles;
  private session = 0;
  private parsers: (grammar: GrammarId) => SourceParser | undefined = () => undefined;
  /** Modules and prompt files the current lint read through imports. */
  private readonly read = new Set<string>();
  /** (file, name) pairs being evaluated: an import cycle ends here. */
  private readonly open = new Set<string>();
  private depth = 0;
  private readonly retired: Tree[] = [];
  /** The linted file's tree, and the uses in it that values from other modules were moved onto. */
  private mainTree: Tree | undefined;
  readonly importedUses = new Set<string>();
  /** Where each (folder, specifier) pointed in this lint: resolving stats several candidates, once is enough. */
  private readonly resolved = new Map<string, string | undefined>();

  constructor(private readonly files: FolderPromptFiles) {
    this.resolverFiles = {
      root: files.root,
      isFile: (file) => files.isFile(file),
      stampOf: (file) => files.stampOf(file),
      readConfig: (file) => {
        const result = files.isFile(file) ? files.readWorkspaceFile(file) : undefined;
        return result && 'text' in result ? result.text : undefined;
      },
    };
    this.config = new ConfigCache(this.resolverFiles, () => files.workspacePackages());
  }

  /** Start a lint: parsers for the grammars already loaded; returns what the linted file's evaluator uses. */
  begin(mainTree: Tree, parsers: (grammar: GrammarId) => SourceParser | undefined): void {
    this.session++;
    this.mainTree = mainTree;
    this.parsers = parsers;
    this.importedUses.clear();
    this.resolved.clear();
    this.read.clear();
    this.config.refresh((file) => this.files.stampOf(file));
    this.open.clear();
    this.depth = 0;
  }

  /** End a lint: what it read (for editors to watch), and modules beyond the cache's size let go. */
  end(): string[] {
    if (!this.mainTree) {
      return [];
    }
    const read = [...this.read];
    for (const entry of this.entries.values()) {
      if (entry.session === this.session) {
        entry.syntax.evaluator.promptFilesRead.forEach((file) => read.push(file));
        // Values are recomputed in the next lint anyway: let them go now, while they are young.
        entry.syntax.evaluator.resetValues();
      }
    }
    this.evict();
    for (const tree of this.retired.splice(0)) {
      tree.delete();
    }
    this.mainTree = undefined;
    return [...new Set(read)];
  }

  /** The links an evaluator of `file` uses to reach what it imports. */
  linksFor(file: string, language: SourceLanguage): ModuleLinks {
    return {
      value: (imported, steps, use) => this.valueAt(file, language, imported, steps, use),
      request: (imported, steps, call, args) => this.requestAt(file, language, imported, steps, call, args),
      definition: (imported, steps) => {
        const found = this.find(file, language, imported, [...steps], 0);
        return found?.kind === 'value' && found.definition ? { node: found.definition.node, evaluator: found.definition.entry.syntax.evaluator } : undefined;
      },
      call: (imported, steps, call, args) => this.callAt(file, language, imported, steps, call, args),
    };
  }

  private valueAt(importer: string, language: SourceLanguage, imported: ImportedName, steps: string[], use: SyntaxNode): Value | undefined {
    const found = this.find(importer, language, imported, [...steps], 0);
    if (!found) {
      return undefined;
    }
    this.noteUse(use);
    switch (found.kind) {
      case 'value':
        return relocate(found.value, use);
      case 'data':
        return dataValue(found.data, use, [found.file]);
      case 'unknown':
        return unknown(use, found.reason);
      default:
        // A module or a function used as a value: nothing to add to what the name already says.
        return undefined;
    }
  }

  private callAt(importer: string, language: SourceLanguage, imported: ImportedName, steps: string[], call: SyntaxNode, args: ArgumentValues): Value | undefined {
    const found = this.find(importer, language, imported, [...steps], 0);
    if (found) {
      this.noteUse(call);
    }
    if (found?.kind === 'unknown') {
      return unknown(call, found.reason);
    }
    if (found?.kind !== 'function') {
      return undefined;
    }
    const key = `${found.entry.file}#${found.name}()`;
    if (this.open.has(key) || this.depth >= MAX_CHAIN) {
      return unknown(call, this.open.has(key) ? `\`${found.name}()\` calls itself through its imports` : `\`${found.name}()\` is too many modules deep to follow`);
    }
    this.open.add(key);
    this.depth++;
    try {
      return relocate(found.entry.syntax.evaluator.callExported(call, found.fn, found.name, args), call);
    } finally {
      this.depth--;
      this.open.delete(key);
    }
  }

  private noteUse(use: SyntaxNode): void {
    if (use.tree === this.mainTree) {
      this.importedUses.add(`${use.startIndex}:${use.endIndex}`);
    }
  }

  private requestAt(importer: string, language: SourceLanguage, imported: ImportedName, steps: string[], call: SyntaxNode, args: ArgumentValues): RequestCall | undefined {
    const found = this.find(importer, language, imported, [...steps], 0);
    if (found?.kind !== 'function') {
      return undefined;
    }
    const key = `${found.entry.file}#${found.name}()`;
    if (this.open.has(key) || this.depth >= MAX_CHAIN) {
      return undefined;
    }
    this.open.add(key);
    this.depth++;
    try {
      const { evaluator, candidateCalls, findRequests } = found.entry.syntax;
      const request = evaluator.wrappedRequest(found.fn, args, candidateCalls, findRequests);
      if (!request) {
        return undefined;
      }
      this.noteUse(call);
      return { node: call, callee: `${found.name}(…) → ${request.callee}`, method: request.method, isBatch: request.isBatch, args: relocate(request.args, call) as ObjectValue };
    } finally {
      this.depth--;
      this.open.delete(key);
    }
  }

  /** What `imported` (then attributes `steps`) is, seen from `importer`; undefined when it is not a workspace module's. */
  private find(importer: string, language: SourceLanguage, imported: ImportedName, steps: string[], chain: number): Found | undefined {
    if (chain >= MAX_CHAIN) {
      return { kind: 'unknown', reason: `\`${imported.name}\` is re-exported through more than ${MAX_CHAIN} modules` };
    }
    if (this.depth >= MAX_NESTED_MODULES) {
      return { kind: 'unknown', reason: `\`${imported.name}\` is reached through more than ${MAX_NESTED_MODULES} modules` };
    }
    const resolution = `${language}\0${path.dirname(importer)}\0${imported.spec}`;
    if (!this.resolved.has(resolution)) {
      this.resolved.set(resolution, resolveModule(importer, imported.spec, language, this.resolverFiles, this.config));
    }
    const file = this.resolved.get(resolution);
    if (!file) {
      // `from . import prompts` / `from app import prompts`: a submodule, not a name the package defines.
      return language === 'python' && imported.name !== '*' ? this.find(importer, language, { spec: pythonSubmodule(imported.spec, imported.name), name: '*' }, steps, chain + 1) : undefined;
    }
    if (file.endsWith('.json')) {
      return this.jsonModule(file, imported.name, steps);
    }
    const entry = this.load(file);
    if ('reason' in entry) {
      return { kind: 'unknown', reason: entry.reason };
    }
    let name = imported.name;
    if (name === '*') {
      const next = steps.shift();
      if (next === undefined) {
        return { kind: 'module', entry };
      }
      name = next;
    }
    const key = `${entry.file}#${name}`;
    if (this.open.has(key)) {
      return { kind: 'unknown', reason: `\`${name}\` is imported in a cycle (${entry.relative})` };
    }
    this.open.add(key);
    this.depth++;
    try {
      const thing = entry.syntax.evaluator.exported(name);
      if (!thing) {
        for (const star of entry.syntax.evaluator.exports.stars) {
          const found = this.find(entry.file, entry.language, { spec: star, name }, steps, chain + 1);
          if (found) {
            return found;
          }
        }
        if (entry.language === 'python' && path.basename(entry.file) === '__init__.py') {
          return this.find(entry.file, entry.language, { spec: `.${name}`, name: '*' }, steps, chain + 1);
        }
        return undefined;
      }
      if ('imported' in thing) {
        return this.find(entry.file, entry.language, thing.imported, steps, chain + 1);
      }
      if ('fn' in thing) {
        return steps.length === 0 ? { kind: 'function', entry, fn: thing.fn, name: thing.name } : undefined;
      }
      let value: Value | undefined = thing.value;
      for (const step of steps) {
        value = entryOf(value, step)?.value;
      }
      return value ? { kind: 'value', value, ...(thing.node && steps.length === 0 ? { definition: { node: thing.node, entry } } : {}) } : undefined;
    } finally {
      this.depth--;
      this.open.delete(key);
    }
  }

  /** `import data from './x.json'` / `require('./x.json')`: the parsed data, or the part named. */
  private jsonModule(file: string, name: string, steps: string[]): Found {
    const relative = path.relative(this.files.root, file).split(path.sep).join('/');
    const read = this.files.readWorkspaceFile(file);
    if ('reason' in read) {
      return { kind: 'unknown', reason: read.reason };
    }
    this.read.add(read.path);
    const parsed = parseData(read.text, 'json');
    if ('reason' in parsed) {
      return { kind: 'unknown', reason: `\`${relative}\`: ${parsed.reason}` };
    }
    let data = parsed.data;
    for (const step of name === '*' || name === 'default' ? steps : [name, ...steps]) {
      data = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>)[step] : undefined;
    }
    return data === undefined ? { kind: 'unknown', reason: `\`${relative}\` has no \`${[name, ...steps].join('.')}\`` } : { kind: 'data', data, file: relative };
  }

  /** A module parsed and walked, from the cache when its text has not changed. */
  private load(file: string): ModuleEntry | { reason: string } {
    const relative = path.relative(this.files.root, file).split(path.sep).join('/');
    const stamp = this.files.stampOf(file);
    const cached = this.entries.get(file);
    if (cached && cached.session === this.session) {
      return cached;
    }
    if (cached && cached.stamp === stamp) {
      this.use(cached);
      return cached;
    }
    if (cached) {
      this.entries.delete(file);
      this.retired.push(cached.tree);
    }
    const language = languageOfFile(file);
    const parser = language ? this.parsers(grammarFor(language, file)) : undefined;
    if (!language || !parser || stamp === undefined) {
      return { reason: `\`${relative}\` could not be read` };
    }
    const read = this.files.readWorkspaceFile(file);
    if ('reason' in read) {
      return { reason: read.reason };
    }
    this.read.add(read.path);
    const tree = parser.parse(read.text);
    registerModuleTree(tree, relative);
    const reader = this.files.reader(file);
    const links = this.linksFor(file, language);
    const syntax = language === 'python' ? analysePython(tree.rootNode, reader, links, true) : analyseJs(tree.rootNode, reader, links, true);
    const entry: ModuleEntry = { file, readPath: read.path, relative, stamp, language, tree, syntax, chars: read.text.length, session: this.session };
    this.entries.set(file, entry);
    return entry;
  }

  private use(entry: ModuleEntry): void {
    entry.session = this.session;
    entry.syntax.evaluator.resetValues();
    this.read.add(entry.readPath);
    // Most recently used last, for eviction.
    this.entries.delete(entry.file);
    this.entries.set(entry.file, entry);
  }

  private evict(): void {
    let chars = 0;
    for (const entry of this.entries.values()) {
      chars += entry.chars;
    }
    for (const entry of this.entries.values()) {
      if (this.entries.size <= MAX_KEPT_MODULES && chars <= MAX_KEPT_CHARS) {
        break;
      }
      this.entries.delete(entry.file);
      chars -= entry.chars;
      entry.tree.delete();
    }
  }

  /** Drop every kept module (the workspace or settings changed). */
  dispose(): void {
    for (const entry of this.entries.values()) {
      entry.tree.delete();
    }
    this.entries.clear();
    this.config.clear();
  }
}

function pythonSubmodule(spec: string, name: string): string {
  return spec.endsWith('.') ? `${spec}${name}` : `${spec}.${name}`;
}
