import type { SyntaxNode } from '../parsing/parser';
import { type PromptFilePath, SOURCE_DIR, SOURCE_FILE, joinPromptPath, parentPromptPath } from '../prompt-files';
import { type CallArguments, type FunctionShape, carriesMarker } from './evaluator';
import { JsOrder } from './js-order';
import type { DataFormat } from './data-files';
import { namedChildren } from './tree-walk';
import {
  type ObjectEntry,
  type ObjectValue,
  type TextSegment,
  type Value,
  concatStrings,
  dedentText,
  mapStaticText,
  mergeStatic,
  rangeOf,
  replaceInString,
  segmentsOf,
  staticString,
  staticStringValue,
  unknown,
  environmentValue,
  choiceValue,
  COMPACT_JSON,
  serialisedJson,
  changedAtRunTime,
  numberSum,
  signedNumber,
} from './values';
import { reducesToDayPrecision, volatileCallReason } from './volatility';

/** Wrappers that do not change a value: `x as T`, `x!`, `(x)`, `<T>x`, `x satisfies T`. */
export const transparentTypes = new Set(['as_expression', 'satisfies_expression', 'non_null_expression', 'parenthesized_expression', 'type_assertion']);

/** `(cond && { ... })` in a spread: the object literal on the right of `&&`. */
function guardedObject(node: SyntaxNode): SyntaxNode | undefined {
  let current: SyntaxNode | null = node;
  while (current?.type === 'parenthesized_expression') {
    current = current.namedChildren[0];
  }
  if (current?.type !== 'binary_expression' || current.childForFieldName('operator')?.text !== '&&') {
    return undefined;
  }
  const right = current.childForFieldName('right');
  return right?.type === 'object' || right?.type === 'parenthesized_expression' ? right : undefined;
}

function decodeJsEscape(text: string): string {
  const esc = text.slice(1);
  switch (esc[0]) {
    case 'n':
      return '\n';
    case 't':
      return '\t';
    case 'r':
      return '\r';
    case 'b':
      return '\b';
    case 'f':
      return '\f';
    case 'v':
      return '\v';
    case '0':
      return '\0';
    case '\n':
    case '\r':
      return '';
    case 'x':
      return String.fromCharCode(parseInt(esc.slice(1), 16));
    case 'u': {
      const hex = esc.startsWith('u{') ? esc.slice(2, -1) : esc.slice(1);
      const code = parseInt(hex, 16);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    default:
      return esc;
  }
}

const FUNCTION_TYPES = new Set(['function_declaration', 'function_expression', 'function', 'arrow_function', 'generator_function_declaration', 'generator_function']);

/** One parameter as `functionShape` reports it: `x`, `x: T`, `x = 1`, `x?: T`, `...rest`; a destructuring pattern has no name. */
function jsParameter(parameter: SyntaxNode): FunctionShape['parameters'][number] {
  if (parameter.type === 'identifier') {
    return { name: parameter.text };
  }
  if (parameter.type === 'rest_pattern') {
    return { name: '', rest: 'positional' };
  }
  const pattern = parameter.childForFieldName('pattern') ?? parameter.childForFieldName('left');
  const value = parameter.childForFieldName('value') ?? parameter.childForFieldName('right');
  if (pattern?.type === 'rest_pattern') {
    return { name: '', rest: 'positional' };
  }
  return { name: pattern?.type === 'identifier' ? pattern.text : '', defaultValue: value ?? undefined };
}

function propertyKey(keyNode: SyntaxNode, evaluate: (n: SyntaxNode) => Value): string | undefined {
  switch (keyNode.type) {
    case 'property_identifier':
    case 'number':
      return keyNode.text;
    case 'string':
      return staticString(evaluate(keyNode));
    case 'computed_property_name': {
      const inner = keyNode.namedChildren[0];
      return inner ? staticString(evaluate(inner)) : undefined;
    }
    default:
      return undefined;
  }
}

export class JsEvaluator extends JsOrder {
  protected readonly methodTakesSelf = false;

  protected memberOf(node: SyntaxNode): { object: SyntaxNode; name: string } | undefined {
    const object = node.type === 'member_expression' ? node.childForFieldName('object') : null;
    const property = object ? node.childForFieldName('property') : null;
    return object && property?.type === 'property_identifier' ? { object, name: property.text } : undefined;
  }

  protected selfAttributeName(node: SyntaxNode): string | undefined {
    return node.type === 'member_expression' && node.childForFieldName('object')?.type === 'this' ? node.childForFieldName('property')?.text : undefined;
  }
  protected readonly callType = 'call_expression';

  protected loopHeader(loop: SyntaxNode): SyntaxNode[] {
    const fields = loop.type === 'for_in_statement' ? ['right'] : loop.type === 'for_statement' ? ['initializer', 'condition', 'increment'] : ['condition'];
    return fields.map((field) => loop.childForFieldName(field)).filter((n): n is SyntaxNode => n !== null);
  }

  protected keywordArgumentsOf(): ObjectValue | undefined {
    return undefined;
  }

  protected functionName(fn: SyntaxNode): string | undefined {
    const own = fn.childForFieldName('name');
    if (own) {
      return own.text;
    }
    // const send = (params) => …
    const declarator = fn.parent?.type === 'variable_declarator' ? fn.parent.childForFieldName('name') : null;
    return declarator?.type === 'identifier' ? declarator.text : undefined;
  }

  protected isFunction(type: string): boolean {
    return FUNCTION_TYPES.has(type) || type === 'method_definition';
  }
  protected readonly loopTypes: ReadonlySet<string> = new Set(['while_statement', 'for_statement', 'for_in_statement', 'do_statement']);

  entryExpression(entry: ObjectEntry): SyntaxNode | undefined {
    if (entry.origin) {
      return undefined;
    }
    return entry.entryNode.type === 'shorthand_property_identifier' ? entry.entryNode : (entry.entryNode.childForFieldName('value') ?? undefined);
  }


  protected readonly assignmentType = 'assignment_expression';
  protected readonly classTypes: ReadonlySet<string> = new Set(['class_declaration', 'class', 'abstract_class_declaration']);


  protected runsPerInstance(value: SyntaxNode): boolean {
    const field = value.parent;
    return !!field && (field.type === 'public_field_definition' || field.type === 'field_definition') && !field.children.some((c) => c?.type === 'static');
  }

  protected classNameOf(cls: SyntaxNode): string | undefined {
    // `const Agent = class { … }` is named by its declarator.
    const own = cls.childForFieldName('name')?.text;
    return own ?? (cls.parent?.type === 'variable_declarator' ? cls.parent.childForFieldName('name')?.text : undefined);
  }

  protected superclassNamesOf(cls: SyntaxNode): string[] {
    const heritage = namedChildren(cls).find((c) => c.type === 'class_heritage');
    const extended = heritage ? namedChildren(heritage).find((c) => c.type === 'extends_clause')?.childForFieldName('value') : undefined;
    return extended ? [extended.text.slice(extended.text.lastIndexOf('.') + 1)] : [];
  }

  protected classBodyMembers(cls: SyntaxNode, name: string): { methods: SyntaxNode[]; values: SyntaxNode[] } {
    const methods: SyntaxNode[] = [];
    const values: SyntaxNode[] = [];
    const body = cls.childForFieldName('body');
    for (const child of body ? namedChildren(body) : []) {
      if ((child.childForFieldName('name') ?? child.childForFieldName('property'))?.text !== name) {
        continue;
      }
      if (child.type === 'method_definition' && !child.children.some((c) => c?.type === 'get' || c?.type === 'set')) {
        methods.push(child);
      } else if (child.type === 'public_field_definition' || child.type === 'field_definition') {
        const value = child.childForFieldName('value');
        if (value) {
          values.push(value);
        }
      }
    }
    return { methods, values };
  }


  protected functionShape(fn: SyntaxNode): FunctionShape | undefined {
    if (!FUNCTION_TYPES.has(fn.type) && fn.type !== 'method_definition') {
      return undefined;
    }
    const parameters = fn.childForFieldName('parameters');
    const single = fn.childForFieldName('parameter');
    const shape: FunctionShape = { parameters: single ? [{ name: single.text }] : parameters ? namedChildren(parameters).filter((p) => p.type !== 'comment').map(jsParameter) : [], returns: [] };
    if (fn.type.startsWith('generator') || fn.children.some((c) => c?.type === '*')) {
      return { ...shape, opaque: 'is a generator' };
    }
    const body = fn.childForFieldName('body');
    if (body && body.type !== 'statement_block') {
      return { ...shape, returns: [body] };
    }
    const returns = (body ? body.descendantsOfType('return_statement') : []).filter((r): r is SyntaxNode => !!r && this.enclosingFunction(r) === fn.id);
    return { ...shape, returns: returns.map((r) => namedChildren(r).find((c) => c.type !== 'comment') ?? r) };
  }

  protected callArguments(call: SyntaxNode): CallArguments {
    const result: CallArguments = { positional: [], named: new Map(), spread: false };
    const list = call.childForFieldName('arguments');
    for (const arg of list?.type === 'arguments' ? namedChildren(list) : []) {
      if (arg.type === 'spread_element') {
        result.spread = true;
      } else if (arg.type !== 'comment') {
        result.positional.push(arg);
      }
    }
    return result;
  }

  protected alternativesOf(node: SyntaxNode, depth: number): SyntaxNode[] {
    if (depth > 8) {
      return [node];
    }
    if (transparentTypes.has(node.type)) {
      const inner = namedChildren(node).find((c) => c.type !== 'comment' && !c.type.includes('type'));
      return inner ? this.alternativesOf(inner, depth + 1) : [node];
    }
    if (node.type === 'ternary_expression') {
      const whenTrue = node.childForFieldName('consequence');
      const whenFalse = node.childForFieldName('alternative');
      return whenTrue && whenFalse ? [...this.alternativesOf(whenTrue, depth + 1), ...this.alternativesOf(whenFalse, depth + 1)] : [node];
    }
    return [node];
  }

  protected evaluateNode(node: SyntaxNode): Value {
    if (transparentTypes.has(node.type)) {
      const inner = namedChildren(node).find((c) => c.type !== 'comment' && !c.type.includes('type'));
      return inner ? this.evaluate(inner) : unknown(node, 'an empty expression');
    }
    switch (node.type) {
      case 'string': {
        // Plain literals are read from their text: no child nodes to fetch from WASM.
        const text = node.text;
        if (text.length >= 2 && text[0] === text[text.length - 1] && !node.hasError) {
          const content = text.slice(1, -1).replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\r?\n|[\s\S])/g, (escape) => decodeJsEscape(escape));
          return { kind: 'string', segments: mergeStatic([{ stability: 'static', text: content, range: rangeOf(node) }]), node };
        }
        return this.stringValue(node);
      }
      case 'template_string':
        return this.stringValue(node);
      case 'binary_expression':
        return this.binaryValue(node);
      case 'object':
        return this.objectValue(node);
      case 'array':
        return this.sequenceValue(node, 'spread_element');
      case 'identifier':
        return node.text === 'undefined' ? { kind: 'scalar', value: null, node } : this.resolveIdentifier(node);
      case 'shorthand_property_identifier':
        return this.resolveIdentifier(node);
      case 'member_expression':
        return this.memberValue(node, node.childForFieldName('object'), node.childForFieldName('property')?.text);
      case 'subscript_expression': {
        const index = node.childForFieldName('index');
        return this.memberValue(node, node.childForFieldName('object'), index ? staticString(this.evaluate(index)) : undefined);
      }
      case 'call_expression':
        return this.callValue(node);
      case 'new_expression': {
        const constructor = node.childForFieldName('constructor')?.text ?? '';
        const args = node.childForFieldName('arguments');
        if (constructor === 'Date' && (!args || args.namedChildCount === 0)) {
          return { kind: 'unknown', stability: 'volatile', reason: 'new Date(), which is the current time, different on every call', node };
        }
        const constructed = node.childForFieldName('constructor')?.type === 'identifier' ? this.constructedValue(node, constructor) : undefined;
        if (constructed) {
          return constructed;
        }
        return unknown(node, `a new \`${constructor.slice(0, 40)}\``);
      }
      case 'number':
        return { kind: 'scalar', value: Number(node.text.replace(/_/g, '')), node };
      case 'unary_expression': {
        // -1 in a schema's `minimum`: a number, negated.
        const argument = node.childForFieldName('argument');
        return signedNumber(node.childForFieldName('operator')?.text, argument ? this.evaluate(argument) : undefined, node);
      }
      case 'true':
        return { kind: 'scalar', value: true, node };
      case 'false':
        return { kind: 'scalar', value: false, node };
      case 'null':
      case 'undefined':
        return { kind: 'scalar', value: null, node };
      case 'ternary_expression': {
        const branches = [node.childForFieldName('consequence'), node.childForFieldName('alternative')]
          .filter((n): n is SyntaxNode => !!n)
          .map((n) => this.evaluate(n));
        const volatile = branches.find((b) => b.kind === 'unknown' && b.stability === 'volatile');
        if (volatile) {
          return { ...volatile, node };
        }
        return choiceValue(branches, node, 'chosen by a condition at run time') ?? this.cachingBranch(branches) ?? unknown(node, 'chosen by a condition at run time');
      }
      case 'await_expression': {
        // await readFile(path, 'utf8') / await fs.promises.readFile(...)
        const inner = node.namedChildren[0];
        const callee = inner?.type === 'call_expression' ? (inner.childForFieldName('function')?.text ?? '') : '';
        if (inner && /(^|\.)readFile$/.test(callee)) {
          return this.readFileValue(node, namedChildren(inner.childForFieldName('arguments') ?? inner).filter((a) => a.type !== 'comment'), false);
        }
        // `await buildSystem()` of a helper in this file: what it returns.
        // `await readdir(dir)`, `await client.listTools()`: the result keeps its order hazard.
        const ordered = inner?.type === 'call_expression' ? this.awaitedOrder(node, inner) : undefined;
        if (ordered) {
          return ordered;
        }
        if (inner?.type === 'call_expression' && inner.childForFieldName('function')?.type === 'identifier') {
          return this.evaluate(inner);
        }
        return unknown(node, 'awaited at run time');
      }
      case 'augmented_assignment_expression':
        return changedAtRunTime(node);
      case 'arrow_function': {
        const body = node.childForFieldName('body');
        return body && body.type !== 'statement_block' ? this.evaluate(body) : unknown(node, 'a function');
      }
      default:
        return unknown(node, `a ${node.type.replace(/_/g, ' ')}`);
    }
  }

  private stringValue(node: SyntaxNode, raw = false): Value {
    const segments: TextSegment[] = [];
    for (const child of namedChildren(node)) {
      if (child.type === 'string_fragment') {
        segments.push({ stability: 'static', text: child.text, range: rangeOf(child) });
      } else if (child.type === 'escape_sequence') {
        segments.push({ stability: 'static', text: raw ? child.text : decodeJsEscape(child.text), range: rangeOf(child) });
      } else if (child.type === 'template_substitution') {
        const inner = child.namedChildren[0];
        if (inner) {
          segments.push(...segmentsOf(this.evaluate(inner)));
        }
      }
    }
    return { kind: 'string', segments: mergeStatic(segments), node };
  }

  private binaryValue(node: SyntaxNode): Value {
    const operator = node.childForFieldName('operator')?.text;
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (operator === '+' && left && right) {
      const l = this.evaluate(left);
      const r = this.evaluate(right);
      const sum = numberSum(l, r, node);
      if (sum) {
        return sum;
      }
      if (l.kind !== 'object' && r.kind !== 'object' && l.kind !== 'array' && r.kind !== 'array') {
        return concatStrings([l, r], node);
      }
    }
    if ((operator === '??' || operator === '||') && left && right) {
      // process.env.MODEL ?? "claude-…": the default, marked as one.
      const variable = /^process\.env(?:\.([A-Za-z_]\w*)|\[\s*['"]([^'"]+)['"]\s*\])$/.exec(left.text);
      const fromEnvironment = variable ? environmentValue(variable[1] ?? variable[2], this.evaluate(right), node) : undefined;
      if (fromEnvironment) {
        return fromEnvironment;
      }
      const l = this.evaluate(left);
      // A left side known to be null (or, for `||`, falsy: "", 0, false) gives way to the right.
      const nullish = l.kind === 'scalar' && l.value === null;
      const falsy = nullish || (l.kind === 'scalar' && (l.value === false || l.value === 0)) || (l.kind === 'string' && staticString(l) === '');
      if (operator === '??' ? nullish : falsy) {
        return { ...this.evaluate(right), node };
      }
      return l.kind === 'unknown' ? unknown(node, 'chosen at run time') : l;
    }
    return unknown(node, 'computed at run time');
  }

  private objectValue(node: SyntaxNode): ObjectValue {
    const entries: ObjectEntry[] = [];
    let open = false;
    for (const child of namedChildren(node)) {
      if (child.type === 'pair') {
        const keyNode = child.childForFieldName('key');
        const valueNode = child.childForFieldName('value');
        const key = keyNode ? propertyKey(keyNode, (n) => this.evaluate(n)) : undefined;
        if (keyNode && valueNode && key !== undefined) {
          entries.push({ key, keyRange: rangeOf(keyNode), entryNode: child, value: this.evaluate(valueNode) });
        } else {
          open = true;
        }
      } else if (child.type === 'shorthand_property_identifier') {
        entries.push({ key: child.text, keyRange: rangeOf(child), entryNode: child, value: this.resolveIdentifier(child) });
      } else if (child.type === 'spread_element') {
        const inner = child.namedChildren[0];
        // `...(isAnthropic && { providerOptions: … })`: the caching path counts as present, as a marker set inside an `if` does.
        const guarded = inner ? guardedObject(inner) : undefined;
        const guardedValue = guarded ? this.evaluate(guarded) : undefined;
        if (guardedValue?.kind === 'object' && carriesMarker(guardedValue)) {
          entries.push(...guardedValue.entries);
          open ||= guardedValue.open;
          continue;
        }
        const spread = inner ? this.evaluate(inner) : undefined;
        if (spread?.kind === 'object') {
          entries.push(...spread.entries);
          open ||= spread.open;
        } else {
          open = true;
        }
      } else if (child.type !== 'comment' && child.type !== 'method_definition') {
        open = true;
      }
    }
    return { kind: 'object', entries, node, open };
  }


  private memberValue(node: SyntaxNode, objectNode: SyntaxNode | null, key: string | undefined): Value {
    const fromClass = objectNode?.type === 'this' && key !== undefined ? this.selfAttributeValue(node, key) : undefined;
    if (fromClass) {
      return fromClass;
    }
    const linked = this.linkedMember(node);
    if (linked) {
      return linked;
    }
    if (objectNode && key !== undefined) {
      const base = this.evaluate(objectNode);
      if (base.kind === 'object') {
        const entry = base.entries.filter((e) => e.key === key).pop();
        if (entry) {
          return entry.value;
        }
      }
      if (base.kind === 'unknown' && base.stability === 'volatile' && !base.byNameOnly) {
        return { ...base, node };
      }
      const opaque = () => this.opaqueName(node, key, `\`${node.text.slice(0, 60)}\` is read at run time`);
      return this.orderedMember(node, base, opaque) ?? opaque();
    }
    // MODELS[tier] in a constant table: one of its values.
    const base = objectNode && key === undefined ? this.evaluate(objectNode) : undefined;
    const choice = base?.kind === 'object' && !base.open ? choiceValue(base.entries.map((e) => e.value), node, `\`${node.text.slice(0, 60)}\` is read at run time`) : undefined;
    return choice ?? unknown(node, `\`${node.text.slice(0, 60)}\` is read at run time`);
  }

  /** `JSON.parse(text)`, js-yaml's `load(text)`, the yaml package's `parse(text)`, smol-toml's `parse(text)`: what it parses. */
  private parsesData(fn: SyntaxNode): DataFormat | undefined {
    const callee = this.qualifiedCallee(fn);
    if (callee === 'JSON.parse') {
      return 'json';
    }
    if (callee === 'js-yaml.load' || callee === 'yaml.parse') {
      return 'yaml';
    }
    return callee === 'smol-toml.parse' || callee === '@iarna/toml.parse' ? 'toml' : undefined;
  }

  /** `readFileSync(path, 'utf8')` and friends: text with an encoding (or `.toString()`), bytes otherwise. */
  private readFileValue(node: SyntaxNode, args: SyntaxNode[], asText: boolean): Value {
    const options = args[1] ? this.evaluate(args[1]) : undefined;
    const encoding = options?.kind === 'object' ? staticString(options.entries.find((e) => e.key === 'encoding')?.value) : staticString(options);
    if (!asText && !(encoding && /^utf-?8$/i.test(encoding))) {
      return unknown(node, 'read from a file as bytes or in an encoding set at run time');
    }
    return this.promptFileValue(node, this.pathOf(args[0]));
  }

  protected serialisedFrom(node: SyntaxNode): SyntaxNode | undefined {
    if (transparentTypes.has(node.type)) {
      return node.namedChildren[0] ?? undefined;
    }
    if (node.type !== 'call_expression') {
      return undefined;
    }
    const callee = node.childForFieldName('function')?.text ?? '';
    const first = namedChildren(node.childForFieldName('arguments') ?? node).find((a) => a.type !== 'comment');
    // JSON.stringify(body), Buffer.from(JSON.stringify(body)), new TextEncoder().encode(JSON.stringify(body))
    return callee === 'JSON.stringify' || callee === 'Buffer.from' || callee.endsWith('.encode') ? first : undefined;
  }

  /** Where a path expression points: strings, `__dirname`, `path.join/resolve/dirname`, `new URL(..., import.meta.url)`, and names bound once to those. */
  protected pathOf(node: SyntaxNode | null | undefined, depth = 0): PromptFilePath | undefined {
    if (!node || depth > 20) {
      return undefined;
    }
    if (transparentTypes.has(node.type)) {
      return this.pathOf(node.namedChildren[0], depth + 1);
    }
    switch (node.type) {
      case 'identifier':
        if (node.text === '__dirname') {
          return SOURCE_DIR;
        }
        return node.text === '__filename' ? SOURCE_FILE : this.pathOf(this.singleAssignment(node), depth + 1);
      case 'string':
      case 'template_string': {
        const text = staticString(this.evaluate(node));
        return text === undefined ? this.anchoredTemplatePath(node, depth) : { anchor: 'runtime', path: text };
      }
      case 'member_expression':
        return node.text === 'import.meta.dirname' ? SOURCE_DIR : node.text === 'import.meta.filename' ? SOURCE_FILE : undefined;
      case 'binary_expression': {
        // __dirname + '/prompt.md'
        if (node.childForFieldName('operator')?.text !== '+') {
          return undefined;
        }
        const base = this.pathOf(node.childForFieldName('left'), depth + 1);
        const part = this.pathPart(node.childForFieldName('right'), depth);
        return joinAfterSeparator(base, part);
      }
      case 'new_expression': {
        // new URL('./prompt.md', import.meta.url)
        const args = namedChildren(node.childForFieldName('arguments') ?? node).filter((a) => a.type !== 'comment');
        if (node.childForFieldName('constructor')?.text === 'URL' && args[1]?.text === 'import.meta.url') {
          return joinPromptPath(SOURCE_DIR, this.pathPart(args[0], depth));
        }
        return undefined;
      }
      case 'call_expression': {
        const callee = node.childForFieldName('function')?.text ?? '';
        const args = namedChildren(node.childForFieldName('arguments') ?? node).filter((a) => a.type !== 'comment');
        const name = callee.split('.').pop() ?? '';
        if ((name === 'join' || name === 'resolve') && (callee === name || /^(path|posix|path\.posix)\.(join|resolve)$/.test(callee))) {
          return this.joinedPath(args[0], args.slice(1), depth);
        }
        if (callee === 'dirname' || callee === 'path.dirname') {
          return parentPromptPath(this.pathOf(args[0], depth + 1));
        }
        if ((callee === 'fileURLToPath' || callee === 'url.fileURLToPath') && args[0]?.text === 'import.meta.url') {
          // ESM's own file: `dirname(fileURLToPath(import.meta.url))` is its __dirname.
          return SOURCE_FILE;
        }
        if (callee === 'fileURLToPath' || callee === 'url.fileURLToPath' || callee === 'path.normalize') {
          return this.pathOf(args[0], depth + 1);
        }
        return undefined;
      }
      default:
        return undefined;
    }
  }

  /** `${__dirname}/prompts/a.md`: one substitution anchored at the source, then a literal starting with a separator. */
  private anchoredTemplatePath(node: SyntaxNode, depth: number): PromptFilePath | undefined {
    const parts = namedChildren(node);
    const [substitution, rest] = parts;
    if (node.type !== 'template_string' || parts.length !== 2 || substitution.type !== 'template_substitution' || rest.type !== 'string_fragment') {
      return undefined;
    }
    return joinAfterSeparator(this.pathOf(substitution.namedChildren[0], depth + 1), rest.text);
  }

  private callValue(node: SyntaxNode): Value {
    const fn = node.childForFieldName('function');
    const argumentsNode = node.childForFieldName('arguments');
    if (!fn) {
      return unknown(node, 'a call');
    }
    const callee = fn.text.length <= 200 ? fn.text : '';
    const calleeName = callee.split('.').pop() ?? '';
    // Tagged template: dedent`...`, String.raw`...`
    if (argumentsNode?.type === 'template_string') {
      if (callee === 'String.raw') {
        return this.stringValue(argumentsNode, true);
      }
      const text = this.evaluate(argumentsNode);
      if (calleeName === 'stripIndents') {
        // common-tags' stripIndents removes all indentation, not just the common part.
        return mapStaticText(text, (s) => s.replace(/^[ \t]+/gm, '').trim(), node);
      }
      return ['dedent', 'outdent', 'stripIndent'].includes(calleeName) ? mapStaticText(text, (s) => dedentText(s).trim(), node) : unknown(node, `a \`${callee}\` tagged template`);
    }
    const args = argumentsNode ? namedChildren(argumentsNode).filter((a) => a.type !== 'comment') : [];
    const constructed = fn.type === 'identifier' ? this.constructedValue(node, callee) : undefined;
    if (constructed) {
      return constructed;
    }
    const volatileReason = volatileCallReason(callee, args.length);
    if (volatileReason) {
      return { kind: 'unknown', stability: 'volatile', reason: volatileReason, node };
    }
    const ordered = this.orderedCallValue(node, fn, callee, args);
    if (ordered) {
      return ordered;
    }
    if (['dedent', 'outdent', 'stripIndent'].includes(calleeName) && args[0]) {
      return mapStaticText(this.evaluate(args[0]), (s) => dedentText(s).trim(), node);
    }
    if (callee === 'JSON.stringify' && args[0]) {
      // JSON.stringify(x, null, 2): indented, with ": " between key and value.
      const space = args[2] ? this.evaluate(args[2]) : undefined;
      const indent = space?.kind === 'scalar' && typeof space.value === 'number' ? ' '.repeat(Math.max(0, Math.min(10, space.value))) : space?.kind === 'string' ? staticString(space)?.slice(0, 10) : undefined;
      // A replacer (function or key list) can change every value: only `null`/`undefined` is no replacer.
      const replacer = args[1] && args[1].type !== 'null' && args[1].type !== 'undefined';
      if (replacer || (args[2] && indent === undefined)) {
        return unknown(node, 'JSON written with a replacer or spacing set at run time');
      }
      return serialisedJson(this.evaluate(args[0]), indent ? { itemSeparator: ',', keySeparator: ': ', indent, asciiOnly: false } : COMPACT_JSON, node);
    }
    if (args[0] && this.parsesData(fn)) {
      return this.parsedDataValue(node, this.evaluate(args[0]), this.parsesData(fn) ?? 'json');
    }
    if (callee === 'String' && args[0]) {
      return concatStrings([this.evaluate(args[0])], node);
    }
    if (calleeName === 'readFileSync') {
      return this.readFileValue(node, args, false);
    }
    if (calleeName === 'readFile') {
      return unknown(node, 'read from a file (a promise until awaited)');
    }
    if (fn.type === 'member_expression') {
      const linked = this.linkedCall(node, fn);
      if (linked) {
        return linked;
      }
      const object = fn.childForFieldName('object');
      const method = fn.childForFieldName('property')?.text ?? '';
      const followed = object?.type === 'this' ? this.selfMethodCallValue(node, method) : undefined;
      if (followed) {
        return followed;
      }
      if (object) {
        return this.methodCallValue(node, object, method, args);
      }
    }
    // structuredClone(x), cloneDeep(x): a copy of a value known here is that value.
    if (['structuredClone', 'cloneDeep'].includes(callee) && args.length === 1) {
      const copied = this.evaluate(args[0]);
      if (copied.kind === 'array' || copied.kind === 'object') {
        return copied;
      }
    }
    const followed = fn.type === 'identifier' ? this.helperCallValue(node, fn) : undefined;
    if (followed) {
      return followed;
    }
    return unknown(node, `the result of \`${callee.slice(0, 60) || 'a call'}()\``);
  }

  private methodCallValue(node: SyntaxNode, object: SyntaxNode, method: string, args: SyntaxNode[]): Value {
    if (method === 'toString' && object.type === 'call_expression' && /(^|\.)readFileSync$/.test(object.childForFieldName('function')?.text ?? '')) {
      return this.readFileValue(node, namedChildren(object.childForFieldName('arguments') ?? object).filter((a) => a.type !== 'comment'), true);
    }
    const base = this.evaluate(object);
    const ordered = this.orderedMethodValue(node, object, base, method, () => this.arrayMethodValue(node, object, base, method, args));
    if (ordered) {
      return ordered;
    }
    return this.arrayMethodValue(node, object, base, method, args);
  }

  private arrayMethodValue(node: SyntaxNode, object: SyntaxNode, base: Value, method: string, args: SyntaxNode[]): Value {
    // xs.slice(): a copy (assignments into it then apply to it alone).
    if (method === 'slice' && args.length === 0 && base.kind === 'array') {
      return base;
    }
    if (base.kind === 'unknown' && base.stability === 'volatile' && !base.byNameOnly) {
      if (reducesToDayPrecision(method)) {
        return unknown(node, 'the current date (same all day)');
      }
      // new Date().toISOString().slice(0, 10) is the date alone.
      if ((method === 'slice' || method === 'substring') && object.text.endsWith('toISOString()') && args.length === 2 && args[0].text === '0' && args[1].text === '10') {
        return unknown(node, 'the current date (same all day)');
      }
      return { ...base, node };
    }
    switch (method) {
      case 'trim':
      case 'trimStart':
      case 'trimEnd': {
        const trim = method === 'trim' ? (s: string) => s.trim() : method === 'trimStart' ? (s: string) => s.trimStart() : (s: string) => s.trimEnd();
        return mapStaticText(base, trim, node);
      }
      case 'join': {
        const separatorValue = args[0] ? this.evaluate(args[0]) : staticStringValue(',', node);
        const separator = staticString(separatorValue);
        if (base.kind === 'array' && !base.repeated && !base.grows && separator !== undefined) {
          const parts: Value[] = [];
          base.items.forEach((item, i) => {
            if (i > 0) {
              parts.push(staticStringValue(separator, node));
            }
            parts.push(item);
          });
          return concatStrings(parts, node);
        }
        if (base.kind === 'array' && base.repeated?.kind === 'unknown' && base.repeated.stability === 'volatile') {
          return { ...base.repeated, node };
        }
        return unknown(node, 'joined at run time');
      }
      case 'map':
      case 'flatMap': {
        const callback = args[0];
        const repeated = callback ? this.evaluate(callback) : undefined;
        return { kind: 'array', items: [], node, repeated, grows: false };
      }
      case 'concat':
        if (base.kind === 'array') {
          const more = args.map((a) => this.evaluate(a));
          const items = [...base.items];
          let grows = base.grows;
          for (const m of more) {
            if (m.kind === 'array') {
              items.push(...m.items);
              grows ||= m.grows || !!m.repeated;
            } else {
              items.push(m);
            }
          }
          return { kind: 'array', items, node, grows };
        }
        return base.kind === 'string' ? concatStrings([base, ...args.map((a) => this.evaluate(a))], node) : unknown(node, 'computed at run time');
      case 'replace':
      case 'replaceAll':
        // A string pattern: replace() changes the first occurrence, replaceAll() every one.
        return replaceInString(base, args[0] && this.evaluate(args[0]), args[1] && this.evaluate(args[1]), node, method === 'replace' ? 1 : Infinity);
      case 'toUpperCase':
      case 'toLowerCase':
        return base.kind === 'string' || base.kind === 'unknown' ? { ...base, node } : unknown(node, 'computed at run time');
      case 'repeat': {
        const text = staticString(base);
        const times = args[0] ? this.evaluate(args[0]) : undefined;
        const count = times?.kind === 'scalar' && typeof times.value === 'number' ? times.value : NaN;
        if (text !== undefined && Number.isInteger(count) && count >= 0 && text.length * count <= 1_000_000) {
          return staticStringValue(text.repeat(count), node);
        }
        return base.kind === 'string' || base.kind === 'unknown' ? { ...base, node } : unknown(node, 'computed at run time');
      }
      case 'toString':
        return base.kind === 'unknown' ? { ...base, node } : concatStrings([base], node);
      default:
        return unknown(node, `the result of \`${node.text.slice(0, 60)}\``);
    }
  }

  /** A request's argument: an object literal, or a name bound to one. */
  requestArguments(argumentsNode: SyntaxNode): ObjectValue | undefined {
    const first = namedChildren(argumentsNode).find((a) => a.type !== 'comment');
    const value = first ? this.evaluate(first) : undefined;
    return value?.kind === 'object' ? value : undefined;
  }
}

/**
 * `__dirname + '/p.md'`, `${__dirname}/p.md`: the path below the source's folder. Without a leading
 * separator (`__dirname + 'p.md'`) the string names a sibling of the folder ("…/appp.md"): not followed.
 */
function joinAfterSeparator(base: PromptFilePath | undefined, part: string | undefined): PromptFilePath | undefined {
  return base?.anchor === 'source' && part !== undefined && /^[/\\]/.test(part) ? joinPromptPath(base, part.replace(/^[/\\]+/, '')) : undefined;
}
