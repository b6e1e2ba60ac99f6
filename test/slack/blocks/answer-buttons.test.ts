import { describe, expect, it } from 'vitest';
import {
  decodeScope,
  encodeScope,
  sharedAnswer,
  withAnswerButtons,
  withoutAnswerButtons,
} from '../../../src/slack/blocks/answer-buttons.js';
import { mrkdwnSection } from '../../../src/slack/blocks/limits.js';
import { ANSWER_BUTTONS } from '../../../src/slack/ids.js';
import { assertWithinBlockKitLimits } from '../../helpers/block-kit-limits.js';

const answer = { text: 'Acme: 8 of 27 audits left', blocks: [mrkdwnSection('*8 of 27* audits left')] };

describe('answer buttons', () => {
  it('carry only the scope, and read back only what we wrote', () => {
    expect(decodeScope(encodeScope({ kind: 'all' }))).toEqual({ kind: 'all' });
    expect(decodeScope(encodeScope({ kind: 'one', name: 'Acme 小程序' }))).toEqual({
      kind: 'one',
      name: 'Acme 小程序',
    });
    for (const junk of [undefined, '', 'one:', 'one:   ', 'T0OTHER:Acme', `one:${'x'.repeat(501)}`, 42]) {
      expect(decodeScope(junk)).toBeNull();
    }
  });

  it('append Refresh and Share, in the reader’s language, within Block Kit limits', () => {
    const withButtons = withAnswerButtons(answer, { kind: 'one', name: 'Acme' }, 'zh-CN');
    const actions = withButtons.blocks.at(-1) as {
      block_id: string;
      elements: Array<{ action_id: string; value: string; text: { text: string } }>;
    };
    expect(actions.block_id).toBe(ANSWER_BUTTONS.blockId);
    expect(actions.elements.map((e) => [e.action_id, e.value, e.text.text])).toEqual([
      [ANSWER_BUTTONS.refresh, 'one:Acme', '刷新'],
      [ANSWER_BUTTONS.share, 'one:Acme', '分享到频道'],
    ]);
    assertWithinBlockKitLimits(withButtons);
    // Appending twice (a refreshed answer) keeps one row of buttons.
    expect(withAnswerButtons(withButtons, { kind: 'all' }).blocks).toHaveLength(2);
  });

  it('are left off an answer that has no room for them', () => {
    const full = { text: 'x', blocks: Array.from({ length: 50 }, () => mrkdwnSection('y')) };
    expect(withAnswerButtons(full, { kind: 'all' }).blocks).toHaveLength(50);
  });

  it('are not on the shared copy, which names who shared it', () => {
    const shared = sharedAnswer(withAnswerButtons(answer, { kind: 'all' }), 'U0USER0001');
    expect(JSON.stringify(shared)).not.toContain(ANSWER_BUTTONS.blockId);
    expect(JSON.stringify(shared.blocks.at(-1))).toContain('Shared by <@U0USER0001>');
    expect(JSON.stringify(sharedAnswer(answer, '<!channel>'))).not.toContain('<!channel>');
    expect(withoutAnswerButtons(answer)).toEqual(answer);
  });
});
