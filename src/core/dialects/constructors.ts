import type { SyntaxNode } from '../parsing/parser';
import type { CallArguments } from '../syntax/evaluator';
import { type ObjectEntry, type Value, entryOf } from '../syntax/values';
import { entry, object, text } from './synth';

/** What a framework constructor call is, as the evaluator sees it. */
export interface ConstructorCall {
  call: SyntaxNode;
  /** The class or function as imported. */
  name: string;
  module: string;
  args: CallArguments;
  evaluate(node: SyntaxNode): Value;
}

/** LangChain's message classes and the role each stands for. */
const LANGCHAIN_MESSAGES: Record<string, string> = {
  SystemMessage: 'system',
  HumanMessage: 'user',
  AIMessage: 'assistant',
  AIMessageChunk: 'assistant',
  ToolMessage: 'tool',
};

export function isLangChainModule(module: string): boolean {
  return /^(?:@langchain\/|langchain(?:_|\.|$|\/))/.test(module);
}

/**
 * The value a framework constructor builds, when the engine knows it: LangChain's
 * `SystemMessage(content=[...])` / `new SystemMessage({ content })` is a message with a role,
 * its content and its `additional_kwargs`; the AI SDK's `tool({...})` is its argument.
 */
export function frameworkValue(built: ConstructorCall): Value | undefined {
  const { call, name, module, args, evaluate } = built;
  if (isLangChainModule(module) && LANGCHAIN_MESSAGES[name]) {
    const entries: ObjectEntry[] = [entry('role', text(LANGCHAIN_MESSAGES[name], call), call)];
    const first = args.positional[0] ? evaluate(args.positional[0]) : undefined;
    if (first?.kind === 'object') {
      // JS: new SystemMessage({ content, additional_kwargs })
      entries.push(...first.entries.filter((e) => e.key !== 'role'));
    } else if (first && args.positional[0]) {
      entries.push(entry('content', first, args.positional[0]));
    }
    for (const [key, node] of args.named) {
      entries.push(entry(key, evaluate(node), node.parent ?? node));
    }
    const message = object(call, entries, args.spread || (first?.kind === 'object' && first.open));
    return entryOf(message, 'content') || !message.open ? message : undefined;
  }
  if (module === 'ai' && name === 'tool' && args.positional[0]) {
    const definition = evaluate(args.positional[0]);
    return definition.kind === 'object' ? definition : undefined;
  }
  return undefined;
}
