import type { App } from '@slack/bolt';
import { ANSWER_BUTTONS, HOME } from '../../ids.js';
import type { SlackDeps } from '../deps.js';
import { answerRefreshListener } from './answer-refresh.js';
import { answerShareListener } from './answer-share.js';
import { homeAddProviderListener } from './home-add-provider.js';
import { homeEditProviderListener } from './home-edit-provider.js';
import { homeRefreshListener } from './home-refresh.js';
import { homeSubscribeListener } from './home-subscribe.js';

/** Registers every button the bot draws: the App Home's and those under quota answers. Registration only. */
export function registerActionListeners(app: App, deps: SlackDeps): void {
  app.action(HOME.refresh, homeRefreshListener(deps));
  app.action(HOME.addProvider, homeAddProviderListener(deps));
  app.action(HOME.editProvider, homeEditProviderListener(deps));
  app.action(HOME.subscribe, homeSubscribeListener(deps));
  app.action(ANSWER_BUTTONS.refresh, answerRefreshListener(deps));
  app.action(ANSWER_BUTTONS.share, answerShareListener(deps));
}
