import type { SyntaxNode } from '../parsing/parser';
import type { PromptFileReader } from '../prompt-files';
import { BindingIndex } from './bindings';
import { CACHE_CONTROL_KEYS, type FileSyntax, type SourceComment, FileStrings, importedWrapperRequests, noteMethodCall, requestCallsAmong } from './language-support';
import { PythonEvaluator } from './python-syntax';
import type { PathStep, PropertyStore } from './stores';
import { namedChildren, walkTree } from './tree-walk';
import { FRAMEWORK_FUNCTIONS } from '../dialects';
import type { ImportedName, ModuleLinks } from '../modules/imports';

/**
 * The Python front end's walk: one pass over the tree that records scopes and bindings, mutations
 * and assignments into values, `cache_control` sites, comments and candidate calls, in the
 * engine's terms. What values mean is `PythonEvaluator`'s (python-syntax.ts) and the shared
 * evaluator's business.
 */

const scopeTypes = new Set([
  'function_definition',
  'lambda',
  'class_definition',
  'list_comprehension',
  'dictionary_comprehension',
  'set_comprehension',
  'generator_expression',
]);

/** Node types the analysis looks at; the walk skips the rest without materialising them. */
const VISITED_TYPES = new Set([
  ...scopeTypes,
  'pair',
  'keyword_argument',
  'comment',
  'assignment',
  'augmented_assignment',
  'named_expression',
  'global_statement',
  'nonlocal_statement',
  'for_statement',
  'for_in_clause',
  'import_statement',
  'import_from_statement',
  'as_pattern',
  'call',
]);

const MEMBER_CALL = { member: 'attribute', object: 'object', property: 'attribute' };

const mutatingMethods = new Set(['append', 'extend', 'insert', 'update', 'setdefault', 'pop', 'remove', 'clear']);

function identifiersIn(pattern: SyntaxNode): SyntaxNode[] {
  if (pattern.type === 'identifier') {
    return [pattern];
  }
  return pattern.descendantsOfType('identifier').filter((n): n is SyntaxNode => n !== null);
}

/** The leftmost name of `a.b[c].d`, which an assignment to it mutates. */
function rootName(node: SyntaxNode): SyntaxNode | undefined {
  let current: SyntaxNode | null = node;
  while (current && (current.type === 'subscript' || current.type === 'attribute')) {
    current = current.childForFieldName(current.type === 'subscript' ? 'value' : 'object');
  }
  return current?.type === 'identifier' ? current : undefined;
}

/** `x[0]["cache_control"] = v`, `x[-1]["k"] = v`: a store along literal keys and integer indices. */
function pythonStore(left: SyntaxNode, value: SyntaxNode, statement: SyntaxNode): PropertyStore | undefined {
  const path: PathStep[] = [];
  let keyNode: SyntaxNode | undefined;
  let current: SyntaxNode | null = left;
  while (current?.type === 'subscript') {
    const index = current.childForFieldName('subscript');
    const step = index ? pythonStep(index) : undefined;
    if (!index || !step || current.childrenForFieldName('subscript').length !== 1) {
      return undefined;
    }
    keyNode ??= index;
    path.unshift(step);
    current = current.childForFieldName('value');
  }
  if (current?.type !== 'identifier' || !keyNode || path.length === 0) {
    return undefined;
  }
  return { root: current, path, keyNode, valueNode: value, statement };
}

function pythonStep(index: SyntaxNode): PathStep | undefined {
  if (index.type === 'integer') {
    return { index: Number(index.text) };
  }
  if (index.type === 'unary_operator' && index.text.replace(/\s/g, '').match(/^-\d+$/)) {
    return { index: Number(index.text.replace(/\s/g, '')) };
  }
  const literal = /^(['"])([A-Za-z0-9_$-]*)\1$/.exec(index.text);
  return index.type === 'string' && literal ? { key: literal[2] } : undefined;
}

/** `kwargs.update({"system": blocks})` / `kwargs.update(system=blocks)`: a store per literal key; undefined when not all keys are literal. */
function updateStores(call: SyntaxNode): PropertyStore[] | undefined {
  const fn = call.childForFieldName('function');
  const root = fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'update' ? fn.childForFieldName('object') : null;
  const list = call.childForFieldName('arguments');
  if (root?.type !== 'identifier' || list?.type !== 'argument_list') {
    return undefined;
  }
  const statement = call.parent?.type === 'expression_statement' ? call.parent : call;
  const args = namedChildren(list).filter((a) => a.type !== 'comment');
  const pairs: Array<{ keyNode: SyntaxNode; key: string; value: SyntaxNode }> = [];
  for (const arg of args) {
    if (arg.type === 'keyword_argument') {
      const name = arg.childForFieldName('name');
      const value = arg.childForFieldName('value');
      if (!name || !value) {
        return undefined;
      }
      pairs.push({ keyNode: name, key: name.text, value });
    } else if (arg.type === 'dictionary' && args.length === 1) {
      for (const pair of namedChildren(arg)) {
        const keyNode = pair.type === 'pair' ? pair.childForFieldName('key') : null;
        const value = pair.childForFieldName('value');
        const step = keyNode ? pythonStep(keyNode) : undefined;
        if (pair.type === 'comment') {
          continue;
        }
        if (!keyNode || !value || !step || !('key' in step)) {
          return undefined;
        }
        pairs.push({ keyNode, key: step.key, value });
      }
    } else {
      return undefined;
    }
  }
  return pairs.length > 0 ? pairs.map((p) => ({ root, path: [{ key: p.key }], keyNode: p.keyNode, valueNode: p.value, statement })) : undefined;
}

/** Parse-derived facts about one Python file. */
/**
 * `asModule`: the file is read for what another file imports from it, so its own requests are not
 * looked for (finding them evaluates their arguments, which would follow its imports in turn).
 */
export function analysePython(root: SyntaxNode, readPromptFile?: PromptFileReader, links?: ModuleLinks, asModule = false): FileSyntax {
  const bindings = new BindingIndex(root, (type) => type === 'class_definition');
  const comments: SourceComment[] = [];
  const callNodes: SyntaxNode[] = [];
  const mutations: SyntaxNode[] = [];
  const growths: SyntaxNode[] = [];
  const runtimeCacheControl: SyntaxNode[] = [];
  const importedFrom = new Map<string, string>();
  const plainCalls: SyntaxNode[] = [];
  const imports = new Map<string, ImportedName>();
  const starImports: string[] = [];
  const cacheControlEntries: SyntaxNode[] = [];

  // `global X` / `nonlocal X` in a function: its assignments to X rebind the module's or the enclosing function's X.
  const redirects = new Map<number, Map<string, SyntaxNode>>();
  const scopeOf = (name: string, scope: SyntaxNode): SyntaxNode => redirects.get(scope.id)?.get(name) ?? scope;
  walkTree(root, VISITED_TYPES, (type) => scopeTypes.has(type), (node, type, scope) => {
    if (scopeTypes.has(type)) {
      bindings.addScope(node);
    }
    switch (type) {
      case 'global_statement':
      case 'nonlocal_statement': {
        let target: SyntaxNode = root;
        if (type === 'nonlocal_statement') {
          for (let up = scope.parent; up; up = up.parent) {
            if (up.type === 'function_definition') {
              target = up;
              break;
            }
          }
        }
        const names = redirects.get(scope.id) ?? new Map<string, SyntaxNode>();
        for (const id of namedChildren(node)) {
          if (id.type === 'identifier') {
            names.set(id.text, target);
          }
        }
        redirects.set(scope.id, names);
        break;
      }
      case 'pair':
      case 'keyword_argument': {
        const key = node.childForFieldName(type === 'pair' ? 'key' : 'name');
        if (key && CACHE_CONTROL_KEYS.has(key.text.replace(/^['"]|['"]$/g, ''))) {
          cacheControlEntries.push(node);
        }
        break;
      }
      case 'comment':
        comments.push({ line: node.startPosition.row, text: node.text });
        break;
      case 'assignment': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (!left) {
          break;
        }
        if (left.type === 'identifier') {
          if (right) {
            bindings.bind(left.text, 'assigned', scopeOf(left.text, scope), right);
          }
        } else if (left.type === 'subscript' || left.type === 'attribute') {
          const store = right ? pythonStore(left, right, node) : undefined;
          const target = rootName(left);
          if (store) {
            bindings.noteStore(store);
          } else if (target) {
            mutations.push(target);
          }
          const key = left.type === 'subscript' ? left.childForFieldName('subscript')?.text.replace(/['"]/g, '') : left.childForFieldName('attribute')?.text;
          if (key && CACHE_CONTROL_KEYS.has(key)) {
            runtimeCacheControl.push(node);
          }
        } else {
          for (const id of identifiersIn(left)) {
            bindings.bind(id.text, 'other', scopeOf(id.text, scope));
          }
        }
        break;
      }
      case 'augmented_assignment': {
        const left = node.childForFieldName('left');
        if (left?.type === 'identifier') {
          bindings.bind(left.text, 'other', scopeOf(left.text, scope));
          mutations.push(left);
          if (node.childForFieldName('operator')?.text === '+=') {
            growths.push(left);
          }
        } else if (left) {
          // `x["system"] += "…"`: a store of what the operator makes, known only at run time.
          const store = left.type === 'subscript' || left.type === 'attribute' ? pythonStore(left, node, node) : undefined;
          const target = rootName(left);
          if (store) {
            bindings.noteStore(store);
          } else if (target) {
            mutations.push(target);
          }
        }
        break;
      }
      case 'named_expression': {
        const name = node.childForFieldName('name');
        const value = node.childForFieldName('value');
        if (name && value) {
          bindings.bind(name.text, 'assigned', scope, value);
        }
        break;
      }
      case 'for_statement':
      case 'for_in_clause': {
        const left = node.childForFieldName('left');
        for (const id of left ? identifiersIn(left) : []) {
          bindings.bind(id.text, 'loop', scope, node);
        }
        break;
      }
      case 'function_definition':
      case 'class_definition': {
        const name = node.childForFieldName('name');
        if (name) {
          bindings.bind(name.text, 'definition', scope, type === 'function_definition' ? node : undefined);
        }
        const parameters = node.childForFieldName('parameters');
        for (const parameter of parameters ? namedChildren(parameters) : []) {
          const id = parameter.type === 'identifier' ? parameter : (parameter.childForFieldName('name') ?? parameter.descendantsOfType('identifier')[0]);
          if (id) {
            bindings.bind(id.text, 'parameter', node);
          }
        }
        break;
      }
      case 'lambda': {
        const parameters = node.childForFieldName('parameters');
        for (const id of parameters ? identifiersIn(parameters) : []) {
          bindings.bind(id.text, 'parameter', node);
        }
        break;
      }
      case 'import_statement':
      case 'import_from_statement': {
        const fromModule = type === 'import_from_statement' ? node.childForFieldName('module_name')?.text.replace(/\s/g, '') : undefined;
        for (const child of namedChildren(node)) {
          if (type === 'import_from_statement' && child.id === node.childForFieldName('module_name')?.id) {
            continue;
          }
          if (child.type === 'wildcard_import' && fromModule !== undefined) {
            starImports.push(fromModule);
          }
          const alias = child.type === 'aliased_import' ? child.childForFieldName('alias') : child.type === 'dotted_name' ? child.namedChildren[0] : null;
          if (alias) {
            bindings.bind(alias.text, 'import', scope);
            // `from litellm import completion` → litellm; `import litellm as ll` → litellm.
            const imported = child.type === 'aliased_import' ? child.childForFieldName('name')?.text : child.text;
            importedFrom.set(alias.text, fromModule ?? imported ?? alias.text);
            if (fromModule !== undefined) {
              // from .prompts import SYSTEM as S
              imports.set(alias.text, { spec: fromModule, name: imported ?? alias.text });
            } else {
              // import app.prompts as p → the module; import app.prompts → `app`, the package.
              imports.set(alias.text, { spec: child.type === 'aliased_import' ? (imported ?? alias.text) : alias.text, name: '*' });
            }
          }
        }
        break;
      }
      case 'as_pattern': {
        const alias = node.childForFieldName('alias');
        const targets = alias ? identifiersIn(alias) : [];
        // `with open(...) as f:` keeps the context expression, so `f.read()` can be followed.
        const context = node.parent?.type === 'with_item' && targets.length === 1 ? (node.namedChildren[0] ?? undefined) : undefined;
        for (const id of targets) {
          bindings.bind(id.text, context ? 'context' : 'other', scope, context);
        }
        break;
      }
      case 'call': {
        const stores = updateStores(node);
        if (stores) {
          stores.forEach((store) => bindings.noteStore(store));
          break;
        }
        noteMethodCall(node, MEMBER_CALL, mutatingMethods, rootName, mutations, callNodes, growths, (path, call) => {
          const store = path.type === 'subscript' || path.type === 'attribute' ? pythonStore(path, call, call.parent?.type === 'expression_statement' ? call.parent : call) : undefined;
          if (store) {
            bindings.noteStore({ ...store, grows: true });
          }
        });
        const callee = node.childForFieldName('function');
        if (callee?.type === 'identifier' && FRAMEWORK_FUNCTIONS.has(callee.text)) {
          callNodes.push(node);
        } else if (callee?.type === 'identifier') {
          plainCalls.push(node);
        }
        break;
      }
    }
  });
  for (const target of mutations) {
    bindings.noteMutation(target);
  }
  for (const target of growths) {
    bindings.noteGrowth(target);
  }

  const evaluator = new PythonEvaluator(bindings, readPromptFile);
  evaluator.links = links;
  importedFrom.forEach((module, name) => evaluator.importedFrom.set(name, module));
  imports.forEach((imported, name) => evaluator.imports.set(name, imported));
  // Every top-level name of a module can be imported; `from x import *` passes x's on.
  evaluator.exports = { named: new Map(), stars: starImports, allTopLevel: true };
  evaluator.starImports.push(...starImports);
  const findRequests = (nodes: SyntaxNode[]) =>
    requestCallsAmong(
      nodes,
      MEMBER_CALL,
      (call) => {
        const argumentList = call.childForFieldName('arguments');
        return argumentList ? evaluator.keywordArguments(argumentList) : undefined;
      },
      evaluator,
      'python',
    );
  const calls = asModule ? [] : [...findRequests(callNodes), ...importedWrapperRequests(plainCalls, callNodes, evaluator)];
  return { calls, candidateCalls: callNodes, findRequests, comments, runtimeCacheControl, cacheControlEntries, evaluator, strings: new FileStrings(root, ['string']) };
}
