import { defineMessages } from '../define.js';

type E = { e: string };
type Store = { e: string; store: string };

/** Why reading the quota from WeChat failed, and what to do: one entry per failure the bot explains. */
export const failures = defineMessages(
  {
    tryAgainLater: 'Try again in a few minutes.',
    tryInAMinute: 'Try again in a minute.',
    badPayloadHeadline: 'WeChat sent an answer the bot could not read',
    badPayloadDetail:
      'WeChat, or a proxy in front of it, answered with something that is not the API’s answer ' +
      '(for example an HTML error page or a cut-off response).',
    badPayloadAction:
      'Try again in a few minutes. If it keeps happening, an admin checks the bot’s logs and its network path to WeChat.',
    tokenExpiredHeadline: 'The stored token has expired',
    tokenExpiredDetail: (p: { at: string }) =>
      `The authorizer access token stored for this provider expired on ${p.at}. ` +
      'Such tokens live about 2 hours unless a token server or the bot refreshes them.',
    storeFreshToken: (p: { store: string }) => `An admin stores a fresh token with ${p.store}.`,
    unknownDate: 'an unknown date',
    unreadableHeadline: 'The stored credentials cannot be read',
    unreadableDetail:
      'The bot cannot decrypt the credentials stored for this provider. ' +
      'Most likely ENCRYPTION_KEY changed since they were stored (or the stored data was altered).',
    unreadableAction: (p: { store: string }) =>
      `An admin restores the previous ENCRYPTION_KEY, or stores the token again with ${p.store}.`,
    internalHeadline: 'Something went wrong on our side',
    internalDetail:
      'The bot hit an unexpected problem while checking this provider. The details are in the bot’s logs.',
    internalAction: 'Try again in a few minutes. If it keeps happening, tell whoever runs the bot.',
    busyHeadline: 'WeChat is busy',
    busyDetail: (p: E) => `WeChat answered errcode ${p.e} (system busy), even after a few retries.`,
    tokenRejectedHeadline: 'WeChat rejected the stored token',
    tokenRejectedDetail: (p: E) =>
      `WeChat answered errcode ${p.e}: the stored authorizer access token is invalid, expired, ` +
      'or no longer the latest (another system may have refreshed it).',
    dailyLimitHeadline: 'WeChat’s daily call limit is reached',
    dailyLimitDetail: (p: E) => `WeChat answered errcode ${p.e}: no more calls to this API are allowed today.`,
    dailyLimitAction:
      'Try again tomorrow. An admin can see the limit with WeChat’s `openapi/quota/get` (cgi_path `/wxa/queryquota`).',
    rateLimitedHeadline: 'WeChat asked the bot to slow down',
    rateLimitedDetail: (p: E) => `WeChat answered errcode ${p.e}: too many calls in the last minute.`,
    permissionHeadline: 'The mini program has not granted the needed permission',
    permissionDetail: (p: E) =>
      `WeChat answered errcode ${p.e} (API unauthorized): the mini program whose token is stored ` +
      'has not granted permission set 18 “development management” (开发管理) to the provider.',
    permissionAction:
      'In the mini program’s authorization settings, grant permission set 18 “development management” ' +
      'to the provider, or store a token of a mini program that has granted it.',
    deauthorizedHeadline: 'The mini program no longer authorizes the provider',
    deauthorizedDetail: (p: E) => `WeChat answered errcode ${p.e}: the mini program de-authorized the provider.`,
    deauthorizedAction: (p: Store) =>
      'Have the mini program authorize the provider again, or store a token of another mini program ' +
      `that still authorizes it (${p.store}).`,
    ipHeadline: 'The bot’s IP address is not on WeChat’s whitelist',
    ipDetail: (p: E) =>
      `WeChat answered errcode ${p.e}: the address the bot calls from is not in the platform’s IP whitelist.`,
    ipAction:
      'An admin adds the bot’s egress IP address to the IP whitelist of the provider’s third-party platform ' +
      'on the WeChat Open Platform, then tries again.',
    ticketProblemHeadline: 'The component verify ticket is expired or invalid',
    ticketProblemDetail: (p: E) =>
      `WeChat answered errcode ${p.e}: the component_verify_ticket is not valid. ` +
      'WeChat pushes a fresh one every 10 minutes to the provider’s authorization event URL.',
    ticketProblemAction:
      'Wait about 10 minutes and try again. If it persists, an admin checks that the authorization event URL ' +
      'points at the bot’s /wechat/callback and that the callback token and EncodingAESKey match.',
    wrongTokenHeadline: 'The stored token is the wrong kind of token',
    wrongTokenDetail: (p: E) =>
      `WeChat answered errcode ${p.e}: this API is not authorized for the token’s owner. ` +
      'The bot needs an authorizer_access_token of a mini program that authorized the provider.',
    wrongTokenAction: (p: Store) => `An admin stores an authorizer access token with ${p.store}.`,
    refreshInvalidHeadline: 'The authorizer refresh token is no longer valid',
    refreshInvalidDetail: (p: E) =>
      `WeChat answered errcode ${p.e}: the authorizer_refresh_token was revoked or replaced.`,
    refreshInvalidAction: 'The mini program authorizes the provider again; then an admin stores the new credentials.',
    apiUnknownHeadline: (p: E) => `WeChat answered with error ${p.e}`,
    apiUnknownDetail: (p: { e: string; errmsg: string }) => `WeChat answered errcode ${p.e}: “${p.errmsg}”.`,
    apiUnknownAction: (p: E) => `Search WeChat’s documentation for errcode ${p.e}. If it persists, tell an admin.`,
    noMessage: '(no message)',
    transportTimeout: 'The request to WeChat timed out.',
    transportRefused: 'The connection to WeChat was refused.',
    transportReset: 'The connection to WeChat was cut off.',
    transportDns: 'WeChat’s address could not be looked up (DNS).',
    transportOther: 'The network request to WeChat failed.',
    timeoutHeadline: 'WeChat did not answer in time',
    unreachableHeadline: 'The bot could not reach WeChat',
    unreachableAction:
      'Try again in a few minutes. If it keeps happening, an admin checks the bot’s network access to WeChat.',
    httpHeadline: 'WeChat answered with an HTTP error',
    httpDetail: (p: { status: string }) => `WeChat, or a proxy in front of it, answered HTTP status ${p.status}.`,
    httpAction: 'Try again in a few minutes. If it keeps happening, an admin checks the bot’s network path to WeChat.',
  },
  {
    tryAgainLater: '请几分钟后重试。',
    tryInAMinute: '请一分钟后重试。',
    badPayloadHeadline: '微信返回的内容机器人无法识别',
    badPayloadDetail: '微信（或其前面的代理）返回的不是接口应答，例如 HTML 错误页或被截断的响应。',
    badPayloadAction: '请几分钟后重试。如果一直这样，请管理员检查机器人的日志以及它到微信的网络。',
    tokenExpiredHeadline: '保存的令牌已过期',
    tokenExpiredDetail: (p) =>
      `该服务商保存的 authorizer_access_token 已于 ${p.at} 过期。这类令牌有效期约 2 小时，除非由令牌服务器或机器人负责刷新。`,
    storeFreshToken: (p) => `请管理员用 ${p.store} 保存新的令牌。`,
    unknownDate: '未知日期',
    unreadableHeadline: '无法读取保存的凭据',
    unreadableDetail:
      '机器人无法解密该服务商保存的凭据。最可能是保存之后 ENCRYPTION_KEY 变了（或保存的数据被改动过）。',
    unreadableAction: (p) => `请管理员恢复原来的 ENCRYPTION_KEY，或用 ${p.store} 重新保存令牌。`,
    internalHeadline: '我们这边出了点问题',
    internalDetail: '机器人查询该服务商时遇到了意外问题，详情见机器人日志。',
    internalAction: '请几分钟后重试。如果一直这样，请告诉负责运行机器人的人。',
    busyHeadline: '微信系统繁忙',
    busyDetail: (p) => `微信返回 errcode ${p.e}（系统繁忙），重试几次后仍然如此。`,
    tokenRejectedHeadline: '微信拒绝了保存的令牌',
    tokenRejectedDetail: (p) =>
      `微信返回 errcode ${p.e}：保存的 authorizer_access_token 无效、已过期或已不是最新的（可能被其他系统刷新了）。`,
    dailyLimitHeadline: '已达到微信的每日调用上限',
    dailyLimitDetail: (p) => `微信返回 errcode ${p.e}：今天不能再调用这个接口了。`,
    dailyLimitAction:
      '请明天再试。管理员可以用微信的 `openapi/quota/get`（cgi_path 为 `/wxa/queryquota`）查看调用上限。',
    rateLimitedHeadline: '微信要求降低调用频率',
    rateLimitedDetail: (p) => `微信返回 errcode ${p.e}：最近一分钟调用次数太多。`,
    permissionHeadline: '小程序没有授予所需的权限',
    permissionDetail: (p) =>
      `微信返回 errcode ${p.e}（api unauthorized）：保存的令牌所属的小程序没有把权限集 18「开发管理」授权给服务商。`,
    permissionAction:
      '请在小程序的授权设置里把权限集 18「开发管理」授权给服务商，或改存一个已授权该权限的小程序的令牌。',
    deauthorizedHeadline: '小程序已取消对服务商的授权',
    deauthorizedDetail: (p) => `微信返回 errcode ${p.e}：小程序已取消对服务商的授权。`,
    deauthorizedAction: (p) => `请让小程序重新授权给服务商，或改存另一个仍授权给服务商的小程序的令牌（${p.store}）。`,
    ipHeadline: '机器人的 IP 地址不在微信白名单里',
    ipDetail: (p) => `微信返回 errcode ${p.e}：机器人发起调用的地址不在第三方平台的 IP 白名单里。`,
    ipAction: '请管理员在微信开放平台上，把机器人的出口 IP 加到服务商第三方平台的 IP 白名单，然后重试。',
    ticketProblemHeadline: 'component_verify_ticket 已过期或无效',
    ticketProblemDetail: (p) =>
      `微信返回 errcode ${p.e}：component_verify_ticket 无效。微信每 10 分钟会向服务商的授权事件接收 URL 推送一次新的 ticket。`,
    ticketProblemAction:
      '请等大约 10 分钟后重试。如果仍然失败，请管理员确认授权事件接收 URL 指向机器人的 /wechat/callback，且消息校验 Token 和 EncodingAESKey 一致。',
    wrongTokenHeadline: '保存的令牌类型不对',
    wrongTokenDetail: (p) =>
      `微信返回 errcode ${p.e}：令牌的所有者没有这个接口的权限。机器人需要的是已授权给服务商的小程序的 authorizer_access_token。`,
    wrongTokenAction: (p) => `请管理员用 ${p.store} 保存 authorizer_access_token。`,
    refreshInvalidHeadline: 'authorizer_refresh_token 已失效',
    refreshInvalidDetail: (p) => `微信返回 errcode ${p.e}：authorizer_refresh_token 已被撤销或替换。`,
    refreshInvalidAction: '请小程序重新授权给服务商，然后由管理员保存新的凭据。',
    apiUnknownHeadline: (p) => `微信返回了错误 ${p.e}`,
    apiUnknownDetail: (p) => `微信返回 errcode ${p.e}：“${p.errmsg}”。`,
    apiUnknownAction: (p) => `请在微信文档中搜索 errcode ${p.e}。如果一直出现，请告诉管理员。`,
    noMessage: '（无说明）',
    transportTimeout: '请求微信超时了。',
    transportRefused: '微信拒绝了连接。',
    transportReset: '与微信的连接被中断了。',
    transportDns: '无法解析微信的地址（DNS）。',
    transportOther: '访问微信的网络请求失败了。',
    timeoutHeadline: '微信没有及时响应',
    unreachableHeadline: '机器人连不上微信',
    unreachableAction: '请几分钟后重试。如果一直这样，请管理员检查机器人访问微信的网络。',
    httpHeadline: '微信返回了 HTTP 错误',
    httpDetail: (p) => `微信（或其前面的代理）返回了 HTTP 状态码 ${p.status}。`,
    httpAction: '请几分钟后重试。如果一直这样，请管理员检查机器人到微信的网络。',
  },
);
