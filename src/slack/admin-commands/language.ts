import { messagesFor } from '../../i18n/catalogue.js';
import type { Locale } from '../../i18n/locale.js';
import { getWorkspaceSettings, setWorkspaceLanguage } from '../../store/workspace-settings.js';
import { buildLanguageMessage } from '../blocks/admin-messages.js';
import { type Purpose, refuseConfiguration } from '../refusal.js';
import type { SubcommandHandler } from '../subcommands.js';
import type { AdminCommandDeps } from './deps.js';

/** What people type for each language (lower case). */
const ALIASES: ReadonlyMap<string, Locale> = new Map([
  ['zh-cn', 'zh-CN'],
  ['zh_cn', 'zh-CN'],
  ['zh', 'zh-CN'],
  ['cn', 'zh-CN'],
  ['中文', 'zh-CN'],
  ['简体中文', 'zh-CN'],
  ['chinese', 'zh-CN'],
  ['en', 'en'],
  ['en-us', 'en'],
  ['english', 'en'],
  ['英文', 'en'],
  ['英语', 'en'],
]);

const PURPOSE: Purpose = (locale) => messagesFor(locale).admin.purposeSetLanguage;

/** The language a `/quota language` argument names, or null. */
export function parseLanguage(arg: string): Locale | null {
  return ALIASES.get(arg.trim().toLowerCase()) ?? null;
}

/**
 * `/quota language [zh-CN|en]`: with no argument shows the workspace language and the rule (anyone); with one,
 * admins and bot admins change it. The answer is in the asker's language as resolved after the change.
 */
export function languageCommand(deps: AdminCommandDeps): SubcommandHandler {
  return {
    // Checked inside: showing the setting is for everyone.
    adminOnly: false,
    purpose: PURPOSE,
    async handle(request) {
      const { client, teamId, userId } = request;
      const arg = request.args.trim();
      const settings = await getWorkspaceSettings(deps.db, teamId);
      if (arg === '')
        return buildLanguageMessage({ locale: request.locale, current: settings.language, outcome: 'shown' });
      const wanted = parseLanguage(arg);
      if (wanted === null) {
        return buildLanguageMessage({ locale: request.locale, current: settings.language, outcome: { unknown: arg } });
      }
      if (!(await deps.permissions.canConfigure(client, teamId, userId))) {
        return refuseConfiguration(deps, { client, teamId, userId, purpose: PURPOSE });
      }
      const unchanged = settings.language === wanted;
      if (!unchanged) {
        await setWorkspaceLanguage(deps.db, { teamId, language: wanted, updatedBy: userId, now: deps.clock() });
        deps.locales.forgetWorkspace(teamId);
      }
      // Resolved again: someone whose Slack language we do not speak now reads the new workspace language.
      const locale = await deps.locales.forUser(client, teamId, userId);
      return buildLanguageMessage({ locale, current: wanted, outcome: unchanged ? 'unchanged' : 'changed' });
    },
  };
}
