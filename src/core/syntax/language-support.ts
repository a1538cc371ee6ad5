import { type SyntaxNode, nodeTypeQuery } from '../parsing/parser';
import { memberChain, requestMethodOf } from './tree-walk';
import type { RequestQueryEvaluator } from './request-queries';
import type { ModuleEvaluator } from './module-evaluator';
import type { ObjectValue } from './values';
import { type CandidateCall, type DialectRequest, frameworkRequestOf } from '../dialects';
import { openAiHttpRequest } from '../dialects/openai-chat';

/** One SDK call found in a file, with its arguments as one object value. */
export interface RequestCall {
  node: SyntaxNode;
  /** The callee as written, e.g. `client.beta.messages.create`. */
  callee: string;
  /** `create`, `stream`, `parse`, `count_tokens`/`countTokens` or `batches.create`. */
  method: string;
  isBatch: boolean;
  args: ObjectValue;
  /** Set for calls through a framework or platform layer (AI SDK, LangChain, LiteLLM, Converse, gateways). */
  dialect?: DialectRequest;
}

/** A comment in the file (for suppressions). */
export interface SourceComment {
  line: number;
  text: string;
}

/** What a language front end extracts from one parse. */
export interface FileSyntax {
  calls: RequestCall[];
  /** Every method call of the file (and plain calls of names), for finding requests inside one of its functions later. */
  candidateCalls: SyntaxNode[];
  /** The request finder for this file, over any of its candidate calls. */
  findRequests(nodes: SyntaxNode[]): RequestCall[];
  comments: SourceComment[];
  /** `x[...]["cache_control"] = ...` and the like: breakpoints placed at run time. */
  runtimeCacheControl: SyntaxNode[];
  /** Every `cache_control` key written in a dict/object literal or as a keyword argument. */
  cacheControlEntries: SyntaxNode[];
  /** Quote style and multi-line strings, asked for on first use (only fixes need them). */
  strings: FileStrings;
  evaluator: RequestQueryEvaluator;
}

export const CACHE_CONTROL_KEYS = new Set(['cache_control', 'cacheControl']);

/** How many characters from the top of a file decide its quote style: enough strings, bounded cost. */
const QUOTE_SAMPLE_CHARS = 32_768;

/**
 * What fixes need to know about a file's string literals, asked lazily and answered without
 * visiting every string of a large file: the quote style most of them use (from the strings near
 * the top), and whether an offset lies inside a multi-line string (from that offset's ancestors).
 */
export class FileStrings {
  private quote: string | null | undefined;

  constructor(
    private readonly root: SyntaxNode,
    private readonly stringTypes: readonly string[],
  ) {}

  /** The quote character most string literals use, if any string has one. */
  get preferred(): string | undefined {
    if (this.quote === undefined) {
      let single = 0;
      let double = 0;
      const window = { startIndex: 0, endIndex: Math.min(this.root.endIndex, QUOTE_SAMPLE_CHARS) };
      for (const { node } of nodeTypeQuery(this.root.tree.language, this.stringTypes).captures(this.root, window)) {
        const quote = /^[a-zA-Z]*(["'`])/.exec(node.text.length < 4096 ? node.text : node.text.slice(0, 8))?.[1];
        if (quote === '"') {
          double++;
        } else if (quote === "'") {
          single++;
        }
      }
      this.quote = double === 0 && single === 0 ? null : double >= single ? '"' : "'";
    }
    return this.quote ?? undefined;
  }

  /** Whether an offset lies strictly inside a string literal that spans lines (a comment there would change the string). */
  insideMultiline(offset: number): boolean {
    for (let node: SyntaxNode | null = this.root.descendantForIndex(offset); node; node = node.parent) {
      if (this.stringTypes.includes(node.type) && node.startIndex < offset && offset < node.endIndex && node.endPosition.row > node.startPosition.row) {
        return true;
      }
    }
    return false;
  }
}

/** Methods that add items to a list/array. */
const GROWING_METHODS = new Set(['append', 'extend', 'insert', 'push', 'unshift']);

/** How a grammar spells `object.method(...)`: Python `call`/`attribute`, JS `call_expression`/`member_expression`. */
export interface MemberCallSyntax {
  member: string;
  object: string;
  property: string;
  /** Wrappers around a callee that do not change it: TS `(client.messages.create as unknown as Fn)(...)`. */
  unwrap?: (callee: SyntaxNode) => SyntaxNode;
}

/** A call's callee with type assertions and parentheses taken off. */
function calleeOf(call: SyntaxNode, syntax: MemberCallSyntax): SyntaxNode | null {
  const fn = call.childForFieldName('function');
  return fn && syntax.unwrap ? syntax.unwrap(fn) : fn;
}

/**
 * What both walkers do with a call: a method call such as `history.append(...)` mutates its
 * receiver's root name, and any method call may be an SDK request (checked after the walk).
 */
export function noteMethodCall(
  call: SyntaxNode,
  syntax: MemberCallSyntax,
  mutatingMethods: ReadonlySet<string>,
  rootName: (node: SyntaxNode) => SyntaxNode | undefined,
  mutations: SyntaxNode[],
  methodCalls: SyntaxNode[],
  growths?: SyntaxNode[],
  /** `o.list.push(x)`: the value at that literal path is changed, known only at run time (a store of the call). */
  pathStore?: (path: SyntaxNode, call: SyntaxNode) => void,
): void {
  const fn = calleeOf(call, syntax);
  if (fn?.type !== syntax.member) {
    return;
  }
  const method = fn.childForFieldName(syntax.property)?.text ?? '';
  const object = fn.childForFieldName(syntax.object);
  if (mutatingMethods.has(method) && object) {
    const target = rootName(object);
    if (target) {
      mutations.push(target);
    }
    if (object.type !== 'identifier') {
      pathStore?.(object, call);
    }
    // `history.append(...)` / `history.push(...)` on the name itself: the list grows.
    if (GROWING_METHODS.has(method) && object.type === 'identifier') {
      growths?.push(object);
    }
  }
  methodCalls.push(call);
}

/** The SDK request calls among the method calls, with their arguments as one object. */
export function requestCallsAmong(
  methodCalls: SyntaxNode[],
  syntax: MemberCallSyntax,
  argumentsOf: (call: SyntaxNode) => ObjectValue | undefined,
  evaluator: JsonBodyReader,
  language: 'python' | 'typescript',
): RequestCall[] {
  const calls: RequestCall[] = [];
  const wrapperSites = new Set<number>();
  for (const node of methodCalls) {
    const fn = node.type === 'new_expression' ? node.childForFieldName('constructor') : calleeOf(node, syntax);
    const http = fn && fn.text.length < 200 ? evaluator.forRequest(node, () => evaluator.httpMessagesRequest(node, fn.text)) : undefined;
    if (fn && http?.method === 'chat.completions') {
      const gateway = openAiHttpRequest(fn.text, http.args, http.url);
      if (gateway) {
        calls.push({ node, callee: gateway.callee, method: gateway.method, isBatch: false, args: gateway.args, dialect: gateway });
      }
      continue;
    }
    if (fn && http) {
      calls.push({ node, callee: fn.text, method: http.method, isBatch: false, args: http.args });
      continue;
    }
    const found = fn ? (requestMethodOf(memberChain(fn, syntax.member, syntax.object, syntax.property)) ?? aliasedRequestMethod(fn, syntax, evaluator)) : undefined;
    let args = fn && found ? evaluator.forRequest(node, () => argumentsOf(node)) : undefined;
    if (fn && found && !found.bedrockInvoke && (!args || args.open)) {
      // A wrapper (`def _create(**kwargs): return client.messages.create(**kwargs)`): each call of it is the request.
      const sites = evaluator.wrapperCalls(node, () => argumentsOf(node));
      for (const { site, name, args: siteArgs } of sites) {
        // A wrapper that chooses between two requests (beta or not) sends one per call: the first stands for it.
        if (!wrapperSites.has(site.id)) {
          wrapperSites.add(site.id);
          calls.push({ node: site, callee: `${name}(…) → ${fn.text}`, method: found.method, isBatch: found.isBatch, args: siteArgs });
        }
      }
      if (sites.length > 0) {
        continue;
      }
    }
    if (args && found?.bedrockInvoke) {
      args = invokeModelArguments(args, evaluator);
    }
    if (fn && found && args) {
      calls.push({ node, callee: fn.text, method: found.method, isBatch: found.isBatch, args });
      continue;
    }
    const dialect = fn && !found ? evaluator.forRequest(node, () => frameworkRequestOf(candidate(node, fn, syntax, argumentsOf, evaluator, language))) : undefined;
    if (dialect) {
      calls.push({ node, callee: dialect.callee, method: dialect.method, isBatch: false, args: dialect.args, dialect });
    }
  }
  return calls;
}

/**
 * Calls of a function imported from a workspace module that only passes its arguments on to a
 * request (`def create(**kwargs): return client.messages.create(**kwargs)`): each such call is the
 * request, built from the arguments written here — the same rule as for a wrapper in the same file.
 */
export function importedWrapperRequests(plainCalls: SyntaxNode[], memberCalls: SyntaxNode[], evaluator: Pick<ModuleEvaluator, 'importedRequest' | 'links' | 'argumentsOf' | 'imports'>): RequestCall[] {
  if (!evaluator.links || evaluator.imports.size === 0) {
    return [];
  }
  const found: RequestCall[] = [];
  for (const call of [...plainCalls, ...memberCalls]) {
    // Only a call of an imported name that hands over request content can be one (and only those are worth following).
    const request = callsImportedName(call, evaluator.imports) && passesRequestContent(evaluator.argumentsOf(call)) ? evaluator.importedRequest(call) : undefined;
    if (request) {
      found.push(request);
    }
  }
  return found;
}

/** Whether a call's callee starts at a name the file imports (`create(...)`, `llm.create(...)`): a few node reads, before anything is evaluated. */
function callsImportedName(call: SyntaxNode, imports: ReadonlyMap<string, unknown>): boolean {
  let node = call.childForFieldName('function');
  for (let steps = 0; node && steps < 8; steps++) {
    if (node.type === 'identifier') {
      return imports.has(node.text);
    }
    node = node.type === 'attribute' || node.type === 'member_expression' ? node.childForFieldName('object') : null;
  }
  return false;
}

/** Keys only a Messages request's arguments have together: a call passing one of them on may be a wrapper's. */
const REQUEST_ARGUMENT_KEYS = new Set(['messages', 'system', 'tools', 'max_tokens', 'maxTokens']);

function passesRequestContent(args: { positional: SyntaxNode[]; named: Map<string, SyntaxNode>; spread: boolean }): boolean {
  if (args.spread || [...args.named.keys()].some((key) => REQUEST_ARGUMENT_KEYS.has(key))) {
    return true;
  }
  // `create({ model, system, messages })`: an object written in the call.
  return args.positional.some(
    (node) => node.type === 'object' && node.namedChildren.some((entry) => REQUEST_ARGUMENT_KEYS.has((entry?.type === 'pair' ? entry.childForFieldName('key')?.text : entry?.type === 'shorthand_property_identifier' ? entry.text : '')?.replace(/^['"]|['"]$/g, '') ?? '')),
  );
}

/** The evaluator's view of a serialised request body and of names bound once (`RequestQueryEvaluator`). */
export type JsonBodyReader = Pick<RequestQueryEvaluator, 'jsonBodyObject' | 'aliasTargets' | 'forRequest' | 'wrapperCalls' | 'httpMessagesRequest' | 'evaluate' | 'argumentsOf' | 'importedFrom' | 'importedDefinition'>;

/** A call as the dialects see it. */
function candidate(node: SyntaxNode, fn: SyntaxNode, syntax: MemberCallSyntax, argumentsOf: (call: SyntaxNode) => ObjectValue | undefined, evaluator: JsonBodyReader, language: 'python' | 'typescript'): CandidateCall {
  return { node, callee: fn, chain: memberChain(fn, syntax.member, syntax.object, syntax.property), argumentsObject: () => argumentsOf(node), evaluator, language };
}

/**
 * `api.create(...)` where `api` is assigned once to an SDK resource: `api = client.messages`, or a
 * conditional between two (`client.beta.messages if betas else client.messages`), or
 * `self.messages_client.create(...)` with the attribute assigned once in the class. Every branch
 * must be a messages resource, so a name that may be something else stays ignored.
 */
function aliasedRequestMethod(fn: SyntaxNode, syntax: MemberCallSyntax, evaluator: JsonBodyReader): ReturnType<typeof requestMethodOf> {
  const object = fn.childForFieldName(syntax.object);
  const method = fn.childForFieldName(syntax.property)?.text;
  if (fn.type !== syntax.member || !object || (object.type !== 'identifier' && object.type !== syntax.member) || !method) {
    return undefined;
  }
  const targets = evaluator.aliasTargets(object);
  const found = targets.map((target) => requestMethodOf([...memberChain(target, syntax.member, syntax.object, syntax.property), method]));
  return found.length > 0 && found.every((f) => f !== undefined && !f.bedrockInvoke) ? found[0] : undefined;
}

/**
 * Bedrock InvokeModel's `{modelId, body: json.dumps({...})}` as the Messages arguments it stands for:
 * the body's entries, with `modelId` as the model. Undefined when the body is not a visible object.
 */
export function invokeModelArguments(args: ObjectValue, evaluator: JsonBodyReader): ObjectValue | undefined {
  const bodyEntry = args.entries.find((e) => e.key === 'body');
  const body = bodyEntry ? evaluator.jsonBodyObject(bodyEntry.value.node) : undefined;
  if (!body) {
    return undefined;
  }
  const modelId = args.entries.find((e) => e.key === 'modelId');
  // Bedrock serves other providers' models through the same call: Claude's body carries
  // `anthropic_version` (required there), or the model id says so.
  const modelText = modelId?.value.kind === 'string' ? modelId.value.segments.map((s) => s.text).join('') : '';
  if (!body.entries.some((e) => e.key === 'anthropic_version') && !/anthropic|claude/i.test(modelText)) {
    return undefined;
  }
  const entries = body.entries.filter((e) => e.key !== 'model');
  return { ...body, entries: modelId ? [{ ...modelId, key: 'model' }, ...entries] : entries };
}
