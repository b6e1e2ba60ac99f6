import type { App } from '@slack/bolt';
import { SETUP_MODAL } from '../ids.js';
import { quotaCommandListener } from './commands/quota-command.js';
import type { SlackDeps } from './deps.js';
import { appMentionListener } from './events/app-mention.js';
import { setupSubmissionListener } from './views/setup-submission.js';

/** Registers every Slack surface the bot answers. Only registration here; handlers live one per file. */
export function registerListeners(app: App, deps: SlackDeps): void {
  app.command('/quota', quotaCommandListener(deps));
  app.event('app_mention', appMentionListener(deps));
  app.view(SETUP_MODAL.callbackId, setupSubmissionListener(deps));
}
