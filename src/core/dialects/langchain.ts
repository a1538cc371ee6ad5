import type { SyntaxNode } from '../parsing/parser';
import { CACHE_CONTROL_KEYS } from '../syntax/language-support';
import { type ObjectEntry, type TextSegment, type Value, entryOf, rangeOf, staticString, unknown, valueOf } from '../syntax/values';
import { isLangChainModule } from './constructors';
import { attachCachePoints } from './converse';
import type { DialectRequest, IgnoredMarker, MarkerSyntax } from './dialect';
import type { CandidateCall } from './index';
import { array, claudeMessage, entry, itemsOf, object, text, textBlock, unwrapped, writtenValueNode } from './synth';

/**
 * LangChain (Python `langchain_anthropic`/`langchain_aws`/`init_chat_model`, JS
 * `@langchain/anthropic`): `chat.invoke(messages)` sends the messages, with `SystemMessage`s as the
 * system prompt. Breakpoints live in content blocks (`{"type": "text", "text": …, "cache_control":
 * {...}}`); `additional_kwargs={"cache_control": …}` is not sent (langchain-anthropic formats only
 * the content), and `ChatBedrock`'s `model_kwargs` go into the InvokeModel body, where Bedrock
 * rejects keys it does not know. Sources: langchain-anthropic `_format_messages` (0.3–1.x),
 * langchain-aws `ChatBedrock` (0.2.x), LangChain's Anthropic prompt-caching docs.
 */
const MARKER: MarkerSyntax = { name: 'cache_control', type: 'ephemeral', sdkFixes: false, fixable: true, platform: 'anthropic' };
const CONVERSE_MARKER: MarkerSyntax = { name: 'cachePoint', type: 'default', sdkFixes: false, platform: 'bedrock' };

const INVOKE_METHODS = new Set(['invoke', 'ainvoke', 'stream', 'astream', 'batch', 'abatch']);
/** Wrappers that return the same chat model with more settings. */
const BINDERS = new Set(['bind_tools', 'bindTools', 'with_structured_output', 'withStructuredOutput', 'with_config', 'withConfig', 'bind', 'with_retry', 'withRetry']);
const CHAT_CLASSES: Record<string, 'anthropic' | 'bedrock' | 'bedrock-converse'> = {
  ChatAnthropic: 'anthropic',
  ChatAnthropicMessages: 'anthropic',
  ChatBedrock: 'bedrock',
  ChatBedrockConverse: 'bedrock-converse',
};
const ROLES: Record<string, string> = { system: 'system', human: 'user', user: 'user', ai: 'assistant', assistant: 'assistant', tool: 'tool' };

interface ChatModel {
  kind: 'anthropic' | 'bedrock' | 'bedrock-converse' | 'other';
  construct: SyntaxNode;
  model?: ObjectEntry;
  /** `bind_tools(tools)`: the tools argument. */
  tools?: SyntaxNode;
  /** `ChatPromptTemplate.from_messages([...]) | chat`: the template's message list; the chain's input only fills its variables. */
  template?: SyntaxNode;
}

export function langChainRequest(call: CandidateCall): DialectRequest | undefined {
  const { chain, node, evaluator } = call;
  if (node.type === 'new_expression' || !INVOKE_METHODS.has(chain[chain.length - 1]) || chain.length < 2) {
    return undefined;
  }
  const receiver = call.callee.childForFieldName('object');
  const agent = receiver ? agentOf(call, receiver, 0) : undefined;
  const chat = agent?.chat ?? (receiver ? chatModelOf(call, receiver, 0, undefined) : undefined);
  if (!chat) {
    return undefined;
  }
  const written = evaluator.argumentsOf(node).positional[0];
  // `.batch([input, …])` sends one request per input: the first, written as a literal, stands for them.
  const batch = chain[chain.length - 1].endsWith('batch');
  const inputs = batch && written ? evaluator.evaluate(written) : undefined;
  const input = batch ? (inputs?.kind === 'array' ? (inputs.items[0] ?? inputs.repeated)?.node : undefined) : written;
  if (!input) {
    return undefined;
  }
  // An agent's input is `{"messages": [...]}`; its system prompt and tools come from create_agent.
  const agentMessages = agent ? entryOf(evaluator.evaluate(input), 'messages') : undefined;
  const messagesNode = agentMessages ? writtenValueNode(agentMessages) : input;
  const ignoredMarkers: IgnoredMarker[] = [];
  const entries: ObjectEntry[] = [];
  if (chat.model) {
    entries.push({ ...chat.model, key: 'model' });
  }
  const agentTools = agent?.tools ? evaluator.evaluate(agent.tools) : undefined;
  if (agent?.tools && !(agentTools?.kind === 'array' && agentTools.items.length === 0 && !agentTools.repeated && !agentTools.grows)) {
    entries.push(entry('tools', unknown(agent.tools, 'tools converted by create_agent() at run time'), agent.tools));
  } else if (agent) {
    // An agent without tools: nothing before the system prompt.
  } else if (chat.tools) {
    const tools = evaluator.evaluate(chat.tools);
    entries.push(entry('tools', tools.kind === 'array' && tools.items.every((t) => t.kind === 'object' && entryOf(t, 'name')) ? tools : unknown(chat.tools, 'tools converted by bind_tools() at run time'), chat.tools));
  }
  const inputValue = agent ? (agentMessages?.value ?? unknown(input, 'the agent\'s input, built at run time')) : evaluator.evaluate(chat.template ?? input);
  const system: Value[] = [];
  if (agent?.systemPrompt) {
    const prompt = evaluator.evaluate(agent.systemPrompt);
    const message = messageOf(prompt, false);
    system.push(...(message && message.role === 'system' && message.content.kind === 'array' ? message.content.items.map(contentBlockOf) : [textBlock(message?.content ?? prompt, agent.systemPrompt)]));
  }
  const messages: Value[] = [];
  const items = inputValue.kind === 'array' ? inputValue.items : inputValue.kind === 'string' ? [inputValue] : undefined;
  for (const item of items ?? []) {
    const message = messageOf(item, chat.template !== undefined);
    if (!message) {
      messages.push(item);
      continue;
    }
    const kwargs = valueOf(message.holder, 'additional_kwargs');
    // langchain-anthropic formats only a message's content; other integrations (Vertex's) read additional_kwargs.
    const dropped = chat.kind === 'anthropic' && kwargs?.kind === 'object' ? kwargs.entries.find((e) => CACHE_CONTROL_KEYS.has(e.key)) : undefined;
    if (dropped) {
      ignoredMarkers.push({
        node: dropped.entryNode,
        message: 'LangChain does not send additional_kwargs to Anthropic, so this cache_control is dropped and nothing is cached. Put it in a content block: content=[{"type": "text", "text": …, "cache_control": {"type": "ephemeral"}}].',
        effect: 'dropped',
        removable: false,
      });
    }
    const written = message.content.kind === 'array' ? message.content.items.map(contentBlockOf) : [textBlock(message.content, message.content.node)];
    const blocks = chat.kind === 'bedrock-converse' ? attachCachePoints(written) : written;
    if (message.role === 'system') {
      system.push(...blocks);
    } else {
      messages.push(claudeMessage(message.holder.node, message.role, blocks, message.content.node));
    }
  }
  if (system.length > 0) {
    entries.push(entry('system', array(agent?.systemPrompt ?? input, system), agent?.systemPrompt ?? input));
  }
  entries.push(entry('messages', items ? array(messagesNode, messages, inputValue.kind === 'array' ? inputValue : undefined) : inputValue, messagesNode));
  if (chat.kind === 'other') {
    return undefined;
  }
  const notes = chat.kind === 'bedrock' ? ['ChatBedrock sends Anthropic content blocks through InvokeModel; the model\'s Bedrock minimums apply'] : [];
  return {
    dialect: 'langchain',
    callee: call.callee.text,
    method: chain[chain.length - 1],
    args: object(node, entries, false),
    marker: chat.kind === 'bedrock-converse' ? CONVERSE_MARKER : MARKER,
    ignoredMarkers: [...ignoredMarkers, ...modelKwargsMarkers(call, chat)],
    notes,
    messagesExpression: messagesNode,
    movingBreakpoints: agent?.cachingMiddleware
      ? [{ section: 'messages', via: 'AnthropicPromptCachingMiddleware (marks the conversation on every model call)', sites: [rangeOf(agent.cachingMiddleware)] }]
      : undefined,
    systemAdvice: agent && !agent.cachingMiddleware ? 'Add AnthropicPromptCachingMiddleware() to the agent\'s middleware: it marks the conversation on every model call, so the system prompt and tools are read from the cache on each step.' : undefined,
  };
}

interface Agent {
  chat: ChatModel;
  systemPrompt?: SyntaxNode;
  tools?: SyntaxNode;
  /** `AnthropicPromptCachingMiddleware(...)` in the agent's middleware. */
  cachingMiddleware?: SyntaxNode;
}

/** `create_agent(model=..., tools=..., system_prompt=..., middleware=[...])` (JS `createAgent({...})`), possibly through a name. */
function agentOf(call: CandidateCall, node: SyntaxNode, depth: number): Agent | undefined {
  const { evaluator } = call;
  const current = unwrapped(node);
  if (depth < 4 && (current.type === 'identifier' || current.type === 'attribute' || current.type === 'member_expression')) {
    const targets = evaluator.aliasTargets(current);
    return targets.length === 1 ? agentOf(call, targets[0], depth + 1) : undefined;
  }
  const fn = current.type === 'call' || current.type === 'call_expression' ? current.childForFieldName('function') : undefined;
  const module = fn?.type === 'identifier' ? evaluator.importedFrom.get(fn.text) : undefined;
  if (!fn || !module || !isLangChainModule(module) || (fn.text !== 'create_agent' && fn.text !== 'createAgent')) {
    return undefined;
  }
  const args = evaluator.argumentsOf(current);
  const options = args.positional[0] ? evaluator.evaluate(args.positional[0]) : undefined;
  // Python keywords; JS one options object.
  const argument = (python: string, js: string): SyntaxNode | undefined => {
    const found = args.named.get(python) ?? (options?.kind === 'object' ? entryOf(options, js) : undefined);
    return found && 'entryNode' in found ? writtenValueNode(found) : found;
  };
  const modelNode = argument('model', 'model') ?? (options?.kind !== 'object' ? args.positional[0] : undefined);
  if (!modelNode) {
    return undefined;
  }
  const modelValue = evaluator.evaluate(modelNode);
  let chat: ChatModel | undefined;
  if (modelValue.kind === 'string') {
    const written = staticString(modelValue);
    const provider = written?.includes(':') ? written.split(':')[0] : written?.startsWith('claude') ? 'anthropic' : undefined;
    chat = provider === 'anthropic' && written !== undefined ? { kind: 'anthropic', construct: current, model: entry('model', text(written.replace(/^[a-z_]+:/, ''), modelNode), modelNode) } : undefined;
  } else {
    chat = chatModelOf(call, modelNode, depth + 1, undefined);
  }
  if (!chat) {
    return undefined;
  }
  const middleware = argument('middleware', 'middleware');
  const cachingMiddleware = middleware
    ? itemsOf(evaluator.evaluate(middleware))
        .map((item) => item.node)
        .find((item) => {
          const callee = item.childForFieldName('function') ?? item.childForFieldName('constructor');
          return callee?.text === 'AnthropicPromptCachingMiddleware' || callee?.text === 'anthropicPromptCachingMiddleware';
        })
    : undefined;
  return { chat, systemPrompt: argument('system_prompt', 'systemPrompt'), tools: argument('tools', 'tools'), cachingMiddleware };
}

/** LangChain's message forms: a message class (built by the evaluator), a `("system", "...")` tuple, a dict, a plain string. */
function messageOf(item: Value, template: boolean): { role: string; content: Value; holder: Value } | undefined {
  // In a prompt template, strings and tuples are templates whose `{variables}` the chain's input fills.
  const format = (value: Value) => (template ? templateText(value) : value);
  if (item.kind === 'string') {
    return { role: 'user', content: format(item), holder: item };
  }
  if (item.kind === 'array' && item.items.length === 2 && !item.repeated) {
    const role = ROLES[staticString(item.items[0]) ?? ''];
    return role ? { role, content: format(item.items[1]), holder: item } : undefined;
  }
  if (item.kind === 'object') {
    const role = ROLES[staticString(valueOf(item, 'role')) ?? ''];
    const content = valueOf(item, 'content');
    return role && content ? { role, content, holder: item } : undefined;
  }
  return undefined;
}

/** LangChain's standard `image_url` block is an image to Claude; everything else is already in Anthropic's shape. */
function contentBlockOf(block: Value): Value {
  if (block.kind === 'object' && staticString(valueOf(block, 'type')) === 'image_url') {
    return object(block.node, [entry('type', text('image', block.node), block.node), ...block.entries.filter((e) => e.key !== 'type')], block.open);
  }
  return block;
}

/** The chat model a receiver is: built here, through `bind_tools(...)` and the like, or a name/attribute assigned once. */
function chatModelOf(call: CandidateCall, node: SyntaxNode, depth: number, tools: SyntaxNode | undefined): ChatModel | undefined {
  if (depth > 6) {
    return undefined;
  }
  const current = unwrapped(node);
  const { evaluator } = call;
  if (current.type === 'call' || current.type === 'call_expression' || current.type === 'new_expression') {
    const fn = current.childForFieldName('function') ?? current.childForFieldName('constructor');
    if (!fn) {
      return undefined;
    }
    const method = fn.childForFieldName('attribute') ?? fn.childForFieldName('property');
    const object_ = fn.childForFieldName('object');
    if (method?.text === 'pipe' && object_) {
      // JS: prompt.pipe(model)
      const next = evaluator.argumentsOf(current).positional[0];
      const model = (next && chatModelOf(call, next, depth + 1, tools)) ?? chatModelOf(call, object_, depth + 1, tools);
      return model && { ...model, template: model.template ?? templateOf(call, object_, depth + 1) };
    }
    if (method && object_ && BINDERS.has(method.text)) {
      const bound = method.text === 'bind_tools' || method.text === 'bindTools' ? evaluator.argumentsOf(current).positional[0] : undefined;
      return chatModelOf(call, object_, depth + 1, tools ?? bound);
    }
    const name = fn.type === 'identifier' ? fn.text : undefined;
    const module = name ? evaluator.importedFrom.get(name) : undefined;
    if (!name || !module || !isLangChainModule(module)) {
      return undefined;
    }
    const args = evaluator.argumentsOf(current);
    if (CHAT_CLASSES[name]) {
      return { kind: CHAT_CLASSES[name], construct: current, model: modelEntry(call, current, args.named, args.positional), tools };
    }
    if (name === 'init_chat_model' || name === 'initChatModel') {
      const model = modelEntry(call, current, args.named, args.positional);
      const written = model ? staticString(model.value) : undefined;
      const providerNode = args.named.get('model_provider');
      const provider = providerNode ? staticString(evaluator.evaluate(providerNode)) : written?.includes(':') ? written.split(':')[0] : written?.startsWith('claude') ? 'anthropic' : undefined;
      if (provider === undefined) {
        return undefined;
      }
      const kind = provider === 'anthropic' ? 'anthropic' : provider === 'bedrock_converse' ? 'bedrock-converse' : 'other';
      const id = written?.replace(/^[a-z_]+:/, '');
      return { kind, construct: current, model: model && id !== undefined ? { ...model, value: text(id, model.value.node) } : model, tools };
    }
    return undefined;
  }
  if (current.type === 'binary_operator' && current.childForFieldName('operator')?.text === '|') {
    // Python: prompt | model (| parser): the chat model, and the template at the head of the chain.
    const left = current.childForFieldName('left');
    const right = current.childForFieldName('right');
    const model = (right ? chatModelOf(call, right, depth + 1, tools) : undefined) ?? (left ? chatModelOf(call, left, depth + 1, tools) : undefined);
    return model ? { ...model, template: model.template ?? (left ? templateOf(call, left, depth + 1) : undefined) } : undefined;
  }
  if (current.type === 'identifier' || current.type === 'attribute' || current.type === 'member_expression') {
    const targets = evaluator.aliasTargets(current);
    return targets.length === 1 ? chatModelOf(call, targets[0], depth + 1, tools) : undefined;
  }
  return undefined;
}

/** The message list of `ChatPromptTemplate.from_messages([...])` (or `fromMessages`) at the head of a chain. */
function templateOf(call: CandidateCall, node: SyntaxNode, depth: number): SyntaxNode | undefined {
  if (depth > 8) {
    return undefined;
  }
  const current = unwrapped(node);
  if (current.type === 'identifier') {
    const targets = call.evaluator.aliasTargets(current);
    return targets.length === 1 ? templateOf(call, targets[0], depth + 1) : undefined;
  }
  if (current.type === 'binary_operator') {
    const left = current.childForFieldName('left');
    return left ? templateOf(call, left, depth + 1) : undefined;
  }
  if (current.type !== 'call' && current.type !== 'call_expression') {
    return undefined;
  }
  const fn = current.childForFieldName('function');
  const object_ = fn?.childForFieldName('object');
  const method = (fn?.childForFieldName('attribute') ?? fn?.childForFieldName('property'))?.text;
  if (method === 'pipe' && object_) {
    return templateOf(call, object_, depth + 1);
  }
  const module = object_?.type === 'identifier' ? call.evaluator.importedFrom.get(object_.text) : undefined;
  if (object_?.text === 'ChatPromptTemplate' && (method === 'from_messages' || method === 'fromMessages') && module !== undefined && isLangChainModule(module)) {
    return call.evaluator.argumentsOf(current).positional[0];
  }
  return undefined;
}

/** A prompt-template string with each `{variable}` as text filled at run time (`{{`/`}}` are literal braces). */
function templateText(value: Value): Value {
  if (value.kind !== 'string') {
    return value;
  }
  const segments = value.segments.flatMap((segment) => {
    if (segment.stability !== 'static' || !/[{}]/.test(segment.text)) {
      return [segment];
    }
    const parts: TextSegment[] = [];
    let rest = '';
    const pattern = /\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
    let last = 0;
    for (let match = pattern.exec(segment.text); match; match = pattern.exec(segment.text)) {
      rest += segment.text.slice(last, match.index);
      last = match.index + match[0].length;
      if (match[1] === undefined) {
        rest += match[0][0];
        continue;
      }
      if (rest) {
        parts.push({ ...segment, text: rest });
        rest = '';
      }
      parts.push({ stability: 'stable-unknown', text: '', range: segment.range, reason: `the template variable {${match[1]}}, filled when the chain runs` });
    }
    rest += segment.text.slice(last);
    if (rest) {
      parts.push({ ...segment, text: rest });
    }
    return parts;
  });
  return { ...value, segments };
}

function modelEntry(call: CandidateCall, construct: SyntaxNode, named: Map<string, SyntaxNode>, positional: SyntaxNode[]): ObjectEntry | undefined {
  const { evaluator } = call;
  for (const key of ['model', 'model_name', 'model_id']) {
    const node = named.get(key);
    if (node) {
      return entry('model', evaluator.evaluate(node), node.parent ?? node);
    }
  }
  const first = positional[0] ? evaluator.evaluate(positional[0]) : undefined;
  if (first?.kind === 'object') {
    // JS: new ChatAnthropic({ model: "…" })
    const found = entryOf(first, 'model') ?? entryOf(first, 'modelName') ?? entryOf(first, 'model_id');
    return found ? { ...found, key: 'model' } : undefined;
  }
  return first?.kind === 'string' && positional[0] ? entry('model', first, positional[0]) : (void construct, undefined);
}

/** `ChatBedrock(model_kwargs={"cache_control": …})`: an extra key in the InvokeModel body, which Bedrock rejects. */
function modelKwargsMarkers(call: CandidateCall, chat: ChatModel): IgnoredMarker[] {
  if (chat.kind !== 'bedrock') {
    return [];
  }
  const kwargs = call.evaluator.argumentsOf(chat.construct).named.get('model_kwargs');
  const value = kwargs ? call.evaluator.evaluate(kwargs) : undefined;
  if (value?.kind !== 'object') {
    return [];
  }
  return value.entries
    .filter((e) => CACHE_CONTROL_KEYS.has(e.key))
    .map((e) => ({
      node: e.entryNode,
      message: 'ChatBedrock puts model_kwargs into the InvokeModel body, and Bedrock rejects keys it does not know ("extraneous key [cache_control] is not permitted"). Mark content blocks instead: content=[{"type": "text", "text": …, "cache_control": {"type": "ephemeral"}}].',
      effect: 'rejected' as const,
      removable: true,
    }));
}
