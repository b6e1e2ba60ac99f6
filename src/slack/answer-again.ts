import type { Locale } from '../i18n/locale.js';
import type { QuotaService } from '../quota/quota-service.js';
import type { AnswerScope } from './blocks/answer-buttons.js';
import type { SlackMessage } from './blocks/types.js';
import { ANSWER_BUTTONS } from './ids.js';
import { answerQuotaCommand, type QuotaAnswerDeps } from './quota-answers.js';

/** The quota service with readAll bypassing the cache (in-flight calls are still shared: single-flight holds). */
function freshReads(quota: QuotaService): QuotaService {
  return { ...quota, readAll: (providers) => quota.readAll(providers, { fresh: true }) };
}

/**
 * The quota answer for a button's scope in `teamId` (from the signed payload), built exactly as `/quota [NAME]`
 * builds it, so a scope naming another workspace's provider finds nothing. `fresh` bypasses the cache; `locale`
 * is the language of the answer (a promise: looked up while the quota is read).
 */
export function answerScope(
  deps: QuotaAnswerDeps,
  teamId: string,
  scope: AnswerScope,
  options: { fresh?: boolean; locale?: Locale | Promise<Locale> } = {},
): Promise<SlackMessage> {
  const answerDeps = options.fresh ? { ...deps, quota: freshReads(deps.quota) } : deps;
  const command = scope.kind === 'all' ? ({ kind: 'all' } as const) : ({ kind: 'one', name: scope.name } as const);
  return answerQuotaCommand(answerDeps, teamId, command, options.locale);
}

/** True when the message is a quota answer (it carries the buttons); help, "unknown provider" and errors do not. */
export function isQuotaAnswer(message: SlackMessage): boolean {
  return message.blocks.some((block) => block.block_id === ANSWER_BUTTONS.blockId);
}
