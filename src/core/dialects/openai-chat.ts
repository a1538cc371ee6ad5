import type { SyntaxNode } from '../parsing/parser';
import { CACHE_CONTROL_KEYS } from '../syntax/language-support';
import type { MovingBreakpoints } from '../request/request-model';
import { type ArrayValue, type ObjectEntry, type ObjectValue, type Value, entryOf, rangeOf, staticString, valueOf } from '../syntax/values';
import type { DialectId, DialectRequest, IgnoredMarker, MarkerSyntax } from './dialect';
import type { CandidateCall } from './index';
import { array, claudeMessage, entry, itemsOf, object, text, textBlock, writtenValueNode } from './synth';

/**
 * The OpenAI chat format as LiteLLM and OpenAI-compatible gateways (OpenRouter) send it to Claude:
 * `role: "system"` messages become the system prompt, content parts keep their `cache_control`, a
 * message-level `cache_control` marks the message's last block, and function tools keep theirs.
 * Sources: LiteLLM's Anthropic transformation (`litellm/llms/anthropic/chat/transformation.py`,
 * `prompt_templates/factory.py`, 1.4x–1.7x) and OpenRouter's prompt-caching guide.
 */

const LITELLM_MARKER: MarkerSyntax = { name: 'cache_control', type: 'ephemeral', sdkFixes: false, fixable: true, platform: 'gateway' };
const GATEWAY_MARKER: MarkerSyntax = { name: 'cache_control', type: 'ephemeral', sdkFixes: false, fixable: true, platform: 'gateway' };

/** LiteLLM's `completion`/`acompletion` (module function or a `Router`'s), and `chat.completions.create` with a Claude model. */
export function openAiCompatibleRequest(call: CandidateCall): DialectRequest | undefined {
  const { chain, evaluator } = call;
  const method = chain[chain.length - 1];
  if (method === 'completion' || method === 'acompletion') {
    const root = evaluator.importedFrom.get(chain[0]);
    const direct = chain.length <= 2 && root !== undefined && /^litellm(\.|$)/.test(root);
    const object = call.callee.childForFieldName('object') ?? call.callee.childForFieldName('value');
    const router = !direct && chain.length === 2 && object ? evaluator.aliasTargets(object).some((target) => /^(?:litellm\.)?Router$/.test(target.childForFieldName('function')?.text ?? '')) : false;
    if (!direct && !router) {
      return undefined;
    }
    const args = call.argumentsObject();
    if (!args || !entryOf(args, 'messages')) {
      return undefined;
    }
    const notes = router ? ['the model is a Router alias; its deployment is chosen from the Router\'s model_list at run time'] : [];
    return openAiBody({ callee: call.callee.text, method, openRouter: false }, args, 'litellm', LITELLM_MARKER, router, notes);
  }
  const n = chain.length;
  if (n >= 3 && chain[n - 3] === 'chat' && chain[n - 2] === 'completions' && (method === 'create' || method === 'parse' || method === 'stream')) {
    const args = call.argumentsObject();
    if (!args || !entryOf(args, 'messages')) {
      return undefined;
    }
    return openAiBody({ callee: call.callee.text, method, openRouter: servedByOpenRouter(call) }, args, 'openai-compatible', GATEWAY_MARKER, false, []);
  }
  return undefined;
}

/** `client.chat.completions.create(...)` on a client built with OpenRouter's base URL. */
function servedByOpenRouter(call: CandidateCall): boolean {
  // `X.chat.completions.create`: X is the client (a name, or `self.client` assigned once in the class).
  const client = call.callee.childForFieldName('object')?.childForFieldName('object')?.childForFieldName('object');
  const construction = client ? call.evaluator.aliasTargets(client)[0] : undefined;
  if (!construction || (construction.type !== 'call' && construction.type !== 'new_expression')) {
    return false;
  }
  const { named, positional } = call.evaluator.argumentsOf(construction);
  const options = positional[0] ? call.evaluator.evaluate(positional[0]) : undefined;
  const baseUrl = named.get('base_url') ? call.evaluator.evaluate(named.get('base_url')!) : valueOf(options, 'baseURL');
  return /openrouter\.ai/.test(staticString(baseUrl) ?? '');
}

/** Model ids known not to be Claude, for which a marker does nothing: OpenAI's own models cache automatically. */
function knownNotClaude(id: string): boolean {
  const last = id.split('/').pop() ?? id;
  return !/claude|anthropic/i.test(id) && /^(?:gpt-|o[1-9](?:-|$)|chatgpt-|text-embedding-)/i.test(last);
}

/**
 * A raw HTTP POST to an OpenAI-style `/chat/completions` endpoint (`requests.post`, `httpx`, `fetch`,
 * `axios`) whose body names a Claude model: a gateway request like the SDK's.
 */
export function openAiHttpRequest(callee: string, body: ObjectValue, url: string): DialectRequest | undefined {
  return openAiBody({ callee, method: 'chat.completions', openRouter: /openrouter\.ai/.test(url) }, body, 'openai-compatible', GATEWAY_MARKER, false, []);
}

interface GatewayCall {
  callee: string;
  method: string;
  /** Served by OpenRouter, which reads markers on content parts only. */
  openRouter: boolean;
}

function openAiBody(call: GatewayCall, args: ObjectValue, dialect: DialectId, marker: MarkerSyntax, modelFromRouter: boolean, notes: string[]): DialectRequest | undefined {
  const modelEntry = entryOf(args, 'model');
  const modelId = modelEntry ? staticString(modelEntry.value) : undefined;
  const alternatives = modelEntry?.value.kind === 'string' ? modelEntry.value.alternatives : undefined;
  const ids = modelId !== undefined ? [modelId] : (alternatives ?? []);
  const claude = ids.some((id) => /claude/i.test(id));
  const notClaude = ids.length > 0 && ids.every(knownNotClaude);
  // A gateway serves every vendor: without a Claude model in sight, this is not a Claude request.
  if (dialect === 'openai-compatible' && !claude && !notClaude) {
    return undefined;
  }
  const ignoredMarkers: IgnoredMarker[] = [];
  const movingBreakpoints: MovingBreakpoints[] = [];
  const uncountedMarkers: Array<{ note: string; node: SyntaxNode }> = [];
  // LiteLLM moves a message-level marker onto the message's last block; OpenRouter reads markers only on content parts.
  const openRouter = dialect === 'openai-compatible' && call.openRouter;
  const messageLevel = (marker: ObjectEntry, stringContent: boolean): boolean => {
    if (dialect === 'litellm') {
      // Only LiteLLM's Anthropic transformer read a message-level marker on string content; its Bedrock and
      // Vertex paths skipped it until a later fix (`_safe_insert_cache_control_in_message`): version-dependent.
      if (stringContent && ids.some((id) => /^(bedrock|vertex_ai)\//.test(id))) {
        uncountedMarkers.push({ note: `cache_control on the message on line ${marker.entryNode.startPosition.row + 1}: LiteLLM reads it for Bedrock and Vertex models only in recent versions, so it is not counted`, node: marker.entryNode });
        return false;
      }
      return true;
    }
    if (openRouter) {
      ignoredMarkers.push({
        node: marker.entryNode,
        message: 'OpenRouter reads cache_control only on a text part of multipart content; on the message itself it is dropped and nothing is cached. Write the content as [{"type": "text", "text": …, "cache_control": {"type": "ephemeral"}}].',
        effect: 'dropped',
        removable: false,
      });
    } else {
      uncountedMarkers.push({ note: `cache_control on the message on line ${marker.entryNode.startPosition.row + 1}: whether this gateway reads a message-level marker is not known here, so it is not counted`, node: marker.entryNode });
    }
    return false;
  };
  const body = convertBody(args, movingBreakpoints, modelFromRouter, messageLevel);
  if (notClaude) {
    const markers = markersIn(args);
    if (markers.length === 0) {
      return undefined;
    }
    for (const node of markers) {
      ignoredMarkers.push({
        node,
        message: `cache_control does nothing for "${modelId ?? ids[0]}": it is not a Claude model (OpenAI models cache long prompts automatically, and ${dialect === 'litellm' ? 'LiteLLM' : 'the gateway'} drops the marker). Remove it, or send this prompt to a Claude model.`,
        effect: 'dropped',
        removable: true,
      });
    }
  }
  return { dialect, callee: call.callee, method: call.method, args: body, marker, ignoredMarkers, notes, notClaude, movingBreakpoints, uncountedMarkers };
}

/** Every `cache_control` written in the body, for a model that ignores them. */
function markersIn(args: ObjectValue): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  const visit = (value: Value | undefined, depth: number) => {
    if (!value || depth > 6) {
      return;
    }
    if (value.kind === 'object') {
      for (const e of value.entries) {
        if (CACHE_CONTROL_KEYS.has(e.key)) {
          found.push(e.entryNode);
        } else {
          visit(e.value, depth + 1);
        }
      }
    } else if (value.kind === 'array') {
      itemsOf(value).forEach((item) => visit(item, depth + 1));
    }
  };
  ['messages', 'tools', 'cache_control'].forEach((key) => {
    const e = entryOf(args, key);
    if (e && CACHE_CONTROL_KEYS.has(key)) {
      found.push(e.entryNode);
    } else {
      visit(e?.value, 0);
    }
  });
  return found;
}

interface ConvertedMessage {
  role: string | undefined;
  blocks: Value[];
  node: SyntaxNode;
  /** Its index in the list as written. */
  index: number;
}

/** The body in the Messages API's shape: system messages pulled out, tools as Claude tools. */
function convertBody(args: ObjectValue, moving: MovingBreakpoints[], modelFromRouter: boolean, messageLevel: (marker: ObjectEntry, stringContent: boolean) => boolean): ObjectValue {
  const entries: ObjectEntry[] = [];
  const modelEntry = entryOf(args, 'model');
  if (modelEntry && !modelFromRouter) {
    entries.push(modelEntry);
  }
  const toolsEntry = entryOf(args, 'tools');
  if (toolsEntry) {
    const tools = toolsEntry.value;
    entries.push(tools.kind === 'array' ? { ...toolsEntry, value: array(tools.node, itemsOf(tools).slice(0, tools.items.length).map(claudeTool), { ...tools, repeated: tools.repeated && claudeTool(tools.repeated) }) } : toolsEntry);
  }
  const messagesEntry = entryOf(args, 'messages')!;
  const messagesValue = messagesEntry.value;
  if (messagesValue.kind === 'array') {
    const converted = messagesValue.items.map((item, index) => convertMessage(item, index, messageLevel));
    applyInjectionPoints(args, converted, messagesValue, moving);
    const system: Value[] = [];
    const messages: Value[] = [];
    messagesValue.items.forEach((item, index) => {
      const message = converted[index];
      if (!message) {
        messages.push(item);
      } else if (message.role === 'system' || message.role === 'developer') {
        system.push(...message.blocks);
      } else {
        messages.push(claudeMessage(message.node, message.role, message.blocks));
      }
    });
    if (system.length > 0) {
      // The first system message is where the system prompt is written.
      const first = converted.find((m) => m?.role === 'system' || m?.role === 'developer');
      entries.push(entry('system', array(messagesValue.node, system), first?.node ?? messagesEntry.entryNode));
    }
    entries.push({ ...messagesEntry, value: array(messagesValue.node, messages, messagesValue) });
  } else {
    applyInjectionPoints(args, [], undefined, moving);
    entries.push(messagesEntry);
  }
  const topLevel = entryOf(args, 'cache_control');
  if (topLevel) {
    entries.push(topLevel);
  }
  return object(args.node, entries, args.open);
}

/** `{"type": "function", "function": {name, description, parameters}, "cache_control": …}` as a Claude tool. */
function claudeTool(item: Value): Value {
  const fn = valueOf(item, 'function');
  if (item.kind !== 'object' || !fn || fn.kind !== 'object') {
    return item;
  }
  const marker = item.entries.filter((e) => CACHE_CONTROL_KEYS.has(e.key));
  return object(item.node, [...fn.entries.map((e) => (e.key === 'parameters' ? { ...e, key: 'input_schema' } : e)), ...marker], fn.open);
}

/** The content parts OpenAI's format names differently. */
const PART_TYPES: Record<string, string> = { image_url: 'image', input_audio: 'document', file: 'document' };

function convertMessage(item: Value, index: number, messageLevel: (marker: ObjectEntry, stringContent: boolean) => boolean): ConvertedMessage | undefined {
  if (item.kind !== 'object') {
    return undefined;
  }
  const role = staticString(valueOf(item, 'role'));
  const contentEntry = entryOf(item, 'content');
  const content = contentEntry?.value;
  const written = item.entries.find((e) => CACHE_CONTROL_KEYS.has(e.key));
  const messageMarker = written && messageLevel(written, content?.kind !== 'array') ? written : undefined;
  let blocks: Value[];
  if (role === 'tool') {
    blocks = [object(item.node, [entry('type', text('tool_result', item.node), item.node), entry('content', content ?? text('', item.node), content?.node ?? item.node), ...(messageMarker ? [messageMarker] : [])])];
  } else if (content?.kind === 'array') {
    blocks = content.items.map((part) => {
      const type = staticString(valueOf(part, 'type'));
      return part.kind === 'object' && type && PART_TYPES[type] ? object(part.node, [entry('type', text(PART_TYPES[type], part.node), part.node), ...part.entries.filter((e) => e.key !== 'type')]) : part;
    });
    if (content.repeated || content.grows) {
      return undefined;
    }
    if (messageMarker && blocks.length > 0) {
      blocks[blocks.length - 1] = withMarker(blocks[blocks.length - 1], messageMarker);
    }
  } else if (content && !(role === 'assistant' && content.kind === 'scalar')) {
    blocks = [textBlock(content, contentEntry ? writtenValueNode(contentEntry) : content.node, messageMarker)];
  } else {
    const calls = valueOf(item, 'tool_calls');
    blocks = calls ? [object(calls.node, [entry('type', text('tool_use', calls.node), calls.node), entry('input', calls, calls.node)])] : [];
  }
  return { role, blocks, node: item.node, index };
}

/** A block with one more marker, unless it has its own. */
function withMarker(block: Value, marker: ObjectEntry): Value {
  if (block.kind !== 'object' || block.entries.some((e) => CACHE_CONTROL_KEYS.has(e.key))) {
    return block;
  }
  return object(block.node, [...block.entries, marker], block.open);
}

/**
 * LiteLLM's `cache_control_injection_points`: `{"location": "message", "role": "system"}` marks every
 * system message, `{"location": "message", "index": -1}` the message at that index. Each marked
 * message is one breakpoint on its last block; the points themselves are the markers people wrote.
 */
function applyInjectionPoints(args: ObjectValue, converted: Array<ConvertedMessage | undefined>, messages: ArrayValue | undefined, moving: MovingBreakpoints[]): void {
  const points = valueOf(args, 'cache_control_injection_points');
  if (!points || points.kind !== 'array') {
    return;
  }
  const closed = messages !== undefined && !messages.grows && !messages.repeated && messages.items.every((item) => !(item.kind === 'unknown' && item.spread));
  for (const point of points.items) {
    if (point.kind !== 'object' || staticString(valueOf(point, 'location')) !== 'message') {
      continue;
    }
    const marker = entry('cache_control', object(point.node, [entry('type', text('ephemeral', point.node), point.node)]), point.node, { origin: 'assignment' });
    const role = staticString(valueOf(point, 'role'));
    const indexValue = valueOf(point, 'index');
    // `-1` is a unary minus the evaluator leaves unknown: read the literal.
    const index = indexValue?.kind === 'scalar' && typeof indexValue.value === 'number' ? indexValue.value : indexValue && /^-?\s*\d+$/.test(indexValue.node.text) ? Number(indexValue.node.text.replace(/\s/g, '')) : undefined;
    const known = converted.filter((m): m is ConvertedMessage => m !== undefined);
    let targets: ConvertedMessage[] = [];
    if (role !== undefined) {
      targets = known.filter((m) => m.role === role);
      // Messages of that role in the history passed in, or added each turn, are marked too: how many is known only at run time.
      if (!closed && role !== 'system') {
        moving.push({ section: 'messages', via: `cache_control_injection_points (every \`${role}\` message)`, sites: [rangeOf(point.node)] });
      }
    } else if (index !== undefined && closed && messages) {
      const at = index < 0 ? messages.items.length + index : index;
      targets = known.filter((m) => m.index === at);
    } else if (index !== undefined) {
      moving.push({ section: 'messages', via: `cache_control_injection_points (message ${index})`, sites: [rangeOf(point.node)] });
    }
    for (const target of targets) {
      if (target.blocks.length > 0) {
        target.blocks[target.blocks.length - 1] = withMarker(target.blocks[target.blocks.length - 1], marker);
      }
    }
  }
}
