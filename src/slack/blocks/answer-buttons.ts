import type { ActionsBlock, KnownBlock } from '@slack/types';
import { messagesFor } from '../../i18n/catalogue.js';
import { DEFAULT_LOCALE, type Locale } from '../../i18n/locale.js';
import { ANSWER_BUTTONS } from '../ids.js';
import { BLOCK_KIT_LIMITS, blocksTextLength, mrkdwnContext } from './limits.js';
import type { SlackMessage } from './types.js';

/** What a quota answer covers: every provider of the workspace, or one by name. */
export type AnswerScope = { readonly kind: 'all' } | { readonly kind: 'one'; readonly name: string };

const ONE_PREFIX = 'one:';
/** Provider names are far shorter; anything longer in a button value was not written by us. */
const MAX_NAME_IN_VALUE = 500;

/** The button value for a scope: only the provider's name, never a team id or anything secret. */
export function encodeScope(scope: AnswerScope): string {
  return scope.kind === 'all' ? 'all' : `${ONE_PREFIX}${scope.name}`;
}

/** The scope a button value names, or null when it is not one we could have written. */
export function decodeScope(value: unknown): AnswerScope | null {
  if (value === 'all') return { kind: 'all' };
  if (typeof value !== 'string' || !value.startsWith(ONE_PREFIX)) return null;
  const name = value.slice(ONE_PREFIX.length);
  return name.trim() === '' || name.length > MAX_NAME_IN_VALUE ? null : { kind: 'one', name };
}

/** Refresh and Share to channel, carrying the answer's scope. */
export function answerButtonsBlock(scope: AnswerScope, locale: Locale = DEFAULT_LOCALE): ActionsBlock {
  const words = messagesFor(locale).actions;
  const value = encodeScope(scope);
  return {
    type: 'actions',
    block_id: ANSWER_BUTTONS.blockId,
    elements: [
      { type: 'button', action_id: ANSWER_BUTTONS.refresh, text: { type: 'plain_text', text: words.refresh }, value },
      { type: 'button', action_id: ANSWER_BUTTONS.share, text: { type: 'plain_text', text: words.share }, value },
    ],
  };
}

/** The answer with its buttons appended, unless they would push it past Block Kit's limits (then it goes bare). */
export function withAnswerButtons(message: SlackMessage, scope: AnswerScope, locale: Locale = DEFAULT_LOCALE) {
  const buttons = answerButtonsBlock(scope, locale);
  return appendIfFits(withoutAnswerButtons(message), [buttons]);
}

/** The answer without its buttons: for the copy shared in the channel. */
export function withoutAnswerButtons(message: SlackMessage): SlackMessage {
  return { text: message.text, blocks: message.blocks.filter((b) => b.block_id !== ANSWER_BUTTONS.blockId) };
}

/**
 * The copy posted visibly by Share: the same answer, attributed to who shared it, without buttons (it is a snapshot
 * someone chose to show; Refresh or Share on it would let anyone in the channel rewrite or repost it).
 */
export function sharedAnswer(message: SlackMessage, userId: string, locale: Locale = DEFAULT_LOCALE): SlackMessage {
  // The id comes from Slack's signed payload; still, only a user id's shape may become a mention.
  if (!/^[UW][A-Z0-9]{2,40}$/.test(userId)) return withoutAnswerButtons(message);
  const by = messagesFor(locale).actions.sharedBy({ user: `<@${userId}>` });
  return appendIfFits(withoutAnswerButtons(message), [mrkdwnContext([by])]);
}

function appendIfFits(message: SlackMessage, extra: KnownBlock[]): SlackMessage {
  const blocks = [...message.blocks, ...extra];
  const fits =
    blocks.length <= BLOCK_KIT_LIMITS.blocksPerMessage &&
    message.text.length + blocksTextLength(blocks) <= BLOCK_KIT_LIMITS.messageText;
  return fits ? { text: message.text, blocks } : message;
}
