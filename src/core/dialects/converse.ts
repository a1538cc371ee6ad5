import { CACHE_CONTROL_KEYS } from '../syntax/language-support';
import { type ObjectEntry, type ObjectValue, type Value, entryOf, valueOf } from '../syntax/values';
import type { DialectRequest, IgnoredMarker, MarkerSyntax } from './dialect';
import type { CandidateCall } from './index';
import { array, entry, object, text } from './synth';

/**
 * Bedrock Converse (boto3 `converse`/`converse_stream`, JS `ConverseCommand`/`ConverseStreamCommand`
 * and the aggregated client's `converse`): a breakpoint is its own element,
 * `{"cachePoint": {"type": "default"}}`, placed after the block it caches in `system`, a message's
 * `content` or `toolConfig.tools` (AWS Bedrock API reference, CachePointBlock; optional `ttl`
 * "5m"/"1h"). It is a union member, so it cannot share a block with `text`, and Converse has no
 * `cache_control`: boto3 rejects the unknown key before sending, the JS SDK serialises only modelled
 * members and drops it.
 */
const CONVERSE_MARKER: MarkerSyntax = { name: 'cachePoint', type: 'default', sdkFixes: false, fixable: true, platform: 'bedrock' };

/** Converse's content block members, and what each is in the Messages API. */
const MEMBERS: Record<string, string> = {
  text: 'text',
  image: 'image',
  document: 'document',
  video: 'document',
  toolUse: 'tool_use',
  toolResult: 'tool_result',
  reasoningContent: 'thinking',
  guardContent: 'unknown',
  citationsContent: 'text',
};

export function converseRequest(call: CandidateCall): DialectRequest | undefined {
  const { chain, node, evaluator } = call;
  const method = chain[chain.length - 1];
  let python = false;
  if (node.type === 'new_expression') {
    const module = evaluator.importedFrom.get(call.callee.text) ?? '';
    if (!/^(ConverseCommand|ConverseStreamCommand)$/.test(call.callee.text) || !module.includes('bedrock')) {
      return undefined;
    }
  } else if (method === 'converse' || method === 'converse_stream' || method === 'converseStream') {
    python = call.language === 'python';
  } else {
    return undefined;
  }
  const args = call.argumentsObject();
  if (!args || (!entryOf(args, 'messages') && !entryOf(args, 'modelId'))) {
    return undefined;
  }
  const ignoredMarkers: IgnoredMarker[] = [];
  const misplaced = (marker: ObjectEntry) =>
    ignoredMarkers.push({
      node: marker.entryNode,
      message: `Bedrock Converse has no cache_control: ${python ? 'boto3 rejects the unknown key (ParamValidationError) before sending' : 'the AWS SDK does not send it'}. Put a {"cachePoint": {"type": "default"}} element after this block instead.`,
      effect: python ? 'rejected' : 'dropped',
      removable: !python,
    });
  const entries: ObjectEntry[] = [];
  const modelId = entryOf(args, 'modelId');
  if (modelId) {
    entries.push({ ...modelId, key: 'model' });
  }
  const tools = valueOf(valueOf(args, 'toolConfig'), 'tools');
  if (tools) {
    entries.push(entry('tools', convertList(tools, 'tools', python, ignoredMarkers, misplaced), entryOf(args, 'toolConfig')!.entryNode));
  }
  const system = entryOf(args, 'system');
  if (system) {
    entries.push({ ...system, value: convertList(system.value, 'content', python, ignoredMarkers, misplaced) });
  }
  const messages = entryOf(args, 'messages');
  if (messages) {
    const value = messages.value;
    const convertMessage = (message: Value): Value => {
      if (message.kind !== 'object') {
        return message;
      }
      misplacedIn(message, misplaced);
      const content = entryOf(message, 'content');
      return content ? object(message.node, message.entries.map((e) => (e === content ? { ...e, value: convertList(e.value, 'content', python, ignoredMarkers, misplaced) } : e)), message.open) : message;
    };
    entries.push({ ...messages, value: value.kind === 'array' ? array(value.node, value.items.map(convertMessage), { ...value, repeated: value.repeated && convertMessage(value.repeated) }) : value });
  }
  const topLevel = entryOf(args, 'cache_control');
  if (topLevel) {
    misplaced(topLevel);
  }
  return { dialect: 'bedrock-converse', callee: node.type === 'new_expression' ? `new ${call.callee.text}` : call.callee.text, method, args: object(args.node, entries, args.open), marker: CONVERSE_MARKER, ignoredMarkers, notes: [] };
}

/** `cache_control` written directly on a message or block. */
function misplacedIn(value: Value, misplaced: (marker: ObjectEntry) => void): void {
  if (value.kind === 'object') {
    value.entries.filter((e) => CACHE_CONTROL_KEYS.has(e.key)).forEach(misplaced);
  }
}

/**
 * A list of Converse blocks as Messages API blocks: each `cachePoint` element becomes the marker of
 * the block before it; a `cachePoint` merged into another block is reported, not counted.
 */
function convertList(list: Value, kind: 'content' | 'tools', python: boolean, ignored: IgnoredMarker[], misplaced: (marker: ObjectEntry) => void): Value {
  if (list.kind !== 'array') {
    return list;
  }
  const out: Value[] = [];
  for (const item of list.items) {
    if (item.kind !== 'object') {
      out.push(item);
      continue;
    }
    misplacedIn(item, misplaced);
    const cachePoint = entryOf(item, 'cachePoint');
    const others = item.entries.filter((e) => e.key !== 'cachePoint' && !CACHE_CONTROL_KEYS.has(e.key));
    if (cachePoint && others.length > 0) {
      ignored.push({
        node: cachePoint.entryNode,
        message: `A cachePoint must be its own element of the list, after the block it caches; merged into this block it ${python ? 'makes boto3 reject the request (a block holds exactly one member)' : 'is not a valid block (a block holds exactly one member)'}. Move it into a separate {"cachePoint": {"type": "default"}} element.`,
        effect: 'rejected',
        removable: false,
      });
    }
    if (cachePoint && others.length === 0) {
      const previous = out[out.length - 1];
      if (previous?.kind === 'object') {
        out[out.length - 1] = object(previous.node, [...previous.entries, entry('cache_control', cachePoint.value, item.node, { keyRange: cachePoint.keyRange })], previous.open);
      }
      continue;
    }
    out.push(kind === 'tools' ? claudeTool(item) : claudeBlock(item, others));
  }
  return array(list.node, out, { ...list, repeated: list.repeated });
}

function claudeTool(item: ObjectValue): Value {
  const spec = valueOf(item, 'toolSpec');
  if (spec?.kind !== 'object') {
    return item;
  }
  const schema = valueOf(spec, 'inputSchema');
  return object(item.node, [...spec.entries.filter((e) => e.key !== 'inputSchema'), ...(schema ? [entry('input_schema', valueOf(schema, 'json') ?? schema, schema.node)] : [])], spec.open);
}

function claudeBlock(item: ObjectValue, members: ObjectEntry[]): Value {
  const member = members[0];
  const type = member ? MEMBERS[member.key] : undefined;
  if (!member || !type) {
    return item;
  }
  if (type === 'text') {
    return object(item.node, [entry('type', text('text', item.node), item.node), { ...member, key: 'text' }]);
  }
  return object(item.node, [entry('type', text(type, item.node), item.node), { ...member, key: type === 'document' ? 'source' : member.key }]);
}

/** Blocks with each standalone `{"cachePoint": …}` turned into the marker of the block before it (LangChain's ChatBedrockConverse content). */
export function attachCachePoints(blocks: Value[]): Value[] {
  const out: Value[] = [];
  for (const item of blocks) {
    const cachePoint = item.kind === 'object' && item.entries.length === 1 ? entryOf(item, 'cachePoint') : undefined;
    const previous = out[out.length - 1];
    if (cachePoint && previous?.kind === 'object') {
      out[out.length - 1] = object(previous.node, [...previous.entries, entry('cache_control', cachePoint.value, item.node, { keyRange: cachePoint.keyRange })], previous.open);
    } else if (!cachePoint) {
      out.push(item);
    }
  }
  return out;
}
