import type { SyntaxNode } from '../parsing/parser';
import type { PromptFileReader } from '../prompt-files';
import { BindingIndex } from './bindings';
import { JsEvaluator, transparentTypes } from './js-syntax';
import { CACHE_CONTROL_KEYS, type FileSyntax, type SourceComment, FileStrings, importedWrapperRequests, invokeModelArguments, noteMethodCall, requestCallsAmong } from './language-support';
import type { PathStep, PropertyStore } from './stores';
import { BEDROCK_INVOKE_COMMANDS, namedChildren, walkTree } from './tree-walk';
import { FRAMEWORK_CLASSES, FRAMEWORK_FUNCTIONS } from '../dialects';
import { jsModuleInterface, requiredNames } from './js-modules';
import type { ImportedName, ModuleLinks } from '../modules/imports';

/**
 * The TypeScript/JavaScript front end's walk: one pass over the tree that records scopes and
 * bindings, mutations and assignments into values, `cache_control` sites, comments and candidate
 * calls, in the engine's terms. What values mean is `JsEvaluator`'s (js-syntax.ts) and the shared
 * evaluator's business.
 */

const scopeTypes = new Set([
  'function_declaration',
  'function_expression',
  'function',
  'arrow_function',
  'method_definition',
  'generator_function_declaration',
  'generator_function',
  'statement_block',
  'for_in_statement',
  'for_statement',
  'catch_clause',
  'class_body',
]);

/** Node types the analysis looks at; the walk skips the rest without materialising them. */
const VISITED_TYPES = new Set([
  ...scopeTypes,
  'pair',
  'comment',
  'variable_declarator',
  'assignment_expression',
  'augmented_assignment_expression',
  'update_expression',
  'class_declaration',
  'for_in_statement',
  'catch_clause',
  'import_clause',
  'call_expression',
  'new_expression',
]);

const MEMBER_CALL = {
  member: 'member_expression',
  object: 'object',
  property: 'property',
  unwrap: (callee: SyntaxNode): SyntaxNode => {
    let current = callee;
    for (let depth = 0; depth < 8 && transparentTypes.has(current.type); depth++) {
      const inner = current.namedChildren.find((c) => c !== null && c.type !== 'comment' && !c.type.includes('type'));
      if (!inner) {
        break;
      }
      current = inner;
    }
    return current;
  },
};

const mutatingMethods = new Set(['push', 'unshift', 'splice', 'pop', 'shift', 'fill', 'sort', 'reverse']);

function identifiersIn(pattern: SyntaxNode): SyntaxNode[] {
  if (pattern.type === 'identifier' || pattern.type === 'shorthand_property_identifier_pattern') {
    return [pattern];
  }
  return pattern
    .descendantsOfType(['identifier', 'shorthand_property_identifier_pattern'])
    .filter((n): n is SyntaxNode => n !== null && n.parent?.type !== 'type_annotation' && !isRenamedImport(n));
}

/** `X` in `import { X as Y }`: the module's name for it, not a name bound here. */
function isRenamedImport(id: SyntaxNode): boolean {
  const specifier = id.parent;
  return specifier?.type === 'import_specifier' && specifier.childForFieldName('alias') !== null && specifier.childForFieldName('name')?.id === id.id;
}

function rootName(node: SyntaxNode): SyntaxNode | undefined {
  let current: SyntaxNode | null = node;
  while (current && (current.type === 'member_expression' || current.type === 'subscript_expression' || transparentTypes.has(current.type))) {
    current = transparentTypes.has(current.type) ? current.namedChildren[0] : current.childForFieldName('object');
  }
  return current?.type === 'identifier' ? current : undefined;
}

/** `x[0].cache_control = v`, `x[x.length - 1]["k"] = v`, `x.at(-1).k = v`: a store along literal keys and integer indices. */
function jsStore(left: SyntaxNode, value: SyntaxNode, statement: SyntaxNode): PropertyStore | undefined {
  const path: PathStep[] = [];
  let keyNode: SyntaxNode | undefined;
  let current: SyntaxNode | null = left;
  for (;;) {
    while (current && transparentTypes.has(current.type)) {
      current = current.namedChildren[0];
    }
    if (current?.type === 'member_expression') {
      const property = current.childForFieldName('property');
      // `a?.b = v` is a syntax error in JS: never a store.
      if (property?.type !== 'property_identifier' || current.children.some((c) => c?.type === 'optional_chain')) {
        return undefined;
      }
      keyNode ??= property;
      path.unshift({ key: property.text });
      current = current.childForFieldName('object');
    } else if (current?.type === 'subscript_expression') {
      const object = current.childForFieldName('object');
      const index = current.childForFieldName('index');
      const step = index && object ? jsStep(index, object, false) : undefined;
      if (!index || !step) {
        return undefined;
      }
      keyNode ??= index;
      path.unshift(step);
      current = object;
    } else if (current?.type === 'call_expression') {
      // x.at(-1)
      const fn = current.childForFieldName('function');
      const args = namedChildren(current.childForFieldName('arguments') ?? current).filter((a) => a.type !== 'comment');
      const step = args.length === 1 ? jsStep(args[0], fn, true) : undefined;
      if (fn?.type !== 'member_expression' || fn.childForFieldName('property')?.text !== 'at' || !step || !('index' in step)) {
        return undefined;
      }
      keyNode ??= args[0];
      path.unshift(step);
      current = fn.childForFieldName('object');
    } else {
      break;
    }
  }
  if (current?.type !== 'identifier' || !keyNode || path.length === 0) {
    return undefined;
  }
  return { root: current, path, keyNode, valueNode: value, statement };
}

/** A literal step; a negative index counts from the end only in `.at(-1)`: `x[-1]` is a property named "-1". */
function jsStep(index: SyntaxNode, object: SyntaxNode | null, fromEndAllowed: boolean): PathStep | undefined {
  const text = index.text.replace(/\s/g, '');
  if ((/^\d+$/.test(text) && index.type === 'number') || (fromEndAllowed && /^-\d+$/.test(text) && index.type === 'unary_expression')) {
    return { index: Number(text) };
  }
  // x[x.length - 1]
  const fromEnd = object ? /^(.+)\.length-(\d+)$/.exec(text) : null;
  if (fromEnd && object && fromEnd[1] === object.text.replace(/\s/g, '') && index.type === 'binary_expression') {
    return { index: -Number(fromEnd[2]) };
  }
  const literal = /^(['"`])([A-Za-z0-9_$-]*)\1$/.exec(index.text);
  return (index.type === 'string' || index.type === 'template_string') && literal ? { key: literal[2] } : undefined;
}

/** `Object.assign(params, { system: blocks })`: a store per literal key; undefined when not all keys are literal. */
function assignStores(call: SyntaxNode): PropertyStore[] | undefined {
  if (call.childForFieldName('function')?.text !== 'Object.assign') {
    return undefined;
  }
  const args = namedChildren(call.childForFieldName('arguments') ?? call).filter((a) => a.type !== 'comment');
  const [root, ...sources] = args;
  if (root?.type !== 'identifier' || sources.length === 0) {
    return undefined;
  }
  const statement = call.parent?.type === 'expression_statement' ? call.parent : call;
  const stores: PropertyStore[] = [];
  for (const source of sources) {
    if (source.type !== 'object') {
      return undefined;
    }
    for (const pair of namedChildren(source)) {
      if (pair.type === 'comment') {
        continue;
      }
      const keyNode = pair.type === 'pair' ? pair.childForFieldName('key') : pair.type === 'shorthand_property_identifier' ? pair : null;
      const value = pair.type === 'pair' ? pair.childForFieldName('value') : pair;
      const key = keyNode?.type === 'property_identifier' || keyNode?.type === 'shorthand_property_identifier' ? keyNode.text : keyNode ? /^(['"])([A-Za-z0-9_$-]*)\1$/.exec(keyNode.text)?.[2] : undefined;
      if (!keyNode || !value || key === undefined) {
        return undefined;
      }
      stores.push({ root, path: [{ key }], keyNode, valueNode: value, statement });
    }
  }
  return stores.length > 0 ? stores : undefined;
}

/** Parse-derived facts about one TypeScript/JavaScript file. */
/** `asModule`: read for what another file imports from it; its own requests are not looked for. */
export function analyseJs(root: SyntaxNode, readPromptFile?: PromptFileReader, links?: ModuleLinks, asModule = false): FileSyntax {
  const bindings = new BindingIndex(root);
  const comments: SourceComment[] = [];
  const callNodes: SyntaxNode[] = [];
  const commandNodes: SyntaxNode[] = [];
  const mutations: SyntaxNode[] = [];
  const growths: SyntaxNode[] = [];
  const runtimeCacheControl: SyntaxNode[] = [];
  const importedFrom = new Map<string, string>();
  const required = new Map<string, ImportedName>();
  const plainCalls: SyntaxNode[] = [];
  const frameworkNews: SyntaxNode[] = [];
  const noteImport = (pattern: SyntaxNode, source: SyntaxNode | null | undefined) => {
    const module = source?.type === 'string' ? source.text.slice(1, -1) : undefined;
    if (module !== undefined) {
      for (const id of identifiersIn(pattern)) {
        importedFrom.set(id.text, module);
      }
    }
  };

  const bindPattern = (pattern: SyntaxNode, kind: 'parameter' | 'other' | 'loop' | 'import', scope: SyntaxNode, valueNode?: SyntaxNode) => {
    for (const id of identifiersIn(pattern)) {
      bindings.bind(id.text, kind, scope, valueNode);
    }
  };

  const cacheControlEntries: SyntaxNode[] = [];

  walkTree(root, VISITED_TYPES, (type) => scopeTypes.has(type), (node, type, scope) => {
    if (scopeTypes.has(type)) {
      bindings.addScope(node);
    }
    switch (type) {
      case 'pair': {
        const key = node.childForFieldName('key');
        if (key && CACHE_CONTROL_KEYS.has(key.text.replace(/^['"`]|['"`]$/g, ''))) {
          cacheControlEntries.push(node);
        }
        break;
      }
      case 'comment':
        comments.push({ line: node.startPosition.row, text: node.text });
        break;
      case 'variable_declarator': {
        const name = node.childForFieldName('name');
        const value = node.childForFieldName('value');
        if (value?.type === 'call_expression' && value.childForFieldName('function')?.text === 'require' && name) {
          // const { generateText } = require('ai')
          noteImport(name, value.childForFieldName('arguments')?.namedChildren[0]);
        }
        const requiredHere = name && value ? requiredNames(name, value) : undefined;
        if (requiredHere && name) {
          requiredHere.forEach((imported, local) => required.set(local, imported));
          bindPattern(name, 'import', scope);
        } else if (name?.type === 'identifier' && value) {
          bindings.bind(name.text, 'assigned', scope, value);
        } else if (name) {
          bindPattern(name, 'other', scope);
        }
        break;
      }
      case 'update_expression': {
        // i++ / --i: the name is rebound (not a constant) and, in a loop, changes every pass.
        const argument = node.childForFieldName('argument');
        if (argument?.type === 'identifier') {
          bindings.bind(argument.text, 'other', bindings.lookup(argument)?.scope ?? scope);
          growths.push(argument);
        }
        break;
      }
      case 'assignment_expression':
      case 'augmented_assignment_expression': {
        const left = node.childForFieldName('left');
        if (left?.type === 'identifier') {
          // x = value is one more assignment (a name assigned in two branches); x += … is not a value.
          const right = type === 'assignment_expression' ? node.childForFieldName('right') : null;
          // Assigning does not declare: it rebinds the name where it was declared (an outer block's `let`).
          bindings.bind(left.text, right ? 'assigned' : 'other', bindings.lookup(left)?.scope ?? scope, right ?? undefined);
          if (type === 'augmented_assignment_expression') {
            mutations.push(left);
            if (node.childForFieldName('operator')?.text === '+=') {
              growths.push(left);
            }
          }
        } else if (left) {
          const right = node.childForFieldName('right');
          // `x.system += "…"`: a store of what `+=` makes, which is known only at run time (the whole expression stands for it).
          const store = right ? jsStore(left, type === 'assignment_expression' ? right : node, node.parent?.type === 'expression_statement' ? node.parent : node) : undefined;
          const target = rootName(left);
          if (store) {
            bindings.noteStore(store);
          } else if (target) {
            mutations.push(target);
          }
          const key = left.type === 'member_expression' ? left.childForFieldName('property')?.text : left.childForFieldName('index')?.text.replace(/['"`]/g, '');
          if (key && CACHE_CONTROL_KEYS.has(key)) {
            runtimeCacheControl.push(node);
          }
        }
        break;
      }
      case 'function_declaration':
      case 'generator_function_declaration':
      case 'class_declaration':
      case 'function_expression':
      case 'arrow_function':
      case 'method_definition': {
        const name = node.childForFieldName('name');
        if (name && type !== 'method_definition' && type !== 'function_expression') {
          bindings.bind(name.text, 'definition', scope, node);
        }
        const parameters = node.childForFieldName('parameters') ?? node.childForFieldName('parameter');
        if (parameters) {
          bindPattern(parameters, 'parameter', node);
        }
        break;
      }
      case 'for_in_statement': {
        const left = node.childForFieldName('left');
        if (left) {
          bindPattern(left, 'loop', node, node);
        }
        break;
      }
      case 'catch_clause': {
        const parameter = node.childForFieldName('parameter');
        if (parameter) {
          bindPattern(parameter, 'other', node);
        }
        break;
      }
      case 'import_clause':
        bindPattern(node, 'import', scope);
        noteImport(node, node.parent?.childForFieldName('source'));
        break;
      case 'call_expression': {
        const stores = assignStores(node);
        if (stores) {
          stores.forEach((store) => bindings.noteStore(store));
          break;
        }
        noteMethodCall(node, MEMBER_CALL, mutatingMethods, rootName, mutations, callNodes, growths, (path, call) => {
          const store = jsStore(path, call, call.parent?.type === 'expression_statement' ? call.parent : call);
          if (store) {
            bindings.noteStore({ ...store, grows: true });
          }
        });
        // fetch(".../v1/messages", {...}): a raw HTTP request to the Messages API.
        const callee = node.childForFieldName('function');
        if (callee?.type === 'identifier' && (callee.text === 'fetch' || FRAMEWORK_FUNCTIONS.has(callee.text))) {
          callNodes.push(node);
        } else if (callee?.type === 'identifier') {
          plainCalls.push(node);
        }
        break;
      }
      case 'new_expression':
        if (BEDROCK_INVOKE_COMMANDS.has(node.childForFieldName('constructor')?.text ?? '')) {
          commandNodes.push(node);
        } else if (FRAMEWORK_CLASSES.has(node.childForFieldName('constructor')?.text ?? '')) {
          frameworkNews.push(node);
        }
        break;
    }
  });
  for (const target of mutations) {
    bindings.noteMutation(target);
  }
  for (const target of growths) {
    bindings.noteGrowth(target);
  }

  const evaluator = new JsEvaluator(bindings, readPromptFile);
  evaluator.links = links;
  importedFrom.forEach((module, name) => evaluator.importedFrom.set(name, module));
  const { imports, exports } = jsModuleInterface(root);
  for (const [name, imported] of [...required, ...imports]) {
    evaluator.imports.set(name, imported);
  }
  evaluator.exports = exports;
  const findRequests = (nodes: SyntaxNode[]) =>
    requestCallsAmong(
      nodes,
      MEMBER_CALL,
      (call) => {
        const argumentsNode = call.childForFieldName('arguments');
        return argumentsNode?.type === 'arguments' ? evaluator.requestArguments(argumentsNode) : undefined;
      },
      evaluator,
      'typescript',
    );
  const strings = new FileStrings(root, ['string', 'template_string']);
  if (asModule) {
    return { calls: [], candidateCalls: callNodes, findRequests, comments, runtimeCacheControl, cacheControlEntries, evaluator, strings };
  }
  const calls = [...findRequests([...callNodes, ...frameworkNews]), ...importedWrapperRequests(plainCalls, callNodes, evaluator)];
  // client.send(new InvokeModelCommand({ modelId, body: JSON.stringify({...}) }))
  for (const command of commandNodes) {
    const argumentsNode = command.childForFieldName('arguments');
    const input = argumentsNode ? evaluator.requestArguments(argumentsNode) : undefined;
    const args = input ? invokeModelArguments(input, evaluator) : undefined;
    if (args) {
      const callee = command.childForFieldName('constructor')?.text ?? '';
      calls.push({ node: command, callee: `new ${callee}`, method: callee, isBatch: false, args });
    }
  }
  calls.sort((a, b) => a.node.startIndex - b.node.startIndex);
  return { calls, candidateCalls: callNodes, findRequests, comments, runtimeCacheControl, cacheControlEntries, evaluator, strings };
}
