import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HTTPReceiverOptions, Installation } from '@slack/bolt';
import { messagesFor } from '../../i18n/catalogue.js';
import { DEFAULT_LOCALE, type Locale, localeFromSlack } from '../../i18n/locale.js';

// @slack/oauth is Bolt's dependency, not ours: its types are reached through Bolt's.
type CallbackOptions = NonNullable<NonNullable<HTTPReceiverOptions['installerOptions']>['callbackOptions']>;
type CodedError = Parameters<NonNullable<CallbackOptions['failure']>>[0];

/** Errors that mean "this browser's install attempt is not valid any more": start again from the install link. */
const STALE_ATTEMPT = new Set(['slack_oauth_missing_state', 'slack_oauth_invalid_state', 'slack_oauth_missing_code']);
/** What the installer throws when the admin pressed Cancel on Slack's page (?error=access_denied). */
const CANCELLED = 'slack_oauth_installer_authorization_error';

/**
 * The pages a browser sees at the end of the install, in the browser's language (Accept-Language: Chinese gets
 * Simplified Chinese, anything else English). Replaces Bolt's English-only defaults; never shows an error's details.
 */
export function installPages(installPath: string): Pick<CallbackOptions, 'success' | 'failure'> {
  return {
    success(installation, _options, req, res) {
      const m = messagesFor(browserLocale(req)).install;
      const team = installation.team?.name ?? installation.enterprise?.name ?? m.yourWorkspace;
      const teamId = encodeURIComponent(installation.team?.id ?? installation.enterprise?.id ?? '');
      const appId = encodeURIComponent((installation as Installation).appId ?? '');
      const body = [
        `<p>${escapeHtml(m.installedIn({ team }))}</p>`,
        `<p>${escapeHtml(m.nextSteps)}</p>`,
        `<p><a href="${escapeHtml(`slack://app?team=${teamId}&id=${appId}`)}">${escapeHtml(m.openSlack)}</a> · `,
        `<a href="${escapeHtml(`https://app.slack.com/client/${teamId}`)}">${escapeHtml(m.openInBrowser)}</a></p>`,
      ];
      send(res, 200, browserLocale(req), m.installedTitle, body);
    },
    failure(error: CodedError, _options, req, res) {
      const locale = browserLocale(req);
      const m = messagesFor(locale).install;
      const [status, reason] = STALE_ATTEMPT.has(error.code)
        ? [400, m.expired]
        : error.code === CANCELLED
          ? [200, m.cancelled]
          : [500, m.slackFailed];
      const body = [
        `<p>${escapeHtml(reason)}</p>`,
        `<p><a href="${escapeHtml(installPath)}">${escapeHtml(m.tryAgain)}</a></p>`,
      ];
      send(res, status, locale, m.failedTitle, body);
    },
  };
}

/** The first language of Accept-Language (by weight) that the bot speaks; English otherwise. */
export function browserLocale(req: IncomingMessage): Locale {
  const header = req.headers['accept-language'];
  if (typeof header !== 'string') return DEFAULT_LOCALE;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? '1',
      );
      return { tag: tag.trim(), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const locale = localeFromSlack(tag);
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}

function send(res: ServerResponse, status: number, locale: Locale, title: string, body: string[]): void {
  const html = [
    '<!DOCTYPE html>',
    `<html lang="${locale}"><head><meta charset="utf-8">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    '<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5}</style>',
    `</head><body><h1>${escapeHtml(title)}</h1>`,
    ...body,
    '</body></html>',
  ].join('\n');
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    // Static text and links only: no script may run on this page.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  });
  res.end(html);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
