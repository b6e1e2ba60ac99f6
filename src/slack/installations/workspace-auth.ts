import type { AuthorizeResult, Logger as BoltLogger, webApi } from '@slack/bolt';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.js';
import type { SecretBox } from '../../crypto/secret-box.js';
import type { Logger } from '../../logging/logger.js';
import { forgetWorkspace } from '../../store/forget-workspace.js';
import { deleteInstallation, type InstallationOwner } from '../../store/installations.js';
import type { DatabaseSchema } from '../../store/schema.js';
import { singleWorkspaceAuthorize } from '../single-workspace-authorize.js';
import { type BotTokenFor, singleWorkspaceBotToken } from './bot-tokens.js';
import { createInstallationStore } from './installation-store.js';
import { INSTALL_PATH, oauthReceiverOptions, type SlackReceiverOAuth } from './oauth-install.js';

/** How the bot gets a token for each workspace: one env token, or an OAuth installation per workspace. */
export interface WorkspaceAuth {
  readonly mode: 'single-workspace' | 'oauth';
  /** Bolt's `authorize` in single-workspace mode; undefined in OAuth mode, where the receiver's installer authorizes. */
  readonly authorize: (() => Promise<AuthorizeResult>) | undefined;
  /** The receiver's OAuth install options; undefined in single-workspace mode. */
  readonly receiverOAuth: SlackReceiverOAuth | undefined;
  /** The bot token digests and notices post with, per workspace. */
  readonly botTokenFor: BotTokenFor;
  /** The app left a workspace (or an org): drop its installation and everything stored for it. */
  forget(owner: InstallationOwner): Promise<void>;
  /** At start: check the env token (single-workspace), or say where to install (OAuth). Never throws. */
  warmUp(): Promise<void>;
}

/** Picks the mode from the config (loadConfig guarantees exactly one of the bot token and OAuth). */
export function createWorkspaceAuth(deps: {
  slack: Config['slack'];
  db: Kysely<DatabaseSchema>;
  box: SecretBox;
  clock: () => Date;
  logger: Logger;
  boltLogger: BoltLogger;
  clientOptions: webApi.WebClientOptions;
}): WorkspaceAuth {
  const log = deps.logger.child({ component: 'workspace-auth' });
  const { oauth, botToken } = deps.slack;
  if (oauth !== null) {
    const installations = createInstallationStore(deps);
    return {
      mode: 'oauth',
      authorize: undefined,
      receiverOAuth: oauthReceiverOptions({
        oauth,
        installationStore: installations,
        clientOptions: deps.clientOptions,
        logger: deps.boltLogger,
      }),
      botTokenFor: installations.botTokenFor,
      async forget(owner) {
        // Evict first and last: a request racing the deletion must not keep a token cached for the full TTL.
        installations.evict(owner);
        await forgetOwner(deps.db, owner, log);
        installations.evict(owner);
      },
      async warmUp() {
        log.info(
          { installPath: INSTALL_PATH },
          'multi-workspace mode: workspaces install the app through the install path',
        );
      },
    };
  }
  if (botToken === null) throw new Error('createApp needs SLACK_BOT_TOKEN or OAuth; call assertServeConfig first');
  const single = singleWorkspaceAuthorize({
    botToken,
    clientOptions: deps.clientOptions,
    logger: deps.logger,
    boltLogger: deps.boltLogger,
  });
  return {
    mode: 'single-workspace',
    authorize: single.authorize,
    receiverOAuth: undefined,
    botTokenFor: singleWorkspaceBotToken(botToken),
    forget: (owner) => forgetOwner(deps.db, owner, log),
    warmUp: single.warmUp,
  };
}

/** A workspace's data by its team id; an org-wide install's row by its enterprise id (its workspaces keep theirs). */
async function forgetOwner(db: Kysely<DatabaseSchema>, owner: InstallationOwner, log: Logger): Promise<void> {
  if (owner.isEnterpriseInstall) {
    const deleted = await deleteInstallation(db, owner);
    log.info({ enterpriseId: owner.enterpriseId, deleted }, 'org-wide installation removed');
  }
  if (owner.teamId) {
    const deleted = await forgetWorkspace(db, owner.teamId);
    log.info({ teamId: owner.teamId, deleted }, 'workspace data deleted: the app was uninstalled or its token revoked');
  }
}
