import type { App } from '@slack/bolt';
import { SETUP_MODAL, SUBSCRIBE_MODAL } from '../ids.js';
import { actionListeners } from './actions/index.js';
import { quotaCommandListener } from './commands/quota-command.js';
import type { SlackDeps } from './deps.js';
import { exactly, type RoutedListener, routeById } from './dispatch.js';
import { appHomeOpenedListener } from './events/app-home-opened.js';
import { appMentionListener } from './events/app-mention.js';
import { appUninstalledListener } from './events/app-uninstalled.js';
import { tokensRevokedListener } from './events/tokens-revoked.js';
import { setupSubmissionListener } from './views/setup-submission.js';
import { subscribeSubmissionListener } from './views/subscribe-submission.js';

/** Every Events API event the bot listens to (the manifest's bot_events must list exactly these: test/manifest). */
export const LISTENED_EVENTS = ['app_mention', 'app_home_opened', 'app_uninstalled', 'tokens_revoked'] as const;
type ListenedEvent = (typeof LISTENED_EVENTS)[number];

/**
 * Registers every Slack surface the bot answers: one Bolt listener per surface (command, events, buttons, modals),
 * each routing by id to one handler per file. Only registration here.
 */
export function registerListeners(app: App, deps: SlackDeps): void {
  app.command('/quota', quotaCommandListener(deps));

  const events: Record<ListenedEvent, RoutedListener> = {
    app_mention: appMentionListener(deps),
    app_home_opened: appHomeOpenedListener(deps),
    app_uninstalled: appUninstalledListener(deps),
    tokens_revoked: tokensRevokedListener(deps),
  };
  app.event(
    exactly(LISTENED_EVENTS),
    routeById(events, (args: { event: { type: string } }) => args.event.type),
  );

  const actions = actionListeners(deps);
  app.action(
    exactly(Object.keys(actions)),
    routeById(actions, (args: { action: object }) => (args.action as { action_id?: string }).action_id),
  );

  const views: Record<string, RoutedListener> = {
    [SETUP_MODAL.callbackId]: setupSubmissionListener(deps),
    [SUBSCRIBE_MODAL.callbackId]: subscribeSubmissionListener(deps),
  };
  app.view(
    { callback_id: exactly(Object.keys(views)), type: 'view_submission' },
    routeById(views, (args: { view: { callback_id: string } }) => args.view.callback_id),
  );
}
