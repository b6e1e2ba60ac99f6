import { describe, expect, it } from 'vitest';
import { buildCommandProblemMessage } from '../../../src/slack/blocks/subscription-messages.js';

describe('the invite instruction in a refusal', () => {
  it('can be copied and typed as is: no invisible character after the @', () => {
    const message = buildCommandProblemMessage({
      problem:
        "I'm not a member of <#C0OUT00001>. Invite me there first with `/invite @Quota Bot` (typed in that channel).",
      usage: '/quota subscribe [#channel] [WEEKDAY HH:MM] [TZ]',
    });
    const shown = JSON.stringify(message.blocks);
    expect(shown).toContain('`/invite @Quota Bot`');
    expect(shown).toContain('member of <#C0OUT00001>');
    expect(shown).not.toMatch(/\u2060/);
  });

  it('still neutralises a mention a user typed', () => {
    const message = buildCommandProblemMessage({
      problem: '“@here <!channel>” is not a weekday',
      usage: '/quota subscribe',
    });
    const shown = JSON.stringify(message);
    expect(shown).not.toContain('<!channel>');
  });
});
