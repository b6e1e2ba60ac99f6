import type { webApi } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { Kysely } from 'kysely';
import type { SecretBox } from '../../crypto/secret-box.js';
import { messagesFor } from '../../i18n/catalogue.js';
import { DEFAULT_LOCALE, type Locale } from '../../i18n/locale.js';
import type { Logger } from '../../logging/logger.js';
import { explainFailure } from '../../quota/explain-failure.js';
import type { QuotaService } from '../../quota/quota-service.js';
import type { Provider, ProviderCredentials } from '../../quota/types.js';
import { findProviderById } from '../../store/provider-state.js';
import { findProvider, readCredentials, saveProvider } from '../../store/providers.js';
import type { DatabaseSchema } from '../../store/schema.js';
import { maskSecret, urlOrigin } from '../../tokens/credential-rules.js';
import { CredentialsUnreadableError } from '../../tokens/errors.js';
import { buildSetupModal, type SetupModalEditing } from '../blocks/setup-modal.js';
import { buildSetupResultMessage } from '../blocks/token-messages.js';
import { SETUP_MODAL } from '../ids.js';
import { decideSetup, type SetupValues, type StoredSetup } from './setup-form.js';

/** What the setup flow needs; passed in, never imported as singletons. */
export interface ProviderSetupDeps {
  readonly db: Kysely<DatabaseSchema>;
  readonly box: SecretBox;
  readonly clock: () => Date;
  readonly logger: Logger;
  readonly quota: QuotaService;
}

/** A submission: saved (and which provider), or the errors to show on the modal's fields. */
export type SubmitOutcome =
  | { ok: true; provider: Provider; replaced: boolean }
  | { ok: false; errors: Record<string, string> };

/** The provider a modal edits travels in private_metadata as its id; the name and team come from the database. */
function metadataOf(provider: Provider | null): string {
  return JSON.stringify(provider ? { providerId: provider.id } : {});
}

function providerIdIn(metadata: string): string | null {
  try {
    const parsed = JSON.parse(metadata) as { providerId?: unknown };
    return typeof parsed?.providerId === 'string' ? parsed.providerId : null;
  } catch {
    return null;
  }
}

/** Masks every stored secret and prefills the non-secret ids; the modal never receives a secret. */
export function describeStored(name: string, credentials: ProviderCredentials | null): SetupModalEditing {
  if (credentials === null) return { name, source: 'component', prefill: {}, masked: {} };
  switch (credentials.kind) {
    case 'static':
      return { name, source: 'static', prefill: {}, masked: { staticToken: maskSecret(credentials.token) } };
    case 'central':
      return {
        name,
        source: 'central',
        prefill: {},
        masked: {
          centralUrl: `${urlOrigin(credentials.url)}/…`,
          ...(credentials.header
            ? { centralHeader: `${credentials.header.name}: ${maskSecret(credentials.header.value)}` }
            : {}),
        },
      };
    case 'component':
      return {
        name,
        source: 'component',
        prefill: { componentAppId: credentials.componentAppId, authorizerAppId: credentials.authorizerAppId },
        masked: {
          componentSecret: maskSecret(credentials.componentSecret),
          refreshToken: maskSecret(credentials.refreshToken),
          callbackToken: maskSecret(credentials.callbackToken),
          encodingAesKey: maskSecret(credentials.encodingAesKey),
        },
      };
  }
}

/** Adding and editing providers from Slack: the modal, its submission, and the check reported afterwards. */
export function createProviderSetup(deps: ProviderSetupDeps) {
  async function stored(provider: Provider | null): Promise<StoredSetup> {
    if (provider === null) return null;
    try {
      return { name: provider.name, credentials: await readCredentials(deps.db, deps.box, provider) };
    } catch (error) {
      if (error instanceof CredentialsUnreadableError) return { name: provider.name, credentials: null };
      throw error;
    }
  }

  return {
    /** The modal for `name` (editing when the team has such a provider, adding otherwise). */
    async modalFor(teamId: string, name: string | null, locale: Locale = DEFAULT_LOCALE): Promise<ModalView> {
      const provider = name === null ? null : await findProvider(deps.db, teamId, name);
      const current = await stored(provider);
      const editing = current ? describeStored(current.name, current.credentials) : null;
      const suggested = editing === null && name !== null ? { suggestedName: name } : {};
      return buildSetupModal({ editing, privateMetadata: metadataOf(provider), ...suggested, locale });
    },

    /** Validates and saves a submission made by `userId` (whose admin rights the caller has checked). */
    async submit(input: {
      teamId: string;
      userId: string;
      values: SetupValues;
      metadata: string;
      /** The language of the field errors. */
      locale?: Locale;
    }): Promise<SubmitOutcome> {
      const locale = input.locale ?? DEFAULT_LOCALE;
      const providerId = providerIdIn(input.metadata);
      const provider = providerId === null ? null : await findProviderById(deps.db, input.teamId, providerId);
      if (providerId !== null && provider === null) {
        return {
          ok: false,
          errors: { [SETUP_MODAL.blocks.source]: messagesFor(locale).setup.removedMeanwhile },
        };
      }
      const now = deps.clock();
      const decision = decideSetup(input.values, await stored(provider), now, locale);
      if (!decision.ok) return decision;
      const { provider: saved, replaced } = await saveProvider(deps.db, deps.box, {
        teamId: input.teamId,
        name: decision.name,
        credentials: decision.credentials,
        tokenExpiresAt: decision.tokenExpiresAt,
        now,
        configuredBy: input.userId,
      });
      // /quota lists providers through the quota service's short cache: show the change at once.
      deps.quota.invalidate(saved.id);
      deps.logger.info(
        { teamId: input.teamId, providerId: saved.id, source: saved.tokenSource, replaced },
        'provider saved from Slack',
      );
      return { ok: true, provider: saved, replaced };
    },

    /** Checks WeChat with the saved provider and tells the admin in a DM; never rejects. */
    async checkAndReport(
      client: webApi.WebClient,
      userId: string,
      provider: Provider,
      replaced: boolean,
      /** The admin's language. */
      locale: Locale = DEFAULT_LOCALE,
    ): Promise<void> {
      let outcome: Parameters<typeof buildSetupResultMessage>[0]['outcome'];
      try {
        outcome = { ok: true, reading: (await deps.quota.read(provider, { fresh: true })).reading };
      } catch (error) {
        const context = {
          teamId: provider.teamId,
          providerName: provider.name,
          tokenSource: provider.tokenSource,
          locale,
        };
        outcome = { ok: false, failure: explainFailure(error, context) };
        deps.logger.warn({ err: error, providerId: provider.id, teamId: provider.teamId }, 'check after setup failed');
      }
      const message = buildSetupResultMessage({ providerName: provider.name, replaced, outcome, locale });
      await client.chat
        .postMessage({ channel: userId, text: message.text, blocks: message.blocks })
        .catch((err: unknown) =>
          deps.logger.error({ err, teamId: provider.teamId }, 'could not send the setup result'),
        );
    },
  };
}

/** The setup flow as created for the app. */
export type ProviderSetup = ReturnType<typeof createProviderSetup>;
