import type { webApi } from '@slack/bolt';

/** Languages the bot speaks. English is the fallback for every other Slack locale. */
export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/**
 * Maps a Slack locale (`users.info` with `include_locale`, e.g. `zh-CN`, `zh-TW`, `en-GB`) to one we speak, or null
 * when we speak none of it (then the workspace setting decides). Traditional-Chinese readers get Simplified Chinese:
 * closer to what they read than English.
 */
export function localeFromSlack(slackLocale: string | null | undefined): Locale | null {
  if (typeof slackLocale !== 'string') return null;
  const lower = slackLocale.trim().toLowerCase();
  if (lower === 'zh' || lower.startsWith('zh-') || lower.startsWith('zh_')) return 'zh-CN';
  if (lower === 'en' || lower.startsWith('en-') || lower.startsWith('en_')) return 'en';
  return null;
}

/** Which language to answer in: per user for personal answers, per workspace for channel-wide posts. */
export interface LocaleResolver {
  /** The user's language: their Slack locale when we speak it, else the workspace's. Never rejects. */
  forUser(client: webApi.WebClient, teamId: string, userId: string): Promise<Locale>;
  /** The workspace's language (`/quota language`), for digests, alerts and other channel posts. Never rejects. */
  forWorkspace(teamId: string): Promise<Locale>;
}
