import type { SyntaxNode } from '../parsing/parser';
import type { ObjectValue, Value } from '../syntax/values';
import type { RequestCall } from '../syntax/language-support';

/**
 * What the language front ends say about a file's imports and exports, in the engine's terms;
 * resolving and reading modules is written once, in `workspace-modules.ts`.
 */

/** A name bound by an import: which module (as the source spells it) and which of its exports. */
export interface ImportedName {
  /** `./prompts`, `@/lib/prompts`, `app.prompts`, `.prompts`, `..` */
  spec: string;
  /** The export it names; `*` for the module itself (`import * as p`, `import app.prompts as p`), `default` for a default export. */
  name: string;
}

/** What a module exports under one name. */
export type ExportTarget =
  /** A name bound at the top of the module. */
  | { kind: 'local'; name: string }
  /** An expression or declaration exported without a name of its own (`export default …`, `module.exports.X = …`). */
  | { kind: 'node'; node: SyntaxNode }
  /** Re-exported from another module (`export { X } from './x'`). */
  | { kind: 'import'; imported: ImportedName };

export interface ModuleExports {
  named: Map<string, ExportTarget>;
  /** Modules whose exports this one passes on whole (`export * from './x'`, `from .x import *`). */
  stars: string[];
  /** Every top-level name is an export (Python modules). */
  allTopLevel: boolean;
}

export function emptyExports(allTopLevel: boolean): ModuleExports {
  return { named: new Map(), stars: [], allTopLevel };
}

/** A call's arguments, evaluated only when a parameter takes them (where the call is written). */
export interface ArgumentValues {
  positional: Array<() => Value>;
  named: Map<string, () => Value>;
  /** `*args`, `**kwargs`, `...xs`: which parameter takes what is not known. */
  spread: boolean;
  /** The keyword arguments as one object (Python), for a `**kwargs` parameter. */
  keywords?: () => ObjectValue | undefined;
}

/** What a module exports under a name, as its evaluator sees it (`node`: the expression a constant is bound to). */
export type ExportedThing = { value: Value; node?: SyntaxNode } | { fn: SyntaxNode; name: string } | { imported: ImportedName };

/** Where an imported constant is written, with the evaluator of its module (for dialects that read syntax: `anthropic('claude-…')`). */
export interface ModuleDefinition<E = unknown> {
  node: SyntaxNode;
  evaluator: E;
}

/** How an evaluator reaches the values other workspace modules export. */
export interface ModuleLinks {
  /** The value behind an imported name (then `path`, attributes read off it), moved onto `use`; undefined for modules outside the workspace. */
  value(imported: ImportedName, path: string[], use: SyntaxNode): Value | undefined;
  /** What an imported function returns for these arguments, moved onto `call`; undefined when it is not a workspace function. */
  call(imported: ImportedName, path: string[], call: SyntaxNode, args: ArgumentValues): Value | undefined;
  /** The expression an imported constant is bound to in its module, and that module's evaluator. */
  definition(imported: ImportedName, path: string[]): ModuleDefinition | undefined;
  /** The request an imported function makes with these arguments when it only passes them on, moved onto `call`. */
  request(imported: ImportedName, path: string[], call: SyntaxNode, args: ArgumentValues): RequestCall | undefined;
}
