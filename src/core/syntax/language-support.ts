import { type SyntaxNode, nodeTypeQuery } from '../parsing/parser';
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
