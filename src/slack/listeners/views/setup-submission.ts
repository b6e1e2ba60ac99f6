import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { messagesFor } from '../../../i18n/catalogue.js';
import { SETUP_MODAL } from '../../ids.js';
import { readSetupValues } from '../../token-commands/setup-form.js';
import type { SlackDeps } from '../deps.js';

type SubmissionArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/**
 * The setup modal's submission. Admin rights are checked again (the modal may have been opened by someone demoted
 * since); invalid input is answered with errors on the modal's fields; valid input is saved, the modal closes, and
 * a check of the saved provider is reported to the admin in a DM.
 */
export function setupSubmissionListener(deps: SlackDeps) {
  return async ({ ack, body, view, client }: SubmissionArgs): Promise<void> => {
    const teamId = body.team?.id ?? view.team_id;
    const userId = body.user.id;
    // Field errors and the DM are in the admin's language; looked up alongside the permission check (same users.info).
    const localeOf = deps.locales.forUser(client, teamId, userId);
    if (!(await deps.permissions.canConfigure(client, teamId, userId))) {
      // A field error is plain text: mentions would not render there, so it says who can without naming anyone.
      const admin = messagesFor(await localeOf).admin;
      await ack({
        response_action: 'errors',
        errors: { [SETUP_MODAL.blocks.source]: admin.notAllowed({ purpose: admin.purposeChangeProviders }) },
      });
      return;
    }
    const locale = await localeOf;
    let outcome: Awaited<ReturnType<SlackDeps['setup']['submit']>>;
    try {
      outcome = await deps.setup.submit({
        teamId,
        userId,
        values: readSetupValues(view.state),
        metadata: view.private_metadata ?? '',
        locale,
      });
    } catch (err) {
      deps.logger.error({ err, teamId }, 'could not save the setup modal');
      await ack({
        response_action: 'errors',
        errors: { [SETUP_MODAL.blocks.source]: messagesFor(locale).setup.savingFailed },
      });
      return;
    }
    if (!outcome.ok) {
      await ack({ response_action: 'errors', errors: outcome.errors });
      return;
    }
    await ack();
    await deps.inFlight.track(deps.setup.checkAndReport(client, userId, outcome.provider, outcome.replaced, locale));
  };
}
