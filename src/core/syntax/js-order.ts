import type { SyntaxNode } from '../parsing/parser';
import type { Iteration } from './evaluator';
import { iteratedHazard, jsComparator, jsSortedCopy, orderHazardOf, orderSource, withOrderHazard, withoutOrderHazard , shortText as short } from './order';
import { RequestQueryEvaluator } from './request-queries';
import { namedChildren } from './tree-walk';
import { type OrderFix, type OrderHazard, type Value, unknown } from './values';

/** Modules whose `readdir`/`readdirSync` list a directory. */
const FS_MODULES = /^(node:)?(fs|fs\/promises|fs-extra|graceful-fs)$/;
/** Glob packages: none of them promises an order (glob ≥ 9 dropped sorting; fast-glob, globby and tinyglobby never had it). */
const GLOB_MODULES = new Set(['glob', 'fast-glob', 'globby', 'tinyglobby']);
/** Their functions that do not list files. */
const GLOB_HELPERS = new Set(['escape', 'unescape', 'isDynamicPattern', 'hasMagic', 'generateTasks', 'convertPathToPattern', 'escapePath', 'isGitIgnored', 'isGitIgnoredSync', 'isIgnored']);
/** Modules whose `listTools()` is an MCP server's tool list. */
const MCP_MODULE = /^@modelcontextprotocol\/|^(ai|@ai-sdk\/mcp|@langchain\/mcp-adapters|mcp-use)$/;
/** Callee names a listing can have (the module decides). */
const LISTING_NAMES = new Set(['readdir', 'readdirSync', 'glob', 'globSync', 'sync', 'globby', 'globbySync', 'fg', 'fastGlob', 'async']);
/** Other calls that start or pass on an order: `listTools`, `Array.from`, `Object.fromEntries/keys/values/entries`. */
const CALL_NAMES = new Set(['listTools', 'from', 'fromEntries', 'keys', 'values', 'entries']);
/** Array methods whose result keeps the items' order. */
const ORDER_KEEPING_METHODS = new Set(['map', 'flatMap', 'filter', 'slice', 'concat', 'reverse', 'toReversed', 'join', 'entries', 'values', 'keys', 'flat']);
/** Iterating callbacks: a push inside runs once per item, in the array's order. */
const ITERATING_METHODS = new Set(['forEach', 'map', 'flatMap', 'filter', 'reduce']);
const PROMISE_COMBINATORS = new Set(['Promise.all', 'Promise.allSettled', 'Promise.race', 'Promise.any']);

/**
 * JavaScript's sources of unstable order and what carries it: directory listings and globs, an MCP
 * client's `listTools()`, pushes as promises settle; `.map()`, `.filter()`, `.join()`, spreads and
 * loops pass it on; `.sort()` / `.toSorted()` end it. `Set`, `Map` and object keys iterate in
 * insertion order, which is stable, so they are not sources.
 */
export abstract class JsOrder extends RequestQueryEvaluator {
  /** A listing call: what it lists and whether it returns a promise. */
  private listingOf(call: SyntaxNode): { what: string; sortBy: OrderHazard['sortBy']; promise: boolean } | undefined {
    const fn = call.childForFieldName('function');
    // Most calls are not listings: decided on the callee's text before any other node is read.
    const name = (fn?.type === 'member_expression' ? fn.childForFieldName('property')?.text : fn?.type === 'identifier' ? fn.text : undefined) ?? '';
    if (!fn || (!LISTING_NAMES.has(name) && !GLOB_MODULES.has(this.importedFrom.get(name) ?? ''))) {
      return undefined;
    }
    const qualified = this.qualifiedCallee(fn);
    const module = qualified.slice(0, qualified.length - name.length - 1);
    const args = namedChildren(call.childForFieldName('arguments') ?? call).filter((a) => a.type !== 'comment');
    if (args.some((a) => a.type === 'arrow_function' || a.type === 'function_expression' || a.type === 'function')) {
      return undefined; // callback style: the order lives in the callback's parameter
    }
    if ((name === 'readdir' || name === 'readdirSync') && (FS_MODULES.test(module) || /^(fs|fsp|fse|fs\.promises|promises)$/.test(module))) {
      const withFileTypes = args[1]?.type === 'object' && /\bwithFileTypes\s*:\s*true\b/.test(args[1].text);
      return { what: 'lists a directory in file-system order', sortBy: withFileTypes ? 'name' : 'value', promise: name === 'readdir' };
    }
    if (qualified === 'fs.globSync' || (GLOB_MODULES.has(module) && !GLOB_HELPERS.has(name)) || (fn.type === 'identifier' && GLOB_MODULES.has(this.importedFrom.get(name) ?? ''))) {
      const sync = /Sync$/.test(name) || name === 'sync';
      return { what: 'returns matches in file-system order', sortBy: 'value', promise: !sync };
    }
    return undefined;
  }

  /** The value of a call that creates or passes on unstable order; undefined for any other call. */
  protected orderedCallValue(node: SyntaxNode, fn: SyntaxNode, callee: string, args: SyntaxNode[]): Value | undefined {
    const name = callee.slice(callee.lastIndexOf('.') + 1);
    if (!CALL_NAMES.has(name) && !LISTING_NAMES.has(name) && !GLOB_MODULES.has(this.importedFrom.get(name) ?? '')) {
      return undefined;
    }
    const listing = this.listingOf(node);
    if (listing) {
      const text = short(node.text);
      const fix: OrderFix | undefined = listing.promise ? undefined : { title: `Sort it: ${text}.sort(${jsComparator(listing.sortBy) ? '…' : ''})`, node, newText: `${node.text}.sort(${jsComparator(listing.sortBy)})`, safe: true };
      const hazard = orderSource(node, `\`${text}\` ${listing.what}, which differs between machines and file systems`, { sortBy: listing.sortBy, sortable: true, fix });
      return withOrderHazard(unknown(node, `\`${text}\` is listed at run time`), hazard);
    }
    const member = fn.type === 'member_expression' ? fn : undefined;
    if (member?.childForFieldName('property')?.text === 'listTools' && this.isMcpReceiver(member.childForFieldName('object'))) {
      const hazard = orderSource(node, `\`${short(node.text)}\` returns the MCP server's tools in the server's order, which can change when it restarts or reconnects`, { sortBy: 'name', sortable: false });
      return withOrderHazard(unknown(node, "an MCP server's tool list, read at run time"), hazard);
    }
    const iterable = args[0];
    if (!iterable || !['Array.from', 'Object.fromEntries', 'Object.keys', 'Object.values', 'Object.entries'].includes(callee)) {
      return undefined;
    }
    const hazard = orderHazardOf(this.evaluate(iterable));
    if (!hazard || (callee.startsWith('Object.') && callee !== 'Object.fromEntries' && !hazard.keysOnly)) {
      return undefined;
    }
    const passed = iteratedHazard(hazard, () => this.sortedFix(iterable, hazard));
    return withOrderHazard(unknown(node, `\`${short(node.text)}\` is built at run time`), callee === 'Object.fromEntries' ? { ...passed, keysOnly: true } : passed);
  }

  /** `await fs.promises.readdir(d)`, `await glob(p)`, `await client.listTools()`: the awaited value keeps its hazard, sortable where awaited. */
  protected awaitedOrder(node: SyntaxNode, inner: SyntaxNode): Value | undefined {
    // Only what can be a source is evaluated here: other awaited calls stay unread, as before.
    const fn = inner.childForFieldName('function');
    const name = fn?.type === 'member_expression' ? fn.childForFieldName('property')?.text : fn?.text;
    if (name !== 'listTools' && !this.listingOf(inner)) {
      return undefined;
    }
    const value = this.evaluate(inner);
    const hazard = orderHazardOf(value);
    if (!hazard) {
      return undefined;
    }
    const listing = this.listingOf(inner);
    const fix: OrderFix | undefined =
      listing && !hazard.fix ? { title: `Sort it: (${short(node.text)}).sort(${jsComparator(listing.sortBy) ? '…' : ''})`, node, newText: `(${node.text}).sort(${jsComparator(listing.sortBy)})`, safe: true } : undefined;
    return withOrderHazard(unknown(node, 'awaited at run time'), fix ? { ...hazard, fix } : hazard);
  }

  /** A method call on a value with unstable order: `.sort()` ends it, `.map()`/`.filter()`/`.join()` pass it on. */
  protected orderedMethodValue(node: SyntaxNode, object: SyntaxNode, base: Value, method: string, result: () => Value): Value | undefined {
    const hazard = orderHazardOf(base);
    if (!hazard) {
      return undefined;
    }
    if (method === 'sort' || method === 'toSorted') {
      return base.kind === 'array' ? withoutOrderHazard(base) : unknown(node, `\`${short(node.text)}\` is sorted at run time`);
    }
    if (!ORDER_KEEPING_METHODS.has(method) || (hazard.keysOnly && base.kind === 'object')) {
      return undefined;
    }
    return withOrderHazard(result(), iteratedHazard(hazard, () => this.sortedFix(object, hazard)));
  }

  /** `(await x.listTools()).tools`: a member of an unordered result keeps the hazard. */
  protected orderedMember(node: SyntaxNode, base: Value, fallback: () => Value): Value | undefined {
    return base.kind === 'unknown' && base.unordered ? withOrderHazard(fallback(), base.unordered) : undefined;
  }

  private isMcpReceiver(object: SyntaxNode | null): boolean {
    if ([...this.importedFrom.values()].some((module) => MCP_MODULE.test(module) && module.includes('mcp'))) {
      return true;
    }
    return !!object && /mcp|session/i.test(object.text);
  }

  protected iterationsAround(site: SyntaxNode, scope: SyntaxNode): Iteration[] {
    const out: Iteration[] = [];
    for (let node = site.parent; node && node.id !== scope.id; node = node.parent) {
      if (node.type === 'for_in_statement') {
        const right = node.childForFieldName('right');
        if (right) {
          out.push({ iterable: right });
        }
        continue;
      }
      if (node.type !== 'arrow_function' && node.type !== 'function_expression' && node.type !== 'function') {
        if (node.type === 'function_declaration' || node.type === 'method_definition' || node.type === 'class_body') {
          break;
        }
        continue;
      }
      // A callback: `xs.forEach((x) => out.push(…))`, `xs.map(async (x) => { …; out.push(r) })` inside `Promise.all`.
      const call = node.parent?.type === 'arguments' ? node.parent.parent : null;
      const fn = call?.type === 'call_expression' ? call.childForFieldName('function') : null;
      const method = fn?.type === 'member_expression' ? fn.childForFieldName('property')?.text : undefined;
      const isAsync = node.children.some((c) => c?.type === 'async');
      if (call && fn && method && isAsync && ITERATING_METHODS.has(method) && (method === 'forEach' || this.insidePromiseCombinator(call))) {
        out.push({ completion: call });
        break;
      }
      if (call && method === 'then' && out.length === 0 && this.insideLoopOrMap(call, scope)) {
        out.push({ completion: call });
        break;
      }
      const object = fn?.type === 'member_expression' ? fn.childForFieldName('object') : null;
      if (object && method && ITERATING_METHODS.has(method) && !isAsync) {
        out.push({ iterable: object });
        continue;
      }
      break;
    }
    return out;
  }

  /** `Promise.all(xs.map(async …))`: the call is an argument of a promise combinator. */
  private insidePromiseCombinator(call: SyntaxNode): boolean {
    const outer = call.parent?.type === 'arguments' ? call.parent.parent : null;
    return outer?.type === 'call_expression' && PROMISE_COMBINATORS.has(outer.childForFieldName('function')?.text ?? '');
  }

  private insideLoopOrMap(call: SyntaxNode, scope: SyntaxNode): boolean {
    for (let node = call.parent; node && node.id !== scope.id; node = node.parent) {
      if (node.type === 'for_in_statement' || node.type === 'for_statement' || node.type === 'while_statement') {
        return true;
      }
      if (node.type === 'call_expression' && /\.(map|forEach)$/.test(node.childForFieldName('function')?.text ?? '')) {
        return true;
      }
    }
    return false;
  }

  protected sortedFix(iterable: SyntaxNode, hazard: OrderHazard): OrderFix | undefined {
    if (hazard.sortBy === 'none') {
      return undefined;
    }
    const simple = /^[\w$.]+$/.test(iterable.text);
    const text = simple ? iterable.text : `(${iterable.text})`;
    return { title: `Sort it: ${jsSortedCopy(short(text), hazard.sortBy)}`, node: iterable, newText: jsSortedCopy(text, hazard.sortBy), safe: hazard.sortable };
  }
}
