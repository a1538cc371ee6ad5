import { belowMinimum } from './below-minimum';
import { ignoredCacheMarker } from './ignored-cache-marker';
import { invalidCacheControl } from './invalid-cache-control';
import { missedOpportunity } from './missed-opportunity';
import { retiredModel } from './retired-model';
import type { Rule } from './rule';
import { tooManyBreakpoints } from './too-many-breakpoints';
import { ttlOrder } from './ttl-order';
import { uncachedConversation } from './uncached-conversation';
import { unstableOrder } from './unstable-order';
import { unsupportedModel } from './unsupported-model';
import { volatileBeforeBreakpoint } from './volatile-before-breakpoint';

/** Every rule, in the order the README lists them. */
export const RULES: readonly Rule[] = [
  tooManyBreakpoints,
  belowMinimum,
  volatileBeforeBreakpoint,
  unstableOrder,
  ttlOrder,
  invalidCacheControl,
  missedOpportunity,
  uncachedConversation,
  unsupportedModel,
  retiredModel,
  ignoredCacheMarker,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((rule) => rule.id === id);
}

export type { Rule, RuleDocs } from './rule';
