import { type SyntaxNode, nodeTypeQuery } from '../parsing/parser';
import { memberChain, requestMethodOf } from './tree-walk';
import type { ValueEvaluator } from './evaluator';
import type { ObjectValue } from './values';

/** One SDK call found in a file, with its arguments as one object value. */
export interface RequestCall {
  node: SyntaxNode;
  /** The callee as written, e.g. `client.beta.messages.create`. */
  callee: string;
  /** `create`, `stream`, `parse`, `count_tokens`/`countTokens` or `batches.create`. */
  method: string;
  isBatch: boolean;
  args: ObjectValue;
}

/** A comment in the file (for suppressions). */
export interface SourceComment {
  line: number;
  text: string;
}

/** What a language front end extracts from one parse. */
export interface FileSyntax {
  calls: RequestCall[];
  comments: SourceComment[];
  /** `x[...]["cache_control"] = ...` and the like: breakpoints placed at run time. */
  runtimeCacheControl: SyntaxNode[];
  /** Every `cache_control` key written in a dict/object literal or as a keyword argument. */
  cacheControlEntries: SyntaxNode[];
  /** Quote style and multi-line string ranges, computed on first use (only fixes need them). */
  strings: () => StringStats;
  evaluator: ValueEvaluator;
}

export const CACHE_CONTROL_KEYS = new Set(['cache_control', 'cacheControl']);

/** Quote characters and multi-line strings of a file's string literals. */
export class StringStats {
  private single = 0;
  private double = 0;
  readonly multiline: [number, number][] = [];

  add(node: SyntaxNode): void {
    const first = node.text.length < 4096 ? node.text : node.text.slice(0, 8);
    const quote = /^[a-zA-Z]*(["'`])/.exec(first)?.[1];
    if (quote === '"') {
      this.double++;
    } else if (quote === "'") {
      this.single++;
    }
    if (node.endPosition.row > node.startPosition.row) {
      this.multiline.push([node.startIndex, node.endIndex]);
    }
  }

  get preferred(): string | undefined {
    return this.double === 0 && this.single === 0 ? undefined : this.double >= this.single ? '"' : "'";
  }
}

/** StringStats over the string literals under `root`, gathered with one query when first asked for. */
export function lazyStringStats(root: SyntaxNode, stringTypes: readonly string[]): () => StringStats {
  let stats: StringStats | undefined;
  return () => {
    if (!stats) {
      stats = new StringStats();
      for (const { node } of nodeTypeQuery(root.tree.language, stringTypes).captures(root)) {
        stats.add(node);
      }
    }
    return stats;
  };
}

/** How a grammar spells `object.method(...)`: Python `call`/`attribute`, JS `call_expression`/`member_expression`. */
export interface MemberCallSyntax {
  member: string;
  object: string;
  property: string;
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
): void {
  const fn = call.childForFieldName('function');
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
  }
  methodCalls.push(call);
}

/** The SDK request calls among the method calls, with their arguments as one object. */
export function requestCallsAmong(methodCalls: SyntaxNode[], syntax: MemberCallSyntax, argumentsOf: (call: SyntaxNode) => ObjectValue | undefined): RequestCall[] {
  const calls: RequestCall[] = [];
  for (const node of methodCalls) {
    const fn = node.childForFieldName('function');
    const found = fn ? requestMethodOf(memberChain(fn, syntax.member, syntax.object, syntax.property)) : undefined;
    const args = fn && found ? argumentsOf(node) : undefined;
    if (fn && found && args) {
      calls.push({ node, callee: fn.text, method: found.method, isBatch: found.isBatch, args });
    }
  }
  return calls;
}
