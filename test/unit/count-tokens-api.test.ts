import * as assert from 'assert';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { bodyKey, countTokensBody, countTokensExactly } from '../../src/core';
import { lintSnippet } from '../helpers/snippets';

/**
 * The count_tokens client against a local HTTP server that implements the documented shape
 * (the real API cannot be reached here): success, 401, 429, 5xx, a malformed answer and a timeout.
 */
describe('exact counts (count_tokens client)', () => {
  let server: http.Server;
  let baseUrl: string;
  const received: { headers: http.IncomingHttpHeaders; body: Record<string, unknown> }[] = [];

  before(async () => {
    server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      req.on('end', () => {
        const body = JSON.parse(raw) as Record<string, unknown>;
        received.push({ headers: req.headers, body });
        const key = req.headers['x-api-key'];
        const reply = (status: number, json: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(json));
        };
        if (req.url !== '/v1/messages/count_tokens' || req.method !== 'POST') {
          return reply(404, { type: 'error', error: { type: 'not_found_error', message: 'Not found' } });
        }
        switch (key) {
          case 'good-key':
            return reply(200, { input_tokens: 1234 });
          case 'bad-key':
            return reply(401, { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } });
          case 'busy-key':
            return reply(429, { type: 'error', error: { type: 'rate_limit_error', message: 'Number of request tokens has exceeded your rate limit' } });
          case 'broken-key':
            return reply(529, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
          case 'odd-key':
            return reply(200, { tokens: 5 });
          case 'slow-key':
            return; // never answers
          case 'forbidden-key':
            return reply(403, { type: 'error', error: { type: 'permission_error', message: 'no access' } });
          case 'server-key':
            return reply(500, {});
          case 'long-key':
            return reply(400, { type: 'error', error: { type: 'invalid_request_error', message: 'x'.repeat(300) } });
          case 'html-key':
            res.writeHead(502, { 'content-type': 'text/html' });
            return res.end('<html>Bad gateway</html>');
        }
        return reply(400, { type: 'error', error: { type: 'invalid_request_error', message: 'bad' } });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  const body = { model: 'claude-sonnet-4-5', system: 'Be brief.', messages: [{ role: 'user', content: 'hi' }] };

  it('returns input_tokens and sends the documented request', async () => {
    const result = await countTokensExactly(body, { apiKey: 'good-key', baseUrl });
    assert.deepStrictEqual(result, { ok: true, inputTokens: 1234 });
    const last = received[received.length - 1];
    assert.strictEqual(last.headers['anthropic-version'], '2023-06-01');
    assert.strictEqual(last.headers['content-type'], 'application/json');
    assert.deepStrictEqual(last.body, body);
  });

  for (const [key, status, pattern] of [
    ['bad-key', 401, /API key was rejected/],
    ['busy-key', 429, /rate limited/],
    ['broken-key', 529, /API had an error/],
  ] as const) {
    it(`degrades with one clear message on HTTP ${status}, never echoing the key`, async () => {
      const result = await countTokensExactly(body, { apiKey: key, baseUrl });
      assert.strictEqual(result.ok, false);
      if (!result.ok) {
        assert.strictEqual(result.status, status);
        assert.match(result.message, pattern);
        assert.ok(!result.message.includes(key));
      }
    });
  }

  it('says exactly what failed: the status, the API\'s own message (at most 200 characters) when it sent one, and what to do', async () => {
    const messageFor = async (apiKey: string) => {
      const result = await countTokensExactly(body, { apiKey, baseUrl });
      return result.ok ? 'ok' : `${result.status} ${result.message}`;
    };
    assert.deepStrictEqual(
      {
        401: await messageFor('bad-key'),
        403: await messageFor('forbidden-key'),
        429: await messageFor('busy-key'),
        500: await messageFor('server-key'),
        502: await messageFor('html-key'),
        529: await messageFor('broken-key'),
        400: await messageFor('other-key'),
      },
      {
        401: '401 the API key was rejected (HTTP 401) (invalid x-api-key); set it again with "Prompt Cache Lint: Set Anthropic API key"',
        403: '403 the API key was rejected (HTTP 403) (no access); set it again with "Prompt Cache Lint: Set Anthropic API key"',
        429: '429 rate limited by the API (HTTP 429) (Number of request tokens has exceeded your rate limit); try again in a minute',
        500: '500 the API had an error (HTTP 500); try again later',
        502: '502 the API had an error (HTTP 502); try again later',
        529: '529 the API had an error (HTTP 529) (Overloaded); try again later',
        400: '400 count_tokens failed with HTTP 400 (bad)',
      },
    );
    assert.strictEqual(await messageFor('long-key'), `400 count_tokens failed with HTTP 400 (${'x'.repeat(200)})`);
  });

  it('reports a server it cannot reach', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const result = await countTokensExactly(body, { apiKey: 'good-key', baseUrl: `http://127.0.0.1:${port}` });
    assert.strictEqual(result.ok, false);
    assert.match(result.ok ? '' : result.message, /^could not reach count_tokens: /);
  });

  it('reports a malformed answer and a timeout', async () => {
    const odd = await countTokensExactly(body, { apiKey: 'odd-key', baseUrl });
    assert.deepStrictEqual(odd, { ok: false, message: 'count_tokens answered without input_tokens' });
    const slow = await countTokensExactly(body, { apiKey: 'slow-key', baseUrl, timeoutMs: 300 });
    assert.deepStrictEqual(slow, { ok: false, message: 'count_tokens did not answer within 0.3 s' });
  });

  it('refuses a plain-http base URL other than localhost, and a malformed one', async () => {
    const plain = await countTokensExactly(body, { apiKey: 'good-key', baseUrl: 'http://example.test' });
    assert.match(plain.ok ? '' : plain.message, /must use https/);
    const bad = await countTokensExactly(body, { apiKey: 'good-key', baseUrl: 'not a url' });
    assert.match(bad.ok ? '' : bad.message, /not a valid URL/);
  });

  it('builds the body only for fully static requests, without max_tokens, and keys it by content', async () => {
    const code = `
SYSTEM = "You are terse."
client.messages.create(model="claude-haiku-4-5", max_tokens=100, stream=True, system=SYSTEM, messages=[{"role": "user", "content": "Hi"}])
def f(q):
    client.messages.create(model="claude-haiku-4-5", max_tokens=100, system=SYSTEM, messages=[{"role": "user", "content": q}])
`;
    const [fixed, dynamic] = (await lintSnippet(code, 'python')).requests;
    const built = countTokensBody(fixed, 'claude-sonnet-4-5');
    assert.ok('body' in built);
    assert.deepStrictEqual(built.body, { model: 'claude-haiku-4-5', system: 'You are terse.', messages: [{ role: 'user', content: 'Hi' }] });
    // The key is a SHA-256 of the body: the same content linted again gets the same key, other content another.
    assert.match(bodyKey(built.body), /^[0-9a-f]{64}$/);
    const [again] = (await lintSnippet(code, 'python')).requests;
    const rebuilt = countTokensBody(again, 'claude-sonnet-4-5');
    assert.ok('body' in rebuilt);
    assert.notStrictEqual(rebuilt.body, built.body, 'a separate lint builds a separate body');
    assert.strictEqual(bodyKey(rebuilt.body), bodyKey(built.body));
    assert.notStrictEqual(bodyKey({ ...built.body, system: 'You are verbose.' }), bodyKey(built.body));
    assert.notStrictEqual(bodyKey({ ...built.body, model: 'claude-opus-4-5' }), bodyKey(built.body));
    const notBuilt = countTokensBody(dynamic, 'claude-sonnet-4-5');
    assert.ok('reason' in notBuilt && /messages/.test(notBuilt.reason));
  });

  it('says why a body cannot be built (a spread, a part not known statically), and uses the fallback for a model only known at run time', async () => {
    const code = `
SYSTEM = "You are terse."
def spread(extra):
    client.messages.create(model="claude-haiku-4-5", max_tokens=100, system=SYSTEM, messages=[{"role": "user", "content": "Hi"}], **extra)
def history(h):
    client.messages.create(model="claude-haiku-4-5", max_tokens=100, system=SYSTEM, messages=h)
def tools(t):
    client.messages.create(model="claude-haiku-4-5", max_tokens=100, tools=t, messages=[{"role": "user", "content": "Hi"}])
def model(m):
    client.messages.create(model=m, max_tokens=100, system=SYSTEM, messages=[{"role": "user", "content": "Hi"}])
`;
    const requests = (await lintSnippet(code, 'python')).requests;
    const built = requests.map((r) => countTokensBody(r, 'claude-sonnet-4-5'));
    assert.deepStrictEqual(built.slice(0, 3), [
      { reason: 'part of the request comes from a spread the linter cannot see' },
      { reason: '`messages` is not fully known statically' },
      { reason: '`tools` is not fully known statically' },
    ]);
    assert.deepStrictEqual(built[3], { body: { system: 'You are terse.', messages: [{ role: 'user', content: 'Hi' }], model: 'claude-sonnet-4-5' } });
  });

  it('sends a Bedrock InvokeModel request as the Messages body with the first-party model id', async () => {
    const code = 'bedrock.invoke_model(modelId="us.anthropic.claude-haiku-4-5-20251001-v1:0", body=json.dumps({"anthropic_version": "bedrock-2023-05-31", "max_tokens": 100, "system": "You are terse.", "messages": [{"role": "user", "content": "Hi"}]}))';
    const [request] = (await lintSnippet(code, 'python')).requests;
    const built = countTokensBody(request, 'claude-sonnet-4-5');
    assert.ok('body' in built, JSON.stringify(built));
    assert.deepStrictEqual(built.body, { model: 'claude-haiku-4-5', system: 'You are terse.', messages: [{ role: 'user', content: 'Hi' }] });
  });
});
