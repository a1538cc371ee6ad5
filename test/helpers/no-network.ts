import * as net from 'net';

/**
 * Mocha root hooks: the whole unit suite runs with outgoing connections watched. Loopback is
 * allowed (tests start their own local servers); anything else is recorded and fails the run,
 * proving that nothing in the core or CLI touches the network on its own.
 */
const attempts: string[] = [];
const loopback = (host: unknown) => host === undefined || host === 'localhost' || host === '::1' || (typeof host === 'string' && host.startsWith('127.'));

const originalConnect = net.Socket.prototype.connect;
const originalFetch = globalThis.fetch;

function hostOf(args: unknown[]): unknown {
  const first = args[0];
  if (typeof first === 'object' && first !== null) {
    const options = first as { host?: unknown; path?: unknown };
    return options.path !== undefined ? 'localhost' : options.host;
  }
  return typeof args[1] === 'string' ? args[1] : typeof first === 'string' ? 'localhost' : undefined;
}

/** For the guard's own test: the attempts seen so far, cleared. */
export function takeNetworkAttempts(): string[] {
  return attempts.splice(0);
}

export const mochaHooks = {
  beforeAll(): void {
    net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
      const host = hostOf(args);
      if (!loopback(host)) {
        attempts.push(String(host));
        throw new Error(`network access to ${String(host)} during tests`);
      }
      return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
    } as typeof net.Socket.prototype.connect;
    globalThis.fetch = ((input: string | URL | Request, init?: RequestInit) => {
      const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
      if (!loopback(url.hostname.replace(/^\[|\]$/g, ''))) {
        attempts.push(url.hostname);
        return Promise.reject(new Error(`network access to ${url.hostname} during tests`));
      }
      return originalFetch(input, init);
    }) as typeof fetch;
  },
  afterAll(): void {
    net.Socket.prototype.connect = originalConnect;
    globalThis.fetch = originalFetch;
    if (attempts.length > 0) {
      throw new Error(`the suite tried to reach the network: ${attempts.join(', ')}`);
    }
  },
};
