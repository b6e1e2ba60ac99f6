import type { App } from '@slack/bolt';
import { SETUP_MODAL, SUBSCRIBE_MODAL } from '../ids.js';
import { registerActionListeners } from './actions/index.js';
import { quotaCommandListener } from './commands/quota-command.js';
import type { SlackDeps } from './deps.js';
import { appHomeOpenedListener } from './events/app-home-opened.js';
import { appMentionListener } from './events/app-mention.js';
import { appUninstalledListener } from './events/app-uninstalled.js';
import { tokensRevokedListener } from './events/tokens-revoked.js';
import { setupSubmissionListener } from './views/setup-submission.js';
import { subscribeSubmissionListener } from './views/subscribe-submission.js';

/** Registers every Slack surface the bot answers. Only registration here; handlers live one per file. */
export function registerListeners(app: App, deps: SlackDeps): void {
  app.command('/quota', quotaCommandListener(deps));
  app.event('app_mention', appMentionListener(deps));
  app.event('app_uninstalled', appUninstalledListener(deps));
  app.event('tokens_revoked', tokensRevokedListener(deps));
  app.view(SETUP_MODAL.callbackId, setupSubmissionListener(deps));
  app.event('app_home_opened', appHomeOpenedListener(deps));
  app.view(SUBSCRIBE_MODAL.callbackId, subscribeSubmissionListener(deps));
  registerActionListeners(app, deps);
}
