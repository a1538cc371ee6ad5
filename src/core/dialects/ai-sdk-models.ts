import type { SyntaxNode } from '../parsing/parser';
import { type Value, entryOf, staticString } from '../syntax/values';
import type { CandidateCall } from './index';
import { unwrapped } from './synth';
import { relocate } from '../modules/relocate';

/**
 * Which provider an AI SDK `model` is served by, from the factory that built it and the module that
 * factory comes from: `anthropic('…')`, `createAnthropic({...})('…')`, `bedrock('…')`,
 * `vertexAnthropic('…')`, `openrouter('…')`, a gateway string `'anthropic/claude-…'`, through a name
 * bound once or `wrapLanguageModel({ model })`.
 */
export type Provider = 'anthropic' | 'vertex-anthropic' | 'gateway' | 'bedrock' | 'openrouter' | 'other' | 'unknown';


export interface ResolvedModel {
  provider: Provider;
  id?: Value;
}

function providerOfModule(module: string): Provider {
  if (module === '@ai-sdk/anthropic' || module === '@ai-sdk/amazon-bedrock/anthropic') {
    return 'anthropic';
  }
  if (module.startsWith('@ai-sdk/google-vertex/anthropic')) {
    return 'vertex-anthropic';
  }
  if (module === '@ai-sdk/amazon-bedrock') {
    return 'bedrock';
  }
  if (module === '@openrouter/ai-sdk-provider') {
    return 'openrouter';
  }
  if (module === '@ai-sdk/gateway' || module === 'ai') {
    return 'gateway';
  }
  return module.startsWith('@ai-sdk/') ? 'other' : 'unknown';
}

export function resolveAiSdkModel(call: CandidateCall, node: SyntaxNode, depth: number): ResolvedModel {
  const current = unwrapped(node);
  if (depth > 5) {
    return { provider: 'unknown' };
  }
  if (current.type === 'call_expression') {
    const fn = current.childForFieldName('function');
    const { positional } = call.evaluator.argumentsOf(current);
    if (fn?.text === 'wrapLanguageModel' && positional[0]) {
      const inner = entryOf(call.evaluator.evaluate(positional[0]), 'model');
      return inner ? resolveAiSdkModel(call, inner.entryNode.childForFieldName('value') ?? inner.entryNode, depth + 1) : { provider: 'unknown' };
    }
    const id = positional[0] ? call.evaluator.evaluate(positional[0]) : undefined;
    return { provider: fn ? factoryProvider(call, fn, depth + 1) : 'unknown', id: id?.kind === 'string' ? id : undefined };
  }
  if (current.type === 'identifier' || current.type === 'shorthand_property_identifier' || current.type === 'member_expression') {
    const targets = call.evaluator.aliasTargets(current);
    if (targets.length === 1) {
      return resolveAiSdkModel(call, targets[0], depth + 1);
    }
    // `import { model } from "@/lib/ai"`: read where it is written, with that module's imports.
    const definition = call.evaluator.importedDefinition(current);
    if (!definition) {
      return { provider: 'unknown' };
    }
    const resolved = resolveAiSdkModel({ ...call, evaluator: definition.evaluator }, definition.node, depth + 1);
    return { provider: resolved.provider, ...(resolved.id ? { id: relocate(resolved.id, current) } : {}) };
  }
  const value = call.evaluator.evaluate(current);
  if (value.kind === 'string') {
    const written = staticString(value) ?? value.alternatives?.[0] ?? value.environmentDefault?.text;
    return { provider: written?.includes('/') ? 'gateway' : 'unknown', id: value };
  }
  return { provider: 'unknown' };
}

function factoryProvider(call: CandidateCall, fn: SyntaxNode, depth: number): Provider {
  if (depth > 6) {
    return 'unknown';
  }
  if (fn.type === 'identifier') {
    const module = call.evaluator.importedFrom.get(fn.text);
    const definition = module !== undefined && providerOfModule(module) === 'unknown' ? call.evaluator.importedDefinition(fn) : undefined;
    if (definition) {
      // A provider made in another module of the workspace (`export const claude = createAnthropic({...})`).
      const inner = definition.node.type === 'call_expression' ? definition.node.childForFieldName('function') : definition.node;
      return inner ? factoryProvider({ ...call, evaluator: definition.evaluator }, inner, depth + 1) : 'unknown';
    }
    if (module !== undefined) {
      return providerOfModule(module);
    }
    const targets = call.evaluator.aliasTargets(fn);
    const target = targets.length === 1 ? targets[0] : undefined;
    const inner = target?.type === 'call_expression' ? target.childForFieldName('function') : undefined;
    return inner ? factoryProvider(call, inner, depth + 1) : 'unknown';
  }
  if (fn.type === 'member_expression') {
    const object_ = fn.childForFieldName('object');
    return object_ ? factoryProvider(call, object_, depth + 1) : 'unknown';
  }
  if (fn.type === 'call_expression') {
    const inner = fn.childForFieldName('function');
    return inner ? factoryProvider(call, inner, depth + 1) : 'unknown';
  }
  return 'unknown';
}
