import { defineMessages } from '../define.js';

type Setup = { setup: string };

/** Why the bot could not obtain a token (central server, ticket, re-authorization, refresh), and what to do. */
export const tokenFailures = defineMessages(
  {
    centralUnreachable: 'The central token server could not be reached',
    centralTimeout: 'The central token server did not answer in time',
    centralHttpStatus: 'The central token server answered with an HTTP error',
    centralBadPayload: 'The central token server’s answer could not be used',
    centralExpired: 'The central token server handed out an expired token',
    centralDetail: (p: { host: string; status: string; message: string }) =>
      `The bot asks the provider’s own token server (${p.host}) for the access token${p.status}. ${p.message}.`,
    centralAuthAction: (p: Setup) =>
      `An admin checks the header sent to the token server (${p.setup}, or --token-url-header).`,
    centralPayloadAction:
      'Whoever runs the token server makes it answer JSON such as {"access_token": "…", "expires_in": 7200} ' +
      'with a token that is still valid (the accepted shapes are in the README).',
    centralRetryAction: (p: { host: string; setup: string }) =>
      `Try again in a few minutes. If it persists, an admin checks that ${p.host} is up and reachable ` +
      `from the bot, or changes its URL with ${p.setup}.`,
    ticketNeverHeadline: 'WeChat has not pushed a component verify ticket yet',
    ticketExpiredHeadline: 'The component verify ticket has expired',
    ticketDetail: (p: { componentAppId: string; never: boolean }) =>
      `To refresh tokens of component ${p.componentAppId} the bot needs the component_verify_ticket WeChat ` +
      'pushes every 10 minutes to the platform’s authorization event URL' +
      (p.never ? '; none has arrived.' : '; none has arrived for 12 hours.'),
    ticketAction: (p: Setup) =>
      'An admin points the authorization event URL (or a forwarder) at https://YOUR-HOST/wechat/callback and ' +
      `checks the callback token and EncodingAESKey with ${p.setup}. The next push comes within 10 minutes.`,
    reauthHeadline: 'The mini program must authorize the provider again',
    reauthRefreshTokenInvalid: 'WeChat answered errcode 61023: the authorizer_refresh_token is no longer valid.',
    reauthDeauthorized: 'WeChat answered errcode 61003: the mini program de-authorized the provider.',
    reauthUnauthorized: 'WeChat notified the bot that the mini program withdrew its authorization of the provider.',
    reauthStopped: 'The bot stopped refreshing its token.',
    reauthAction: (p: Setup) =>
      'The mini program’s admin authorizes the provider again in WeChat; then an admin stores the new authorizer ' +
      `refresh token with ${p.setup}.`,
    busyHeadline: 'Another copy of the bot is refreshing the token',
    busyDetail: 'Only one process refreshes a token at a time, and the one doing it now is taking longer than usual.',
    busyAction: 'Try again in a minute.',
    componentToken: 'component access token',
    authorizerToken: 'authorizer access token',
    whileRefreshing: (p: { what: string; detail: string }) => `While refreshing the ${p.what}: ${p.detail}`,
    refreshDailyLimitAction:
      'Token refreshes are limited per day. The bot refreshes only shortly before expiry and shares tokens ' +
      'between its processes, so another system probably refreshes with the same credentials too: let one of ' +
      'them own refreshes (the bot can use it as a central token server). A platform admin can reset the limit ' +
      '(clear_quota); otherwise wait until tomorrow.',
    refreshCheckCredentials: (p: Setup) =>
      `An admin checks the component appid, secret and authorizer appid with ${p.setup}.`,
    centralRejectedAction:
      'The bot asked the central token server again and WeChat rejected that token too. Whoever runs the token ' +
      'server checks that it hands out the current authorizer_access_token of a mini program of the provider.',
    componentRejectedAction: (p: Setup) =>
      'The bot refreshed the token and WeChat still rejects it. Try again in a few minutes; if it persists, make ' +
      'sure no other system refreshes with the same credentials (that invalidates the bot’s tokens) and check ' +
      `the setup with ${p.setup}.`,
    componentDeauthorizedAction: (p: Setup) =>
      `Have the mini program authorize the provider again, then store its new refresh token with ${p.setup}.`,
  },
  {
    centralUnreachable: '无法连接中控令牌服务器',
    centralTimeout: '中控令牌服务器没有及时响应',
    centralHttpStatus: '中控令牌服务器返回了 HTTP 错误',
    centralBadPayload: '中控令牌服务器的应答无法使用',
    centralExpired: '中控令牌服务器给出的令牌已过期',
    centralDetail: (p) =>
      `机器人向服务商自己的令牌服务器（${p.host}）获取 access_token${p.status}。详情：${p.message}。`,
    centralAuthAction: (p) => `请管理员检查发给令牌服务器的请求头（${p.setup}，或 --token-url-header）。`,
    centralPayloadAction:
      '请令牌服务器的负责人让它返回 JSON，例如 {"access_token": "…", "expires_in": 7200}，且令牌仍在有效期内（支持的格式见 README）。',
    centralRetryAction: (p) =>
      `请几分钟后重试。如果仍然失败，请管理员确认 ${p.host} 正常运行且机器人能访问，或用 ${p.setup} 修改它的 URL。`,
    ticketNeverHeadline: '微信还没有推送 component_verify_ticket',
    ticketExpiredHeadline: 'component_verify_ticket 已过期',
    ticketDetail: (p) =>
      `要刷新第三方平台 ${p.componentAppId} 的令牌，机器人需要微信每 10 分钟推送到授权事件接收 URL 的 component_verify_ticket` +
      (p.never ? '，但一次也没有收到。' : '，但已经 12 小时没有收到了。'),
    ticketAction: (p) =>
      `请管理员把授权事件接收 URL（或转发服务）指向 https://YOUR-HOST/wechat/callback，并用 ${p.setup} 核对消息校验 Token 和 EncodingAESKey。下一次推送会在 10 分钟内到达。`,
    reauthHeadline: '小程序需要重新授权给服务商',
    reauthRefreshTokenInvalid: '微信返回 errcode 61023：authorizer_refresh_token 已失效。',
    reauthDeauthorized: '微信返回 errcode 61003：小程序已取消对服务商的授权。',
    reauthUnauthorized: '微信通知机器人：小程序已撤回对服务商的授权。',
    reauthStopped: '机器人已停止刷新它的令牌。',
    reauthAction: (p) =>
      `请小程序管理员在微信里重新授权给服务商，然后由管理员用 ${p.setup} 保存新的 authorizer_refresh_token。`,
    busyHeadline: '另一个机器人进程正在刷新令牌',
    busyDetail: '同一时间只有一个进程刷新令牌，而当前正在刷新的进程比平时慢。',
    busyAction: '请一分钟后重试。',
    componentToken: 'component_access_token',
    authorizerToken: 'authorizer_access_token',
    whileRefreshing: (p) => `刷新 ${p.what} 时：${p.detail}`,
    refreshDailyLimitAction:
      '令牌刷新次数每天有上限。机器人只在快过期时刷新，并在多个进程间共享令牌，所以很可能还有其他系统在用同一套凭据刷新：' +
      '请只让其中一个负责刷新（机器人可以把它当作中控令牌服务器）。平台管理员可以重置调用次数（clear_quota），否则请等到明天。',
    refreshCheckCredentials: (p) => `请管理员用 ${p.setup} 核对第三方平台 appid、secret 和授权方 appid。`,
    centralRejectedAction:
      '机器人已重新向中控令牌服务器获取令牌，微信仍然拒绝。请令牌服务器的负责人确认它给出的是服务商名下小程序当前的 authorizer_access_token。',
    componentRejectedAction: (p) =>
      `机器人刷新了令牌，微信仍然拒绝。请几分钟后重试；如果仍然失败，请确认没有其他系统在用同一套凭据刷新（这会让机器人的令牌失效），并用 ${p.setup} 检查配置。`,
    componentDeauthorizedAction: (p) => `请让小程序重新授权给服务商，然后用 ${p.setup} 保存新的 refresh token。`,
  },
);
