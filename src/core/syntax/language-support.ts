import type { SyntaxNode } from '../parsing/parser';
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
  evaluator: ValueEvaluator;
}

export const CACHE_CONTROL_KEYS = new Set(['cache_control', 'cacheControl']);
