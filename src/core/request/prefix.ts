import { CACHE_LIMITS, type TokenizerGeneration, exactFamilyOf } from '../models/model-catalog';
import type { ExactFamily } from '../tokens/exact/exact-counter';
import { type TokenCounter, type TokenEstimate, addEstimates, fixedEstimate } from '../tokens/token-counter';
import type { PromptBlock, PrefixSummary, RequestModel } from './request-model';

/**
 * Fill in each breakpoint's prefix, and the static head (tools + system): tokens of the known text
 * from the first block up to and including a block, and whether anything in that span is unknown
 * or volatile. Each block is counted once, however many breakpoints follow it.
 */
export function measurePrefixes(request: RequestModel, counter: TokenCounter): void {
  const generation = request.model.family?.tokenizer.value ?? 1;
  const exactFamily = exactFamilyOf(request.model.family);
  const blockEstimates = request.blocks.map((block) => estimateBlock(block, counter, generation, exactFamily));
  request.blocks.forEach((block, i) => {
    block.tokens = blockEstimates[i].tokens;
    block.tokensExact = blockEstimates[i].exact === true;
  });
  const hasTools = request.blocks.some((b) => b.section === 'tools');

  const summarize = (lastBlock: number): PrefixSummary => {
    const overhead = hasTools ? CACHE_LIMITS.toolUseSystemPromptTokens.value : 0;
    const summary: PrefixSummary = {
      tokens: fixedEstimate(overhead),
      exactTokens: 0,
      framingAllowance: 0,
      bySection: { tools: overhead, system: 0, messages: 0 },
      known: true,
      unknownParts: [],
      volatileParts: [],
      imported: [],
    };
    for (let i = 0; i <= lastBlock && i < request.blocks.length; i++) {
      const block = request.blocks[i];
      summary.tokens = addEstimates(summary.tokens, blockEstimates[i]);
      if (blockEstimates[i].exact) {
        summary.exactTokens += blockEstimates[i].tokens;
      }
      summary.bySection[block.section] += blockEstimates[i].tokens;
      const imported = block.segments.find((segment) => segment.source !== undefined);
      if (imported?.source) {
        summary.imported.push({ label: block.label, via: imported.via ?? '', source: imported.source, tokens: blockEstimates[i].tokens });
      }
      for (const segment of block.segments) {
        if (segment.stability === 'static') {
          continue;
        }
        summary.known = false;
        if (segment.stability === 'volatile') {
          summary.volatileParts.push(segment);
        } else if (segment.reason) {
          const part = `${block.label}: ${segment.reason}${segment.unordered || block.unordered ? ', in an order that can change between runs' : ''}`;
          if (!summary.unknownParts.includes(part)) {
            summary.unknownParts.push(part);
          }
        }
      }
    }
    if (summary.exactTokens > 0) {
      // Exactly counted texts: the band is the framing around them, which nobody counts exactly.
      const { base, perBlock } = CACHE_LIMITS.framingAllowance.value;
      summary.framingAllowance = base + perBlock * Math.min(lastBlock + 1, request.blocks.length);
      summary.tokens = {
        tokens: summary.tokens.tokens,
        low: Math.max(0, summary.tokens.low - summary.framingAllowance),
        high: summary.tokens.high + summary.framingAllowance,
      };
    }
    return summary;
  };

  for (const breakpoint of request.breakpoints) {
    breakpoint.prefix = summarize(breakpoint.blockIndex);
  }
  let lastHeadBlock = -1;
  request.blocks.forEach((block) => {
    // The last block a breakpoint could go on: empty text blocks cannot carry one.
    if (block.section !== 'messages' && !block.emptyText) {
      lastHeadBlock = block.index;
    }
  });
  let head = lastHeadBlock >= 0 ? { blockIndex: lastHeadBlock, prefix: summarize(lastHeadBlock) } : undefined;
  if (head && !head.prefix.known) {
    // Partly unknown (a system prompt read at run time): the longest leading run of fully static
    // blocks can still be cached on its own — the tools alone, or tools plus the first system blocks.
    // Only when every block up to the head is one the code writes out: a block built at run time
    // (a placeholder) may carry its own cache_control.
    const written = request.blocks.slice(0, lastHeadBlock + 1).every((block) => block.placeholder === undefined && !block.repeated);
    let lastStatic = -1;
    for (const block of request.blocks.slice(0, lastHeadBlock + 1)) {
      if (!block.segments.every((segment) => segment.stability === 'static')) {
        break;
      }
      if (!block.emptyText) {
        lastStatic = block.index;
      }
    }
    if (written && lastStatic >= 0) {
      head = { blockIndex: lastStatic, prefix: summarize(lastStatic) };
    }
  }
  request.staticHead = head;
}

/**
 * A block's static text, counted exactly where the model has an offline vocabulary. Tool
 * definitions stay estimated: the API renders them in its own format, not as the text we hold.
 */
function estimateBlock(block: PromptBlock, counter: TokenCounter, generation: TokenizerGeneration, exactFamily: ExactFamily | undefined): TokenEstimate {
  const text = block.segments
    .filter((s) => s.stability === 'static')
    .map((s) => s.text)
    .join('');
  return text ? counter.estimate(text, generation, block.section === 'tools' ? undefined : exactFamily) : fixedEstimate(0);
}
