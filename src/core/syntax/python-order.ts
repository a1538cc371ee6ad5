import type { SyntaxNode } from '../parsing/parser';
import type { Iteration } from './evaluator';
import { iteratedHazard, numbersOnly, orderHazardOf, orderSource, pythonSorted, stringsOnly, withOrderHazard , shortText as short } from './order';
import { PythonFileReads } from './python-reads';
import { namedChildren } from './tree-walk';
import { type OrderFix, type OrderHazard, type Value, rangeOf, unknown } from './values';

/** Listings whose order is the file system's: sorted, they compare (str, Path); `os.scandir` entries by name. */
const LISTINGS = new Map<string, { what: string; sortBy: OrderHazard['sortBy'] }>([
  ['os.listdir', { what: 'lists a directory in file-system order', sortBy: 'value' }],
  ['os.scandir', { what: 'lists a directory in file-system order', sortBy: 'name' }],
  ['glob.glob', { what: 'returns matches in file-system order', sortBy: 'value' }],
  ['glob.iglob', { what: 'yields matches in file-system order', sortBy: 'value' }],
]);

/** `Path.glob/rglob/iterdir`: any receiver (the method names are pathlib's). */
const PATH_LISTINGS = new Set(['glob', 'rglob', 'iterdir']);

/** Calls that iterate their argument into a new collection in the same order. */
const ORDER_KEEPING = new Set(['list', 'tuple', 'enumerate', 'iter', 'reversed', 'dict', 'dict.fromkeys', 'zip', 'map', 'filter']);

/** Modules whose `list_tools()` is an MCP server's tool list. */
const MCP_MODULE = /^(mcp|fastmcp|langchain_mcp_adapters|pydantic_ai\.mcp|agents\.mcp)(\.|$)/;

/** The last name of every callee above. */
const CALL_NAMES = new Set(['listdir', 'scandir', 'glob', 'iglob', 'rglob', 'iterdir', 'as_completed', 'list_tools', 'set', 'frozenset', ...ORDER_KEEPING, 'fromkeys']);

const SET_ORDER = 'whose iteration order changes from one process to the next (Python randomises string hashing)';

/**
 * Python's sources of unstable order and what carries it: sets of strings, directory listings and
 * globs, `asyncio.as_completed`, an MCP server's `list_tools()`; comprehensions, `list(x)`, `join`,
 * `dict` views and loops that fill a list pass it on; `sorted(...)` and `.sort()` end it.
 */
export abstract class PythonOrder extends PythonFileReads {
  /** The value of a call that creates or passes on unstable order; undefined for any other call. */
  protected orderedCallValue(node: SyntaxNode, fn: SyntaxNode, callee: string, args: SyntaxNode[]): Value | undefined {
    // Most calls are none of these: decided on the callee's text before any other node is read.
    if (!CALL_NAMES.has(callee.slice(callee.lastIndexOf('.') + 1))) {
      return undefined;
    }
    const qualified = this.qualifiedCallee(fn);
    const positional = args.filter((a) => a.type !== 'keyword_argument' && a.type !== 'list_splat' && a.type !== 'dictionary_splat');
    const listing = LISTINGS.get(qualified);
    const member = this.memberOf(fn);
    if (listing || (member && PATH_LISTINGS.has(member.name) && qualified !== 'glob.glob' && member.object.text !== 'glob')) {
      const what = listing?.what ?? (member?.name === 'iterdir' ? 'lists a directory in file-system order' : 'returns matches in file-system order');
      const sortBy = listing?.sortBy ?? 'value';
      const fix: OrderFix = { title: `Sort it: ${pythonSorted(short(node.text), sortBy)}`, node, newText: pythonSorted(node.text, sortBy), safe: true };
      const hazard = orderSource(node, `\`${short(node.text)}\` ${what}, which differs between machines and file systems`, { sortBy, sortable: true, fix });
      return withOrderHazard(unknown(node, `\`${short(node.text)}\` is listed at run time`), hazard);
    }
    if ((qualified === 'asyncio.as_completed' || qualified === 'concurrent.futures.as_completed') && positional[0]) {
      const hazard = orderSource(node, `\`${short(node.text)}\` yields results as they finish, in an order that differs on every run (asyncio.gather keeps the order of its arguments)`, { sortBy: 'none', sortable: false });
      return withOrderHazard(unknown(node, 'results in completion order'), hazard);
    }
    if (member?.name === 'list_tools' && this.isMcpReceiver(member.object)) {
      const hazard = orderSource(node, `\`${short(node.text)}\` returns the MCP server's tools in the server's order, which can change when it restarts or reconnects`, { sortBy: 'name', sortable: false });
      return withOrderHazard(unknown(node, "an MCP server's tool list, read at run time"), hazard);
    }
    if ((callee === 'set' || callee === 'frozenset') && positional.length === 1) {
      return this.setValue(node, [this.evaluate(positional[0])], `\`${short(node.text)}\``);
    }
    if (!ORDER_KEEPING.has(callee)) {
      return undefined;
    }
    const iterable = callee === 'map' || callee === 'filter' ? positional[1] : positional[0];
    const inner = iterable ? this.evaluate(iterable) : undefined;
    const hazard = orderHazardOf(inner);
    if (!iterable || !inner || !hazard) {
      return undefined;
    }
    // `list(s)` → `sorted(s)`; anything else iterates a sorted argument.
    const fix = (): OrderFix | undefined =>
      callee === 'list' && positional.length === 1 && args.length === 1 && hazard.sortBy !== 'none'
        ? { title: `Sort it: ${pythonSorted(short(iterable.text), hazard.sortBy)}`, node, newText: pythonSorted(iterable.text, hazard.sortBy), safe: hazard.sortable }
        : this.sortedFix(iterable, hazard);
    const passed = iteratedHazard(hazard, fix);
    if (inner.kind === 'array' && (callee === 'list' || callee === 'tuple')) {
      return { ...inner, node, unordered: passed };
    }
    return withOrderHazard(unknown(node, `\`${short(node.text)}\` is built at run time`), callee === 'dict' || callee === 'dict.fromkeys' ? { ...passed, keysOnly: true } : passed);
  }

  /** A set built from these values: unordered unless every item is a known number. */
  protected setValue(node: SyntaxNode, from: Value[], written: string): Value {
    const items = from.length === 1 && from[0].kind === 'array' && !from[0].repeated && !from[0].grows ? from[0].items : from;
    const inner = from.length === 1 ? orderHazardOf(from[0]) : undefined;
    const value = unknown(node, `${written} is a set`);
    if (numbersOnly(items) || (from.length === 1 && from[0].kind === 'array' && from[0].items.length === 0 && !from[0].repeated && !from[0].grows)) {
      return value;
    }
    return withOrderHazard(value, inner ?? orderSource(node, `${written} is a set, ${SET_ORDER}`, { sortBy: 'value', sortable: stringsOnly(items) }));
  }

  /** A comprehension's result: in the order of its `for … in` iterables, so unordered when one of them is. */
  protected comprehensionValue(node: SyntaxNode, result: Value): Value {
    if (node.type === 'set_comprehension') {
      const inner = this.comprehensionHazard(node);
      return withOrderHazard(unknown(node, 'a set built by a comprehension'), inner ?? orderSource(node, `\`${short(node.text)}\` is a set, ${SET_ORDER}`, { sortBy: 'value', sortable: false }));
    }
    const hazard = this.comprehensionHazard(node);
    if (!hazard) {
      return result;
    }
    return withOrderHazard(result, node.type === 'dictionary_comprehension' ? { ...hazard, keysOnly: true } : hazard);
  }

  private comprehensionHazard(node: SyntaxNode): OrderHazard | undefined {
    for (const clause of namedChildren(node)) {
      const iterable = clause.type === 'for_in_clause' ? clause.childForFieldName('right') : null;
      const hazard = iterable ? orderHazardOf(this.evaluate(iterable)) : undefined;
      if (iterable && hazard) {
        return iteratedHazard(hazard, () => this.sortedFix(iterable, hazard));
      }
    }
    return undefined;
  }

  /** `d.keys()`, `d.values()`, `d.items()` of a dict whose key order is unstable, set algebra on a set; `sep.join(xs)` of unordered items. */
  protected orderedMethodValue(node: SyntaxNode, base: Value, method: string, args: SyntaxNode[]): Value | undefined {
    if ((['keys', 'values', 'items', 'copy', 'union', 'intersection', 'difference', 'symmetric_difference'].includes(method)) && orderHazardOf(base)) {
      return withOrderHazard(unknown(node, `\`${short(node.text)}\` is read at run time`), orderHazardOf(base));
    }
    if (method === 'join' && args[0] && args[0].type !== 'keyword_argument') {
      const iterable = args[0];
      const hazard = orderHazardOf(this.evaluate(iterable));
      return hazard ? withOrderHazard(unknown(node, 'joined at run time'), iteratedHazard(hazard, () => this.sortedFix(iterable, hazard))) : undefined;
    }
    return undefined;
  }

  /** `json.dumps(d)` of a dict whose keys come in an unstable order: `sort_keys=True` settles it, and is the fix. */
  protected dumpedOrder(node: SyntaxNode, inner: Value, sortKeys: boolean): OrderHazard | undefined {
    const hazard = orderHazardOf(inner);
    if (!hazard?.keysOnly) {
      return undefined;
    }
    if (sortKeys) {
      return undefined;
    }
    const list = node.childForFieldName('arguments');
    const last = list ? namedChildren(list).filter((a) => a.type !== 'comment').pop() : undefined;
    const written = this.callArguments(node);
    const fix: OrderFix | undefined = last && !hazard.source && !written.named.has('sort_keys') && !written.spread ? { title: 'Sort the keys: json.dumps(..., sort_keys=True)', node: last, newText: `${last.text}, sort_keys=True`, safe: true } : undefined;
    return { ...hazard, range: rangeOf(node), reason: `\`${short(node.text)}\` writes a dict in the order its keys were added, and they come from an unstable order (${hazard.reason})`, ...(fix ? { fix } : {}) };
  }

  private isMcpReceiver(object: SyntaxNode): boolean {
    if ([...this.importedFrom.values()].some((module) => MCP_MODULE.test(module))) {
      return true;
    }
    return /session|mcp/i.test(object.text);
  }

  protected iterationsAround(site: SyntaxNode, scope: SyntaxNode): Iteration[] {
    const out: Iteration[] = [];
    for (let node = site.parent; node && node.id !== scope.id; node = node.parent) {
      if (node.type === 'for_statement') {
        const right = node.childForFieldName('right');
        if (right) {
          out.push({ iterable: right });
        }
      }
      if (node.type === 'function_definition' || node.type === 'lambda' || node.type === 'class_definition') {
        break;
      }
    }
    return out;
  }

  protected sortedFix(iterable: SyntaxNode, hazard: OrderHazard): OrderFix | undefined {
    if (hazard.sortBy === 'none') {
      return undefined;
    }
    return { title: `Sort it: ${pythonSorted(short(iterable.text), hazard.sortBy)}`, node: iterable, newText: pythonSorted(iterable.text, hazard.sortBy), safe: hazard.sortable };
  }
}
