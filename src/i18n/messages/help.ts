import { defineMessages } from '../define.js';

/** `/quota help`, and the answers that guide someone who asked for something we cannot show. */
export const help = defineMessages(
  {
    usage: [
      '*Check the WeChat code-audit quota*',
      '• `/quota` — audits left for every provider of this workspace',
      '• `/quota NAME` — one provider, e.g. `/quota Acme`',
      '• `/quota help` — this help',
      '• `/quota status` — where each provider’s token comes from and whether it is healthy',
      '• `/quota setup [NAME]` — add a provider or change its credentials (admins)',
      '• `/quota subscribe [#channel] [mon 09:00] [Asia/Shanghai]` — weekly digest in a channel (admins); `/quota subscriptions` lists them',
      '• `/quota alert 5` or `/quota alert 20%` — warn the channel when audits left fall that low (admins); `/quota alert off`',
      '• `@bot quota [NAME]` — mention me in a channel; I answer in a thread (`@bot help` shows this help)',
    ].join('\n'),
    usageText:
      'Usage: /quota shows every provider, /quota NAME one provider, /quota help this help; ' +
      'or mention me with "quota [NAME]".',
    resetAssumption:
      'Quotas are assumed to reset on the 1st of each month at 00:00 (WeChat does not document the exact moment).',
    noProvidersTitle: 'No WeChat providers are set up for this workspace yet.',
    noProvidersText: (p: { command: string }) =>
      `No WeChat providers are set up for this workspace yet. An admin adds one with /quota setup, or with: ${p.command}`,
    noProvidersHow:
      'A workspace admin adds one with `/quota setup`, or an admin of the bot adds one on the machine where the ' +
      'bot runs (the token is read from standard input, so it stays out of shell history):',
    noProvidersToken:
      'The token is an authorizer access token of a mini program that authorized the provider and granted it ' +
      'permission set 18 “development management”. Add `--expires-at` with its expiry so I can tell when it runs out.',
    unknownProvider: (p: { requested: string }) => `I don't know a provider called “${p.requested}”.`,
    didYouMean: (p: { names: string[] }) => ` Did you mean ${p.names.join(' or ')}?`,
    useQuotaToSeeAll: ' Use /quota to see them all.',
    noProvidersHere: 'This workspace has no providers yet.',
    providersHere: (p: { names: string; more: number }) =>
      `Providers here: ${p.names}${p.more > 0 ? `, and ${p.more} more` : ''}.`,
    listSeparator: ', ',
    quoted: (p: { name: string }) => `“${p.name}”`,
    quotaShowsAll: '`/quota` shows every provider; `/quota NAME` shows one.',
    nameControl: 'A provider name cannot contain control characters.',
    nameTooLong: (p: { length: number; max: number }) =>
      `That provider name is ${p.length} characters long; names have at most ${p.max}.`,
  },
  {
    usage: [
      '*查询微信代码提审额度*',
      '• `/quota` — 本工作区所有服务商的剩余提审次数',
      '• `/quota NAME` — 查看单个服务商，例如 `/quota Acme`',
      '• `/quota help` — 显示本帮助',
      '• `/quota status` — 各服务商的令牌来源及是否正常',
      '• `/quota setup [NAME]` — 添加服务商或修改其凭据（管理员）',
      '• `/quota subscribe [#channel] [mon 09:00] [Asia/Shanghai]` — 在频道里发送每周额度周报（管理员）；`/quota subscriptions` 列出所有订阅',
      '• `/quota alert 5` 或 `/quota alert 20%` — 剩余提审次数降到该值时在频道里提醒（管理员）；`/quota alert off` 关闭',
      '• `@bot quota [NAME]` — 在频道里 @ 我，我会在消息串里回复（`@bot help` 显示本帮助）',
    ].join('\n'),
    usageText:
      '用法：/quota 查看所有服务商，/quota NAME 查看单个服务商，/quota help 显示帮助；也可以 @ 我并输入 "quota [NAME]"。',
    resetAssumption: '提审额度按每月 1 日 00:00 重置推算（微信未公布确切的重置时间）。',
    noProvidersTitle: '本工作区还没有配置微信服务商。',
    noProvidersText: (p) => `本工作区还没有配置微信服务商。管理员可以用 /quota setup 添加，或运行：${p.command}`,
    noProvidersHow:
      '工作区管理员可以用 `/quota setup` 添加；机器人的管理员也可以在运行机器人的机器上添加（令牌从标准输入读取，不会留在 shell 历史里）：',
    noProvidersToken:
      '令牌是小程序的 authorizer_access_token，该小程序须已授权给服务商，并授予权限集 18「开发管理」。' +
      '加上 `--expires-at` 指定过期时间，我就能在它过期时告诉你。',
    unknownProvider: (p) => `找不到名为“${p.requested}”的服务商。`,
    didYouMean: (p) => ` 你是不是要找 ${p.names.join(' 或 ')}？`,
    useQuotaToSeeAll: ' 用 /quota 查看全部服务商。',
    noProvidersHere: '本工作区还没有服务商。',
    providersHere: (p) => `这里的服务商：${p.names}${p.more > 0 ? `，另有 ${p.more} 个` : ''}。`,
    listSeparator: '、',
    quoted: (p) => `“${p.name}”`,
    quotaShowsAll: '`/quota` 查看所有服务商；`/quota NAME` 查看单个服务商。',
    nameControl: '服务商名称不能包含控制字符。',
    nameTooLong: (p) => `这个服务商名称有 ${p.length} 个字符，名称最多 ${p.max} 个字符。`,
  },
);
