import { createHash } from 'crypto';
import type { RequestModel } from '../request/request-model';
import { staticJson, valueOf } from '../syntax/values';

/**
 * Exact counts from Anthropic's `POST /v1/messages/count_tokens` (same body as Messages without
 * `max_tokens`; answers `{"input_tokens": N}`). Opt-in only: nothing here runs unless a front end
 * calls it on the user's request, and only for requests whose whole body is known statically.
 */

/** The Messages parameters count_tokens accepts; everything else (max_tokens, stream, …) is dropped. */
const COUNTED_KEYS = ['model', 'system', 'messages', 'tools', 'tool_choice', 'thinking', 'mcp_servers'];

export type CountBody = Record<string, unknown>;

/** The count_tokens body for a request, or why it cannot be built. */
const FIRST_PARTY_ID = /^claude-[a-z0-9.-]+$/;

export function countTokensBody(request: RequestModel, fallbackModel: string): { body: CountBody } | { reason: string } {
  const body: CountBody = {};
  for (const key of COUNTED_KEYS) {
    const value = valueOf(request.args, key);
    if (value === undefined) {
      continue;
    }
    const json = staticJson(value);
    if (json === undefined) {
      if (key === 'model') {
        continue;
      }
      return { reason: `\`${key}\` is not fully known statically` };
    }
    body[key] = json;
  }
  if (request.args.open) {
    return { reason: 'part of the request comes from a spread the linter cannot see' };
  }
  if (!Array.isArray(body.messages)) {
    return { reason: 'the request has no literal messages list' };
  }
  // Anthropic's endpoint knows its own ids only: a Bedrock (`us.anthropic.…-v1:0`), Vertex (`…@date`)
  // or gateway id is sent as the same model's first-party id.
  if (typeof body.model !== 'string' || (!FIRST_PARTY_ID.test(body.model) && request.model.family)) {
    body.model = request.model.family?.canonicalId ?? fallbackModel;
  }
  return { body };
}

/** Results are cached by a hash of the body: the same prompt is never sent twice. */
export function bodyKey(body: CountBody): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

export type CountResult = { ok: true; inputTokens: number } | { ok: false; message: string; status?: number };

export interface CountTokensOptions {
  apiKey: string;
  baseUrl: string;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

/**
 * One call to count_tokens. Never throws: failures come back as one clear message (the API key
 * never appears in it), and callers fall back to the estimate.
 */
export async function countTokensExactly(body: CountBody, options: CountTokensOptions): Promise<CountResult> {
  let url: URL;
  try {
    url = new URL('/v1/messages/count_tokens', options.baseUrl);
  } catch {
    return { ok: false, message: `the API base URL "${options.baseUrl}" is not a valid URL` };
  }
  if (url.protocol !== 'https:' && !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    return { ok: false, message: 'the API base URL must use https (plain http is allowed only for localhost)' };
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 10_000);
  try {
    const response = await (options.fetchImpl ?? fetch)(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': options.apiKey, 'anthropic-version': '2023-06-01' },
      body: JSON.stringify(body),
      signal: controller.signal,
    });
    if (response.ok) {
      const json = (await response.json()) as { input_tokens?: unknown };
      if (typeof json.input_tokens === 'number') {
        return { ok: true, inputTokens: json.input_tokens };
      }
      return { ok: false, message: 'count_tokens answered without input_tokens' };
    }
    return { ok: false, status: response.status, message: describeFailure(response.status, await apiErrorMessage(response)) };
  } catch (error) {
    if (controller.signal.aborted) {
      return { ok: false, message: `count_tokens did not answer within ${(options.timeoutMs ?? 10_000) / 1000} s` };
    }
    return { ok: false, message: `could not reach count_tokens: ${(error as Error).message}` };
  } finally {
    clearTimeout(timer);
  }
}

async function apiErrorMessage(response: Response): Promise<string | undefined> {
  try {
    const json = (await response.json()) as { error?: { message?: unknown } };
    return typeof json.error?.message === 'string' ? json.error.message.slice(0, 200) : undefined;
  } catch {
    return undefined;
  }
}

function describeFailure(status: number, apiMessage: string | undefined): string {
  const detail = apiMessage ? ` (${apiMessage})` : '';
  if (status === 401 || status === 403) {
    return `the API key was rejected (HTTP ${status})${detail}; set it again with "Prompt Cache Lint: Set Anthropic API key"`;
  }
  if (status === 429) {
    return `rate limited by the API (HTTP 429)${detail}; try again in a minute`;
  }
  if (status >= 500) {
    return `the API had an error (HTTP ${status})${detail}; try again later`;
  }
  return `count_tokens failed with HTTP ${status}${detail}`;
}
