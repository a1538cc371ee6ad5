import type { SyntaxNode } from '../parsing/parser';
import { type PromptFilePath, SOURCE_FILE, joinPromptPath, parentPromptPath } from '../prompt-files';
import type { CallArguments, FunctionShape } from './evaluator';
import { DATA_LOADERS, OPEN_CALLS } from './python-reads';
import { percentFormatted } from './python-format';
import { PythonOrder } from './python-order';
import { orderHazardOf, withOrderHazard, withoutOrderHazard } from './order';
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
  type JsonStyle,
  serialisedJson,
  changedAtRunTime,
  numberSum,
  signedNumber,
} from './values';
import { formatHasSubDayPrecision, reducesToDayPrecision, volatileCallReason } from './volatility';

/** Calls that build a path for `.read_text()`. */
const PATH_CONSTRUCTORS = new Set(['Path', 'pathlib.Path', 'PurePath', 'PosixPath', 'WindowsPath']);

/** One parameter as `functionShape` reports it: `x`, `x: int`, `x=1`, `x: int = 1`, `*args`, `**kwargs`. */
function pythonParameter(parameter: SyntaxNode): FunctionShape['parameters'][number] {
  if (parameter.type === 'identifier') {
    return { name: parameter.text };
  }
  if (parameter.type === 'list_splat_pattern' || parameter.type === 'dictionary_splat_pattern') {
    return { name: parameter.namedChildren[0]?.text ?? '', rest: parameter.type === 'dictionary_splat_pattern' ? 'keyword' : 'positional' };
  }
  if (parameter.type === 'default_parameter' || parameter.type === 'typed_default_parameter') {
    return { name: parameter.childForFieldName('name')?.text ?? '', defaultValue: parameter.childForFieldName('value') ?? undefined };
  }
  const first = parameter.namedChildren[0];
  if (first?.type === 'list_splat_pattern' || first?.type === 'dictionary_splat_pattern') {
    return { name: first.namedChildren[0]?.text ?? '', rest: first.type === 'dictionary_splat_pattern' ? 'keyword' : 'positional' };
  }
  return { name: first?.type === 'identifier' ? first.text : '' };
}

function decodePythonEscapes(text: string): string {
  return text.replace(/\\(\r?\n|[\\'"abfnrtv]|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|N\{[^}]*\}|[0-7]{1,3})/g, (_m, esc: string) => {
    switch (esc[0]) {
      case '\n':
      case '\r':
        return '';
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case 'a':
        return '\x07';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'v':
        return '\v';
      case 'x':
      case 'u':
      case 'U':
        return String.fromCodePoint(parseInt(esc.slice(1), 16));
      case 'N':
        return '?';
      default:
        return /[0-7]/.test(esc[0]) ? String.fromCharCode(parseInt(esc, 8)) : esc;
    }
  });
}

export class PythonEvaluator extends PythonOrder {
  protected evaluateNode(node: SyntaxNode): Value {
    switch (node.type) {
      case 'string':
        return this.stringValue(node);
      case 'concatenated_string':
        return concatStrings(namedChildren(node).map((child) => this.evaluate(child)), node);
      case 'parenthesized_expression': {
        const inner = node.namedChildren[0];
        return inner ? this.evaluate(inner) : unknown(node, 'empty expression');
      }
      case 'binary_operator':
        return this.binaryValue(node);
      case 'dictionary':
        return this.dictionaryValue(node);
      case 'list':
      case 'tuple':
        return this.sequenceValue(node, 'list_splat');
      case 'list_comprehension':
      case 'generator_expression':
      case 'set_comprehension': {
        const body = node.childForFieldName('body');
        const repeated = body ? this.evaluate(body) : undefined;
        return this.comprehensionValue(node, { kind: 'array', items: [], node, repeated, grows: false });
      }
      case 'dictionary_comprehension':
        return this.comprehensionValue(node, unknown(node, 'a dictionary comprehension'));
      case 'set':
        return this.setValue(node, namedChildren(node).filter((c) => c.type !== 'comment').map((c) => this.evaluate(c)), `\`${node.text.length > 60 ? `${node.text.slice(0, 57)}…` : node.text}\``);
      case 'identifier':
        return this.resolveIdentifier(node);
      case 'attribute':
        return this.attributeValue(node);
      case 'subscript':
        return this.subscriptValue(node);
      case 'call':
        return this.callValue(node);
      case 'integer':
      case 'float':
        return { kind: 'scalar', value: Number(node.text.replace(/_/g, '')), node };
      case 'unary_operator': {
        // -1 in ITEMS[-1] and in schemas: a number, negated.
        const argument = node.childForFieldName('argument');
        return signedNumber(node.childForFieldName('operator')?.text, argument ? this.evaluate(argument) : undefined, node);
      }
      case 'true':
        return { kind: 'scalar', value: true, node };
      case 'false':
        return { kind: 'scalar', value: false, node };
      case 'none':
        return { kind: 'scalar', value: null, node };
      case 'conditional_expression':
        return this.conditionalValue(node);
      case 'augmented_assignment':
        return changedAtRunTime(node);
      case 'await': {
        // `await build_system()` of a helper in this file: what it returns.
        const inner = node.namedChildren[0];
        const callee = inner?.type === 'call' ? inner.childForFieldName('function') : null;
        if (inner && callee?.type === 'identifier') {
          return this.evaluate(inner);
        }
        // `await session.list_tools()`: what is awaited keeps its order hazard.
        const awaited = inner?.type === 'call' && callee?.type === 'attribute' && callee.childForFieldName('attribute')?.text === 'list_tools' ? orderHazardOf(this.evaluate(inner)) : undefined;
        return withOrderHazard(unknown(node, 'awaited at run time'), awaited);
      }
      default:
        return unknown(node, `a ${node.type.replace(/_/g, ' ')}`);
    }
  }

  private stringValue(node: SyntaxNode): Value {
    const text = node.text;
    const opening = /^([a-zA-Z]*)("""|'''|"|')/.exec(text);
    const prefix = (opening?.[1] ?? '').toLowerCase();
    const raw = prefix.includes('r');
    const quote = opening?.[2];
    // Plain literals (most of them) are read from their text: no child nodes to fetch from WASM.
    if (opening && quote && !prefix.includes('f') && text.length >= opening[0].length + quote.length && text.endsWith(quote) && !node.hasError) {
      const content = text.slice(opening[0].length, text.length - quote.length);
      return { kind: 'string', segments: mergeStatic([{ stability: 'static', text: raw ? content : decodePythonEscapes(content), range: rangeOf(node) }]), node };
    }
    const segments: TextSegment[] = [];
    for (const child of namedChildren(node)) {
      if (child.type === 'string_content') {
        segments.push({ stability: 'static', text: raw ? child.text : decodePythonEscapes(child.text), range: rangeOf(child) });
      } else if (child.type === 'interpolation') {
        const expression = child.childForFieldName('expression');
        if (expression) {
          segments.push(...segmentsOf(this.evaluate(expression)));
        }
      }
    }
    return { kind: 'string', segments: mergeStatic(segments), node };
  }

  private binaryValue(node: SyntaxNode): Value {
    const operator = node.childForFieldName('operator')?.text;
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (!left || !right) {
      return unknown(node, 'an incomplete expression');
    }
    const l = this.evaluate(left);
    const r = this.evaluate(right);
    if (operator === '+') {
      const sum = numberSum(l, r, node);
      if (sum) {
        return sum;
      }
      if (l.kind === 'array' && r.kind === 'array') {
        return { kind: 'array', items: [...l.items, ...r.items], node, grows: l.grows || r.grows || !!l.repeated || !!r.repeated };
      }
      if (l.kind !== 'object' && r.kind !== 'object' && l.kind !== 'array' && r.kind !== 'array') {
        return concatStrings([l, r], node);
      }
    }
    if (operator === '*') {
      const [repeatedText, times] = l.kind === 'string' ? [l, r] : [r, l];
      const text = staticString(repeatedText);
      const count = times.kind === 'scalar' && typeof times.value === 'number' ? times.value : NaN;
      if (text !== undefined && Number.isInteger(count) && count >= 0 && text.length * count <= 1_000_000) {
        return staticStringValue(text.repeat(count), node);
      }
    }
    if (operator === '%' && l.kind === 'string') {
      // Formatting that cannot be followed keeps the stability of both sides, not their text.
      const volatile = [l, r].some((v) => segmentsOf(v).some((s) => s.stability === 'volatile'));
      return percentFormatted(l, r, node) ?? unknown(node, 'formatted with % at run time', volatile ? 'volatile' : 'stable-unknown');
    }
    // `a | b`, `a - b` of sets: still a set.
    const setHazard = ['|', '&', '-', '^'].includes(operator ?? '') ? (orderHazardOf(l) ?? orderHazardOf(r)) : undefined;
    return withOrderHazard(unknown(node, 'computed at run time'), setHazard);
  }

  private dictionaryValue(node: SyntaxNode): ObjectValue {
    const entries: ObjectEntry[] = [];
    let open = false;
    for (const child of namedChildren(node)) {
      if (child.type === 'pair') {
        const keyNode = child.childForFieldName('key');
        const valueNode = child.childForFieldName('value');
        const key = keyNode ? staticString(this.evaluate(keyNode)) : undefined;
        if (keyNode && valueNode && key !== undefined) {
          entries.push({ key, keyRange: rangeOf(keyNode), entryNode: child, value: this.evaluate(valueNode) });
        } else {
          open = true;
        }
      } else if (child.type === 'dictionary_splat') {
        const spread = child.namedChildren[0] ? this.evaluate(child.namedChildren[0]) : undefined;
        if (spread?.kind === 'object') {
          entries.push(...spread.entries);
          open ||= spread.open;
        } else {
          open = true;
        }
      } else if (child.type !== 'comment') {
        open = true;
      }
    }
    return { kind: 'object', entries, node, open };
  }


  private attributeValue(node: SyntaxNode): Value {
    const object = node.childForFieldName('object');
    const attribute = node.childForFieldName('attribute')?.text ?? '';
    const fromClass = object?.type === 'identifier' && object.text === 'self' ? this.selfAttributeValue(node, attribute) : undefined;
    if (fromClass) {
      return fromClass;
    }
    const linked = this.linkedMember(node);
    if (linked) {
      return linked;
    }
    if (object) {
      const base = this.evaluate(object);
      if (base.kind === 'unknown' && base.stability === 'volatile' && !base.byNameOnly) {
        return reducesToDayPrecision(attribute) ? unknown(node, 'the current date (same all day)') : { ...base, node };
      }
      // `(await session.list_tools()).tools`: the list inside keeps the order.
      if (base.kind === 'unknown' && base.unordered) {
        return withOrderHazard(this.opaqueName(node, attribute, `\`${node.text.slice(0, 60)}\` is an attribute read at run time`), base.unordered);
      }
    }
    return this.opaqueName(node, attribute, `\`${node.text.slice(0, 60)}\` is an attribute read at run time`);
  }

  private subscriptValue(node: SyntaxNode): Value {
    const value = node.childForFieldName('value');
    const index = node.childForFieldName('subscript');
    if (value && index) {
      const base = this.evaluate(value);
      const key = staticString(this.evaluate(index));
      if (base.kind === 'object' && key !== undefined) {
        const entry = base.entries.filter((e) => e.key === key).pop();
        if (entry) {
          return entry.value;
        }
      }
      if (base.kind === 'unknown' && base.stability === 'volatile') {
        return { ...base, node };
      }
      // ITEMS[0], ITEMS[-1] of a list known here.
      const position = this.evaluate(index);
      if (base.kind === 'array' && !base.repeated && !base.grows && position.kind === 'scalar' && typeof position.value === 'number' && Number.isInteger(position.value)) {
        const item = base.items.at(position.value);
        if (item && !(item.kind === 'unknown' && item.spread) && !base.items.some((i) => i.kind === 'unknown' && i.spread)) {
          return item;
        }
      }
      // CONFIG["system"] of a file that could not be read: say why.
      if (base.kind === 'unknown' && base.node.type === 'call') {
        return unknown(node, `\`${node.text.slice(0, 60)}\`: ${base.reason}`);
      }
      // MODELS[tier] in a constant table: one of its values.
      const choice = base.kind === 'object' && key === undefined && !base.open ? choiceValue(base.entries.map((e) => e.value), node, `\`${node.text.slice(0, 60)}\` is looked up at run time`) : undefined;
      if (choice) {
        return choice;
      }
    }
    return unknown(node, `\`${node.text.slice(0, 60)}\` is looked up at run time`);
  }

  private conditionalValue(node: SyntaxNode): Value {
    const branches = namedChildren(node).map((child) => this.evaluate(child));
    const volatile = branches.find((b) => b.kind === 'unknown' && b.stability === 'volatile');
    if (volatile) {
      return { ...volatile, node };
    }
    // [when true, condition, when false]
    const outcomes = branches.length === 3 ? [branches[0], branches[2]] : [];
    const choice = choiceValue(outcomes, node, 'chosen by a condition at run time') ?? this.cachingBranch(outcomes);
    return choice ?? unknown(node, 'chosen by a condition at run time');
  }

  protected readonly methodTakesSelf = true;

  protected memberOf(node: SyntaxNode): { object: SyntaxNode; name: string } | undefined {
    const object = node.type === 'attribute' ? node.childForFieldName('object') : null;
    const name = object ? node.childForFieldName('attribute')?.text : undefined;
    return object && name ? { object, name } : undefined;
  }

  protected selfAttributeName(node: SyntaxNode): string | undefined {
    return node.type === 'attribute' && node.childForFieldName('object')?.text === 'self' ? node.childForFieldName('attribute')?.text : undefined;
  }
  protected readonly callType = 'call';

  protected loopHeader(loop: SyntaxNode): SyntaxNode[] {
    const header = loop.childForFieldName(loop.type === 'for_statement' ? 'right' : 'condition');
    return header ? [header] : [];
  }

  /** `json.dumps(x, indent=2, ensure_ascii=False, separators=(",", ":"))` as Python writes it; undefined when an option is not a literal. */
  private jsonDumpsStyle(call: SyntaxNode): JsonStyle | undefined {
    const { named } = this.callArguments(call);
    const style: JsonStyle = { itemSeparator: ', ', keySeparator: ': ', asciiOnly: true };
    const indentNode = named.get('indent');
    if (indentNode && indentNode.type !== 'none') {
      const indent = this.evaluate(indentNode);
      if (indent.kind === 'scalar' && typeof indent.value === 'number') {
        style.indent = ' '.repeat(Math.max(0, Math.min(16, indent.value)));
      } else if (indent.kind === 'string' && staticString(indent) !== undefined) {
        style.indent = staticString(indent);
      } else {
        return undefined;
      }
    }
    const ascii = named.get('ensure_ascii');
    if (ascii) {
      const value = this.evaluate(ascii);
      if (value.kind !== 'scalar' || typeof value.value !== 'boolean') {
        return undefined;
      }
      style.asciiOnly = value.value;
    }
    const sortKeys = named.get('sort_keys');
    if (sortKeys) {
      const value = this.evaluate(sortKeys);
      if (value.kind !== 'scalar' || typeof value.value !== 'boolean') {
        return undefined;
      }
      style.sortKeys = value.value;
    }
    const separators = named.get('separators');
    if (separators) {
      const value = this.evaluate(separators);
      const [item, key] = value.kind === 'array' ? value.items.map((v) => staticString(v)) : [];
      if (item === undefined || key === undefined) {
        return undefined;
      }
      style.itemSeparator = item;
      style.keySeparator = key;
    } else if (style.indent !== undefined) {
      // With an indent, Python's default item separator loses its trailing space.
      style.itemSeparator = ',';
    }
    return style;
  }

  protected keywordArgumentsOf(call: SyntaxNode): ObjectValue | undefined {
    const list = call.childForFieldName('arguments');
    return list?.type === 'argument_list' ? this.keywordArguments(list) : undefined;
  }

  protected functionName(fn: SyntaxNode): string | undefined {
    return fn.type === 'function_definition' ? fn.childForFieldName('name')?.text : undefined;
  }

  protected isFunction(type: string): boolean {
    return type === 'function_definition' || type === 'lambda';
  }
  protected readonly loopTypes: ReadonlySet<string> = new Set(['while_statement', 'for_statement']);

  entryExpression(entry: ObjectEntry): SyntaxNode | undefined {
    return entry.origin ? undefined : (entry.entryNode.childForFieldName('value') ?? undefined);
  }


  protected readonly assignmentType = 'assignment';
  protected readonly classTypes: ReadonlySet<string> = new Set(['class_definition']);


  protected classNameOf(cls: SyntaxNode): string | undefined {
    return cls.childForFieldName('name')?.text;
  }

  protected superclassNamesOf(cls: SyntaxNode): string[] {
    const list = cls.childForFieldName('superclasses');
    return list ? namedChildren(list).filter((c) => c.type === 'identifier' || c.type === 'attribute').map((c) => c.text.slice(c.text.lastIndexOf('.') + 1)) : [];
  }

  protected classBodyMembers(cls: SyntaxNode, name: string): { methods: SyntaxNode[]; values: SyntaxNode[] } {
    const methods: SyntaxNode[] = [];
    const values: SyntaxNode[] = [];
    const body = cls.childForFieldName('body');
    for (const child of body ? namedChildren(body) : []) {
      const definition = child.type === 'decorated_definition' ? child.childForFieldName('definition') : child;
      if (definition?.type === 'function_definition' && definition.childForFieldName('name')?.text === name) {
        methods.push(definition);
      }
      // A class attribute: `model = "claude-…"` in the class body.
      const statement = child.type === 'expression_statement' ? child.namedChildren[0] : null;
      const right = statement?.type === 'assignment' && statement.childForFieldName('left')?.text === name ? statement.childForFieldName('right') : null;
      if (right) {
        values.push(right);
      }
    }
    return { methods, values };
  }


  protected functionShape(fn: SyntaxNode): FunctionShape | undefined {
    if (fn.type === 'lambda') {
      const body = fn.childForFieldName('body');
      const parameters = fn.childForFieldName('parameters');
      return body ? { parameters: parameters ? namedChildren(parameters).map(pythonParameter) : [], returns: [body] } : undefined;
    }
    if (fn.type !== 'function_definition') {
      return undefined;
    }
    const body = fn.childForFieldName('body');
    const parameters = fn.childForFieldName('parameters');
    const own = (node: SyntaxNode) => this.enclosingFunction(node) === fn.id;
    if (body && body.descendantsOfType('yield').some((y) => y && own(y))) {
      return { parameters: [], returns: [], opaque: 'is a generator' };
    }
    const returns = (body ? body.descendantsOfType('return_statement') : []).filter((r): r is SyntaxNode => !!r && own(r));
    const decorators = fn.parent?.type === 'decorated_definition' ? namedChildren(fn.parent).filter((d) => d.type === 'decorator') : [];
    return {
      parameters: parameters ? namedChildren(parameters).filter((p) => p.type !== 'comment' && p.type !== 'keyword_separator' && p.type !== 'positional_separator').map(pythonParameter) : [],
      returns: returns.map((r) => namedChildren(r).find((c) => c.type !== 'comment') ?? r),
      ...(decorators.some((d) => /^@\s*(functools\.)?(cache|lru_cache)\b/.test(d.text)) ? { memoized: true } : {}),
    };
  }

  protected callArguments(call: SyntaxNode): CallArguments {
    const list = call.childForFieldName('arguments');
    const result: CallArguments = { positional: [], named: new Map(), spread: false };
    if (list?.type === 'generator_expression') {
      result.positional.push(list);
      return result;
    }
    for (const arg of list ? namedChildren(list) : []) {
      if (arg.type === 'keyword_argument') {
        const name = arg.childForFieldName('name')?.text;
        const value = arg.childForFieldName('value');
        if (name && value) {
          result.named.set(name, value);
        }
      } else if (arg.type === 'list_splat' || arg.type === 'dictionary_splat') {
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
    if (node.type === 'parenthesized_expression' && node.namedChildren[0]) {
      return this.alternativesOf(node.namedChildren[0], depth + 1);
    }
    if (node.type === 'conditional_expression') {
      const [whenTrue, , whenFalse] = namedChildren(node);
      return whenTrue && whenFalse ? [...this.alternativesOf(whenTrue, depth + 1), ...this.alternativesOf(whenFalse, depth + 1)] : [node];
    }
    return [node];
  }

  protected serialisedFrom(node: SyntaxNode): SyntaxNode | undefined {
    if (node.type !== 'call') {
      return undefined;
    }
    const fn = node.childForFieldName('function');
    const args = namedChildren(node.childForFieldName('arguments') ?? node).filter((a) => a.type !== 'comment' && a.type !== 'keyword_argument');
    const callee = fn?.text ?? '';
    if (callee === 'json.dumps' || callee === 'dumps') {
      return args[0];
    }
    // json.dumps(body).encode("utf-8")
    return fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'encode' ? (fn.childForFieldName('object') ?? undefined) : undefined;
  }

  /** Where a path expression points: string literals, `Path(...)`, `/`, `.parent`, `os.path.join/dirname`, `__file__`, and names bound once to those. */
  protected pathOf(node: SyntaxNode | null | undefined, depth = 0): PromptFilePath | undefined {
    if (!node || depth > 20) {
      return undefined;
    }
    switch (node.type) {
      case 'identifier':
        return node.text === '__file__' ? SOURCE_FILE : this.pathOf(this.singleAssignment(node), depth + 1);
      case 'string':
      case 'concatenated_string': {
        const text = staticString(this.evaluate(node));
        return text === undefined ? undefined : { anchor: 'runtime', path: text };
      }
      case 'parenthesized_expression':
        return this.pathOf(node.namedChildren[0], depth + 1);
      case 'binary_operator': {
        if (node.childForFieldName('operator')?.text !== '/') {
          return undefined;
        }
        return joinPromptPath(this.pathOf(node.childForFieldName('left'), depth + 1), this.pathPart(node.childForFieldName('right'), depth));
      }
      case 'attribute':
        return node.childForFieldName('attribute')?.text === 'parent' ? parentPromptPath(this.pathOf(node.childForFieldName('object'), depth + 1)) : undefined;
      case 'call': {
        const fn = node.childForFieldName('function');
        const args = namedChildren(node.childForFieldName('arguments') ?? node).filter((a) => a.type !== 'comment' && a.type !== 'keyword_argument');
        const callee = fn?.text ?? '';
        if (PATH_CONSTRUCTORS.has(callee)) {
          return args.length === 0 ? { anchor: 'runtime', path: '.' } : this.joinedPath(args[0], args.slice(1), depth);
        }
        if (callee === 'os.path.join' || callee === 'path.join') {
          return this.joinedPath(args[0], args.slice(1), depth);
        }
        if (callee === 'os.path.dirname' || callee === 'path.dirname') {
          return parentPromptPath(this.pathOf(args[0], depth + 1));
        }
        if (['os.path.abspath', 'os.path.realpath', 'os.path.normpath', 'os.fspath', 'str'].includes(callee)) {
          return this.pathOf(args[0], depth + 1);
        }
        if (fn?.type === 'attribute') {
          const method = fn.childForFieldName('attribute')?.text ?? '';
          const object = fn.childForFieldName('object');
          if (['resolve', 'absolute', 'expanduser'].includes(method)) {
            return this.pathOf(object, depth + 1);
          }
          if (method === 'joinpath') {
            return this.joinedPath(object, args, depth);
          }
        }
        return undefined;
      }
      default:
        return undefined;
    }
  }

  private callValue(node: SyntaxNode): Value {
    const fn = node.childForFieldName('function');
    const argumentList = node.childForFieldName('arguments');
    // `"".join(x for x in xs)`: the generator is the one argument.
    const args = argumentList?.type === 'generator_expression' ? [argumentList] : argumentList ? namedChildren(argumentList).filter((a) => a.type !== 'comment') : [];
    if (!fn) {
      return unknown(node, 'a call');
    }
    const callee = fn.text.length <= 200 ? fn.text : '';
    const volatileReason = volatileCallReason(callee, args.length);
    if (volatileReason) {
      return { kind: 'unknown', stability: 'volatile', reason: volatileReason, node };
    }
    const calleeName = callee.split('.').pop() ?? '';
    const constructed = fn.type === 'identifier' ? this.constructedValue(node, callee) : undefined;
    if (constructed) {
      return constructed;
    }
    const ordered = this.orderedCallValue(node, fn, callee, args);
    if (ordered) {
      return ordered;
    }
    if (['dedent', 'cleandoc'].includes(calleeName) && args[0]) {
      return mapStaticText(this.evaluate(args[0]), dedentText, node);
    }
    if (callee === 'str' && args[0]) {
      const inner = this.evaluate(args[0]);
      return inner.kind === 'string' || inner.kind === 'unknown' ? inner : concatStrings([inner], node);
    }
    // dict(type="text", ...) and the SDK's TypedDicts (`TextBlockParam(...)`, `BetaCacheControlEphemeralParam({...})`) build plain dicts.
    if ((callee === 'dict' || /^[A-Z]\w*Param$/.test(calleeName)) && argumentList) {
      // `dict(base, text=…)`: base's entries, then the keywords over them; a base not known here (a
      // list of pairs, a name from elsewhere) leaves the keys open.
      const { positional } = this.callArguments(node);
      const keywords = this.keywordArguments(argumentList);
      if (positional.length === 0) {
        return keywords;
      }
      const base = positional.length === 1 ? this.evaluate(positional[0]) : undefined;
      if (base?.kind !== 'object') {
        return { ...keywords, open: true };
      }
      return keywords.entries.length === 0 && !keywords.open ? base : { ...base, entries: [...base.entries, ...keywords.entries], open: base.open || keywords.open, node };
    }
    // os.getenv("MODEL", "claude-…"), os.environ.get("MODEL", "claude-…"): the default, marked as one.
    if (['os.getenv', 'getenv', 'os.environ.get', 'environ.get'].includes(callee.replace(/\s/g, '')) && argumentList) {
      const { positional, named } = this.callArguments(node);
      const variable = positional[0] ? staticString(this.evaluate(positional[0])) : undefined;
      const fallbackNode = positional[1] ?? named.get('default');
      const fromEnvironment = variable !== undefined && fallbackNode ? environmentValue(variable, this.evaluate(fallbackNode), node) : undefined;
      if (fromEnvironment) {
        return fromEnvironment;
      }
    }
    const loader = DATA_LOADERS.get(this.qualifiedCallee(fn));
    if (loader && args[0] && args[0].type !== 'keyword_argument') {
      return this.parsedDataValue(node, this.dataSource(args[0]), loader);
    }
    if (calleeName === 'from_file' && fn.type === 'attribute' && /PromptTemplate$/.test(fn.childForFieldName('object')?.text ?? '') && args[0]) {
      // LangChain's PromptTemplate.from_file(path): the file's text, its {variables} filled later.
      return this.promptFileValue(node, this.pathOf(args[0].type === 'keyword_argument' ? args[0].childForFieldName('value') : args[0]));
    }
    if (callee.endsWith('json.dumps') || callee === 'dumps') {
      const inner = args[0] && args[0].type !== 'keyword_argument' ? this.evaluate(args[0]) : undefined;
      const style = inner ? this.jsonDumpsStyle(node) : undefined;
      const dumped = inner && style ? serialisedJson(inner, style, node) : unknown(node, 'JSON built at run time');
      if (!inner || !orderHazardOf(inner)?.keysOnly) {
        return inner && orderHazardOf(inner) && dumped.kind === 'unknown' ? withOrderHazard(dumped, orderHazardOf(inner)) : dumped;
      }
      // A dict whose keys come in an unstable order: `sort_keys=True` settles it; without it, that is the fix.
      const sortKeys = this.callArguments(node).named.get('sort_keys')?.text === 'True';
      const hazard = this.dumpedOrder(node, inner, sortKeys);
      const settled = withoutOrderHazard(dumped);
      return hazard ? withOrderHazard(settled, hazard) : settled;
    }
    // copy.deepcopy(x), copy.copy(x), list(x): a copy of a value known here is that value.
    if (['copy.deepcopy', 'copy.copy', 'deepcopy', 'list', 'tuple'].includes(callee) && args.length === 1 && args[0].type !== 'keyword_argument') {
      const copied = this.evaluate(args[0]);
      if (copied.kind === 'array' || (copied.kind === 'object' && callee !== 'list' && callee !== 'tuple')) {
        return copied;
      }
    }
    if (fn.type === 'attribute') {
      const linked = this.linkedCall(node, fn);
      if (linked) {
        return linked;
      }
      const object = fn.childForFieldName('object');
      const method = fn.childForFieldName('attribute')?.text ?? '';
      if (object) {
        return this.methodCallValue(node, object, method, args);
      }
    }
    if (OPEN_CALLS.has(callee) || calleeName === 'read_text' || calleeName === 'read') {
      return unknown(node, 'read from a file');
    }
    const followed = fn.type === 'identifier' ? this.helperCallValue(node, fn) : undefined;
    if (followed) {
      return followed;
    }
    return unknown(node, `the result of \`${callee.slice(0, 60) || 'a call'}()\``);
  }

  private methodCallValue(node: SyntaxNode, object: SyntaxNode, method: string, args: SyntaxNode[]): Value {
    const followed = object.type === 'identifier' && object.text === 'self' ? this.selfMethodCallValue(node, method) : undefined;
    if (followed) {
      return followed;
    }
    // with open(...) as f: ... f.read()
    const opened = method === 'read' && object.type === 'identifier' ? this.contextOf(object) : object;
    if (method === 'read' && opened && this.isOpenCall(opened)) {
      return this.openedFileText(node, opened, false);
    }
    if (method === 'render') {
      const rendered = this.jinjaRender(node, object);
      if (rendered) {
        return rendered;
      }
    }
    if (method === 'read_text') {
      return this.promptFileValue(node, this.pathOf(object));
    }
    if (['read', 'read_bytes', 'readlines'].includes(method)) {
      return unknown(node, 'read from a file');
    }
    const base = this.evaluate(object);
    const ordered = this.orderedMethodValue(node, base, method, args);
    if (ordered) {
      return ordered;
    }
    // x.copy(): the same value (assignments into the copy then apply to it alone).
    if (method === 'copy' && args.length === 0 && (base.kind === 'object' || base.kind === 'array')) {
      return base;
    }
    if (base.kind === 'unknown' && base.stability === 'volatile' && !base.byNameOnly) {
      if (reducesToDayPrecision(method)) {
        return unknown(node, 'the current date (same all day)');
      }
      if (method === 'strftime' && args[0]) {
        const format = staticString(this.evaluate(args[0]));
        if (format !== undefined && !formatHasSubDayPrecision(format)) {
          return unknown(node, 'the current date (same all day)');
        }
      }
      return { ...base, node };
    }
    switch (method) {
      case 'strip':
      case 'lstrip':
      case 'rstrip':
        if (args.length === 0) {
          const trim = method === 'strip' ? (s: string) => s.trim() : method === 'lstrip' ? (s: string) => s.trimStart() : (s: string) => s.trimEnd();
          return mapStaticText(base, trim, node);
        }
        return base.kind === 'string' ? { ...base, node } : unknown(node, 'computed at run time');
      case 'join': {
        const separator = staticString(base);
        const items = args[0] ? this.evaluate(args[0]) : undefined;
        if (separator !== undefined && items?.kind === 'array' && !items.repeated && !items.grows) {
          const parts: Value[] = [];
          items.items.forEach((item, i) => {
            if (i > 0) {
              parts.push(staticStringValue(separator, node));
            }
            parts.push(item);
          });
          return concatStrings(parts, node);
        }
        if (items?.kind === 'array') {
          const itemStability = items.repeated ?? items.items.find((i) => i.kind === 'unknown');
          if (itemStability?.kind === 'unknown' && itemStability.stability === 'volatile') {
            return { ...itemStability, node };
          }
        }
        return unknown(node, 'joined at run time');
      }
      case 'format':
        if (base.kind === 'string') {
          const formatArgs = args.map((a) => this.evaluate(a.type === 'keyword_argument' ? (a.childForFieldName('value') ?? a) : a));
          const template = staticString(base);
          const templateValue = template !== undefined ? staticStringValue(template.replace(/\{[^{}]*\}/g, ''), node) : base;
          return concatStrings([templateValue, ...formatArgs], node);
        }
        return unknown(node, 'formatted at run time');
      case 'replace': {
        const count = args[2] ? this.evaluate(args[2]) : undefined;
        const limit = count?.kind === 'scalar' && typeof count.value === 'number' && count.value >= 0 ? count.value : Infinity;
        return replaceInString(base, args[0] && this.evaluate(args[0]), args[1] && this.evaluate(args[1]), node, limit);
      }
      case 'upper':
      case 'lower':
      case 'title':
      case 'capitalize':
        return base.kind === 'string' || base.kind === 'unknown' ? { ...base, node } : unknown(node, 'computed at run time');
      default:
        return unknown(node, `the result of \`${node.text.slice(0, 60)}\``);
    }
  }

  /** Keyword arguments (and `**spread`s) of a call, as one object. */
  keywordArguments(argumentList: SyntaxNode): ObjectValue {
    const entries: ObjectEntry[] = [];
    let open = false;
    for (const arg of namedChildren(argumentList)) {
      if (arg.type === 'keyword_argument') {
        const name = arg.childForFieldName('name');
        const value = arg.childForFieldName('value');
        if (name && value) {
          entries.push({ key: name.text, keyRange: rangeOf(name), entryNode: arg, value: this.evaluate(value) });
        }
      } else if (arg.type === 'dictionary_splat') {
        const spread = arg.namedChildren[0] ? this.evaluate(arg.namedChildren[0]) : undefined;
        if (spread?.kind === 'object') {
          entries.push(...spread.entries);
          open ||= spread.open;
        } else {
          open = true;
        }
      }
    }
    return { kind: 'object', entries, node: argumentList, open };
  }
}
