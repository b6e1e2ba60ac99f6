import type { ContextBlock, HeaderBlock, KnownBlock, SectionBlock } from '@slack/types';
import { truncateLength } from './text.js';

/** Block Kit limits for messages (see shared/reference/slack.md); a message that breaks one is rejected. */
export const BLOCK_KIT_LIMITS = Object.freeze({
  blocksPerMessage: 50,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  contextElementText: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  blockId: 255,
  actionId: 255,
  /** Our own cap for the top-level `text` fallback. */
  fallbackText: 3000,
  /** "Well under ~12,000": the most text (fallback plus every text object) one message may carry. */
  messageText: 10_000,
});

/**
 * Last-resort clamp for mrkdwn we built ourselves: cut to `maxLength` without leaving half an `&amp;` entity or
 * half a `<!date…>` token behind. Builders size their text to fit; this only guards against surprises.
 */
export function clampMrkdwn(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const cut = truncateLength(text, maxLength).slice(0, -1);
  const safe = cut.replace(/&[a-z]*$/i, '').replace(/<[^>]*$/, '');
  return `${safe}…`;
}

/** A header block; `text` is plain and cut to 150 characters. */
export function headerBlock(text: string): HeaderBlock {
  return {
    type: 'header',
    text: { type: 'plain_text', text: nonEmpty(truncateLength(text, BLOCK_KIT_LIMITS.headerText)), emoji: true },
  };
}

/** A section of mrkdwn (already escaped by the caller), clamped to 3000 characters. */
export function mrkdwnSection(text: string): SectionBlock {
  return {
    type: 'section',
    text: { type: 'mrkdwn', text: nonEmpty(clampMrkdwn(text, BLOCK_KIT_LIMITS.sectionText)), verbatim: true },
  };
}

/** A section of plain text, clamped to 3000 characters: for lines full of user-controlled names. */
export function plainSection(text: string): SectionBlock {
  return {
    type: 'section',
    text: { type: 'plain_text', text: nonEmpty(truncateLength(text, BLOCK_KIT_LIMITS.sectionText)), emoji: true },
  };
}

/** A context block of mrkdwn elements (already escaped), at most 10, each clamped. */
export function mrkdwnContext(elements: readonly string[]): ContextBlock {
  return {
    type: 'context',
    elements: elements.slice(0, BLOCK_KIT_LIMITS.contextElements).map((text) => ({
      type: 'mrkdwn' as const,
      text: nonEmpty(clampMrkdwn(text, BLOCK_KIT_LIMITS.contextElementText)),
      verbatim: true,
    })),
  };
}

/** Total characters of text a message carries: the fallback plus every text object in its blocks. */
export function messageTextLength(message: { text: string; blocks: readonly KnownBlock[] }): number {
  return message.text.length + blocksTextLength(message.blocks);
}

/** Total characters of every `text` string found anywhere in `blocks`. */
export function blocksTextLength(blocks: readonly unknown[]): number {
  let total = 0;
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'text' && typeof inner === 'string') total += inner.length;
        else visit(inner);
      }
    }
  };
  visit(blocks);
  return total;
}

/** Slack rejects empty text objects. */
function nonEmpty(text: string): string {
  return text.trim() === '' ? '—' : text;
}
