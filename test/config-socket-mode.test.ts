import { describe, expect, it } from 'vitest';
import { assertServeConfig, loadConfig } from '../src/config.js';
import { ConfigError } from '../src/errors.js';

const APP_TOKEN = 'xapp-1-A0QUOTABOT-1234-abcdef';

function issuesOf(action: () => unknown): readonly string[] {
  try {
    action();
  } catch (err) {
    if (err instanceof ConfigError) return err.issues;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('Socket Mode configuration (SLACK_APP_TOKEN)', () => {
  it('serves in Socket Mode with an app-level token and a bot token, without a signing secret', () => {
    const config = loadConfig({ SLACK_APP_TOKEN: APP_TOKEN, SLACK_BOT_TOKEN: 'xoxb-1' });
    expect(config.slack.appToken).toBe(APP_TOKEN);
    expect(config.slack.signingSecret).toBeNull();
    expect(() => assertServeConfig(config)).not.toThrow();
  });

  it('refuses a token that is not an app-level token, saying where to create one', () => {
    const issues = issuesOf(() => loadConfig({ SLACK_APP_TOKEN: 'xoxb-pasted-the-bot-token' }));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^SLACK_APP_TOKEN: expected an app-level token starting with xapp-/);
    expect(issues[0]).toContain('connections:write');
    // The rejected value itself is never echoed: it may be a real token pasted in the wrong place.
    expect(issues[0]).not.toContain('xoxb-pasted-the-bot-token');
  });

  it('still needs the bot token in Socket Mode', () => {
    const issues = issuesOf(() => assertServeConfig(loadConfig({ SLACK_APP_TOKEN: APP_TOKEN })));
    expect(issues.some((issue) => issue.startsWith('SLACK_BOT_TOKEN:'))).toBe(true);
    expect(issues.some((issue) => issue.startsWith('SLACK_SIGNING_SECRET:'))).toBe(false);
  });

  it('refuses Socket Mode together with the multi-workspace OAuth install', () => {
    const issues = issuesOf(() =>
      assertServeConfig(
        loadConfig({
          SLACK_APP_TOKEN: APP_TOKEN,
          SLACK_CLIENT_ID: '123.456',
          SLACK_CLIENT_SECRET: 'client-secret',
          SLACK_STATE_SECRET: 'state-secret',
        }),
      ),
    );
    expect(issues.some((issue) => /^SLACK_APP_TOKEN: Socket Mode works with one workspace/.test(issue))).toBe(true);
  });

  it('still needs the signing secret in HTTP mode', () => {
    const issues = issuesOf(() => assertServeConfig(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' })));
    expect(issues.some((issue) => issue.startsWith('SLACK_SIGNING_SECRET:'))).toBe(true);
  });
});
