import { defineMessages } from '../define.js';

/** Who may change the configuration (refusals, `/quota admins`) and the workspace language (`/quota language`). */
export const admin = defineMessages(
  {
    // Refusals. `purpose` is what was refused, from the refusing feature's own area ("set low-quota alerts").
    notAllowed: (p: { purpose: string }) =>
      `Only workspace admins and owners, or people they added with \`/quota admins add\`, can ${p.purpose}.`,
    notAllowedSlackAdminsOnly: (p: { purpose: string }) =>
      `Only workspace admins and owners can ${p.purpose}; people added with \`/quota admins add\` cannot.`,
    askPeople: (p: { people: string }) => `Ask ${p.people}, or a workspace admin or owner.`,
    askAdmins: 'Ask a workspace admin or owner.',
    anyoneCanRead: 'Anyone can read the quota with `/quota`.',
    listSeparator: ', ',
    purposeManageAdmins: 'add or remove bot admins',
    purposeSetLanguage: 'change the workspace language',
    purposeChangeProviders: 'change WeChat providers',
    // `/quota admins`
    adminsUsage: '`/quota admins add @user`, `/quota admins remove @user`, `/quota admins list`',
    adminsUnknownAction: (p: { word: string }) => `I don't know \`/quota admins ${p.word}\`.`,
    adminsNeedsUser: 'Name one person with an @-mention, e.g. `/quota admins add @lin`.',
    added: (p: { user: string }) =>
      `:white_check_mark: ${p.user} can now change this workspace's configuration: providers, subscriptions, alerts and language.`,
    alreadyAdded: (p: { user: string }) => `${p.user} is already a bot admin.`,
    alreadySlackAdmin: (p: { user: string }) =>
      `${p.user} is a workspace admin or owner and can already change the configuration.`,
    cannotAddBot: (p: { user: string }) => `${p.user} is a bot or an app; only people can be bot admins.`,
    cannotAddDeleted: (p: { user: string }) => `${p.user} is deactivated; only active members can be bot admins.`,
    cannotCheckUser: (p: { user: string }) =>
      `Slack could not tell me who ${p.user} is, so nothing changed. Try again in a minute.`,
    removed: (p: { user: string }) => `:white_check_mark: ${p.user} is no longer a bot admin.`,
    notAdded: (p: { user: string }) =>
      `${p.user} is not a bot admin. Workspace admins and owners are managed in Slack, not here.`,
    listTitle: '*Who can change the configuration here*',
    listSlackAdmins: '• Every workspace admin and owner (managed in Slack)',
    listEntry: (p: { user: string; addedBy: string; date: string }) =>
      `• ${p.user} — added by ${p.addedBy} on ${p.date}`,
    listNone: 'No one else yet. Workspace admins and owners can add people with `/quota admins add @user`.',
    listMore: (p: { count: number }) => `…and ${p.count} more`,
    listHowTo: 'Workspace admins and owners add and remove people with `/quota admins add|remove @user`.',
    // `/quota language`
    languageNotSet: 'No workspace language is set, so it is *English*.',
    languageCurrent: (p: { language: string }) => `This workspace's language is *${p.language}*.`,
    languageSet: (p: { language: string }) => `:white_check_mark: This workspace's language is now *${p.language}*.`,
    languageUnchanged: (p: { language: string }) => `This workspace's language already is *${p.language}*.`,
    languageUnknown: (p: { input: string }) => `I don't know the language “${p.input}”.`,
    languageRule:
      'Answers only you see use your own Slack language when it is English or Chinese, otherwise the workspace language. Digests and alerts in channels use the workspace language.',
    languageHowTo: 'Change it with `/quota language zh-CN` or `/quota language en` (admins).',
    // Lines of `/quota help`
    helpAdmins:
      '• `/quota admins add|remove @user` — let someone change the configuration (workspace admins and owners); `/quota admins list` shows who can',
    helpLanguage:
      '• `/quota language zh-CN|en` — the workspace language (admins); your own Slack language wins in answers only you see',
  },
  {
    notAllowed: (p) => `只有工作区管理员和所有者，或他们用 \`/quota admins add\` 添加的人，才能${p.purpose}。`,
    notAllowedSlackAdminsOnly: (p) =>
      `只有工作区管理员和所有者才能${p.purpose}；用 \`/quota admins add\` 添加的人不行。`,
    askPeople: (p) => `请联系 ${p.people}，或工作区管理员、所有者。`,
    askAdmins: '请联系工作区管理员或所有者。',
    anyoneCanRead: '任何人都可以用 `/quota` 查看额度。',
    listSeparator: '、',
    purposeManageAdmins: '添加或移除机器人管理员',
    purposeSetLanguage: '修改工作区语言',
    purposeChangeProviders: '修改微信服务商',
    adminsUsage: '`/quota admins add @用户`、`/quota admins remove @用户`、`/quota admins list`',
    adminsUnknownAction: (p) => `不认识 \`/quota admins ${p.word}\`。`,
    adminsNeedsUser: '请用 @ 提及一个人，例如 `/quota admins add @lin`。',
    added: (p) => `:white_check_mark: ${p.user} 现在可以修改本工作区的配置：服务商、订阅、提醒和语言。`,
    alreadyAdded: (p) => `${p.user} 已经是机器人管理员。`,
    alreadySlackAdmin: (p) => `${p.user} 是工作区管理员或所有者，本来就可以修改配置。`,
    cannotAddBot: (p) => `${p.user} 是机器人或应用，只有真人才能成为机器人管理员。`,
    cannotAddDeleted: (p) => `${p.user} 已被停用，只有在职成员才能成为机器人管理员。`,
    cannotCheckUser: (p) => `Slack 暂时无法告诉我 ${p.user} 是谁，所以没有做任何修改。请一分钟后重试。`,
    removed: (p) => `:white_check_mark: ${p.user} 不再是机器人管理员。`,
    notAdded: (p) => `${p.user} 不是机器人管理员。工作区管理员和所有者在 Slack 中管理，不在这里。`,
    listTitle: '*谁可以修改这里的配置*',
    listSlackAdmins: '• 所有工作区管理员和所有者（在 Slack 中管理）',
    listEntry: (p) => `• ${p.user} — 由 ${p.addedBy} 于 ${p.date} 添加`,
    listNone: '暂无其他人。工作区管理员和所有者可以用 `/quota admins add @用户` 添加。',
    listMore: (p) => `…还有 ${p.count} 人`,
    listHowTo: '工作区管理员和所有者用 `/quota admins add|remove @用户` 添加或移除。',
    languageNotSet: '尚未设置工作区语言，当前为 *English*。',
    languageCurrent: (p) => `本工作区的语言是 *${p.language}*。`,
    languageSet: (p) => `:white_check_mark: 本工作区的语言已改为 *${p.language}*。`,
    languageUnchanged: (p) => `本工作区的语言已经是 *${p.language}*。`,
    languageUnknown: (p) => `不认识语言“${p.input}”。`,
    languageRule:
      '只有你能看到的回复使用你自己的 Slack 语言（英文或中文时），否则使用工作区语言。频道里的周报和提醒使用工作区语言。',
    languageHowTo: '用 `/quota language zh-CN` 或 `/quota language en` 修改（管理员）。',
    helpAdmins:
      '• `/quota admins add|remove @用户` — 允许某人修改配置（工作区管理员和所有者）；`/quota admins list` 查看谁可以修改',
    helpLanguage: '• `/quota language zh-CN|en` — 工作区语言（管理员）；只有你能看到的回复优先使用你自己的 Slack 语言',
  },
);
