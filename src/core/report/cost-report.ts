import type { CacheBreakpoint, RequestModel } from '../request/request-model';
import { CACHE_LIMITS } from '../models/model-catalog';
import { approx, describePrefixTokens, formatTokens, formatUsd, minimumOf } from '../rules/rule';

/**
 * What editors show about a request and its breakpoints: the inline savings label and the
 * hover text (Markdown). Pure text, so every front end renders the same words.
 */

/** `≈ 5.2k tok cached · −$0.014/call (−86%)`, or a "not cached" marker with the reason. */
export function inlineSavingsLabel(breakpoint: CacheBreakpoint): string {
  const verdict = breakpoint.verdict;
  if (verdict && verdict.kind !== 'may-not-cache') {
    return `✕ ${verdict.kind === 'request-rejected' ? 'rejected' : 'not cached'}: ${verdict.reason}`;
  }
  const { tokens } = breakpoint.prefix.tokens;
  const doubt = verdict?.kind === 'may-not-cache' ? ` · ? ${verdict.reason}` : '';
  if (breakpoint.inLoop) {
    return `≈ ${formatTokens(tokens)}+ tok cached per item (count known at run time)${doubt}`;
  }
  const size = breakpoint.prefix.known ? `${approx(breakpoint.prefix, ' ')}${formatTokens(tokens)} tok cached` : `≈ ${formatTokens(tokens)}+ tok cached (part unknown)`;
  const savings = breakpoint.savings;
  if (!savings) {
    return `${size}${doubt}`;
  }
  return `${size} · −${formatUsd(savings.savingsPerCallAtReuse)}/call (−${Math.round(savings.percentSavedAtReuse)}%)${doubt}`;
}

function modelLine(request: RequestModel): string {
  const model = request.model;
  const name = model.family?.displayName ?? 'unknown model';
  if (model.environmentVariable !== undefined) {
    return `**${name}** (\`${model.writtenId}\`, the default of ${model.environmentVariable})`;
  }
  return model.assumed ? `**${name}** (assumed: ${model.assumptionReason ?? 'model not known statically'})` : `**${name}** (\`${model.writtenId}\`)`;
}

/** Hover text for one breakpoint: the prefix it caches and what that costs and saves. */
export function breakpointHover(request: RequestModel, breakpoint: CacheBreakpoint, apiCount?: number): string {
  const prefix = breakpoint.prefix;
  const family = request.model.family;
  const minimum = minimumOf(request)?.minimum;
  const where = breakpoint.automatic ? 'top-level (automatic) cache_control' : request.blocks[breakpoint.blockIndex]?.label;
  const lines: string[] = [];
  lines.push(`**Prompt cache breakpoint #${breakpoint.ordinal}** — ${where}, TTL ${ttlText(breakpoint)}`);
  lines.push('');
  lines.push(`Model: ${modelLine(request)}`);
  const { tokens, low, high } = prefix.tokens;
  const band = tokens > 0 ? ` (±${Math.round(((high - low) / 2 / tokens) * 100)}%)` : '';
  lines.push('');
  lines.push('| | |');
  lines.push('|---|---|');
  if (prefix.exactTokens > 0) {
    lines.push(`| Cached prefix | ${describePrefixTokens(prefix)}${prefix.known ? '' : ' + unknown'} |`);
  } else {
    lines.push(`| Cached prefix | ≈ ${formatTokens(tokens)} tokens${band}${prefix.known ? '' : ' + unknown'} (estimate) |`);
  }
  if (apiCount !== undefined) {
    lines.push(`| Whole request | ${formatTokens(apiCount)} tokens (API count) |`);
  }
  lines.push(`| tools / system / messages | ${approx(prefix, ' ')}${formatTokens(prefix.bySection.tools)} / ${formatTokens(prefix.bySection.system)} / ${formatTokens(prefix.bySection.messages)} |`);
  if (prefix.bySection.tools > 0 && request.blocks.some((b) => b.section === 'tools')) {
    // The API adds its tool-use system prompt whenever tools are sent; shown apart so a short tool does not look miscounted.
    lines.push(`| of which the tool-use system prompt | ${formatTokens(CACHE_LIMITS.toolUseSystemPromptTokens.value)} (${CACHE_LIMITS.toolUseSystemPromptTokens.source}) |`);
  }
  const files = [...new Set(request.blocks.slice(0, breakpoint.automatic ? undefined : breakpoint.blockIndex + 1).flatMap((b) => b.segments.flatMap((s) => s.files ?? [])))];
  if (files.length > 0) {
    lines.push(`| Read from | ${files.map((f) => `\`${f}\``).join(', ')} |`);
  }
  for (const part of prefix.imported.slice(0, 6)) {
    lines.push(`| ${part.label} | \`${part.via}\`, ${part.source}, ${approx(prefix, ' ')}${formatTokens(part.tokens)} tokens |`);
  }
  if (prefix.imported.length > 6) {
    lines.push(`| | and ${prefix.imported.length - 6} more blocks from other modules |`);
  }
  if (minimum) {
    lines.push(`| Minimum to cache | ${formatTokens(minimum.value)} tokens (${minimum.source}, ${minimum.date}) |`);
  }
  const savings = breakpoint.savings;
  if (savings) {
    lines.push(`| Cost per call, no cache | ≈ ${formatUsd(savings.costPerCallUncached)} |`);
    lines.push(`| Cache write (${breakpoint.ttl}, ${breakpoint.ttl === '1h' ? '2×' : '1.25×'} input) | ≈ ${formatUsd(savings.writeCost)} |`);
    lines.push(`| Cache hit (read) | ≈ ${formatUsd(savings.readCost)} |`);
    lines.push(`| Saved per hit | ≈ ${formatUsd(savings.savingsPerHit)} · per 1,000 hits ≈ ${formatUsd(savings.savingsPerHit * 1000)} |`);
    lines.push(`| At ${savings.reuseCalls} calls per ${breakpoint.ttl} window | ≈ −${formatUsd(savings.savingsPerCallAtReuse)}/call (−${Math.round(savings.percentSavedAtReuse)}%) |`);
    lines.push(`| Pays off from | call ${savings.breakEvenCalls} within the TTL |`);
  } else if (family && !family.prices) {
    lines.push('| Prices | not published for this model |');
  }
  if (breakpoint.verdict) {
    lines.push('');
    lines.push(`**${breakpoint.verdict.kind === 'may-not-cache' ? 'May not cache' : breakpoint.verdict.kind === 'request-rejected' ? 'Request rejected' : 'Will not cache'}:** ${breakpoint.verdict.reason} (\`${breakpoint.verdict.ruleId}\`).`);
  }
  lines.push(...unknownsSection(request, prefix.unknownParts, breakpoint.inLoop));
  return lines.join('\n');
}

/** The layer a request goes through, for hovers (none for the Anthropic SDK itself). */
const DIALECT_NAMES: Partial<Record<RequestModel['dialect'], string>> = {
  'bedrock-invoke-model': 'Bedrock InvokeModel',
  'ai-sdk': 'Vercel AI SDK',
  langchain: 'LangChain',
  litellm: 'LiteLLM',
  'bedrock-converse': 'Bedrock Converse',
  'openai-compatible': 'OpenAI-compatible gateway',
};

/** Hover text for the request call: every breakpoint, or what a breakpoint on tools/system would save. */
export function requestHover(request: RequestModel, apiCount?: number): string {
  if (request.notClaude) {
    const written = request.model.writtenId === undefined ? 'this model' : `\`${request.model.writtenId}\``;
    return [`**Request** \`${request.call.callee}\` (${request.dialect})`, '', `Model: ${written}, not a Claude model: prompt-caching markers do nothing here.`].join('\n');
  }
  const layer = DIALECT_NAMES[request.dialect];
  const lines: string[] = [`**Claude request** \`${request.call.callee}\`${request.isBatchItem ? ' (batch item)' : ''}${layer ? ` · ${layer}` : ''}`, '', `Model: ${modelLine(request)}`, ''];
  if (apiCount !== undefined) {
    lines.push(`Whole request: ${formatTokens(apiCount)} input tokens (API count).`, '');
  }
  if (request.breakpoints.length === 0) {
    lines.push('No cache breakpoint in this request.');
    const head = request.staticHead;
    if (head?.prefix.known && head.savings) {
      lines.push(`A breakpoint on ${request.blocks[head.blockIndex].label} would cache ${approx(head.prefix, ' ')}${formatTokens(head.prefix.tokens.tokens)} tokens: ≈ −${formatUsd(head.savings.savingsPerCallAtReuse)}/call at ${head.savings.reuseCalls} calls per 5 minutes.`);
    }
  } else {
    lines.push('| # | Block | TTL | Cached prefix | Status |');
    lines.push('|---|---|---|---|---|');
    for (const bp of request.breakpoints) {
      const label = bp.automatic ? 'automatic' : request.blocks[bp.blockIndex]?.label;
      lines.push(`| ${bp.ordinal} | ${label} | ${ttlText(bp)} | ${approx(bp.prefix, ' ')}${formatTokens(bp.prefix.tokens.tokens)}${bp.prefix.known ? '' : '+'} | ${inlineSavingsLabel(bp)} |`);
    }
  }
  lines.push(...unknownsSection(request, [], request.breakpoints.some((bp) => bp.inLoop)));
  return lines.join('\n');
}

function unknownsSection(request: RequestModel, unknownParts: string[], inLoop: boolean): string[] {
  const notes = [...unknownParts.map((p) => (p.endsWith('in an order that can change between runs') ? `${p} (size unknown)` : `${p} (size unknown, assumed stable)`)), ...request.runtimeBreakpointNotes, ...request.dialectNotes];
  if (inLoop) {
    notes.push('breakpoints are created in a loop or comprehension: how many there are is known only at run time');
  }
  if (notes.length === 0) {
    return ['', 'Token counts marked ≈ are estimates; the others are exact offline counts of the text. Prices per the model table.'];
  }
  return ['', '**Not known statically:**', ...notes.slice(0, 8).map((n) => `- ${n}`), '', 'Token counts marked ≈ are estimates; the others are exact offline counts of the text. Prices per the model table.'];
}

/** The TTL as the hover shows it: a TTL read at run time is priced as the 5m default, and says so. */
function ttlText(breakpoint: CacheBreakpoint): string {
  return breakpoint.marker.ttlKnown ? breakpoint.ttl : `set at run time (priced as ${breakpoint.ttl})`;
}
