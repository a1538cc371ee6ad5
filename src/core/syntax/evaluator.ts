import type { SyntaxNode } from '../parsing/parser';
import type { Binding, BindingIndex } from './bindings';
import { looksPerCall } from './volatility';
import { namedChildren } from './tree-walk';
import { type PromptFilePath, type PromptFileReader, joinPromptPath } from '../prompt-files';
import { applyStore, growAt, markHelperEntries, storedEntry } from './stores';
import { CACHE_CONTROL_KEYS } from './language-support';
import { frameworkValue } from '../dialects/constructors';
import { type ArrayValue, type ObjectValue, type OrderFix, type OrderHazard, choiceValue, type UnknownValue, type Value, rangeOf, staticStringValue, unknown } from './values';
import { iteratedHazard, orderHazardOf, orderSource, withOrderHazard, withoutOrderHazard } from './order';
import { type ArgumentValues, type ImportedName, type ModuleExports, type ModuleLinks, emptyExports } from '../modules/imports';
import { ClassOverrides } from './class-overrides';
import { COPY_CALLS, hasVolatilePart, settle } from './settle';

/** An object that carries a breakpoint marker: `cache_control` itself, or a framework's `providerOptions: { anthropic: { cacheControl } }`. */
export function carriesMarker(value: ObjectValue): boolean {
  return value.entries.some(
    (e) =>
      CACHE_CONTROL_KEYS.has(e.key) ||
      (e.key === 'providerOptions' && e.value.kind === 'object' && e.value.entries.some((ns) => ns.value.kind === 'object' && ns.value.entries.some((m) => CACHE_CONTROL_KEYS.has(m.key) || m.key === 'cachePoint'))),
  );
}

/** Nesting beyond this is not followed (a 500-level literal must not blow the stack). */
const MAX_DEPTH = 120;
/** Helpers followed inside helpers, at most: deeper chains stay stable-unknown. */
const MAX_HELPER_DEPTH = 6;

/** A function's parameters and the expressions it returns, as a language front end reads them. */
export interface FunctionShape {
  /** `rest`: `*args` / `...rest` (positional) or `**kwargs` (keyword). */
  parameters: Array<{ name: string; defaultValue?: SyntaxNode; rest?: 'positional' | 'keyword' }>;
  /** Each `return <expression>` of the function itself (not of functions nested in it); an arrow's expression body. */
  returns: SyntaxNode[];
  /** Why its result cannot be followed (a generator, an async function), if so. */
  opaque?: string;
  /** Its results are cached (`@functools.cache`, `@lru_cache`): a clock read in it is read once per arguments. */
  memoized?: boolean;
}

/** What the class around a use has under a name: its one method so named, or the expressions assigned to the attribute. */
export interface ClassMember {
  method?: SyntaxNode;
  /** `self.x = …` / `this.x = …` anywhere in the class, and a class-level `x = …` / field `x = …`. */
  values: SyntaxNode[];
}

/** What a statement inside a loop runs once for: each item of an iterable, or each promise as it settles. */
export type Iteration = { iterable: SyntaxNode } | { completion: SyntaxNode };

/** A call's arguments: positional in order, keyword/named by name; `*args`/`**kwargs`/`...xs` make it partial. */
export interface CallArguments {
  positional: SyntaxNode[];
  named: Map<string, SyntaxNode>;
  spread: boolean;
}

/**
 * Turns expressions into abstract values, following names bound once in the same file.
 * Subclasses handle each language's syntax; naming, caching and binding rules are shared.
 */
export abstract class ValueEvaluator {
  private readonly nodeValues = new Map<number, Value>();
  private readonly bindingValues = new Map<Binding, Value>();
  /** `filledInUnorderedLoop` per binding (asked at every use of a name assigned more than once). */
  private readonly loopHazards = new Map<Binding, OrderHazard | null>();
  private readonly resolving = new Set<Binding>();
  /** Nesting of evaluations in progress, across every evaluator: an import evaluates in another module's evaluator, on the same stack. */
  private static depth = 0;
  /** While a helper's return is evaluated: its parameters' values at the call being followed. */
  private parameterValues: Map<Binding, Value> | undefined;
  /** The helpers being followed, innermost last (recursion is not followed). */
  protected readonly helperStack: SyntaxNode[] = [];
  /** Prompt files this evaluation read (absolute paths), so an editor can re-lint when one changes. */
  readonly promptFilesRead = new Set<string>();
  /** Names the file imports, with the module each comes from (`ChatAnthropic` → `langchain_anthropic`); filled by the walk. */
  readonly importedFrom = new Map<string, string>();
  /**
   * Nodes (`start:end`) whose values were read from data files or other modules: nothing written
   * there is this file's text, so edits into them are refused.
   */
  readonly readOnlyUses = new Set<string>();
  /** Names bound by imports, with the module and export each names; filled by the walk. */
  readonly imports = new Map<string, ImportedName>();
  /** Modules whose names `from x import *` brings in; filled by the walk. */
  readonly starImports: string[] = [];
  /** What this file exports, when another file imports it; filled by the walk. */
  exports: ModuleExports = emptyExports(false);
  /** How imported names reach other workspace modules; without it they stay stable-unknown. */
  links: ModuleLinks | undefined;

  constructor(
    protected readonly bindings: BindingIndex,
    /** Reads a prompt file the source names; without one, file contents stay stable-unknown. */
    private readonly readPromptFile?: PromptFileReader,
  ) {}

  /**
   * Forget computed values (a module kept across lints: what it imports may have changed since),
   * keeping what depends only on its own text.
   */
  resetValues(): void {
    this.nodeValues.clear();
    this.bindingValues.clear();
    this.loopHazards.clear();
    this.promptFilesRead.clear();
  }

  evaluate(node: SyntaxNode): Value {
    // Inside a followed helper, values depend on the call's arguments: not cached.
    const cacheable = this.parameterValues === undefined;
    const cached = cacheable ? this.nodeValues.get(node.id) : undefined;
    if (cached) {
      return cached;
    }
    if (ValueEvaluator.depth >= MAX_DEPTH) {
      return unknown(node, 'nested too deeply to follow');
    }
    ValueEvaluator.depth++;
    let value: Value;
    try {
      value = this.evaluateNode(node);
    } finally {
      ValueEvaluator.depth--;
    }
    if (cacheable) {
      this.nodeValues.set(node.id, value);
    }
    return value;
  }

  protected abstract evaluateNode(node: SyntaxNode): Value;

  /** A call's arguments as written, for dialects that read positional arguments (`llm.invoke(messages)`). */
  argumentsOf(call: SyntaxNode): CallArguments {
    return this.callArguments(call);
  }

  /**
   * The value an imported framework constructor builds (`SystemMessage(content=…)`, the AI SDK's
   * `tool({...})`), when the dialects know it; undefined for anything else.
   */
  protected constructedValue(call: SyntaxNode, calleeName: string): Value | undefined {
    const module = this.importedFrom.get(calleeName);
    return module === undefined ? undefined : frameworkValue({ call, name: calleeName, module, args: this.callArguments(call), evaluate: (node) => this.evaluate(node) });
  }

  /** A function definition's parameters and returns; undefined for anything that is not a function. */
  protected abstract functionShape(fn: SyntaxNode): FunctionShape | undefined;

  /** A call's arguments as written. */
  protected abstract callArguments(call: SyntaxNode): CallArguments;

  /**
   * The value a same-file helper returns at this call: `def system_blocks(): return [...]`,
   * `createEphemeralCacheControl()`, `build_system(doc)`. Its parameters take the call's arguments
   * (else their defaults); a helper with several returns, recursion, or chains deeper than a few
   * helpers stays stable-unknown, so nothing is guessed from a cut-off.
   */
  protected helperCallValue(call: SyntaxNode, callee: SyntaxNode): Value | undefined {
    const binding = this.bindings.lookup(callee);
    if (binding?.kind === 'import') {
      return this.linkedCall(call, callee);
    }
    const fn = binding && binding.bindCount === 1 && (binding.kind === 'definition' || binding.kind === 'assigned') ? binding.valueNode : undefined;
    return fn ? this.followHelper(call, fn, callee.text, false, this.argumentValues(call)) : undefined;
  }

  /** The import a name or a member chain on one stands for: `SYSTEM`, `prompts.SYSTEM`, `app.prompts.build`. */
  protected importedChain(node: SyntaxNode): { imported: ImportedName; path: string[] } | undefined {
    const path: string[] = [];
    let current: SyntaxNode | undefined = node;
    for (let steps = 0; current && steps < 8; steps++) {
      if (current.type === 'identifier' || current.type === 'shorthand_property_identifier') {
        const imported = this.imports.get(current.text);
        return imported && this.bindings.lookup(current)?.kind === 'import' ? { imported, path: path.reverse() } : undefined;
      }
      const member = this.memberOf(current);
      if (!member) {
        return undefined;
      }
      path.push(member.name);
      current = member.object;
    }
    return undefined;
  }

  /** `object.name` (not computed) in this grammar. */
  protected abstract memberOf(node: SyntaxNode): { object: SyntaxNode; name: string } | undefined;

  /** A member read off an imported module (`prompts.SYSTEM`), when it is a workspace module. */
  protected linkedMember(node: SyntaxNode): Value | undefined {
    const chain = this.links ? this.importedChain(node) : undefined;
    return chain && chain.path.length > 0 ? this.links?.value(chain.imported, chain.path, node) : undefined;
  }

  /** A call of an imported function (`build_system(doc)`, `prompts.buildSystem()`), followed into its module. */
  protected linkedCall(call: SyntaxNode, callee: SyntaxNode): Value | undefined {
    const chain = this.links ? this.importedChain(callee) : undefined;
    return chain ? this.links?.call(chain.imported, chain.path, call, this.argumentValues(call)) : undefined;
  }

  /** A call's arguments as values computed on demand, here (where the call is written). */
  protected argumentValues(call: SyntaxNode): ArgumentValues {
    const args = this.callArguments(call);
    const at = (node: SyntaxNode) => () => this.evaluate(node);
    return {
      positional: args.positional.map(at),
      named: new Map([...args.named].map(([name, node]) => [name, at(node)])),
      spread: args.spread,
      keywords: () => this.keywordArgumentsOf(call),
    };
  }

  /** `self.build_system()` / `this.buildSystem()`: the method of the class around the call, followed like a helper. */
  protected selfMethodCallValue(call: SyntaxNode, name: string): Value | undefined {
    const member = this.classMember(call, name);
    return member?.method ? this.followHelper(call, member.method, name, this.methodTakesSelf, this.argumentValues(call)) : undefined;
  }

  /**
   * `cond ? {...block, cache_control} : block` — two values where only one carries a cache_control:
   * the caching path, as an assignment inside an `if` counts as present. Anything else is a choice
   * made at run time.
   */
  protected cachingBranch(branches: Value[]): Value | undefined {
    if (branches.length !== 2) {
      return undefined;
    }
    // A block with a marker, or a list holding one: `cond ? [{ text, cache_control }] : text` too.
    const carries = (value: Value): boolean => (value.kind === 'object' ? carriesMarker(value) : value.kind === 'array' && value.items.some((item) => item.kind === 'object' && carriesMarker(item)));
    const marked = branches.filter(carries);
    return marked.length === 1 ? marked[0] : undefined;
  }

  /** The node type of a call in this grammar. */
  protected abstract readonly callType: string;

  /** Statement types that repeat their body. */
  protected abstract readonly loopTypes: ReadonlySet<string>;

  /** The innermost function around a node, or the root. */
  protected enclosingFunctionNode(node: SyntaxNode): SyntaxNode {
    let last = node;
    for (let current = node.parent; current; current = current.parent) {
      if (this.isFunction(current.type)) {
        return current;
      }
      last = current;
    }
    return last;
  }

  /** The same-file function a call runs: a helper bound once, or a method of the class around it through self/this. */
  protected calledFunction(call: SyntaxNode): { fn: SyntaxNode; name: string } | undefined {
    const callee = this.calleeOf(call);
    if (callee?.kind === 'name') {
      const binding = this.bindings.lookup(callee.node);
      const fn = binding && binding.bindCount === 1 && (binding.kind === 'definition' || binding.kind === 'assigned') ? binding.valueNode : undefined;
      return fn && this.functionShape(fn) ? { fn, name: callee.node.text } : undefined;
    }
    if (callee?.kind === 'self-method') {
      const method = this.classMember(call, callee.name)?.method;
      return method ? { fn: method, name: callee.name } : undefined;
    }
    return undefined;
  }

  /** `f(...)` (a name) or `self.f(...)` / `this.f(...)` (a method of the enclosing class). */
  protected calleeOf(call: SyntaxNode): { kind: 'name'; node: SyntaxNode } | { kind: 'self-method'; name: string } | undefined {
    // Both grammars call a call's callee `function`.
    const fn = call.childForFieldName('function');
    if (fn?.type === 'identifier') {
      return { kind: 'name', node: fn };
    }
    const name = fn ? this.selfAttributeName(fn) : undefined;
    return name ? { kind: 'self-method', name } : undefined;
  }

  /** Python methods name the instance as their first parameter; JS methods do not. */
  protected abstract readonly methodTakesSelf: boolean;

  private readonly classMembers = new Map<string, ClassMember | undefined>();

  /**
   * The class member a `self.name` / `this.name` use refers to, if the use is inside a class: its
   * one method so named, or every value the class gives the attribute (class attribute or field,
   * and `self.name = …` / `this.name = …` anywhere in the class). A name that is both is neither.
   */
  protected classMember(use: SyntaxNode, name: string): ClassMember | undefined {
    const cls = this.enclosingClass(use);
    if (!cls) {
      return undefined;
    }
    const key = `${cls.id}:${name}`;
    if (this.classMembers.has(key)) {
      return this.classMembers.get(key);
    }
    const { methods, values } = this.classBodyMembers(cls, name);
    for (const assignment of cls.descendantsOfType(this.assignmentType)) {
      const right = assignment?.childForFieldName('right');
      const left = assignment?.childForFieldName('left');
      if (left && right && this.selfAttributeName(left) === name) {
        values.push(right);
      }
    }
    const member = this.isReassignedOutside(cls, name) ? undefined : methods.length === 1 && values.length === 0 ? { method: methods[0], values } : methods.length === 0 ? { values } : undefined;
    this.classMembers.set(key, member);
    return member;
  }

  /** What outside a class may give its attributes other values (subclasses, `ClassName.x =`, `cls.x =`): read once per file. */
  private classOverrides: ClassOverrides | undefined;

  private isReassignedOutside(cls: SyntaxNode, name: string): boolean {
    this.classOverrides ??= new ClassOverrides(cls.tree.rootNode, {
      classTypes: this.classTypes,
      assignmentType: this.assignmentType,
      classNameOf: (node) => this.classNameOf(node),
      superclassNamesOf: (node) => this.superclassNamesOf(node),
      selfAttributeName: (node) => this.selfAttributeName(node),
      enclosingClass: (node) => this.enclosingClass(node),
    });
    return this.classOverrides.namesReassignedOutside(cls).has(name);
  }

  /** A class's name as written (`A` in `class A:` / `class A {`), if it has one. */
  protected abstract classNameOf(cls: SyntaxNode): string | undefined;

  /** The last names of the classes a class extends (`A` for `class B(mod.A)` / `class B extends mod.A`). */
  protected abstract superclassNamesOf(cls: SyntaxNode): string[];

  /** Whether a value is written in the body of a class defined at module level (not in a method, not in a function's class): it runs once. */
  private isDefinedOnce(value: SyntaxNode): boolean {
    if (this.runsPerInstance(value)) {
      return false;
    }
    let owner: SyntaxNode | null = value.parent;
    while (owner && !this.isFunction(owner.type) && !this.classTypes.has(owner.type)) {
      owner = owner.parent;
    }
    if (!owner || !this.classTypes.has(owner.type)) {
      return false;
    }
    for (let up = owner.parent; up; up = up.parent) {
      if (this.isFunction(up.type)) {
        return false;
      }
    }
    return true;
  }

  /** Whether a value in a class body runs for each instance (a JS field without `static`); Python class attributes run once. */
  protected runsPerInstance(value: SyntaxNode): boolean {
    void value;
    return false;
  }

  /** The class definition around a node, if any. */
  protected enclosingClass(use: SyntaxNode): SyntaxNode | undefined {
    let cls = use.parent;
    while (cls && !this.classTypes.has(cls.type)) {
      cls = cls.parent;
    }
    return cls ?? undefined;
  }

  /** Node types of a class definition in this grammar. */
  protected abstract readonly classTypes: ReadonlySet<string>;

  /** What a class body itself declares under a name: methods, and class attributes / fields with values. */
  protected abstract classBodyMembers(cls: SyntaxNode, name: string): { methods: SyntaxNode[]; values: SyntaxNode[] };

  /** The node type of a plain assignment (both grammars name its sides `left` and `right`). */
  protected abstract readonly assignmentType: string;

  private readonly resolvingAttributes = new Set<number>();

  /**
   * `self.system` / `this.system`: the value the class assigns to it, when it assigns it exactly
   * once (in a constructor, another method, or as a class attribute/field). Assigned in several
   * places, it is not guessed.
   */
  protected selfAttributeValue(node: SyntaxNode, name: string): Value | undefined {
    const member = this.classMember(node, name);
    if (!member || member.method || member.values.length === 0) {
      return undefined;
    }
    if (member.values.length > 1) {
      // `self.tools = []` in the constructor, `self.tools = [… for t in listed.tools]` on connect: the
      // text is not guessed, but an unstable order in any of them is kept.
      const several = unknown(node, `\`${name}\` is assigned in ${member.values.length} places in its class`);
      return withOrderHazard(several, member.values.length <= 4 ? this.orderAmong(member.values) : undefined);
    }
    const value = member.values[0];
    if (this.resolvingAttributes.has(value.id)) {
      return unknown(node, `\`${name}\` refers to itself`);
    }
    this.resolvingAttributes.add(value.id);
    try {
      // Assigned in another method: that method's parameters are not this call's.
      const result = this.withParameters(undefined, () => this.evaluate(value));
      return this.isDefinedOnce(value) ? settle(result, ', but it is computed once when the class is defined') : result;
    } finally {
      this.resolvingAttributes.delete(value.id);
    }
  }

  /** The first order hazard among the values assigned to an attribute in several places. */
  private orderAmong(values: SyntaxNode[]): OrderHazard | undefined {
    for (const value of values) {
      if (this.resolvingAttributes.has(value.id)) {
        continue;
      }
      this.resolvingAttributes.add(value.id);
      try {
        const hazard = orderHazardOf(this.withParameters(undefined, () => this.evaluate(value)));
        if (hazard) {
          return hazard;
        }
      } finally {
        this.resolvingAttributes.delete(value.id);
      }
    }
    return undefined;
  }

  protected followHelper(call: SyntaxNode, fn: SyntaxNode, name: string, skipFirstParameter: boolean, args: ArgumentValues): Value | undefined {
    const found = this.functionShape(fn);
    if (!found) {
      return undefined;
    }
    const shape = skipFirstParameter ? { ...found, parameters: found.parameters.slice(1) } : found;
    if (shape.opaque) {
      return unknown(call, `\`${name}()\` ${shape.opaque}`);
    }
    if (this.helperStack.some((open) => open.id === fn.id)) {
      return unknown(call, `\`${name}()\` calls itself`);
    }
    if (this.helperStack.length >= MAX_HELPER_DEPTH) {
      return unknown(call, `\`${name}()\` is too many helpers deep to follow`);
    }
    if (shape.returns.length !== 1) {
      return unknown(call, shape.returns.length === 0 ? `\`${name}()\` returns nothing visible` : `\`${name}()\` returns one of ${shape.returns.length} values`);
    }
    const values = this.bindArguments(args, fn, shape);
    this.helperStack.push(fn);
    try {
      const result = markHelperEntries(this.withParameters(values, () => this.evaluate(shape.returns[0])), CACHE_CONTROL_KEYS);
      return shape.memoized ? settle(result, `, but \`${name}()\` caches its result, so it is computed once for each set of arguments`) : result;
    } finally {
      this.helperStack.pop();
    }
  }

  /**
   * The values a call gives a function's parameters: positional and keyword arguments, else
   * defaults; `**kwargs` takes the keyword arguments no other parameter named. Arguments are
   * evaluated where the call is, before the function's parameters take them.
   */
  protected bindArguments(args: ArgumentValues, fn: SyntaxNode, shape: FunctionShape): Map<Binding, Value> {
    const values = new Map<Binding, Value>();
    const named = new Set(shape.parameters.map((p) => p.name));
    shape.parameters.forEach((parameter, i) => {
      const parameterBinding = this.bindings.bindingIn(fn, parameter.name);
      if (!parameterBinding) {
        return;
      }
      if (parameter.rest === 'keyword') {
        const keywords = args.keywords?.();
        if (keywords) {
          values.set(parameterBinding, { ...keywords, entries: keywords.entries.filter((entry) => !named.has(entry.key)) });
        }
        return;
      }
      if (parameter.rest) {
        return;
      }
      const argument = args.named.get(parameter.name) ?? (args.spread ? undefined : args.positional[i]);
      const fallback = args.spread ? undefined : parameter.defaultValue;
      if (argument) {
        values.set(parameterBinding, argument());
      } else if (fallback) {
        values.set(parameterBinding, this.withParameters(undefined, () => this.evaluate(fallback)));
      }
    });
    return values;
  }

  /** A call's keyword arguments as one object (Python), for a `**kwargs` parameter; undefined where the language has none. */
  protected abstract keywordArgumentsOf(call: SyntaxNode): ObjectValue | undefined;

  /** The name a function is called by: `def name`, `function name`, a method's name, `const name = () => …`. */
  protected abstract functionName(fn: SyntaxNode): string | undefined;

  protected withParameters<T>(values: Map<Binding, Value> | undefined, run: () => T): T {
    const saved = this.parameterValues;
    this.parameterValues = values;
    try {
      return run();
    } finally {
      this.parameterValues = saved;
    }
  }

  /** A list/array literal; `*xs` / `...xs` of a known array is inlined, of anything else kept as a spread marker. */
  protected sequenceValue(node: SyntaxNode, spreadType: string): ArrayValue {
    const items: Value[] = [];
    let grows = false;
    let unordered: OrderHazard | undefined;
    for (const child of namedChildren(node)) {
      if (child.type === 'comment') {
        continue;
      }
      if (child.type !== spreadType) {
        items.push(this.evaluate(child));
        continue;
      }
      const inner = child.namedChildren[0];
      const spread = inner ? this.evaluate(inner) : undefined;
      const hazard = orderHazardOf(spread);
      if (hazard && inner) {
        // `[*names]`, `[...files]`: the items keep their unstable order, and so does the list.
        unordered ??= iteratedHazard(hazard, () => this.sortedFix(inner, hazard));
      }
      if (spread?.kind === 'array' && !spread.repeated) {
        items.push(...spread.items);
        grows ||= spread.grows;
      } else {
        items.push({ kind: 'unknown', stability: 'stable-unknown', reason: `items of \`${inner?.text.slice(0, 40) ?? '?'}\``, node: child, spread: true, ...(hazard ? { unordered } : {}) });
      }
    }
    return { kind: 'array', items, node, grows, ...(unordered ? { unordered } : {}) };
  }

  /** The text of a prompt file the source names by a path it spells out, or why it is not known. */
  protected promptFileValue(node: SyntaxNode, location: PromptFilePath | undefined): Value {
    if (!location || location.sourceFile) {
      return unknown(node, 'read from a file whose path is computed at run time');
    }
    if (!this.readPromptFile) {
      return unknown(node, `read from the file \`${location.path}\``);
    }
    const result = this.readPromptFile(location);
    if ('reason' in result) {
      return unknown(node, result.reason);
    }
    this.promptFilesRead.add(result.path);
    const value = staticStringValue(result.text, node);
    return { ...value, segments: value.segments.map((segment) => ({ ...segment, files: [location.path] })) };
  }

  /** Where a path expression points; each language spells paths its own way. */
  protected abstract pathOf(node: SyntaxNode | null | undefined, depth?: number): PromptFilePath | undefined;

  /** A path component: a static string, or a relative path expression. */
  protected pathPart(node: SyntaxNode | null | undefined, depth: number): string | undefined {
    const part = this.pathOf(node, depth + 1);
    return part && part.anchor === 'runtime' ? part.path : undefined;
  }

  /** `join(first, ...rest)`, `first / a / b`. */
  protected joinedPath(first: SyntaxNode | null | undefined, rest: SyntaxNode[], depth: number): PromptFilePath | undefined {
    return rest.reduce((base, part) => joinPromptPath(base, this.pathPart(part, depth)), this.pathOf(first, depth + 1));
  }

  /** The expression a serialising call wraps: `json.dumps(x)`, `JSON.stringify(x)`, `s.encode()`, `Buffer.from(s)`. */
  protected abstract serialisedFrom(node: SyntaxNode): SyntaxNode | undefined;

  /** The object a JSON request body is serialised from (Bedrock InvokeModel's `body`), followed through names bound once. */
  jsonBodyObject(node: SyntaxNode | null | undefined, depth = 0): ObjectValue | undefined {
    if (!node || depth > 10) {
      return undefined;
    }
    const inner = this.serialisedFrom(node);
    if (inner) {
      return this.jsonBodyObject(inner, depth + 1);
    }
    const value = this.evaluate(node);
    if (value.kind === 'object') {
      return value;
    }
    return node.type === 'identifier' || node.type === 'shorthand_property_identifier' ? this.jsonBodyObject(this.singleAssignment(node), depth + 1) : undefined;
  }

  /** The request whose arguments are being evaluated, and the innermost loop around it (computed once). */
  private request: { node: SyntaxNode; loop?: SyntaxNode | null } | undefined;

  /** Evaluate a request's arguments knowing which request they are for (per-call values depend on it). */
  forRequest<T>(request: SyntaxNode, run: () => T): T {
    const saved = this.request;
    this.request = { node: request };
    try {
      return run();
    } finally {
      this.request = saved;
    }
  }

  /**
   * The innermost statement loop around the request being built, in its own function: what changes
   * on each of its iterations changes on every call. An outer loop does not count — calls inside
   * one pass of it share what it sets (a document cached across several questions).
   */
  private sendingLoop(): SyntaxNode | undefined {
    const request = this.request;
    if (!request) {
      return undefined;
    }
    if (request.loop === undefined) {
      request.loop = null;
      const boundary = this.enclosingFunctionNode(request.node);
      for (let node = request.node.parent; node && node.id !== boundary.id; node = node.parent) {
        if (this.loopTypes.has(node.type)) {
          request.loop = node;
          break;
        }
      }
    }
    return request.loop ?? undefined;
  }

  /** `x` when the node is `self.x` / `this.x`. */
  protected abstract selfAttributeName(node: SyntaxNode): string | undefined;

  /** The binding a name stands for when it is assigned exactly once (a path, a value). */
  protected singleAssignment(identifier: SyntaxNode): SyntaxNode | undefined {
    const binding = this.bindings.lookup(identifier);
    return binding?.kind === 'assigned' && binding.bindCount === 1 ? binding.valueNode : undefined;
  }

  /** What a name used at this node stands for. */
  protected resolveIdentifier(identifier: SyntaxNode): Value {
    const name = identifier.text;
    const binding = this.bindings.lookup(identifier);
    if (!binding) {
      for (const spec of this.links ? this.starImports : []) {
        const linked = this.links?.value({ spec, name }, [], identifier);
        if (linked) {
          return linked;
        }
      }
      return this.opaqueName(identifier, name, `\`${name}\` is defined outside this file`);
    }
    if (binding.kind === 'parameter') {
      const argument = this.parameterValues?.get(binding);
      return argument ?? this.opaqueName(identifier, name, `\`${name}\` is a parameter`);
    }
    if (binding.kind === 'loop') {
      const sending = this.sendingLoop();
      if (sending && binding.valueNode?.id === sending.id) {
        return { kind: 'unknown', stability: 'volatile', reason: `\`${name}\` is the variable of the loop that sends this request (line ${sending.startPosition.row + 1}), so it changes on every call`, node: identifier };
      }
      return this.opaqueName(identifier, name, `\`${name}\` is a loop variable`);
    }
    if (binding.kind === 'context') {
      return this.opaqueName(identifier, name, `\`${name}\` is bound by a with statement`);
    }
    if (binding.kind === 'import') {
      const imported = this.imports.get(name);
      const linked = imported && this.links?.value(imported, [], identifier);
      return linked ?? this.opaqueName(identifier, name, `\`${name}\` is imported`);
    }
    if (binding.kind !== 'assigned' || !binding.valueNode || binding.bindCount !== 1) {
      // `turn += 1` / `log += chunk` inside the loop that sends the request: a new value every call.
      const sending = this.sendingLoop();
      // A plain assignment earlier in the same pass starts the value afresh: `prompt = base; prompt += extra` is rebuilt, not accumulated.
      const resetBefore = (g: SyntaxNode) => binding.assignedValues.some((v) => sending !== undefined && sending.startIndex <= v.startIndex && v.endIndex <= g.startIndex);
      const growth = sending ? this.bindings.growthsOf(binding).find((g) => sending.startIndex <= g.startIndex && g.endIndex <= sending.endIndex && !resetBefore(g)) : undefined;
      if (sending && growth) {
        return { kind: 'unknown', stability: 'volatile', reason: `\`${name}\` is updated on line ${growth.startPosition.row + 1} in the loop that sends this request, so it changes on every call`, node: identifier };
      }
      const reassigned = this.reassignedValue(binding, identifier) ?? this.opaqueName(identifier, name, `\`${name}\` is assigned more than once`);
      // `prompt += f"- {t}"` for each `t` of a set: built in that order.
      return withOrderHazard(reassigned, this.filledInUnorderedLoop(binding));
    }
    let value = this.withStores(binding, this.valueOfBinding(binding, identifier), identifier);
    // `names = list(tools); names.sort()`: sorted in place before this use.
    if (orderHazardOf(value) && this.sortedInPlaceBefore(binding, identifier)) {
      value = withoutOrderHazard(value);
    }
    // `message = build()` then `warm_up(client, [message])` and the request: the value is computed
    // once and may be sent first by that other call, so whether this request reads it is not known.
    const sharedWith = !binding.moduleLevel && hasVolatilePart(value) ? this.sharedWithAnotherCall(binding, identifier) : undefined;
    if (sharedWith) {
      value = settle(value, `, but \`${name}\` is computed once and also passed to \`${sharedWith}()\`, which may send it first`);
    }
    // Point volatile parts at the use inside the prompt, where the fix goes, and say where they come from.
    const origin = (reason: string) => `\`${name}\` is set on line ${(binding.valueNode?.startPosition.row ?? 0) + 1} from ${reason}`;
    if (value.kind === 'unknown' && value.stability === 'volatile' && !value.byNameOnly) {
      return { ...value, node: identifier, reason: origin(value.reason) };
    }
    if (value.kind === 'string' && value.segments.some((s) => s.stability === 'volatile' && !s.byNameOnly)) {
      const range = rangeOf(identifier);
      return {
        ...value,
        segments: value.segments.map((s) => (s.stability === 'volatile' && !s.byNameOnly ? { ...s, range, reason: origin(s.reason ?? 'a per-call value') } : s)),
      };
    }
    return value;
  }

  /**
   * The callee of another call, in the function that binds the name, that the name is passed to
   * (not a copy, not the request being built): `sample_one_token(client, [message])`.
   */
  private sharedWithAnotherCall(binding: Binding, use: SyntaxNode): string | undefined {
    const request = this.request?.node;
    const scope = binding.scope;
    for (const other of scope.descendantsOfType('identifier')) {
      if (!other || other.text !== binding.name || other.id === use.id || (request && request.startIndex <= other.startIndex && other.endIndex <= request.endIndex) || this.bindings.lookup(other) !== binding) {
        continue;
      }
      for (let node = other.parent; node && node.id !== scope.id; node = node.parent) {
        const args = node.type === this.callType ? node.childForFieldName('arguments') : null;
        if (!args || other.startIndex < args.startIndex || other.endIndex > args.endIndex) {
          continue;
        }
        const callee = node.childForFieldName('function')?.text ?? '';
        if (!COPY_CALLS.has(callee)) {
          return callee.slice(0, 60);
        }
      }
    }
    return undefined;
  }

  /**
   * The value with the assignments into it that run before this use applied, in source order:
   * stores in the same function as the use and ending before it. A store that cannot be applied
   * (its path runs through values not known here) leaves the value open to unseen changes.
   */
  protected withStores(binding: Binding, value: Value, use: SyntaxNode): Value {
    const stores = this.bindings.storesOf(binding);
    if (stores.length === 0 || (value.kind !== 'object' && value.kind !== 'array')) {
      return value;
    }
    const around = this.functionsAround(use);
    let current: Value = value;
    let missed = false;
    for (const store of stores) {
      // In the use's own function or one around it (a closure defined after the setup, module level).
      if (store.statement.endIndex > use.startIndex || !around.has(this.enclosingFunction(store.statement))) {
        // After the use (a loop may still run it first) or in another function: not known to run before.
        missed = true;
        continue;
      }
      const last = store.path[store.path.length - 1];
      const key = last && 'key' in last ? last.key : undefined;
      const applied: Value | undefined = store.grows ? growAt(current, store.path, store.valueNode) : key === undefined ? undefined : applyStore(current, store.path, storedEntry(store, key, this.evaluate(store.valueNode)));
      if (applied) {
        current = applied;
      } else {
        missed = true;
      }
    }
    if (missed) {
      current = current.kind === 'array' ? { ...current, grows: true } : current.kind === 'object' ? { ...current, open: true } : current;
    }
    return current;
  }

  /** The ids of the functions around a node, and undefined for module level. */
  private functionsAround(node: SyntaxNode): Set<number | undefined> {
    const ids = new Set<number | undefined>([undefined]);
    for (let current = node.parent; current; current = current.parent) {
      if (this.isFunction(current.type)) {
        ids.add(current.id);
      }
    }
    return ids;
  }

  /** Whether a node type is a function (or lambda/method) in this grammar. */
  protected abstract isFunction(type: string): boolean;

  /** The id of the innermost function around a node, or undefined at module level. */
  protected enclosingFunction(node: SyntaxNode): number | undefined {
    const fn = this.enclosingFunctionNode(node);
    return this.isFunction(fn.type) ? fn.id : undefined;
  }

  protected valueOfBinding(binding: Binding, use: SyntaxNode): Value {
    const known = this.parameterValues === undefined ? this.bindingValues.get(binding) : undefined;
    if (known) {
      return known;
    }
    if (this.resolving.has(binding) || !binding.valueNode) {
      return unknown(use, `\`${binding.name}\` refers to itself`);
    }
    this.resolving.add(binding);
    let value: Value;
    try {
      value = this.evaluate(binding.valueNode);
    } finally {
      this.resolving.delete(binding);
    }
    if (binding.moduleLevel) {
      // Computed once when the module loads: fixed for the life of the process, not per call.
      value = settle(value);
    }
    if (this.bindings.isMutated(binding)) {
      // Filled in a loop over something unordered (`for f in os.listdir(d): parts.append(…)`): so is the result.
      const hazard = value.kind === 'array' || value.kind === 'object' ? this.filledInUnorderedLoop(binding) : undefined;
      if (value.kind === 'array') {
        value = { ...value, grows: true, ...(hazard && !value.unordered ? { unordered: hazard } : {}) };
      } else if (value.kind === 'object') {
        value = { ...value, open: true, ...(hazard && !value.unordered ? { unordered: { ...hazard, keysOnly: true } } : {}) };
      }
    }
    if (this.parameterValues === undefined) {
      this.bindingValues.set(binding, value);
    }
    return value;
  }

  /** The loops a statement runs in, innermost first, up to (not beyond) a scope: what each iterates. */
  protected abstract iterationsAround(site: SyntaxNode, scope: SyntaxNode): Iteration[];

  /** The edit that iterates an expression in sorted order (`sorted(x)`, `[...x].sort()`), when sorting can fix the hazard. */
  protected abstract sortedFix(iterable: SyntaxNode, hazard: OrderHazard): OrderFix | undefined;

  /** The order hazard of a list or dict a binding's mutations fill inside a loop over an unordered iterable, or in completion order. */
  private filledInUnorderedLoop(binding: Binding): OrderHazard | undefined {
    // Inside a followed helper the iterables may depend on the call's arguments: not cached, like values.
    const cacheable = this.parameterValues === undefined;
    const known = cacheable ? this.loopHazards.get(binding) : undefined;
    if (known !== undefined) {
      return known ?? undefined;
    }
    const hazard = this.loopHazardOf(binding);
    if (cacheable) {
      this.loopHazards.set(binding, hazard ?? null);
    }
    return hazard;
  }

  private loopHazardOf(binding: Binding): OrderHazard | undefined {
    for (const site of this.bindings.mutationSitesOf(binding).slice(0, 32)) {
      for (const iteration of this.iterationsAround(site, binding.scope)) {
        if ('completion' in iteration) {
          return orderSource(iteration.completion, `\`${binding.name}\` is filled as each promise settles (line ${site.startPosition.row + 1}), in completion order, which differs between runs`, { sortBy: 'none', sortable: false });
        }
        const iterable = iteration.iterable;
        const hazard = orderHazardOf(this.evaluate(iterable));
        if (hazard) {
          return iteratedHazard(hazard, () => this.sortedFix(iterable, hazard));
        }
      }
    }
    return undefined;
  }

  /** `x.sort()` on the binding, in the use's function or around it, before the use. */
  private sortedInPlaceBefore(binding: Binding, use: SyntaxNode): boolean {
    const around = this.functionsAround(use);
    for (const other of binding.scope.descendantsOfType('identifier')) {
      if (!other || other.text !== binding.name || other.startIndex >= use.startIndex) {
        continue;
      }
      const member = other.parent ? this.memberOf(other.parent) : undefined;
      const call = other.parent?.parent;
      if (member?.name === 'sort' && member.object.id === other.id && call?.type === this.callType && around.has(this.enclosingFunction(call)) && this.bindings.lookup(other) === binding) {
        return true;
      }
    }
    return false;
  }

  /**
   * A name assigned in several places (`model = "a"` then, in a branch, `model = "b"`; a block
   * rebuilt with `cache_control` when caching is on): the candidates when every value is a literal
   * string, or the caching path when exactly one of two blocks carries a cache_control. Only plain
   * assignments that come before the use count; anything else is not guessed.
   */
  private reassignedValue(binding: Binding, use: SyntaxNode): Value | undefined {
    const values = binding.assignedValues.filter((node) => node.endIndex <= use.startIndex);
    if (binding.kind !== 'assigned' || values.length !== binding.bindCount || values.length < 2 || values.length > 4 || this.resolving.has(binding)) {
      return undefined;
    }
    this.resolving.add(binding);
    let evaluated: Value[];
    try {
      evaluated = values.map((node) => this.evaluate(node));
    } finally {
      this.resolving.delete(binding);
    }
    return choiceValue(evaluated, use, `\`${binding.name}\` is assigned more than once`) ?? this.cachingBranch(evaluated);
  }

  /** A name whose value we cannot see: stable, unless its name says it is per call. */
  protected opaqueName(node: SyntaxNode, name: string, reason: string): UnknownValue {
    if (looksPerCall(name)) {
      return { kind: 'unknown', stability: 'volatile', reason: `${reason} and its name suggests it changes per call`, node, byNameOnly: true };
    }
    return unknown(node, reason);
  }
}
