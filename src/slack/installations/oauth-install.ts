import type { Logger as BoltLogger, HTTPReceiverOptions, webApi } from '@slack/bolt';
import type { SlackOAuthConfig } from '../../config.js';
import { installPages } from './install-pages.js';
import type { QuotaInstallationStore } from './installation-store.js';

/** "Add to Slack" starts here: a redirect to Slack's authorize page with a signed, cookie-bound state. */
export const INSTALL_PATH = '/slack/install';
/** Slack sends the installing admin back here with `code` and `state`; register it as the app's redirect URL. */
export const OAUTH_REDIRECT_PATH = '/slack/oauth_redirect';

/**
 * The bot scopes an install asks for; keep in step with manifest.yml (oauth_config.scopes.bot).
 * commands: /quota. chat:write: mention answers, digests, alerts. app_mentions:read: "@Quota Bot quota".
 * users:read: users.info for admin checks and the user's locale. channels:read, groups:read: a bare "#name" given to
 * subscribe/alert. Direct messages to admins go to the user id with chat:write (no conversations.open: no im:write).
 */
export const SLACK_BOT_SCOPES = [
  'commands',
  'chat:write',
  'app_mentions:read',
  'users:read',
  'channels:read',
  'groups:read',
] as const;

/** What Bolt's HTTPReceiver needs to run the OAuth install and authorize each request from its installation. */
export type SlackReceiverOAuth = Pick<
  HTTPReceiverOptions,
  'clientId' | 'clientSecret' | 'stateSecret' | 'scopes' | 'installationStore' | 'installerOptions'
>;

/**
 * Receiver options for multi-workspace mode: Bolt's InstallProvider with our installation store. The install path
 * redirects straight to Slack (no intermediate page); state verification stays on: the state is signed with
 * SLACK_STATE_SECRET, expires, and must match the browser's cookie, so a callback is only accepted for an install
 * that this bot started in that browser.
 */
export function oauthReceiverOptions(options: {
  oauth: SlackOAuthConfig;
  installationStore: QuotaInstallationStore;
  clientOptions: webApi.WebClientOptions;
  logger: BoltLogger;
}): SlackReceiverOAuth {
  return {
    clientId: options.oauth.clientId,
    clientSecret: options.oauth.clientSecret,
    stateSecret: options.oauth.stateSecret,
    scopes: [...SLACK_BOT_SCOPES],
    installationStore: options.installationStore,
    installerOptions: {
      directInstall: true,
      stateVerification: true,
      installPath: INSTALL_PATH,
      redirectUriPath: OAUTH_REDIRECT_PATH,
      callbackOptions: installPages(INSTALL_PATH),
      // The client's debug lines print request bodies, and oauth.v2.access's body holds the client secret. The type
      // omits `logger`, but InstallProvider spreads clientOptions over its own logger, so this one wins.
      clientOptions: { ...options.clientOptions, logger: withoutDebug(options.logger) } as InstallerClientOptions,
    },
  };
}

type InstallerClientOptions = NonNullable<NonNullable<SlackReceiverOAuth['installerOptions']>['clientOptions']>;

function withoutDebug(logger: BoltLogger): BoltLogger {
  return { ...logger, debug: () => {} };
}
