import * as assert from 'assert';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { takeNetworkAttempts } from '../helpers/no-network';

/** The guard in test/helpers/no-network.ts must actually catch a connection, or it proves nothing. */
describe('network guard', () => {
  it('blocks a non-loopback connection and allows loopback', async () => {
    await assert.rejects(fetch('https://api.anthropic.com/v1/messages/count_tokens'), /network access to api\.anthropic\.com/);
    assert.deepStrictEqual(takeNetworkAttempts(), ['api.anthropic.com']);
    const server = http.createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      assert.strictEqual(await response.text(), 'ok');
    } finally {
      server.close();
    }
  });
});
