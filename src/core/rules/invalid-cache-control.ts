import type { CacheControlMarker } from '../request/request-model';
import { rangeOf } from '../syntax/values';
import type { Fix } from '../types';
import { type Rule, type RuleContext, type RuleReport, removeMarkerFix } from './rule';

export const invalidCacheControl: Rule = {
  id: 'invalid-cache-control',
  defaultSeverity: 'error',
  fixKind: 'safe',
  docs: {
    summary: 'A cache_control the API rejects: wrong type or ttl, or placed on a block that cannot carry one.',
    whyItMatters:
      'The API answers 400: `type` must be "ephemeral"; `ttl` must be "5m" or "1h"; cache_control is not permitted on empty text blocks, on thinking/redacted_thinking blocks, or on sub-content such as citations or a document source.',
    example: '{"type": "text", "text": "", "cache_control": {"type": "ephemeral"}} or {"type": "persistent"}.',
    useInstead: 'Use {"type": "ephemeral"} with an optional "ttl": "5m" | "1h", on a non-empty top-level block.',
    fixSafety: 'Safe: the request fails today; the fix makes it valid without changing the prompt.',
  },
  check(context) {
    const { request } = context;
    const reports: RuleReport[] = [];
    const markers: CacheControlMarker[] = [];
    for (const block of request.blocks) {
      if (block.cacheControl) {
        markers.push(block.cacheControl);
        if (block.emptyText) {
          reports.push(placementReport(context, block.cacheControl, `${block.label} is an empty text block; the API rejects cache_control on it ("cache_control cannot be set for empty text blocks").`));
        } else if (block.blockType === 'thinking' || block.blockType === 'redacted_thinking') {
          reports.push(placementReport(context, block.cacheControl, `${block.label} is a ${block.blockType} block; the API does not accept cache_control on it. Put the breakpoint on a later block.`));
        }
      }
      for (const nested of block.nestedCacheControl) {
        reports.push(placementReport(context, nested, `cache_control on sub-content of ${block.label} is rejected by the API; put it on the top-level block instead.`));
      }
    }
    for (const bp of request.breakpoints) {
      if (bp.automatic) {
        markers.push(bp.marker);
      }
    }
    for (const marker of markers) {
      reports.push(...valueReports(context, marker));
    }
    return reports;
  },
};

function placementReport(context: RuleContext, marker: CacheControlMarker, message: string): RuleReport {
  return { message, range: marker.range, fixes: removeMarkerFix(context.editor, marker), verdict: rejected(context) };
}

function rejected({ request }: RuleContext): RuleReport['verdict'] {
  return { breakpoints: request.breakpoints, kind: 'request-rejected', reason: 'invalid cache_control' };
}

function valueReports(context: RuleContext, marker: CacheControlMarker): RuleReport[] {
  const { editor } = context;
  const reports: RuleReport[] = [];
  const value = marker.entry.value;
  if (value.kind !== 'object') {
    return reports;
  }
  const quote = editor.preferredQuote();
  const { name, type } = context.request.markerSyntax;
  if (marker.typeEntry && marker.type !== undefined && marker.type !== type) {
    reports.push({
      message: `${name} type "${marker.type}" is not accepted: the only type is "${type}" (the API answers 400).`,
      range: rangeOf(marker.typeEntry.entryNode),
      fixes: [{ title: `Use type "${type}"`, safe: true, edits: [editor.replace(marker.typeEntry.value.node, editor.quote(type, quote))] }],
      verdict: rejected(context),
    });
  }
  if (!marker.typeEntry && !value.open) {
    const key = editor.language === 'python' ? editor.quote('type', quote) : 'type';
    const entry = `${key}: ${editor.quote(type, quote)}`;
    reports.push({
      message: `${name} has no "type"; the API requires {"type": "${type}"}.`,
      range: marker.range,
      fixes: [{ title: `Add type "${type}"`, safe: true, edits: [editor.appendEntry(value.node, entry)] }],
      verdict: rejected(context),
    });
  }
  if (marker.ttlEntry && marker.ttl !== undefined && marker.ttl !== '5m' && marker.ttl !== '1h') {
    const suggested = suggestTtl(marker.ttl);
    const fixes: Fix[] = [{ title: `Use ttl "${suggested}"`, safe: true, edits: [editor.replace(marker.ttlEntry.value.node, editor.quote(suggested, quote))] }];
    reports.push({
      message: `${name} ttl "${marker.ttl}" is not accepted: use "5m" (the default) or "1h" (the API answers 400).`,
      range: rangeOf(marker.ttlEntry.entryNode),
      fixes,
      verdict: rejected(context),
    });
  }
  return reports;
}

/** "60m", "3600", "2h" mean an hour or more; anything else is read as the 5-minute default. */
export function suggestTtl(ttl: string): '5m' | '1h' {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(ttl);
  if (!match) {
    return '5m';
  }
  const amount = Number(match[1]);
  const unit = match[2].toLowerCase();
  const minutes = unit.startsWith('h') ? amount * 60 : unit.startsWith('s') || unit === '' ? amount / 60 : amount;
  return minutes >= 30 ? '1h' : '5m';
}
