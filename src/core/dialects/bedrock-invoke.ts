import type { CacheBreakpoint } from '../request/request-model';
import type { IgnoredMarker } from './dialect';

/**
 * Claude models Bedrock serves through its legacy integration (Opus 4.6 and earlier): their
 * InvokeModel body rejects a top-level `cache_control` with a 400 (Anthropic's platform notes,
 * 2026-10); Opus 4.7 and later use the Messages API on Bedrock and accept it.
 */
const LEGACY_BEDROCK_FAMILIES = new Set(['haiku-3', 'haiku-3.5', 'haiku-4.5', 'sonnet-3.5', 'sonnet-3.7', 'sonnet-4', 'sonnet-4.5', 'sonnet-4.6', 'opus-3', 'opus-4', 'opus-4.1', 'opus-4.5', 'opus-4.6']);

export function legacyBedrockTopLevel(breakpoints: CacheBreakpoint[], familyKey: string | undefined, displayName: string | undefined): IgnoredMarker[] {
  const top = breakpoints.find((bp) => bp.automatic);
  if (!top || familyKey === undefined || !LEGACY_BEDROCK_FAMILIES.has(familyKey)) {
    return [];
  }
  return [
    {
      node: top.marker.entry.entryNode,
      message: `Bedrock serves ${displayName} through its legacy integration, whose InvokeModel body rejects a top-level cache_control (400). Put cache_control on the last block you want cached instead.`,
      effect: 'rejected',
      removable: top.marker.entry.origin !== 'assignment',
    },
  ];
}
