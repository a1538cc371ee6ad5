import type { SyntaxNode } from '../parsing/parser';
import { type ObjectEntry, type ObjectValue, type Value, entryOf, staticString, unknown, valueOf } from '../syntax/values';
import type { DialectRequest, IgnoredMarker, MarkerSyntax } from './dialect';
import type { CandidateCall } from './index';
import { type Provider, type ResolvedModel, resolveAiSdkModel } from './ai-sdk-models';
import { array, claudeMessage, entry, itemsOf, object, text, textBlock, writtenValueNode } from './synth';

/**
 * The Vercel AI SDK (`ai` 4.x–7.x and its providers). Breakpoints are provider options:
 * `providerOptions: { anthropic: { cacheControl: { type: 'ephemeral' } } }` on a message (its last
 * part), a content part, a tool, or a system message (`system` as a `SystemModelMessage`, ai ≥ 6);
 * on the call itself it is top-level (automatic) caching (`@ai-sdk/anthropic` ≥ 2.0.x, 2025-09).
 * A plain string `system` cannot carry one. `experimental_providerMetadata` (and input
 * `providerMetadata`) were the keys before `providerOptions` and were removed in ai 5.0.
 * The Bedrock provider reads `providerOptions.bedrock.cachePoint`; OpenRouter's provider
 * (`@openrouter/ai-sdk-provider` 1.x) reads message and part markers under `openrouter` or
 * `anthropic` but call options only under `openrouter`.
 * Sources: vercel/ai `packages/anthropic/src/convert-to-anthropic-prompt.ts`, `get-cache-control.ts`,
 * `packages/amazon-bedrock/src/convert-to-amazon-bedrock-chat-messages.ts` (snapshot of 2026-08).
 */

type Level = 'call' | 'message' | 'part' | 'tool';

const FUNCTIONS = new Set(['generateText', 'streamText', 'generateObject', 'streamObject']);
const AGENTS = new Set(['Agent', 'ToolLoopAgent', 'Experimental_Agent']);
const LEGACY_KEYS = ['experimental_providerMetadata', 'providerMetadata'];
/** Keys that exist only from ai 5.0 on: their presence dates the code. */
const V5_KEYS = new Set(['inputSchema', 'maxOutputTokens', 'stopWhen', 'instructions', 'outputSchema', 'prepareStep']);


const MARKERS: Record<Provider, MarkerSyntax> = {
  anthropic: { name: 'providerOptions.anthropic.cacheControl', type: 'ephemeral', sdkFixes: false, fixable: true, platform: 'anthropic' },
  'vertex-anthropic': { name: 'providerOptions.anthropic.cacheControl', type: 'ephemeral', sdkFixes: false, fixable: true, platform: 'vertex' },
  gateway: { name: 'providerOptions.anthropic.cacheControl', type: 'ephemeral', sdkFixes: false, fixable: true, platform: 'gateway' },
  bedrock: { name: 'providerOptions.bedrock.cachePoint', type: 'default', sdkFixes: false, fixable: true, platform: 'bedrock' },
  openrouter: { name: 'providerOptions.openrouter.cacheControl', type: 'ephemeral', sdkFixes: false, fixable: true, platform: 'gateway' },
  other: { name: 'providerOptions.anthropic.cacheControl', type: 'ephemeral', sdkFixes: false, platform: 'gateway' },
  unknown: { name: 'providerOptions.anthropic.cacheControl', type: 'ephemeral', sdkFixes: false, platform: 'anthropic' },
};


export function aiSdkRequest(call: CandidateCall): DialectRequest | undefined {
  const { node, chain, evaluator } = call;
  const isNew = node.type === 'new_expression';
  const name = isNew ? call.callee.text : chain[chain.length - 1];
  const module = evaluator.importedFrom.get(chain.length === 2 && !isNew ? chain[0] : name);
  if (call.language !== 'typescript' || module !== 'ai' || !(isNew ? AGENTS.has(name) : FUNCTIONS.has(name) && chain.length <= 2)) {
    return undefined;
  }
  const args = call.argumentsObject();
  if (!args) {
    return undefined;
  }
  const context = new AiSdkContext(call, args);
  return context.request(isNew ? `new ${name}` : call.callee.text, name);
}

class AiSdkContext {
  readonly ignoredMarkers: IgnoredMarker[] = [];
  readonly notes: string[] = [];
  /** Markers under a namespace whose effect is not known: not counted, and "no breakpoint" is not claimed. */
  readonly uncounted: Array<{ note: string; node?: SyntaxNode }> = [];
  readonly model: ResolvedModel;
  /** The code is written for ai ≥ 5 (where the legacy metadata keys are gone), by the keys it uses. */
  private readonly modernApi: boolean;

  constructor(
    private readonly call: CandidateCall,
    private readonly args: ObjectValue,
  ) {
    const modelEntry = entryOf(args, 'model');
    this.model = modelEntry ? resolveAiSdkModel(call, modelEntry.value.node, 0) : { provider: 'unknown' };
    this.modernApi = AGENTS.has(call.callee.text) || usesKeys(args, V5_KEYS, 0);
  }

  request(callee: string, method: string): DialectRequest | undefined {
    const { args, model } = this;
    const entries: ObjectEntry[] = [];
    const modelEntry = entryOf(args, 'model');
    if (modelEntry && model.id) {
      entries.push(entry('model', model.id, modelEntry.entryNode));
    }
    if (model.provider === 'unknown') {
      this.notes.push(modelEntry ? 'the model\'s provider is not known here; markers are read as the Anthropic provider reads them' : 'no model in this call');
    }
    const tools = entryOf(args, 'tools');
    if (tools) {
      entries.push(entry('tools', this.tools(tools.value), tools.entryNode));
    }
    const system: Value[] = [];
    const systemEntry = entryOf(args, 'instructions') ?? entryOf(args, 'system');
    let stringSystem = false;
    if (systemEntry) {
      for (const item of systemEntry.value.kind === 'array' ? systemEntry.value.items : [systemEntry.value]) {
        stringSystem ||= item.kind !== 'object';
        system.push(...(item.kind === 'object' ? this.message(item).blocks : [textBlock(item, writtenValueNode(systemEntry))]));
      }
    }
    const messages: Value[] = [];
    const messagesEntry = entryOf(args, 'messages') ?? entryOf(args, 'prompt');
    const messagesValue = messagesEntry?.value;
    if (messagesValue?.kind === 'array') {
      for (const item of messagesValue.items) {
        const role = staticString(valueOf(item, 'role'));
        const converted = item.kind === 'object' ? this.message(item) : undefined;
        if (!converted) {
          messages.push(item);
        } else if (role === 'system' && messages.length === 0) {
          system.push(...converted.blocks);
        } else {
          messages.push(claudeMessage(item.node, role, converted.blocks));
        }
      }
    } else if (messagesValue && messagesEntry?.key === 'prompt') {
      messages.push(claudeMessage(messagesValue.node, 'user', [textBlock(messagesValue, messagesValue.node)]));
    }
    if (system.length > 0 && systemEntry) {
      entries.push(entry('system', array(systemEntry.value.node, system), systemEntry.entryNode));
    } else if (system.length > 0 && messagesEntry) {
      // System messages inside `messages`: the first one is where the system prompt is written.
      entries.push(entry('system', array(messagesEntry.value.node, system), firstSystemMessage(messagesEntry.value) ?? messagesEntry.entryNode));
    }
    if (messagesEntry && messagesValue) {
      entries.push({ ...messagesEntry, key: 'messages', value: messagesValue.kind === 'array' ? array(messagesValue.node, messages, messagesValue) : messagesEntry.key === 'prompt' ? array(messagesValue.node, messages) : messagesValue });
    } else if (AGENTS.has(method)) {
      entries.push(entry('messages', unknown(this.call.node, 'the conversation given to the agent\'s generate()/stream() at run time'), this.call.node));
    }
    const callMarker = this.markerIn(entryOf(args, 'providerOptions'), 'call');
    this.legacy(args);
    if (callMarker) {
      entries.push(callMarker);
    }
    return {
      dialect: 'ai-sdk',
      callee,
      method,
      args: object(args.node, entries, args.open),
      marker: MARKERS[model.provider],
      ignoredMarkers: this.ignoredMarkers,
      notes: this.notes,
      notClaude: model.id !== undefined && (model.provider === 'other' ? !mentionsClaude(model.id) : knownNotClaude(model.id)),
      systemAdvice: stringSystem
        ? `A string \`${systemEntry?.key ?? 'system'}\` cannot carry a marker: pass it as a system message with providerOptions: { ${MARKERS[model.provider].name.split('.').slice(1, 2).join('')}: { ${MARKERS[model.provider].name.split('.').pop()}: { type: '${MARKERS[model.provider].type}' } } } (\`${systemEntry?.key ?? 'system'}\` accepts one from ai 6; before that, put it first in \`messages\`), or mark the call itself (top-level caching).`
        : undefined,
      uncountedMarkers: this.uncounted,
    };
  }

  /** A message (or a system message) as blocks, with part-level markers and the message's on its last part. */
  private message(item: ObjectValue): { blocks: Value[] } {
    const messageMarker = this.markerIn(entryOf(item, 'providerOptions'), 'message');
    if (!entryOf(item, 'providerOptions') && item.open) {
      this.uncounted.push({ note: `a spread in the message on line ${item.node.startPosition.row + 1} may add providerOptions at run time` });
    }
    this.legacy(item);
    const contentEntry = entryOf(item, 'content');
    const content = contentEntry?.value;
    if (!contentEntry || !content || content.kind !== 'array') {
      return { blocks: content && contentEntry ? [textBlock(content, writtenValueNode(contentEntry), messageMarker)] : [] };
    }
    const blocks = content.items.map((part) => this.part(part));
    if (messageMarker && blocks.length > 0 && !content.repeated && !content.grows) {
      const last = blocks[blocks.length - 1];
      if (last.kind === 'object' && !entryOf(last, 'cache_control')) {
        blocks[blocks.length - 1] = object(last.node, [...last.entries, messageMarker], last.open);
      }
    }
    return { blocks };
  }

  private part(part: Value): Value {
    if (part.kind !== 'object') {
      return part;
    }
    const marker = this.markerIn(entryOf(part, 'providerOptions'), 'part');
    this.legacy(part);
    const type = staticString(valueOf(part, 'type'));
    const with_ = (blockType: string, rest: ObjectEntry[]) => object(part.node, [entry('type', text(blockType, part.node), part.node), ...rest, ...(marker ? [marker] : [])], part.open);
    const pick = (...keys: string[]) => part.entries.filter((e) => keys.includes(e.key));
    switch (type) {
      case 'text':
        return with_('text', pick('text'));
      case 'image':
        return with_('image', []);
      case 'file':
        return with_('document', [entry('source', unknown(part.node, 'a file (its token cost depends on its content)'), part.node)]);
      case 'tool-call':
        return with_('tool_use', pick('toolName', 'input', 'args'));
      case 'tool-result':
        return with_('tool_result', pick('output', 'result'));
      case 'reasoning':
        return with_('thinking', []);
      default:
        return with_(type ?? 'unknown', part.entries.filter((e) => e.key !== 'type' && e.key !== 'providerOptions'));
    }
  }

  /** `tools: { name: tool({...}) }`, in key order, each a Claude tool with its marker. */
  private tools(value: Value): Value {
    if (value.kind !== 'object') {
      return value;
    }
    const items: Value[] = [];
    for (const e of value.entries) {
      const definition = e.value;
      if (definition.kind !== 'object') {
        items.push(object(definition.node, [entry('name', text(e.key, e.entryNode), e.entryNode), entry('definition', definition, definition.node)]));
        continue;
      }
      const marker = this.markerIn(entryOf(definition, 'providerOptions'), 'tool');
      this.legacy(definition);
      const schema = entryOf(definition, 'inputSchema') ?? entryOf(definition, 'parameters');
      const rest = [entry('name', text(e.key, e.entryNode), e.entryNode), ...definition.entries.filter((d) => d.key === 'description'), ...(schema ? [{ ...schema, key: 'input_schema' }] : [])];
      items.push(object(definition.node, marker ? [...rest, marker] : rest, definition.open));
    }
    if (value.open) {
      items.push({ ...unknown(value.node, 'tools spread in at run time'), spread: true });
    }
    return array(value.node, items);
  }

  /**
   * The breakpoint a `providerOptions` value sets for this provider at this level, as a
   * `cache_control` entry on the engine's block; markers the provider does not read are reported.
   */
  private markerIn(options: ObjectEntry | undefined, level: Level): ObjectEntry | undefined {
    if (!options) {
      return undefined;
    }
    if (options.value.kind !== 'object' || options.value.open) {
      // Built at run time: it may hold a marker this analysis cannot see.
      this.uncounted.push({ note: `providerOptions on line ${options.entryNode.startPosition.row + 1} are built at run time; a breakpoint there is not counted`, node: options.entryNode });
      if (options.value.kind !== 'object') {
        return undefined;
      }
    }
    let found: ObjectEntry | undefined;
    for (const namespace of options.value.entries) {
      const inner = namespace.value;
      const marker = inner.kind === 'object' ? inner.entries.find((e) => e.key === 'cacheControl' || e.key === 'cache_control' || e.key === 'cachePoint') : undefined;
      if (!marker || inner.kind !== 'object') {
        continue;
      }
      const verdict = reads(this.model.provider, level, namespace.key, marker.key);
      if (verdict === 'breakpoint') {
        // Removing the marker removes what holds only it.
        const alone = inner.entries.length === 1;
        const removalNode = alone && options.value.entries.length === 1 ? options.entryNode : alone ? namespace.entryNode : marker.entryNode;
        found = entry('cache_control', marker.value, marker.entryNode, { keyRange: marker.keyRange, removalNode });
      } else if (verdict === 'unknown') {
        this.uncounted.push({ note: `providerOptions.${namespace.key}.${marker.key} on line ${marker.entryNode.startPosition.row + 1}: how this provider reads it is not known here, so it is not counted`, node: marker.entryNode });
      } else if (verdict === 'ignored') {
        this.ignoredMarkers.push({ node: marker.entryNode, message: this.ignoredMessage(level, namespace.key, marker.key), effect: 'dropped', removable: false });
      }
    }
    return found;
  }

  private ignoredMessage(level: Level, namespace: string, key: string): string {
    const written = `providerOptions.${namespace}.${key}`;
    switch (this.model.provider) {
      case 'bedrock':
        return `The Amazon Bedrock provider does not read ${written}: the marker is dropped and nothing is cached. Use providerOptions: { bedrock: { cachePoint: { type: 'default' } } } on the same ${level}.`;
      case 'openrouter':
        return level === 'call'
          ? `OpenRouter's AI SDK provider reads call options only under \`openrouter\`: ${written} on the call is dropped. Mark the system message or the last message instead (providerOptions: { openrouter: { cacheControl: { type: 'ephemeral' } } }).`
          : `OpenRouter's AI SDK provider does not read ${written}; use providerOptions.openrouter.cacheControl (or anthropic.cacheControl) on this ${level}.`;
      case 'other':
        return `${written} does nothing here: this model is not served by an Anthropic provider, so the marker is dropped. Remove it, or use a Claude model (anthropic('claude-…')).`;
      default:
        return `The ${this.model.provider === 'gateway' ? 'AI Gateway' : 'Anthropic provider'} reads breakpoints from providerOptions.anthropic.cacheControl; ${written} is dropped. Move it under \`anthropic\`.`;
    }
  }

  /** `experimental_providerMetadata` / `providerMetadata`: read up to ai 4.x, dropped from 5.0. */
  private legacy(holder: ObjectValue): void {
    for (const key of LEGACY_KEYS) {
      const found = entryOf(holder, key);
      const anthropic = valueOf(found?.value, 'anthropic');
      if (!found || !entryOf(anthropic, 'cacheControl')) {
        continue;
      }
      if (this.modernApi) {
        this.ignoredMarkers.push({
          node: found.entryNode,
          message: `\`${key}\` was removed in AI SDK 5 (this code uses the 5.x API), so this marker is dropped and nothing is cached. Rename it to \`providerOptions\`.`,
          effect: 'dropped',
          removable: false,
        });
      } else {
        this.notes.push(`\`${key}\` on line ${found.entryNode.startPosition.row + 1} is read only by AI SDK 4.x and earlier (removed in 5.0); the version is not known here, so it is not counted`);
      }
    }
  }
}

function firstSystemMessage(messages: Value): SyntaxNode | undefined {
  return messages.kind === 'array' ? messages.items.find((item) => staticString(valueOf(item, 'role')) === 'system')?.node : undefined;
}

/** What a provider does with a marker under a namespace at a level. */
function reads(provider: Provider, level: Level, namespace: string, key: string): 'breakpoint' | 'ignored' | 'unknown' {
  const anthropicKey = key === 'cacheControl' || key === 'cache_control';
  switch (provider) {
    case 'anthropic':
    case 'gateway':
      return namespace === 'anthropic' && anthropicKey ? 'breakpoint' : anthropicKey && (namespace === 'openai' || namespace === 'google' || namespace === 'bedrock' || namespace === 'openrouter') ? 'ignored' : 'unknown';
    case 'vertex-anthropic':
    case 'unknown':
      return namespace === 'anthropic' && anthropicKey ? 'breakpoint' : 'unknown';
    case 'bedrock':
      return (namespace === 'bedrock' || namespace === 'amazonBedrock') && key === 'cachePoint' ? 'breakpoint' : namespace === 'anthropic' ? 'ignored' : 'unknown';
    case 'openrouter':
      if (level === 'call') {
        return namespace === 'anthropic' ? 'ignored' : 'unknown';
      }
      return (namespace === 'openrouter' || namespace === 'anthropic') && anthropicKey && level !== 'tool' ? 'breakpoint' : 'unknown';
    case 'other':
      // Another vendor's provider reads its own namespace (Alibaba's explicit cache, an OpenAI-compatible
      // proxy in front of Claude): only Anthropic's namespace is certainly not read.
      return namespace === 'anthropic' ? 'ignored' : 'unknown';
  }
}

function mentionsClaude(id: Value): boolean {
  const written = staticString(id);
  return written === undefined || /claude|anthropic/i.test(written);
}

function knownNotClaude(id: Value): boolean {
  const written = staticString(id);
  return written !== undefined && !/claude|anthropic/i.test(written) && /^(?:openai\/|google\/|xai\/|mistral\/|meta\/)/.test(written);
}

/** Whether any of these keys is written in the value (a few levels deep). */
function usesKeys(value: Value | undefined, keys: ReadonlySet<string>, depth: number): boolean {
  if (!value || depth > 4) {
    return false;
  }
  if (value.kind === 'object') {
    return value.entries.some((e) => keys.has(e.key) || usesKeys(e.value, keys, depth + 1));
  }
  return value.kind === 'array' && itemsOf(value).some((item) => usesKeys(item, keys, depth + 1));
}
