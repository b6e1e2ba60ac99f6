import { describe, expect, it } from 'vitest';
import type { Provider } from '../../src/quota/types.js';
import { buildPausedMessage } from '../../src/slack/blocks/paused-message.js';
import { buildCommandProblemMessage } from '../../src/slack/blocks/subscription-messages.js';
import { buildSetupResultMessage } from '../../src/slack/blocks/token-messages.js';
import { buildTokenStatusMessage } from '../../src/slack/blocks/token-status-message.js';
import { blockKitViolations } from '../helpers/block-kit-limits.js';

// The inputs the property tests found; kept as plain examples so a regression names itself.
describe('bugs found by the property tests', () => {
  it('a problem quoting `<!channel>` did not escape it in the fallback text', () => {
    const message = buildCommandProblemMessage({ problem: '“<!channel>” is not a number.', usage: '`/quota alert 5`' });
    expect(blockKitViolations(message)).toEqual([]);
    expect(message.text).toContain('“&lt;!channel&gt;”');
  });

  it('the space before a channel reference in a problem was lost ("member of<#C1>")', () => {
    const message = buildCommandProblemMessage({ problem: "I'm not a member of <#C0OUT00001>, so…", usage: 'x' });
    expect(message.text).toContain("I'm not a member of <#C0OUT00001>, so");
    expect(JSON.stringify(message.blocks)).toContain("I'm not a member of <#C0OUT00001>, so");
  });

  it('/quota status with 46 ordinary providers went past the message text budget', () => {
    const now = new Date('2026-11-26T01:00:00Z');
    const statuses = Array.from({ length: 60 }, (_, i) => ({
      provider: {
        id: `p${i}`,
        teamId: 'T1',
        name: `Acme Mini Programs ${i}`,
        tokenSource: 'component',
        tokenExpiresAt: null,
        createdAt: now,
        updatedAt: now,
      } satisfies Provider,
      health: 'ok' as const,
      summary: 'The bot refreshes this token itself; the last refresh worked and WeChat pushes tickets as expected.',
      tokenExpiresAt: now,
      lastRefreshAt: now,
      lastTicketAt: now,
    }));
    const message = buildTokenStatusMessage({ statuses, timeZone: 'Asia/Shanghai' });
    expect(blockKitViolations(message)).toEqual([]);
    expect(JSON.stringify(message.blocks)).toMatch(/…and \d+ more\./);
  });

  it('WeChat’s errmsg in a setup result, and Slack’s error in a pause notice, reached the fallback text raw', () => {
    const failure = { code: 'WECHAT_API', headline: 'WeChat said <!channel>', detail: 'd', action: 'Ask <!here>' };
    const result = buildSetupResultMessage({ providerName: 'Acme', replaced: false, outcome: { ok: false, failure } });
    expect(blockKitViolations(result)).toEqual([]);
    const paused = buildPausedMessage({ what: 'alert', channelId: 'C0123ABCD', error: '<!everyone>' });
    expect(blockKitViolations(paused)).toEqual([]);
  });
});
