import type { ModalView, PlainTextOption } from '@slack/types';
import { messagesFor } from '../../i18n/catalogue.js';
import type { Locale } from '../../i18n/locale.js';
import { NOTICE_MODAL, SUBSCRIBE_MODAL } from '../ids.js';
import { mrkdwnSection, plainSection } from './limits.js';

/** Zones offered in the modal: where teams building mini programs usually work, plus UTC. */
export const COMMON_TIME_ZONES: readonly string[] = Object.freeze([
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Taipei',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Asia/Seoul',
  'Asia/Bangkok',
  'Asia/Kolkata',
  'Asia/Dubai',
  'Europe/London',
  'Europe/Paris',
  'Europe/Berlin',
  'Europe/Moscow',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'Australia/Sydney',
  'Pacific/Auckland',
  'UTC',
]);

const B = SUBSCRIBE_MODAL.blocks;
const A = SUBSCRIBE_MODAL.action;

function option(text: string, value: string): PlainTextOption {
  return { text: { type: 'plain_text', text }, value };
}

/**
 * "Subscribe a channel": a channel picker, weekday, time and time zone (the workspace default preselected, plus the
 * common zones). Its submission goes through the same code as `/quota subscribe`.
 */
export function buildSubscribeModal(input: { locale: Locale; defaultTimeZone: string }): ModalView {
  const words = messagesFor(input.locale).home;
  const zones = [input.defaultTimeZone, ...COMMON_TIME_ZONES.filter((zone) => zone !== input.defaultTimeZone)];
  const zoneOptions = zones.map((zone) => option(zone, zone));
  const weekdayOptions = [1, 2, 3, 4, 5, 6, 7].map((day) => option(words.weekdayName({ weekday: day }), String(day)));
  return {
    type: 'modal',
    callback_id: SUBSCRIBE_MODAL.callbackId,
    title: { type: 'plain_text', text: words.modalTitle },
    submit: { type: 'plain_text', text: words.modalSubmit },
    close: { type: 'plain_text', text: words.modalCancel },
    blocks: [
      plainSection(words.modalIntro),
      {
        type: 'input',
        block_id: B.channel,
        label: { type: 'plain_text', text: words.channelLabel },
        hint: { type: 'plain_text', text: words.channelHint },
        element: { type: 'conversations_select', action_id: A, filter: { include: ['public', 'private'] } },
      },
      {
        type: 'input',
        block_id: B.weekday,
        label: { type: 'plain_text', text: words.weekdayLabel },
        element: { type: 'static_select', action_id: A, options: weekdayOptions, initial_option: weekdayOptions[0] },
      },
      {
        type: 'input',
        block_id: B.time,
        label: { type: 'plain_text', text: words.timeLabel },
        element: { type: 'timepicker', action_id: A, initial_time: '09:00' },
      },
      {
        type: 'input',
        block_id: B.timeZone,
        label: { type: 'plain_text', text: words.timeZoneLabel },
        element: { type: 'static_select', action_id: A, options: zoneOptions, initial_option: zoneOptions[0] },
      },
    ],
  };
}

/** A modal that only says something (e.g. why a button did nothing), with a Close button. */
export function buildNoticeModal(input: { locale: Locale; title: string; text: string }): ModalView {
  return {
    type: 'modal',
    callback_id: NOTICE_MODAL.callbackId,
    title: { type: 'plain_text', text: input.title },
    close: { type: 'plain_text', text: messagesFor(input.locale).home.close },
    blocks: [mrkdwnSection(input.text)],
  };
}
