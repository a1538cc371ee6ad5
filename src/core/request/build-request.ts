import { legacyBedrockTopLevel } from '../dialects/bedrock-invoke';
import { ANTHROPIC_MARKER } from '../dialects/dialect';
import { resolveCandidates, resolveModel } from '../models/model-resolver';
import { BEDROCK_INVOKE_METHODS as BEDROCK_INVOKE } from '../syntax/tree-walk';
import type { SyntaxNode } from '../parsing/parser';
import { CACHE_CONTROL_KEYS, type RequestCall } from '../syntax/language-support';
import {
  type ObjectEntry,
  type ObjectValue,
  type TextSegment,
  type Value,
  entryOf,
  rangeOf,
  segmentsOf,
  staticString,
  valueOf,
} from '../syntax/values';
import type { SourceLanguage } from '../types';
import { usedRanges } from './moving-breakpoints';
import type { CacheBreakpoint, CacheControlMarker, PromptBlock, PromptSection, RequestModel } from './request-model';

export interface BuildOptions {
  language: SourceLanguage;
  defaultModel: string;
}

/** The requests one SDK call makes: one, or one per `params` of a batch. */
export function requestsOfCall(call: RequestCall, options: BuildOptions): RequestModel[] {
  if (call.dialect) {
    const request = buildRequest(call, call.args, false, options);
    const { dialect } = call;
    request.dialect = dialect.dialect;
    request.markerSyntax = dialect.marker;
    request.ignoredMarkers = dialect.ignoredMarkers;
    request.notClaude = dialect.notClaude ?? false;
    if (request.notClaude) {
      // A model that is not Claude has no cache breakpoints: its markers are ignored markers.
      request.breakpoints = [];
    }
    request.dialectNotes = dialect.notes;
    request.systemAdvice = dialect.systemAdvice;
    request.messagesExpression = dialect.messagesExpression;
    request.movingBreakpoints.push(...(dialect.movingBreakpoints ?? []));
    for (const uncounted of dialect.uncountedMarkers ?? []) {
      request.runtimeBreakpointNotes.push(uncounted.note);
      if (uncounted.node) {
        request.uncountedMarkers.push(uncounted.node);
      }
    }
    for (const moving of dialect.movingBreakpoints ?? []) {
      request.runtimeBreakpointNotes.push(`messages: ${moving.via} marks messages at run time; how many breakpoints that adds, and where, is known only at run time`);
    }
    return [request];
  }
  if (!call.isBatch) {
    return isMessagesRequest(call.args) ? [buildRequest(call, call.args, false, options)] : [];
  }
  const requests = valueOf(call.args, 'requests');
  if (!requests || requests.kind !== 'array') {
    return [];
  }
  const items = requests.repeated ? [requests.repeated, ...requests.items] : requests.items;
  const out: RequestModel[] = [];
  for (const item of items) {
    const params = valueOf(item, 'params');
    if (params?.kind === 'object' && isMessagesRequest(params)) {
      out.push(buildRequest(call, params, true, options));
    }
  }
  return out;
}

/**
 * Twilio and others also have `messages.create`: a Claude request has `messages`, or is built
 * from a spread we cannot see plus `model`/`system`.
 */
function isMessagesRequest(args: ObjectValue): boolean {
  if (entryOf(args, 'messages')) {
    return true;
  }
  return args.open && (entryOf(args, 'system') !== undefined || entryOf(args, 'max_tokens') !== undefined);
}

function buildRequest(call: RequestCall, args: ObjectValue, isBatchItem: boolean, options: BuildOptions): RequestModel {
  const modelEntry = entryOf(args, 'model');
  const modelValue = modelEntry?.value;
  const fromEnvironment = modelValue?.kind === 'string' ? modelValue.environmentDefault : undefined;
  const alternatives = modelValue?.kind === 'string' ? modelValue.alternatives : undefined;
  const model = fromEnvironment
    ? resolveModel(fromEnvironment.text, options.defaultModel, fromEnvironment.variable)
    : ((alternatives && resolveCandidates(alternatives, options.defaultModel)) ?? resolveModel(modelValue ? staticString(modelValue) : undefined, options.defaultModel));
  const blocks: PromptBlock[] = [];
  const sections: RequestModel['sections'] = {};
  const runtimeBreakpointNotes: string[] = [];

  const toolsEntry = entryOf(args, 'tools');
  if (toolsEntry) {
    sections.tools = toolsEntry;
    addListBlocks(blocks, 'tools', toolsEntry.value, (item, i) => toolBlock(item, i));
  }
  const systemEntry = entryOf(args, 'system');
  if (systemEntry) {
    sections.system = systemEntry;
    if (systemEntry.value.kind === 'string') {
      blocks.push(makeBlock('system', 'system', 'text', systemEntry.value, segmentsOf(systemEntry.value)));
    } else {
      addListBlocks(blocks, 'system', systemEntry.value, (item, i) => contentBlock(item, 'system', `system[${i}]`));
    }
  }
  const messagesEntry = entryOf(args, 'messages');
  if (messagesEntry) {
    sections.messages = messagesEntry;
    addMessageBlocks(blocks, messagesEntry.value);
  }
  blocks.forEach((block, i) => (block.index = i));

  const breakpoints: CacheBreakpoint[] = [];
  for (const block of blocks) {
    if (block.cacheControl) {
      breakpoints.push(newBreakpoint(block.cacheControl, block.index, false, block.repeated));
      if (block.repeated) {
        runtimeBreakpointNotes.push(`${block.label}: cache_control inside a loop or comprehension; how many breakpoints it adds is known only at run time`);
      }
    }
  }
  const topLevel = entryOf(args, 'cache_control');
  if (topLevel) {
    const marker = markerOf(topLevel, args);
    if (marker) {
      breakpoints.push(newBreakpoint(marker, Math.max(0, blocks.length - 1), true, false));
    }
  }
  breakpoints.forEach((bp, i) => (bp.ordinal = i + 1));

  if (args.open) {
    runtimeBreakpointNotes.push('some arguments come from a spread the linter cannot see');
  }
  const invokeModel = BEDROCK_INVOKE.has(call.method) || call.method.startsWith('InvokeModel');
  const ignoredMarkers = invokeModel ? legacyBedrockTopLevel(breakpoints, model.family?.key, model.family?.displayName) : [];

  return {
    language: options.language,
    dialect: invokeModel ? 'bedrock-invoke-model' : 'anthropic',
    markerSyntax: invokeModel ? { ...ANTHROPIC_MARKER, platform: 'bedrock' } : ANTHROPIC_MARKER,
    ignoredMarkers,
    uncountedMarkers: [],
    notClaude: false,
    dialectNotes: [],
    call: { range: rangeOf(call.node), callee: call.callee, method: call.method },
    isBatchItem,
    args,
    model,
    modelRange: modelEntry ? rangeOf(modelEntry.value.node) : undefined,
    sections,
    blocks,
    breakpoints,
    staticHead: undefined,
    runtimeBreakpointNotes,
    movingBreakpoints: [],
    node: call.node,
  };
}

function newBreakpoint(marker: CacheControlMarker, blockIndex: number, automatic: boolean, inLoop: boolean): CacheBreakpoint {
  return {
    ordinal: 0,
    blockIndex,
    marker,
    ttl: marker.ttl ?? '5m',
    automatic,
    inLoop,
    prefix: { tokens: { tokens: 0, low: 0, high: 0 }, exactTokens: 0, framingAllowance: 0, bySection: { tools: 0, system: 0, messages: 0 }, known: false, unknownParts: [], volatileParts: [], imported: [] },
  };
}

/** A `cache_control` entry as a marker; `None`/`null` means no breakpoint. */
function markerOf(entry: ObjectEntry, container: ObjectValue): CacheControlMarker | undefined {
  const value = entry.value;
  if (value.kind === 'scalar') {
    return undefined;
  }
  if (value.kind === 'object') {
    const typeEntry = entryOf(value, 'type');
    const ttlEntry = entryOf(value, 'ttl');
    return {
      entry,
      container,
      type: typeEntry ? staticString(typeEntry.value) : undefined,
      ttl: ttlEntry ? staticString(ttlEntry.value) : undefined,
      typeEntry,
      ttlEntry,
      ttlKnown: !value.open && (!ttlEntry || staticString(ttlEntry.value) !== undefined),
      range: rangeOf(entry.entryNode),
    };
  }
  return { entry, container, ttlKnown: false, range: rangeOf(entry.entryNode) };
}

function makeBlock(section: PromptSection, label: string, blockType: string, value: Value, segments: TextSegment[]): PromptBlock {
  return {
    index: 0,
    section,
    label,
    blockType,
    segments,
    value,
    range: rangeOf(value.node),
    nestedCacheControl: [],
    repeated: false,
    inLastMessage: false,
    emptyText: false,
  };
}

function placeholder(section: PromptSection, label: string, value: Value, reason: string): PromptBlock {
  const block = makeBlock(section, label, 'unknown', value, [{ stability: 'stable-unknown', text: '', range: rangeOf(value.node), reason }]);
  block.placeholder = reason;
  return block;
}

/** Blocks of a list-valued section; unknown lists and spreads become placeholders. */
function addListBlocks(blocks: PromptBlock[], section: PromptSection, value: Value, toBlock: (item: Value, index: number) => PromptBlock): void {
  if (value.kind !== 'array') {
    const reason = value.kind === 'unknown' ? value.reason : `${section} of an unexpected shape`;
    const block = placeholder(section, section, value, reason);
    if (value.kind === 'unknown' && value.stability === 'volatile') {
      block.segments = segmentsOf(value);
    }
    block.unordered = value.kind === 'unknown' ? value.unordered : undefined;
    blocks.push(block);
    return;
  }
  value.items.forEach((item, i) => {
    if (item.kind === 'unknown' && item.spread) {
      const block = placeholder(section, `${section}[${i}…]`, item, item.reason);
      block.unordered = item.unordered;
      blocks.push(block);
    } else {
      blocks.push(toBlock(item, i));
    }
  });
  if (value.repeated) {
    const block = toBlock(value.repeated, value.items.length);
    block.repeated = true;
    block.label = `${section}[…] (built in a loop)`;
    block.segments = [...block.segments, { stability: 'stable-unknown', text: '', range: rangeOf(value.node), reason: 'items built in a loop' }];
    block.unordered = value.unordered;
    blocks.push(block);
  }
  if (value.grows) {
    const block = placeholder(section, `${section}[…]`, value, `items added to \`${value.node.text.slice(0, 30)}\` at run time`);
    block.unordered = value.unordered;
    blocks.push(block);
  }
}

function toolBlock(item: Value, index: number): PromptBlock {
  const name = staticString(valueOf(item, 'name'));
  const block = makeBlock('tools', `tools[${index}]${name ? ` ${name}` : ''}`, 'tool', item, segmentsOf(item, CACHE_CONTROL_KEYS));
  attachCacheControl(block, item);
  return block;
}

/** A content block of system or a message: text, image, document, tool_use, tool_result, thinking. */
function contentBlock(item: Value, section: PromptSection, label: string): PromptBlock {
  if (item.kind === 'string') {
    // A bare string in a content list is not valid for the API, but count it as text.
    return makeBlock(section, label, 'text', item, segmentsOf(item));
  }
  if (item.kind !== 'object') {
    return placeholder(section, label, item, item.kind === 'unknown' ? item.reason : 'a block built at run time');
  }
  const blockType = staticString(valueOf(item, 'type')) ?? (entryOf(item, 'text') ? 'text' : 'unknown');
  let segments: TextSegment[];
  const range = rangeOf(item.node);
  switch (blockType) {
    case 'text': {
      const text = valueOf(item, 'text');
      segments = text ? segmentsOf(text) : [];
      break;
    }
    case 'image':
      segments = [{ stability: 'stable-unknown', text: '', range, reason: 'an image (its token cost depends on its size)' }];
      break;
    case 'document': {
      const source = valueOf(item, 'source');
      const data = staticString(valueOf(source, 'data'));
      segments =
        staticString(valueOf(source, 'type')) === 'text' && data !== undefined
          ? [{ stability: 'static', text: data, range }]
          : [{ stability: 'stable-unknown', text: '', range, reason: 'a document (its token cost depends on its content)' }];
      break;
    }
    case 'thinking':
    case 'redacted_thinking':
      segments = [{ stability: 'stable-unknown', text: '', range, reason: 'a thinking block' }];
      break;
    default:
      segments = segmentsOf(item, CACHE_CONTROL_KEYS);
  }
  const block = makeBlock(section, label, blockType, item, segments);
  block.emptyText = blockType === 'text' && staticString(valueOf(item, 'text')) === '';
  attachCacheControl(block, item);
  return block;
}

function addMessageBlocks(blocks: PromptBlock[], messages: Value): void {
  if (messages.kind !== 'array') {
    blocks.push(placeholder('messages', 'messages', messages, messages.kind === 'unknown' ? messages.reason : 'messages of an unexpected shape'));
    return;
  }
  const literalEnd = messages.items.length - 1;
  const historyIsOpen = !!messages.repeated || messages.grows;
  messages.items.forEach((message, m) => {
    if (message.kind !== 'object') {
      blocks.push(placeholder('messages', `messages[${m}…]`, message, message.kind === 'unknown' ? message.reason : 'a message built at run time'));
      return;
    }
    const role = staticString(valueOf(message, 'role'));
    const label = `messages[${m}]${role ? ` (${role})` : ''}`;
    const content = valueOf(message, 'content');
    const before = blocks.length;
    if (!content) {
      blocks.push(placeholder('messages', label, message, 'a message without readable content'));
    } else if (content.kind === 'string' || (content.kind === 'unknown' && !content.spread)) {
      blocks.push(content.kind === 'string' ? makeBlock('messages', label, 'text', content, segmentsOf(content)) : placeholder('messages', label, content, content.reason));
      if (content.kind === 'unknown' && content.stability === 'volatile') {
        blocks[blocks.length - 1].segments = segmentsOf(content);
      }
    } else if (content.kind === 'array') {
      const start = blocks.length;
      addListBlocks(blocks, 'messages', content, (item, i) => contentBlock(item, 'messages', `${label} content[${i}]`));
      for (let i = start; i < blocks.length; i++) {
        if (blocks[i].label.startsWith('messages[') && !blocks[i].label.startsWith(label)) {
          blocks[i].label = `${label} ${blocks[i].label}`;
        }
      }
    } else {
      blocks.push(placeholder('messages', label, content, 'content of an unexpected shape'));
    }
    for (let i = before; i < blocks.length; i++) {
      blocks[i].messageIndex = m;
      blocks[i].role = role;
      blocks[i].inLastMessage = m === literalEnd && !historyIsOpen;
    }
  });
  if (messages.repeated) {
    blocks.push(placeholder('messages', 'messages[…]', messages, 'messages built in a loop'));
  }
  if (messages.grows) {
    blocks.push(placeholder('messages', 'messages[…]', messages, `messages appended to \`${messages.node.text.slice(0, 30)}\` at run time`));
  }
}

/** Sub-content keys where the API rejects cache_control (cache the top-level block instead). */
const SUB_CONTENT_KEYS = ['citations', 'source', 'citation'];

function attachCacheControl(block: PromptBlock, item: Value): void {
  if (item.kind !== 'object') {
    return;
  }
  for (const key of CACHE_CONTROL_KEYS) {
    const entry = entryOf(item, key);
    if (entry) {
      block.cacheControl = markerOf(entry, item);
    }
  }
  for (const subKey of SUB_CONTENT_KEYS) {
    collectNested(valueOf(item, subKey), block.nestedCacheControl, 0);
  }
}

function collectNested(value: Value | undefined, out: CacheControlMarker[], depth: number): void {
  if (!value || depth > 8) {
    return;
  }
  if (value.kind === 'array') {
    value.items.forEach((item) => collectNested(item, out, depth + 1));
  } else if (value.kind === 'object') {
    for (const entry of value.entries) {
      if (CACHE_CONTROL_KEYS.has(entry.key)) {
        const marker = markerOf(entry, value);
        if (marker) {
          out.push(marker);
        }
      } else {
        collectNested(entry.value, out, depth + 1);
      }
    }
  }
}

/**
 * `cache_control` set where no modelled request uses it (a helper, a history append, an item
 * assignment) may reach the parts of a request built at run time: note it on those requests,
 * so "no breakpoint" findings stay silent there.
 */
export function noteBreakpointsSetElsewhere(requests: RequestModel[], runtimeCacheControl: SyntaxNode[], cacheControlEntries: SyntaxNode[]): void {
  // A marker's entry is the literal's `key: value`, or the whole statement of an assignment (which
  // holds the assignment node the front end reported): consumed sites are those inside one.
  const consumed = requests.flatMap(usedRanges);
  const isConsumed = (start: number, end: number) => consumed.some(([s, e]) => s <= start && end <= e);
  const elsewhere = [...runtimeCacheControl, ...cacheControlEntries].filter((node) => !isConsumed(node.startIndex, node.endIndex));
  if (elsewhere.length === 0) {
    return;
  }
  const lines = [...new Set(elsewhere.map((n) => n.startPosition.row + 1))].sort((a, b) => a - b).join(', ');
  for (const request of requests) {
    if (request.args.open || request.blocks.some((b) => b.placeholder !== undefined)) {
      request.runtimeBreakpointNotes.push(`cache_control is also set elsewhere in this file (line ${lines}) and may reach parts of this request built at run time; those breakpoints are not counted here`);
    }
  }
}
