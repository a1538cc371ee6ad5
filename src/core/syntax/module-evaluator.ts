import type { SyntaxNode } from '../parsing/parser';
import type { ArgumentValues, ExportedThing, ModuleDefinition } from '../modules/imports';
import { type DataFormat, dataValue, parseData, staticTextOf } from './data-files';
import { ValueEvaluator } from './evaluator';
import type { RequestCall } from './language-support';
import { settle } from './settle';
import { type Value, unknown } from './values';

/**
 * The evaluator's side of reading across files: what this file exports to an importer (a
 * constant, a function to follow with the importer's arguments, a wrapper's request), what it
 * imports for a dialect, and data it parses. The front ends subclass this through
 * `RequestQueryEvaluator`.
 */
export abstract class ModuleEvaluator extends ValueEvaluator {
  /** Where an imported name (or `module.name`) is written in its workspace module, with that module's evaluator. */
  importedDefinition(node: SyntaxNode): ModuleDefinition<this> | undefined {
    const chain = this.links ? this.importedChain(node) : undefined;
    return chain ? (this.links?.definition(chain.imported, chain.path) as ModuleDefinition<this> | undefined) : undefined;
  }

  /** A call of an imported function that passes its arguments on to a request: that request, built from the arguments here. */
  importedRequest(call: SyntaxNode): RequestCall | undefined {
    const callee = call.childForFieldName('function');
    const chain = callee && this.links ? this.importedChain(callee) : undefined;
    return chain ? this.links?.request(chain.imported, chain.path, call, this.argumentValues(call)) : undefined;
  }

  /**
   * The request a function of this module makes for arguments given in another file, when on its
   * own (parameters unknown) that request's arguments are open or unknown — it passes them on
   * (`def create(**kwargs): return client.messages.create(**kwargs)`). A request this module
   * writes out itself is this module's to report, not every caller's.
   */
  wrappedRequest(fn: SyntaxNode, args: ArgumentValues, candidates: SyntaxNode[], find: (nodes: SyntaxNode[]) => RequestCall[]): RequestCall | undefined {
    const shape = this.functionShape(fn);
    if (!shape || shape.opaque || this.helperStack.some((open) => open.id === fn.id)) {
      return undefined;
    }
    const inside = candidates.filter((node) => fn.startIndex <= node.startIndex && node.endIndex <= fn.endIndex && this.enclosingFunctionNode(node).id === fn.id);
    if (inside.length === 0) {
      return undefined;
    }
    // While the function is on the helper stack, its own callers in this module are not searched.
    this.helperStack.push(fn);
    try {
      const own = this.withParameters(undefined, () => find(inside));
      const bound = this.withParameters(this.bindArguments(args, fn, shape), () => find(inside));
      return bound.find((request) => !request.dialect && !request.args.open && !own.some((mine) => mine.node.id === request.node.id && !mine.args.open));
    } finally {
      this.helperStack.pop();
    }
  }

  /**
   * What this module exports under a name, for a file that imports it: a value computed when the
   * module loads, a function to follow, or a name it imports itself. Undefined when it has none.
   */
  exported(name: string): ExportedThing | undefined {
    const target = this.exports.named.get(name) ?? (this.exports.allTopLevel ? { kind: 'local' as const, name } : undefined);
    if (!target) {
      return undefined;
    }
    if (target.kind === 'import') {
      return { imported: target.imported };
    }
    if (target.kind === 'node') {
      return this.functionShape(target.node) ? { fn: target.node, name } : { value: settle(this.withParameters(undefined, () => this.evaluate(target.node))), node: target.node };
    }
    const binding = this.bindings.moduleBinding(target.name);
    if (!binding) {
      return undefined;
    }
    if (binding.kind === 'import') {
      const imported = this.imports.get(target.name);
      return imported ? { imported } : undefined;
    }
    if (binding.bindCount !== 1 || !binding.valueNode || (binding.kind !== 'assigned' && binding.kind !== 'definition')) {
      return { value: unknown(binding.valueNode ?? binding.scope, `\`${name}\` is assigned more than once in its module`) };
    }
    if (this.functionShape(binding.valueNode)) {
      return { fn: binding.valueNode, name };
    }
    if (binding.kind === 'definition') {
      return { value: unknown(binding.valueNode, `\`${name}\` is a class`) };
    }
    // Read after the whole module has run: every top-level assignment into it applies.
    const endOfModule = { startIndex: Number.MAX_SAFE_INTEGER, parent: null } as unknown as SyntaxNode;
    return { value: this.withParameters(undefined, () => this.withStores(binding, this.valueOfBinding(binding, binding.valueNode ?? binding.scope), endOfModule)), node: binding.valueNode };
  }

  /** What a function of this module returns for arguments given in another file. */
  callExported(call: SyntaxNode, fn: SyntaxNode, name: string, args: ArgumentValues): Value {
    return this.followHelper(call, fn, name, false, args) ?? unknown(call, `\`${name}()\` is not a function`);
  }

  /** JSON/YAML/TOML parsed from text the source reads (a file, a literal); the value stands on `node` and is never edited. */
  protected parsedDataValue(node: SyntaxNode, source: Value, format: DataFormat): Value {
    const text = staticTextOf(source);
    if (!text) {
      return unknown(node, source.kind === 'unknown' ? source.reason : `${format.toUpperCase()} read at run time`);
    }
    const parsed = parseData(text.text, format);
    if ('reason' in parsed) {
      return unknown(node, parsed.reason);
    }
    this.readOnlyUses.add(`${node.startIndex}:${node.endIndex}`);
    return dataValue(parsed.data, node, text.files);
  }

  /** The module a name or `module.name` callee comes from, as `module.name` (`json.load`, `yaml.safe_load`), else its text. */
  protected qualifiedCallee(fn: SyntaxNode): string {
    if (fn.type === 'identifier') {
      const module = this.importedFrom.get(fn.text);
      return module && module !== fn.text ? `${module}.${fn.text}` : fn.text;
    }
    const member = this.memberOf(fn);
    if (member?.object.type === 'identifier') {
      return `${this.importedFrom.get(member.object.text) ?? member.object.text}.${member.name}`;
    }
    return fn.text;
  }}
