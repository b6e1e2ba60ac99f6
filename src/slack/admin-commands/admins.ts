import { messagesFor } from '../../i18n/catalogue.js';
import { addWorkspaceAdmin, listWorkspaceAdmins, removeWorkspaceAdmin } from '../../store/workspace-admins.js';
import { buildAdminNotice, buildAdminsListMessage } from '../blocks/admin-messages.js';
import { buildRefusalMessage, userMention } from '../blocks/refusal-message.js';
import { escapeMrkdwn } from '../blocks/text.js';
import type { SlackMessage } from '../blocks/types.js';
import type { SubcommandHandler, SubcommandRequest } from '../subcommands.js';
import type { AdminCommandDeps } from './deps.js';
import { parseUserRef } from './user-ref.js';

type Messages = ReturnType<typeof messagesFor>['admin'];

const ADD_WORDS = new Set(['add']);
const REMOVE_WORDS = new Set(['remove', 'rm', 'delete', 'del']);
const LIST_WORDS = new Set(['list', 'ls', '']);

/**
 * `/quota admins add|remove @user` and `/quota admins list`. Anyone may list. Only Slack's workspace admins and
 * owners add and remove: a bot admin cannot add others, so handing out access stays with the people Slack trusts.
 * Every query is keyed by the team of the signed request, never by anything in the text.
 */
export function adminsCommand(deps: AdminCommandDeps): SubcommandHandler {
  return {
    // Checked per action inside: listing is for everyone.
    adminOnly: false,
    purpose: (locale) => messagesFor(locale).admin.purposeManageAdmins,
    async handle(request) {
      const locale = request.locale;
      const m = messagesFor(locale).admin;
      const [first = '', ...rest] = request.args.trim().split(/\s+/u);
      const word = first.toLowerCase();
      if (LIST_WORDS.has(word)) {
        return buildAdminsListMessage({ locale, admins: await listWorkspaceAdmins(deps.db, request.teamId) });
      }
      const adding = ADD_WORDS.has(word);
      if (!adding && !REMOVE_WORDS.has(word)) {
        return buildAdminNotice({ text: m.adminsUnknownAction({ word: safeWord(word) }), hints: [m.adminsUsage] });
      }
      if (!(await deps.permissions.isWorkspaceAdmin(request.client, request.teamId, request.userId))) {
        return buildRefusalMessage({ locale, purpose: m.purposeManageAdmins, slackAdminsOnly: true });
      }
      const target = parseUserRef(rest.join(' '));
      if (!target.ok) return buildAdminNotice({ text: m.adminsNeedsUser, hints: [m.adminsUsage] });
      return adding ? add(deps, request, target.userId, m) : remove(deps, request, target.userId, m);
    },
  };
}

async function add(deps: AdminCommandDeps, request: SubcommandRequest, userId: string, m: Messages) {
  const user = userMention(userId) ?? userId;
  const person = await deps.people.lookup(request.client, request.teamId, userId);
  // Fail closed: an account Slack cannot describe is not given configuration rights.
  if (person === null) return notice(m.cannotCheckUser({ user }));
  if (person.isBot) return notice(m.cannotAddBot({ user }));
  if (person.deleted) return notice(m.cannotAddDeleted({ user }));
  if (person.isAdmin) return notice(m.alreadySlackAdmin({ user }));
  const added = await addWorkspaceAdmin(deps.db, {
    teamId: request.teamId,
    userId,
    addedBy: request.userId,
    now: deps.clock(),
  });
  deps.permissions.forgetDelegates(request.teamId);
  return notice(added ? m.added({ user }) : m.alreadyAdded({ user }));
}

async function remove(deps: AdminCommandDeps, request: SubcommandRequest, userId: string, m: Messages) {
  const user = userMention(userId) ?? userId;
  // No users.info: a deactivated account must be removable too.
  const removed = await removeWorkspaceAdmin(deps.db, request.teamId, userId);
  deps.permissions.forgetDelegates(request.teamId);
  return notice(removed ? m.removed({ user }) : m.notAdded({ user }));
}

function notice(text: string): SlackMessage {
  return buildAdminNotice({ text });
}

/** The unknown word, shown back inside backticks: no backticks, escaped, short. */
function safeWord(word: string): string {
  return escapeMrkdwn(word.replace(/`/g, ''), 30);
}
