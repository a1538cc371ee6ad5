import { type ModelFamily, familyByKey } from '../models/model-catalog';
import type { RequestModel } from '../request/request-model';
import type { SourceEditor } from '../fixes/source-edits';
import { entryOf } from '../syntax/values';
import type { Fix, Severity } from '../types';
import { type Rule, type RuleReport, onBedrock } from './rule';

type Platform = 'claude-api' | 'Amazon Bedrock' | 'Google Cloud Vertex AI' | 'gateway';

export const retiredModel: Rule = {
  id: 'retired-model',
  defaultSeverity: 'error',
  fixKind: 'suggestion',
  docs: {
    summary: 'The request names a model that Anthropic has retired: requests to it fail.',
    whyItMatters:
      'Retired models are switched off on a dated schedule; from that day a request to one fails with an error instead of an answer, so nothing is cached or saved either. Amazon Bedrock and Google Cloud Vertex AI set their own schedules and keep some models longer (Claude Opus 4.1 is still served there).',
    example: 'client.messages.create(model="claude-3-7-sonnet-20250219", ...) — Claude Sonnet 3.7 was retired on 2026-02-19.',
    useInstead:
      "Move to the successor the catalog names (`prompt-cache-lint models` lists them): Sonnet 3.7 and Sonnet 4 → Claude Sonnet 4.6, Opus 4 and 4.1 → Claude Opus 4.8, Haiku 3 and 3.5 → Claude Haiku 4.5. Test before switching: output, prices and the minimum cacheable prefix change with the model. On Bedrock or Vertex, check the platform's own model table.",
    fixSafety: 'The fix replaces the model id with the successor: a suggestion, never applied by fix-all, because a different model gives different answers.',
    versions: [
      'Retirement dates (Claude API and other Anthropic-operated platforms): Claude Sonnet 3.7 and Haiku 3.5 on 2026-02-19, Claude Haiku 3 on 2026-04-19, Claude Opus 4 and Sonnet 4 on 2026-05-14, Claude Opus 4.1 on 2026-08-05 (kept on Amazon Bedrock and Google Cloud). Source: Anthropic\'s claude-api skill, models.md (caching digest §9).',
      'Error on the Claude API; a warning on Amazon Bedrock, Vertex AI and gateways (OpenRouter, LiteLLM proxies), which follow their own schedules; a warning when the model is only a default (`os.getenv("MODEL", "…")`) or one of several chosen at run time.',
    ],
  },
  check({ request, editor }) {
    if (request.notClaude || !request.modelRange) {
      return [];
    }
    const retiredFamilies = (request.model.candidates ?? (request.model.family ? [request.model.family] : [])).filter((f) => f.retirement);
    if (retiredFamilies.length === 0 || (request.model.assumed && !request.model.candidates && request.model.environmentVariable === undefined)) {
      return [];
    }
    const platform = platformOf(request);
    const reports: RuleReport[] = [];
    for (const family of retiredFamilies) {
      const retirement = family.retirement!;
      const successor = familyByKey(retirement.successor);
      const date = retirement.retired.value;
      const past = date <= new Date().toISOString().slice(0, 10);
      const kept = platform !== 'claude-api' && platform !== 'gateway' && retirement.keptOn?.value.includes(platform);
      const chosen = request.model.candidates ? ` (one of the models chosen at run time)` : request.model.environmentVariable !== undefined ? ` (the default when ${request.model.environmentVariable} is not set)` : '';
      const when = past ? `was retired on the Claude API on ${date}: requests to it fail there` : `retires on the Claude API on ${date}: from then requests to it fail there`;
      const where =
        platform === 'claude-api'
          ? ''
          : kept
            ? ` ${platform} still serves it by its own schedule (${retirement.keptOn!.source}, ${retirement.keptOn!.date}); check the platform's model table for its end date.`
            : platform === 'gateway'
              ? ' This call goes through a gateway, which may route it to a platform with its own schedule; check which models it still serves.'
              : ` ${platform} sets its own schedule; check its model table.`;
      const severity: Severity = platform === 'claude-api' && past && chosen === '' ? 'error' : 'warning';
      reports.push({
        message: `${family.displayName} ("${request.model.writtenId ?? family.canonicalId}")${chosen} ${when}.${where} Move to ${successor ? `${successor.displayName} (${successor.canonicalId})` : 'a current model'} and test it: answers, prices and the minimum cacheable prefix change with the model.`,
        range: request.modelRange,
        severity,
        fixes: platform === 'claude-api' && successor && chosen === '' ? successorFix(request, editor, family, successor) : [],
        ...(past && platform === 'claude-api' && request.breakpoints.length > 0 ? { verdict: { breakpoints: request.breakpoints, kind: 'request-rejected' as const, reason: 'model retired' } } : {}),
      });
    }
    return reports;
  },
};

function platformOf(request: RequestModel): Platform {
  const id = request.model.writtenId ?? '';
  if (onBedrock(request)) {
    return 'Amazon Bedrock';
  }
  if (request.markerSyntax.platform === 'vertex' || /@\d{8}$|^vertex_ai\//.test(id)) {
    return 'Google Cloud Vertex AI';
  }
  if (request.markerSyntax.platform === 'gateway' || (/\//.test(id) && !/^anthropic\/claude-/.test(id))) {
    return 'gateway';
  }
  return 'claude-api';
}

/** Replace the id inside the literal that spells it, in this file (never one read from another module or a data file). */
function successorFix(request: RequestModel, editor: SourceEditor, family: ModelFamily, successor: ModelFamily): Fix[] {
  const value = entryOf(request.args, 'model')?.value;
  const written = request.model.writtenId;
  const segments = value?.kind === 'string' ? value.segments : [];
  const segment = segments.length === 1 && segments[0].stability === 'static' && !segments[0].source && segments[0].range.file === undefined ? segments[0] : undefined;
  if (!segment || written === undefined || !/^(anthropic\/)?claude-[\w.-]+$/.test(written)) {
    return [];
  }
  const literal = editor.text.slice(segment.range.startOffset, segment.range.endOffset);
  const at = literal.indexOf(written);
  if (at < 0 || literal.indexOf(written, at + 1) >= 0) {
    return [];
  }
  const replacement = `${written.startsWith('anthropic/') ? 'anthropic/' : ''}${successor.canonicalId}`;
  const start = segment.range.startOffset + at;
  return [{ title: `Use ${successor.displayName} (${replacement}) instead of retired ${family.displayName}`, safe: false, edits: [{ startOffset: start, endOffset: start + written.length, newText: replacement }] }];
}
