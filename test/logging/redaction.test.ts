import { describe, expect, it } from 'vitest';
import { boltLoggerFrom, createLogger, scrubText } from '../../src/logging/logger.js';

/** Distinct canaries, one per secret-ish field; any appearance in a log line is a leak. */
const CANARY = {
  token: 'canary-token-01',
  access_token: 'canary-access-02',
  refresh_token: 'canary-refresh-03',
  authorization: 'Bearer canary-auth-04',
  botToken: 'xoxb-1111-2222-canary05',
  client_secret: 'canary-client-secret-06',
  clientSecret: 'canary-client-secret-07',
  stateSecret: 'canary-state-secret-08',
  appToken: 'xapp-1-A0-canary09',
  encodingAesKey: 'canary-aes-key-10',
  componentSecret: 'canary-component-11',
  refreshToken: 'canary-refresh-12',
  callbackToken: 'canary-callback-13',
  signingSecret: 'canary-signing-14',
  secret: 'canary-secret-15',
  authorizer_access_token: 'canary-authorizer-16',
  component_access_token: 'canary-component-17',
  bot_access_token: 'canary-bot-18',
};

function capture() {
  const lines: string[] = [];
  const logger = createLogger({ level: 'trace', destination: { write: (line: string) => lines.push(line) } });
  return { logger, lines };
}

function expectNoCanary(text: string): void {
  for (const value of Object.values(CANARY)) expect(text).not.toContain(value.replace(/^Bearer /, ''));
  expect(text).not.toContain('canary');
}

describe('log redaction', () => {
  it('blanks every secret-ish key at the top level and one level down', () => {
    const { logger, lines } = capture();
    logger.info(CANARY, 'top level');
    logger.info({ credentials: { ...CANARY }, oauth: { ...CANARY } }, 'nested');
    expectNoCanary(lines.join('\n'));
    expect(lines[0]).toContain('"client_secret":"[redacted]"');
  });

  it('blanks the tokens of a Bolt Installation logged whole (OAuth install)', () => {
    const { logger, lines } = capture();
    const installation = {
      team: { id: 'T0INSTALL1', name: 'Acme' },
      enterprise: undefined,
      appId: 'A0APP',
      bot: { token: CANARY.botToken, refreshToken: CANARY.refreshToken, userId: 'U0BOT', scopes: ['commands'] },
      user: { token: 'xoxp-canary-user-19', refreshToken: 'canary-user-refresh-20', id: 'U0USER' },
    };
    logger.info({ installation }, 'installed');
    logger.info(installation, 'installed, flat');
    const text = lines.join('\n');
    expectNoCanary(text);
    // What an operator needs stays.
    expect(text).toContain('T0INSTALL1');
    expect(text).toContain('U0BOT');
  });

  it('blanks request headers that carry credentials', () => {
    const { logger, lines } = capture();
    logger.info({ req: { headers: { authorization: CANARY.authorization, 'x-slack-signature': 'v0=canary-sig' } } });
    logger.info({ headers: { authorization: CANARY.authorization } });
    expectNoCanary(lines.join('\n'));
  });

  it('scrubs Slack tokens and secret-named fields from Bolt’s text lines', () => {
    const { logger, lines } = capture();
    const bolt = boltLoggerFrom(logger);
    bolt.debug(`http request body: ${JSON.stringify({ client_id: '123.456', client_secret: CANARY.client_secret })}`);
    bolt.debug('http request result:', { ok: true, access_token: CANARY.botToken, refresh_token: CANARY.refreshToken });
    bolt.info(`token rotated to ${CANARY.botToken}; socket ${CANARY.appToken}; next xoxe.xoxb-1-canary21`);
    bolt.warn('redirect https://example.test/cb?code=abc&client_secret=canary-q-22&state=s');
    const text = lines.join('\n');
    expectNoCanary(text);
    expect(text).toContain('123.456');
    expect(text).toContain('http request body');
  });

  it('scrubText leaves ordinary text alone', () => {
    const text = 'apiCall(chat.postMessage) end: {"ok":true,"channel":"C0CHANNEL1","ts":"1700000000.000100"}';
    expect(scrubText(text)).toBe(text);
  });
});
