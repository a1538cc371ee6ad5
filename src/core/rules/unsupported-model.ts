import type { Rule } from './rule';

export const unsupportedModel: Rule = {
  id: 'unsupported-model',
  defaultSeverity: 'warning',
  fixKind: 'none',
  docs: {
    summary: 'The request sets cache_control but its model does not support prompt caching.',
    whyItMatters: 'Claude 2.x and Claude Instant have no prompt caching: the breakpoints do nothing (or the request is rejected), and the expected savings never happen.',
    example: 'client.messages.create(model="claude-2.1", system=[{..., "cache_control": {"type": "ephemeral"}}], ...)',
    useInstead: 'Move to a current model (every Claude 3 and later model supports caching) or drop the cache_control.',
    fixSafety: 'No automatic fix: changing the model changes the output.',
  },
  check({ request }) {
    const family = request.model.family;
    if (!family || family.supportsCaching || request.model.assumed || request.breakpoints.length === 0 || !request.modelRange) {
      return [];
    }
    return [
      {
        message: `${family.displayName} ("${request.model.writtenId}") does not support prompt caching, but this request has ${request.breakpoints.length} ${request.markerSyntax.name} breakpoint${request.breakpoints.length > 1 ? 's' : ''}. Use a Claude 3 or later model, or remove them.`,
        range: request.modelRange,
        fixes: [],
        verdict: { breakpoints: request.breakpoints, kind: 'not-cached' as const, reason: 'model has no caching' },
      },
    ];
  },
};
