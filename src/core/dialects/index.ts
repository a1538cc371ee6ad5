import type { SyntaxNode } from '../parsing/parser';
import type { CallArguments } from '../syntax/evaluator';
import type { ObjectValue, Value } from '../syntax/values';
import { aiSdkRequest } from './ai-sdk';
import { converseRequest } from './converse';
import type { DialectRequest } from './dialect';
import { langChainRequest } from './langchain';
import { openAiCompatibleRequest } from './openai-chat';

export type { DialectId, DialectRequest, IgnoredMarker, MarkerSyntax } from './dialect';
export { ANTHROPIC_MARKER } from './dialect';

/** Plain function calls that may be a framework's request (`generateText(...)`, LiteLLM's `completion(...)`). */
export const FRAMEWORK_FUNCTIONS = new Set(['generateText', 'streamText', 'generateObject', 'streamObject', 'completion', 'acompletion']);
/** Classes whose construction is (or configures) a request: Converse commands, the AI SDK's agents. */
export const FRAMEWORK_CLASSES = new Set(['ConverseCommand', 'ConverseStreamCommand', 'Agent', 'ToolLoopAgent', 'Experimental_Agent']);

/** What dialects ask of the evaluator. */
export interface DialectEvaluator {
  evaluate(node: SyntaxNode): Value;
  argumentsOf(call: SyntaxNode): CallArguments;
  aliasTargets(node: SyntaxNode): SyntaxNode[];
  readonly importedFrom: ReadonlyMap<string, string>;
  /** Where an imported constant is written in a workspace module, with that module's evaluator. */
  importedDefinition(node: SyntaxNode): { node: SyntaxNode; evaluator: DialectEvaluator } | undefined;
}

/** A candidate call as the language front end sees it. */
export interface CandidateCall {
  node: SyntaxNode;
  /** The callee (a `new` expression's class). */
  callee: SyntaxNode;
  /** The callee as a member chain, innermost first: `['litellm', 'completion']`. */
  chain: string[];
  /** The call's arguments as one object: Python's keywords, JS's first object argument. */
  argumentsObject(): ObjectValue | undefined;
  evaluator: DialectEvaluator;
  language: 'python' | 'typescript';
}

/**
 * The request a framework call makes, if it is one: each dialect recognises its own calls, checks
 * the file imports its library, and maps the call onto the Messages API's shape. Files that import
 * none of these libraries pay a few set lookups.
 */
export function frameworkRequestOf(call: CandidateCall): DialectRequest | undefined {
  if (call.evaluator.importedFrom.size === 0) {
    return undefined;
  }
  return aiSdkRequest(call) ?? converseRequest(call) ?? openAiCompatibleRequest(call) ?? langChainRequest(call);
}
