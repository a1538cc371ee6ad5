import { type ModelFamily, CACHE_LIMITS, exactFamilyOf } from '../models/model-catalog';
import type { BreakpointVerdict, PromptSection, RequestModel } from '../request/request-model';
import { minimumOf } from '../rules/rule';

/**
 * The cache map (issue 15): a request's prefix as one bar in tools → system → messages order, one
 * segment per block sized by its tokens, the breakpoints on it with their state, the model's
 * minimum as a line, and the cost of N calls in one TTL window without caching and with each TTL.
 * Pure: a model computed from a request, and SVG/HTML strings rendered from it with every text
 * escaped and nothing fetched, so the editor panel and the CLI's HTML report draw the same thing.
 */

export type SegmentKind = 'static' | 'unknown' | 'volatile' | 'unordered';

export interface MapSegment {
  label: string;
  section: PromptSection | 'overhead';
  tokens: number;
  kind: SegmentKind;
  /** 1-based line of the block, for links back to the source. */
  line: number;
}

export interface MapBreakpoint {
  ordinal: number;
  /** Tokens of the prefix up to and including its block. */
  atTokens: number;
  ttl: string;
  state: 'cached' | BreakpointVerdict['kind'];
  reason?: string;
  /**
   * Where its lookback window starts (tokens), when more than 20 positions precede it: a read finds
   * an earlier write only within the 20 positions before the breakpoint (runs of tool_use or of
   * tool_result blocks count as one position, digest §9), so history beyond that is written anew.
   */
  lookbackFromTokens?: number;
}

export interface CostCurve {
  calls: number[];
  uncached: number[];
  cached5m: number[];
  cached1h: number[];
  /** The first call count from which each TTL costs less than no caching, if within the chart. */
  breakEven5m?: number;
  breakEven1h?: number;
  prefixTokens: number;
}

export interface CacheMap {
  title: string;
  model: string;
  /** The model's minimum cacheable prefix, when known. */
  minimum?: number;
  segments: MapSegment[];
  breakpoints: MapBreakpoint[];
  totalTokens: number;
  /** Every part counted exactly offline (no tool definitions, no estimated text). */
  exact: boolean;
  cost?: CostCurve;
}

const CHART_CALLS = 20;

export function cacheMapOf(request: RequestModel, title: string, family: ModelFamily | undefined = request.model.family): CacheMap {
  const segments: MapSegment[] = [];
  if (request.blocks.some((b) => b.section === 'tools')) {
    segments.push({ label: 'tool-use system prompt', section: 'overhead', tokens: CACHE_LIMITS.toolUseSystemPromptTokens.value, kind: 'static', line: request.call.range.start.line + 1 });
  }
  for (const block of request.blocks) {
    const kind: SegmentKind = block.segments.some((s) => s.stability === 'volatile' && !s.byNameOnly)
      ? 'volatile'
      : block.unordered || block.segments.some((s) => s.unordered)
        ? 'unordered'
        : block.placeholder !== undefined || block.segments.some((s) => s.stability !== 'static')
          ? 'unknown'
          : 'static';
    segments.push({ label: block.label, section: block.section, tokens: block.tokens ?? 0, kind, line: block.range.start.line + 1 });
  }
  const offset = segments[0]?.section === 'overhead' ? 1 : 0;
  const upTo = (blockIndex: number) => segments.slice(0, blockIndex + offset + 1).reduce((n, s) => n + s.tokens, 0);
  const window = CACHE_LIMITS.lookbackBlocks.value;
  const breakpoints = request.breakpoints.map((bp) => {
    const start = lookbackStart(request, bp.blockIndex, window);
    return {
      ordinal: bp.ordinal,
      atTokens: upTo(bp.blockIndex),
      ttl: bp.ttl,
      state: bp.verdict?.kind ?? ('cached' as const),
      ...(bp.verdict ? { reason: bp.verdict.reason } : {}),
      ...(start !== undefined ? { lookbackFromTokens: upTo(start - 1) } : {}),
    };
  });
  const working = [...breakpoints].reverse().find((bp) => bp.state === 'cached');
  const prefixTokens = working?.atTokens ?? upTo(request.blocks.length - 1);
  const familyRequest = { ...request, model: { ...request.model, family } };
  return {
    title,
    model: family?.displayName ?? 'unknown model',
    minimum: family ? minimumOf(familyRequest)?.minimum.value : undefined,
    segments,
    breakpoints,
    totalTokens: segments.reduce((n, s) => n + s.tokens, 0),
    exact: offset === 0 && request.blocks.every((b) => b.tokensExact || b.tokens === 0) && exactFamilyOf(family) === exactFamilyOf(request.model.family),
    cost: family ? costCurve(prefixTokens, family) : undefined,
  };
}

/**
 * The first block inside the lookback window ending at a block, counting runs of consecutive
 * `tool_use` (or `tool_result`) blocks as one position; undefined when the window reaches the start.
 */
function lookbackStart(request: RequestModel, blockIndex: number, window: number): number | undefined {
  let positions = 0;
  for (let i = blockIndex; i >= 0; i--) {
    const type = request.blocks[i].blockType;
    const sameRun = i < blockIndex && (type === 'tool_use' || type === 'tool_result') && request.blocks[i + 1].blockType === type;
    if (!sameRun) {
      positions++;
    }
    if (positions > window) {
      return i + 1;
    }
  }
  return undefined;
}

/** Cost of n calls sharing the prefix within one TTL window: all at the input price, or one write then reads. */
export function costCurve(prefixTokens: number, family: ModelFamily, maxCalls = CHART_CALLS): CostCurve | undefined {
  const prices = family.prices?.value;
  if (!prices || prefixTokens <= 0) {
    return undefined;
  }
  const dollars = (perMTok: number) => (prefixTokens * perMTok) / 1_000_000;
  const calls = Array.from({ length: maxCalls }, (_, i) => i + 1);
  const uncached = calls.map((n) => n * dollars(prices.input));
  const cached = (write: number) => calls.map((n) => dollars(write) + (n - 1) * dollars(prices.read));
  const cached5m = cached(prices.write5m);
  const cached1h = cached(prices.write1h);
  const breakEven = (series: number[]) => {
    const index = series.findIndex((cost, i) => cost < uncached[i]);
    return index < 0 ? undefined : calls[index];
  };
  return { calls, uncached, cached5m, cached1h, breakEven5m: breakEven(cached5m), breakEven1h: breakEven(cached1h), prefixTokens };
}

/** Text for HTML and SVG: every character that could open markup or an attribute is escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

const KIND_TEXT: Record<SegmentKind, string> = { static: 'known text', unknown: 'not known statically (at least this much)', volatile: 'changes on every call', unordered: 'order can change between runs' };
const STATE_TEXT: Record<MapBreakpoint['state'], string> = { cached: 'cached', 'may-not-cache': 'may not cache', 'not-cached': 'not cached', 'request-rejected': 'request rejected' };

/** The prefix bar: segments by tokens, breakpoint markers, the minimum as a dashed line. Colours come from CSS classes (themes). */
export function renderPrefixBar(map: CacheMap, width = 720): string {
  const total = Math.max(map.totalTokens, map.minimum ?? 0, 1);
  const x = (tokens: number) => (tokens / total) * width;
  let at = 0;
  const rects = map.segments.map((segment) => {
    const w = Math.max(x(segment.tokens), 1);
    const rect = `<g class="segment ${segment.kind} ${segment.section}" tabindex="0" data-line="${segment.line}" aria-label="${escapeHtml(`${segment.label}: ${segment.tokens.toLocaleString('en-US')} tokens, ${KIND_TEXT[segment.kind]}, line ${segment.line}`)}"><rect x="${x(at).toFixed(1)}" y="20" width="${w.toFixed(1)}" height="28"${segment.kind === 'unknown' ? ' fill="url(#hatch)"' : ''}/><title>${escapeHtml(`${segment.label} · ${segment.tokens.toLocaleString('en-US')} tokens · ${KIND_TEXT[segment.kind]} · line ${segment.line}`)}</title>${w > 60 ? `<text x="${(x(at) + 3).toFixed(1)}" y="38">${escapeHtml(shorten(segment.label, Math.floor(w / 7)))}</text>` : ''}</g>`;
    at += segment.tokens;
    return rect;
  });
  const markers = map.breakpoints.map(
    (bp) =>
      `<g class="breakpoint ${bp.state}" tabindex="0" aria-label="${escapeHtml(`breakpoint #${bp.ordinal}, ${bp.ttl}, ${STATE_TEXT[bp.state]}${bp.reason ? `: ${bp.reason}` : ''}, prefix ${bp.atTokens.toLocaleString('en-US')} tokens`)}"><line x1="${x(bp.atTokens).toFixed(1)}" x2="${x(bp.atTokens).toFixed(1)}" y1="12" y2="56"/><text x="${x(bp.atTokens).toFixed(1)}" y="10" text-anchor="middle">#${bp.ordinal}</text><title>${escapeHtml(`#${bp.ordinal} ${bp.ttl}: ${STATE_TEXT[bp.state]}${bp.reason ? ` (${bp.reason})` : ''}`)}</title></g>`,
  );
  const windows = map.breakpoints
    .filter((bp) => bp.lookbackFromTokens !== undefined)
    .map(
      (bp) =>
        `<g class="lookback" aria-label="${escapeHtml(`breakpoint #${bp.ordinal}: lookback window of 20 positions`)}"><rect x="${x(bp.lookbackFromTokens!).toFixed(1)}" y="50" width="${Math.max(1, x(bp.atTokens) - x(bp.lookbackFromTokens!)).toFixed(1)}" height="4"/><title>${escapeHtml(`#${bp.ordinal}: a read looks back 20 positions; earlier writes beyond that are not found`)}</title></g>`,
    );
  const minimum =
    map.minimum !== undefined ? `<g class="minimum"><line x1="${x(map.minimum).toFixed(1)}" x2="${x(map.minimum).toFixed(1)}" y1="16" y2="60" stroke-dasharray="4 3"/><text x="${x(map.minimum).toFixed(1)}" y="72" text-anchor="middle">minimum ${map.minimum.toLocaleString('en-US')}</text></g>` : '';
  return `<svg class="prefix-bar" role="img" viewBox="-20 0 ${width + 40} 80" width="100%" style="max-width:${width + 40}px" preserveAspectRatio="xMinYMin meet" aria-label="${escapeHtml(`Prefix of ${map.title}: ${map.totalTokens.toLocaleString('en-US')} tokens in ${map.segments.length} parts`)}"><defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" class="hatch-bg"/><line x1="0" y1="0" x2="0" y2="6" class="hatch-line"/></pattern></defs>${rects.join('')}${windows.join('')}${minimum}${markers.join('')}</svg>`;
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

/** Cost against calls within one TTL window: no cache, 5m and 1h writes, break-even marked. */
export function renderCostChart(map: CacheMap, width = 360, height = 180): string {
  const cost = map.cost;
  if (!cost) {
    return `<p class="no-chart">No price for ${escapeHtml(map.model)}: no cost chart.</p>`;
  }
  const top = Math.max(...cost.uncached, ...cost.cached1h) || 1;
  const px = (i: number) => 30 + (i / (cost.calls.length - 1)) * (width - 40);
  const py = (v: number) => height - 20 - (v / top) * (height - 40);
  const line = (series: number[], cls: string, name: string) => `<polyline class="${cls}" fill="none" points="${series.map((v, i) => `${px(i).toFixed(1)},${py(v).toFixed(1)}`).join(' ')}"><title>${escapeHtml(name)}</title></polyline>`;
  const even = (calls: number | undefined, cls: string, label: string, y: number) =>
    calls === undefined ? '' : `<g class="break-even ${cls}"><line x1="${px(calls - 1).toFixed(1)}" x2="${px(calls - 1).toFixed(1)}" y1="20" y2="${height - 20}" stroke-dasharray="2 3"/><text x="${width - 10}" y="${y}" text-anchor="end">${escapeHtml(label)} ${calls}</text></g>`;
  const dollars = (v: number) => (v < 0.01 ? `$${v.toPrecision(2)}` : `$${v.toFixed(2)}`);
  const rows = cost.calls
    .filter((n) => n === 1 || n % 5 === 0)
    .map((n) => `<tr><td>${n}</td><td>${dollars(cost.uncached[n - 1])}</td><td>${dollars(cost.cached5m[n - 1])}</td><td>${dollars(cost.cached1h[n - 1])}</td></tr>`)
    .join('');
  return `<svg class="cost-chart" role="img" viewBox="0 0 ${width} ${height}" width="100%" style="max-width:${width}px" preserveAspectRatio="xMinYMin meet" aria-label="${escapeHtml(`Cost of 1 to ${cost.calls.length} calls sharing ${cost.prefixTokens.toLocaleString('en-US')} prefix tokens on ${map.model}`)}"><line class="axis" x1="30" y1="${height - 20}" x2="${width - 10}" y2="${height - 20}"/><line class="axis" x1="30" y1="20" x2="30" y2="${height - 20}"/>${line(cost.uncached, 'uncached', 'no cache')}${line(cost.cached5m, 'cached5m', '5m cache')}${line(cost.cached1h, 'cached1h', '1h cache')}${even(cost.breakEven5m, 'cached5m', '5m cache pays from call', 12)}${even(cost.breakEven1h, 'cached1h', '1h cache pays from call', 26)}<text x="${width - 10}" y="${height - 4}" text-anchor="end">calls in one TTL window</text></svg><table class="cost-table"><caption>Prefix of ${cost.prefixTokens.toLocaleString('en-US')} tokens on ${escapeHtml(map.model)}</caption><tr><th>calls</th><th>no cache</th><th>5m</th><th>1h</th></tr>${rows}</table>`;
}

/** What the colours mean; a report prints it once, the panel with each map. */
export const CACHE_MAP_LEGEND = `<p class="legend"><span class="swatch tools"></span>tools <span class="swatch system"></span>system <span class="swatch messages"></span>messages <span class="swatch unknown"></span>not known statically (at least) <span class="swatch volatile"></span>changes per call <span class="swatch unordered"></span>order can change · lines: <span class="swatch uncached"></span>no cache <span class="swatch cached5m"></span>5m <span class="swatch cached1h"></span>1h</p>`;

/** One request's section: heading, prefix bar, legend (unless the page has one), breakpoints as text, cost chart (unless left out). */
export function renderCacheMap(map: CacheMap, withLegend = true, withChart = true): string {
  const list = map.breakpoints.length
    ? `<ul class="breakpoints">${map.breakpoints.map((bp) => `<li class="${bp.state}">#${bp.ordinal} (${escapeHtml(bp.ttl)}) at ${bp.atTokens.toLocaleString('en-US')} tokens: ${STATE_TEXT[bp.state]}${bp.reason ? ` — ${escapeHtml(bp.reason)}` : ''}</li>`).join('')}</ul>`
    : '<p>No cache breakpoint in this request.</p>';
  const legend = withLegend ? CACHE_MAP_LEGEND : '';
  return `<section class="cache-map"><h3>${escapeHtml(map.title)}</h3><p>${escapeHtml(map.model)} · prefix ${map.exact ? '' : '≈ '}${map.totalTokens.toLocaleString('en-US')} tokens${map.exact ? ' (text counted exactly offline)' : ''}${map.minimum !== undefined ? ` · minimum ${map.minimum.toLocaleString('en-US')}` : ''}</p>${renderPrefixBar(map)}${legend}${list}${withChart ? renderCostChart(map) : ''}</section>`;
}

/** Styles shared by the report and the panel: theme colours through CSS variables (VS Code sets them in the panel). */
export const CACHE_MAP_CSS = `
.cache-map{margin:1em 0}.cache-map svg text{font:11px sans-serif;fill:var(--vscode-foreground,#222)}
.segment rect{stroke:var(--vscode-editor-background,#fff);stroke-width:1}
.segment.tools rect,.segment.overhead rect{fill:var(--vscode-charts-purple,#8e6cc7)}.segment.system rect{fill:var(--vscode-charts-blue,#3b7dd8)}.segment.messages rect{fill:var(--vscode-charts-green,#3a9c5a)}
.segment.volatile rect{fill:var(--vscode-charts-red,#d04a3a)}.segment.unordered rect{fill:var(--vscode-charts-orange,#e08a2e)}
.hatch-bg{fill:var(--vscode-charts-yellow,#d8c24a)}.hatch-line{stroke:var(--vscode-editor-background,#fff);stroke-width:2}
.segment text{fill:var(--vscode-editor-background,#fff)}.segment:focus rect{stroke:var(--vscode-focusBorder,#000);stroke-width:3}
.breakpoint line{stroke:var(--vscode-foreground,#222);stroke-width:3}.breakpoint.not-cached line,.breakpoint.request-rejected line{stroke:var(--vscode-errorForeground,#c00)}.breakpoint.may-not-cache line{stroke:var(--vscode-editorWarning-foreground,#b80)}
.minimum line{stroke:var(--vscode-foreground,#222)}.lookback rect{fill:var(--vscode-foreground,#222);opacity:.5}
.cost-chart .axis{stroke:var(--vscode-foreground,#888)}.cost-chart polyline{stroke-width:2}.cost-chart .uncached{stroke:var(--vscode-charts-red,#d04a3a)}.cost-chart .cached5m{stroke:var(--vscode-charts-blue,#3b7dd8)}.cost-chart .cached1h{stroke:var(--vscode-charts-purple,#8e6cc7)}
.break-even line{stroke:var(--vscode-foreground,#888)}.cost-table{border-collapse:collapse;margin:.5em 0}.cost-table td,.cost-table th{padding:0 .6em;text-align:right}
.swatch{display:inline-block;width:.9em;height:.9em;margin:0 .25em 0 .6em;vertical-align:middle}.swatch.tools{background:var(--vscode-charts-purple,#8e6cc7)}.swatch.system,.swatch.cached5m{background:var(--vscode-charts-blue,#3b7dd8)}.swatch.messages{background:var(--vscode-charts-green,#3a9c5a)}.swatch.unknown{background:repeating-linear-gradient(45deg,var(--vscode-charts-yellow,#d8c24a) 0 3px,transparent 3px 6px)}.swatch.volatile,.swatch.uncached{background:var(--vscode-charts-red,#d04a3a)}.swatch.unordered{background:var(--vscode-charts-orange,#e08a2e)}.swatch.cached1h{background:var(--vscode-charts-purple,#8e6cc7)}.legend{font-size:12px}
@media (forced-colors: active){.segment rect,.breakpoint line,.cost-chart polyline{stroke:CanvasText}}
`;
