import { isValidSlackRequest } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { signSlackBody } from '../helpers/slack-requests.js';

// Slack's own published example (Verifying requests from Slack), quoted in shared/reference/slack.md.
const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const TIMESTAMP = 1531420618;
const BODY =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
const EXPECTED = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';

describe('Slack request signing (published example)', () => {
  it('the test suite signs requests exactly as Slack does', () => {
    expect(signSlackBody(SECRET, TIMESTAMP, BODY)).toBe(EXPECTED);
  });

  it('the verifier the app relies on accepts the example and rejects tampering, other secrets and stale timestamps', () => {
    const check = (body: string, secret: string, nowSeconds: number) =>
      isValidSlackRequest({
        signingSecret: secret,
        body,
        headers: { 'x-slack-signature': EXPECTED, 'x-slack-request-timestamp': TIMESTAMP },
        nowMilliseconds: nowSeconds * 1000,
      });
    expect(check(BODY, SECRET, TIMESTAMP + 10)).toBe(true);
    expect(check(BODY.replace('text=', 'text=x'), SECRET, TIMESTAMP + 10)).toBe(false);
    expect(check(BODY, `${SECRET}0`, TIMESTAMP + 10)).toBe(false);
    expect(check(BODY, SECRET, TIMESTAMP + 6 * 60)).toBe(false);
  });
});
