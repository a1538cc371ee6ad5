import { DEFAULT_MODEL_ID, type ModelFamily, familyByKey } from './model-catalog';

export interface ModelResolution {
  /** The id as written in the code, or undefined when it could not be read statically. */
  writtenId?: string;
  family?: ModelFamily;
  /** True when the written id was unknown or missing and the configured default was used. */
  assumed: boolean;
  /** Why the default was used, for the message. */
  assumptionReason?: string;
  /** The environment variable the model is read from, when the code's default for it was taken. */
  environmentVariable?: string;
  /** The Claude models the code chooses among at run time (`"a" if x else "b"`, `MODELS[tier]`); `family` is the first. */
  candidates?: ModelFamily[];
}

/** One of several model ids chosen at run time: the Claude ones among them, each checked. Undefined when none is a known Claude model. */
export function resolveCandidates(ids: string[], defaultModelId: string = DEFAULT_MODEL_ID): ModelResolution | undefined {
  const families: ModelFamily[] = [];
  for (const id of ids) {
    const resolved = resolveModel(id, defaultModelId);
    if (!resolved.assumed && resolved.family && !families.some((f) => f.key === resolved.family?.key)) {
      families.push(resolved.family);
    }
  }
  if (families.length === 0) {
    return undefined;
  }
  if (families.length === 1) {
    return { writtenId: families[0].canonicalId, family: families[0], assumed: false };
  }
  return {
    writtenId: undefined,
    family: families[0],
    assumed: true,
    candidates: families,
    assumptionReason: `one of ${families.map((f) => f.displayName).join(', ')}, chosen at run time; checked against each`,
  };
}

const tiers = ['opus', 'sonnet', 'haiku', 'fable', 'mythos'];

/**
 * Map any id form to a family key: first-party dated ids and aliases, both name orders
 * (`claude-3-5-sonnet`, `claude-sonnet-4-5`), Bedrock (`us.anthropic.…-v1:0`), Vertex (`…@date`),
 * gateway prefixes (`anthropic/`, `bedrock/`, `vertex_ai/`, `openrouter/anthropic/`), `[1m]`, dots.
 */
export function familyKeyOf(id: string): string | undefined {
  let s = id.trim().toLowerCase();
  s = s.replace(/\[[^\]]*\]$/, ''); // [1m]
  s = s.split('/').pop() ?? s; // gateways
  s = s.replace(/^(?:[a-z]{2,6}(?:-[a-z]+)?\.)?anthropic\./, ''); // bedrock region + vendor
  s = s.replace(/:[a-z0-9]+$/, ''); // bedrock version suffix (`:0`), OpenRouter variants (`:beta`, `:thinking`)
  if (/^claude-v2\b/.test(s)) {
    return 'claude-2'; // Bedrock's legacy `anthropic.claude-v2:1`
  }
  s = s.replace(/-v\d+$/, '');
  s = s.replace(/@.*$/, ''); // vertex date
  s = s.replace(/-\d{8}$/, '').replace(/-latest$/, '');
  s = s.replace(/-v\d+$/, ''); // vertex `-v2`
  if (!s.startsWith('claude')) {
    return undefined;
  }
  const words = s.replace(/\./g, '-').split('-').slice(1);
  // `claude-v2…` returned above; Bedrock's `claude-instant-v1` lost its `-v1`: what is left is the name.
  if (words[0] === 'instant') {
    return 'instant';
  }
  if (words[0] === '2') {
    return 'claude-2';
  }
  const tier = words.find((w) => tiers.includes(w));
  if (!tier) {
    return undefined;
  }
  const numbers = words.filter((w) => /^\d{1,2}$/.test(w));
  if (tier === 'mythos' && words.includes('preview')) {
    return 'mythos-preview';
  }
  if (numbers.length === 0) {
    return undefined;
  }
  const major = numbers[0];
  const minor = numbers[1] && numbers[1] !== '0' ? `.${numbers[1]}` : '';
  return `${tier}-${major}${minor}`;
}

export function resolveModel(writtenId: string | undefined, defaultModelId: string = DEFAULT_MODEL_ID, environmentVariable?: string): ModelResolution {
  if (writtenId !== undefined) {
    const key = familyKeyOf(writtenId);
    const family = key ? familyByKey(key) : undefined;
    if (family && environmentVariable !== undefined) {
      // The code's own default: what runs unless the environment says otherwise.
      return { writtenId, family, assumed: true, environmentVariable, assumptionReason: `assumed from the default of ${environmentVariable}` };
    }
    if (family) {
      return { writtenId, family, assumed: false };
    }
  }
  const fallbackKey = familyKeyOf(defaultModelId);
  const fallback = (fallbackKey && familyByKey(fallbackKey)) || familyByKey(familyKeyOf(DEFAULT_MODEL_ID) ?? '');
  return {
    writtenId,
    family: fallback,
    assumed: true,
    assumptionReason:
      writtenId === undefined
        ? `model not known statically; assumed ${fallback?.displayName ?? defaultModelId} (the configured default)`
        : `unknown model "${writtenId}"; assumed ${fallback?.displayName ?? defaultModelId} (the configured default)`,
  };
}
