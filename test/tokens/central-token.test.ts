import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainFailure } from '../../src/quota/explain-failure.js';
import type { CentralCredentials } from '../../src/quota/types.js';
import { fetchCentralToken } from '../../src/tokens/central-token.js';
import { CentralTokenError } from '../../src/tokens/errors.js';
import { type FakeTokenServer, startTokenServer } from '../helpers/central-token-server.js';

const NOW = new Date('2026-11-26T10:00:00Z');
let server: FakeTokenServer;
beforeAll(async () => {
  server = await startTokenServer();
});
afterAll(() => server.close());

const credentials = (): CentralCredentials => ({
  kind: 'central',
  url: `${server.url}/token?app=acme&key=URLKEY-canary`,
  header: { name: 'Authorization', value: 'Bearer HEADER-canary' },
});
const fetchWith = (body: string, status = 200) => {
  server.answer({ status, body });
  return fetchCentralToken(credentials(), NOW, { timeoutMs: 500 });
};
const failureOf = async (promise: Promise<unknown>) => {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CentralTokenError);
  for (const text of [String(error), inspect(error, { depth: 5 }), JSON.stringify(explainFailure(error))]) {
    expect(text).not.toContain('canary');
    expect(text).not.toContain('/token?');
  }
  return error as CentralTokenError;
};

describe('central token server answers', () => {
  it.each([
    ['access_token + expires_in', '{"access_token":"T","expires_in":7200}', '2026-11-26T12:00:00.000Z'],
    [
      'authorizer_access_token + expires_in as text',
      '{"authorizer_access_token":"T","expires_in":"600"}',
      '2026-11-26T10:10:00.000Z',
    ],
    ['token + expires_at ISO', '{"token":"T","expires_at":"2026-11-26T19:00:00+08:00"}', '2026-11-26T11:00:00.000Z'],
    ['token + expires_at epoch seconds', '{"token":"T","expires_at":1795694400}', '2026-11-26T12:00:00.000Z'],
    ['token + expires_at epoch ms', '{"token":"T","expires_at":1795694400000}', '2026-11-26T12:00:00.000Z'],
    ['a data wrapper', '{"code":0,"data":{"access_token":"T","expires_in":60}}', '2026-11-26T10:01:00.000Z'],
  ])('accepts %s', async (_, body, expiresAt) => {
    await expect(fetchWith(body)).resolves.toEqual({ token: 'T', expiresAt: new Date(expiresAt) });
  });

  it('sends the configured header, and GETs the configured URL as given', async () => {
    await fetchWith('{"access_token":"T","expires_in":60}');
    const last = server.requests.at(-1);
    expect(last?.path).toBe('/token?app=acme&key=URLKEY-canary');
    expect(last?.headers.authorization).toBe('Bearer HEADER-canary');
  });
});

describe('central token server failures, explained without its URL or secrets', () => {
  it('HTTP 401: check the header', async () => {
    const error = await failureOf(fetchWith('{"error":"nope"}', 401));
    expect(error).toMatchObject({ kind: 'http_status', status: 401 });
    const explanation = explainFailure(error, { providerName: 'Acme', tokenSource: 'central' });
    expect(explanation.code).toBe('CENTRAL_HTTP_STATUS');
    expect(explanation.action).toMatch(/header/);
    expect(explanation.detail).toContain(server.url);
  });

  it.each([
    ['HTML', '<html>502 Bad Gateway</html>'],
    ['no token', '{"expires_in":60}'],
    ['no expiry', '{"access_token":"T"}'],
    ['a token of the wrong type', '{"access_token":42,"expires_in":60}'],
    ['a negative lifetime', '{"access_token":"T","expires_in":-5}'],
    ['an unreadable expires_at', '{"access_token":"T","expires_at":"soon"}'],
  ])('%s is a bad payload that says which shape is expected', async (_, body) => {
    const error = await failureOf(fetchWith(body));
    expect(error.kind).toBe('bad_payload');
    expect(explainFailure(error).action).toContain('"expires_in": 7200');
  });

  it('an already expired token is refused as such', async () => {
    const error = await failureOf(fetchWith('{"access_token":"T","expires_at":"2026-11-26T09:00:00Z"}'));
    expect(error.kind).toBe('expired');
  });

  it('a server that does not answer in time, and one that is not there', async () => {
    server.answer('hang');
    expect((await failureOf(fetchCentralToken(credentials(), NOW, { timeoutMs: 150 }))).kind).toBe('timeout');
    const gone = { ...credentials(), url: 'http://127.0.0.1:9/token?key=URLKEY-canary' };
    const error = await failureOf(fetchCentralToken(gone, NOW, { timeoutMs: 500 }));
    expect(error.kind).toBe('unreachable');
    expect(explainFailure(error).headline).toBe('The central token server could not be reached');
  });

  it('an oversized answer is refused', async () => {
    const error = await failureOf(fetchWith(`{"access_token":"${'x'.repeat(70_000)}","expires_in":60}`));
    expect(error.kind).toBe('bad_payload');
  });
});
