import { ANSWER_BUTTONS, HOME } from '../../ids.js';
import type { SlackDeps } from '../deps.js';
import type { RoutedListener } from '../dispatch.js';
import { answerRefreshListener } from './answer-refresh.js';
import { answerShareListener } from './answer-share.js';
import { homeAddProviderListener } from './home-add-provider.js';
import { homeEditProviderListener } from './home-edit-provider.js';
import { homeRefreshListener } from './home-refresh.js';
import { homeSubscribeListener } from './home-subscribe.js';

/** Every button the bot draws, by action_id: the App Home's and those under quota answers. Registration only. */
export function actionListeners(deps: SlackDeps): Record<string, RoutedListener> {
  return {
    [HOME.refresh]: homeRefreshListener(deps),
    [HOME.addProvider]: homeAddProviderListener(deps),
    [HOME.editProvider]: homeEditProviderListener(deps),
    [HOME.subscribe]: homeSubscribeListener(deps),
    [ANSWER_BUTTONS.refresh]: answerRefreshListener(deps),
    [ANSWER_BUTTONS.share]: answerShareListener(deps),
  };
}
