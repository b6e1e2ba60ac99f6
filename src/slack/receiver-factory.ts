import type { Logger as BoltLogger, CustomRoute, HTTPReceiver, webApi } from '@slack/bolt';
import type { Config } from '../config.js';
import type { SlackReceiverOAuth } from './installations/oauth-install.js';
import { createSlackReceiver } from './receiver.js';
import type { SocketModeWithRoutes } from './socket-mode.js';

/**
 * The receiver for the configured mode: Socket Mode when SLACK_APP_TOKEN is set, else HTTP on /slack/events. Both
 * serve the same custom routes on PORT and feed the same listeners. The Socket Mode module is imported only when
 * used, so HTTP mode does not load it.
 */
export async function createReceiver(options: {
  slack: Config['slack'];
  logger: BoltLogger;
  clientOptions: webApi.WebClientOptions;
  customRoutes: CustomRoute[];
  /** Multi-workspace OAuth install (HTTP mode): see src/slack/installations/oauth-install.ts. */
  oauth?: SlackReceiverOAuth | undefined;
}): Promise<HTTPReceiver | SocketModeWithRoutes> {
  const { appToken, signingSecret } = options.slack;
  if (appToken !== null) {
    const { createSocketModeReceiver } = await import('./socket-mode.js');
    return createSocketModeReceiver({
      appToken,
      logger: options.logger,
      clientOptions: options.clientOptions,
      customRoutes: options.customRoutes,
    });
  }
  if (signingSecret === null) {
    throw new Error('HTTP mode needs SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode); see assertServeConfig');
  }
  // Bolt's HTTPReceiver plus a body cap and a refusal of future timestamps (src/slack/receiver.ts).
  return createSlackReceiver({
    signingSecret,
    logger: options.logger,
    customRoutes: options.customRoutes,
    ...(options.oauth ? { oauth: options.oauth } : {}),
  });
}
