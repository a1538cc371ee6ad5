import { DEFAULT_MODEL_ID } from './models/model-catalog';
import { RULES } from './rules';
import type { Severity } from './types';

export type RuleSetting = Severity | 'off';

/** Everything a front end can configure. Defaults live here and nowhere else. */
export interface LintConfig {
  /** Used for requests whose model is not a static, known id. */
  defaultModel: string;
  /** Calls assumed to share a cached prefix within one TTL window, for savings. */
  reuseCalls: number;
  /** Per-rule severity or 'off'; rules not listed use their default severity. */
  rules: Record<string, RuleSetting>;
}

export const DEFAULT_CONFIG: Readonly<LintConfig> = Object.freeze({
  defaultModel: DEFAULT_MODEL_ID,
  reuseCalls: 10,
  rules: {},
});

const severities: readonly RuleSetting[] = ['error', 'warning', 'info', 'hint', 'off'];

/**
 * Merge a partial, untrusted config (settings, a workspace file) over the defaults, keeping only
 * valid values. Returns the problems found so front ends can report them.
 */
export function resolveConfig(partial: unknown): { config: LintConfig; problems: string[] } {
  const problems: string[] = [];
  const config: LintConfig = { ...DEFAULT_CONFIG, rules: {} };
  if (partial === undefined || partial === null) {
    return { config, problems };
  }
  if (typeof partial !== 'object') {
    return { config, problems: ['configuration must be an object'] };
  }
  const input = partial as Record<string, unknown>;
  if (input.defaultModel !== undefined) {
    if (typeof input.defaultModel === 'string' && input.defaultModel.trim()) {
      config.defaultModel = input.defaultModel.trim();
    } else {
      problems.push('defaultModel must be a model id string');
    }
  }
  if (input.reuseCalls !== undefined) {
    const n = Number(input.reuseCalls);
    if (Number.isFinite(n) && n >= 1 && n <= 1_000_000) {
      config.reuseCalls = Math.floor(n);
    } else {
      problems.push('reuseCalls must be a number from 1 to 1,000,000');
    }
  }
  if (input.rules !== undefined) {
    if (typeof input.rules !== 'object' || input.rules === null) {
      problems.push('rules must be an object of rule id to severity');
    } else {
      for (const [id, setting] of Object.entries(input.rules as Record<string, unknown>)) {
        if (!RULES.some((rule) => rule.id === id)) {
          problems.push(`unknown rule "${id}"`);
        } else if (!severities.includes(setting as RuleSetting)) {
          problems.push(`rule "${id}": severity must be one of ${severities.join(', ')}`);
        } else {
          config.rules[id] = setting as RuleSetting;
        }
      }
    }
  }
  return { config, problems };
}
