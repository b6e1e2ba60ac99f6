import { defineMessages } from '../define.js';

type Token = { token: string };

/** What is wrong with the arguments of `/quota subscribe`, `unsubscribe` and `alert`, and with the channel named. */
export const problems = defineMessages(
  {
    notAChannel: (p: Token) => `“${p.token}” is not a channel. Name one like #mini-program-ops.`,
    notAChannelName: (p: Token) => `“${p.token}” is not a channel name. Name one like #mini-program-ops.`,
    unexpectedAfterChannel: (p: Token) => `I didn't expect “${p.token}” after the channel.`,
    twice: (p: { what: string }) => `You gave ${p.what} twice; give it once.`,
    aChannel: 'a channel',
    aTime: 'a time',
    aTimeZone: 'a time zone',
    aWeekday: 'a weekday',
    notATime: (p: Token) => `“${p.token}” is not a time of day. Use 24-hour HH:MM, from 00:00 to 23:59.`,
    unknownTimeZone: (p: Token) =>
      `“${p.token}” is not a time zone I know. Use an IANA name such as Asia/Shanghai, Europe/Berlin or UTC.`,
    unknownWeekday: (p: Token) => `I don't know the weekday “${p.token}”. Use mon, tue, wed, thu, fri, sat or sun.`,
    alertHow:
      'Say `/quota alert 5` (5 audits left), `/quota alert 20%` (20% of the month’s limit) or `/quota alert off`.',
    alertTellWhen: (p: { how: string }) => `Tell me when to warn. ${p.how}`,
    alertUnexpected: (p: Token & { how: string }) => `I didn't expect “${p.token}”. ${p.how}`,
    alertNotANumber: (p: Token & { how: string }) => `“${p.token}” is not a number of audits or a percentage. ${p.how}`,
    alertWholeNumber: (p: Token & { how: string }) => `Use a whole number, not “${p.token}”. ${p.how}`,
    alertPercentRange: (p: { value: number }) =>
      `A percentage must be from 1% to 99% of the month’s limit, not ${p.value}%.`,
    alertNegative: (p: Token) =>
      `Audits left cannot be negative (“${p.token}”). Use 0 to be warned when none are left.`,
    alertTooMany: (p: { value: number; max: number }) =>
      `${p.value} is more audits than any monthly limit; use at most ${p.max}.`,
    invite: 'Invite me there first with `/invite @Quota Bot` (typed in that channel), then run this command again.',
    channelNotFound: (p: { name: string; invite: string }) =>
      `I can't find a channel called #${p.name}. If it is private, I can't see it yet. ${p.invite}`,
    directMessage:
      'Digests and alerts go to a channel, not a direct message. Name a channel, e.g. `/quota subscribe #mini-program-ops`.',
    directMessageShort: 'Digests and alerts go to a channel, not a direct message. Name a channel instead.',
    archived: (p: { channel: string }) => `${p.channel} is archived, so I can't post there. Pick another channel.`,
    notMember: (p: { channel: string; invite: string }) =>
      `I'm not a member of ${p.channel}, so I can't post there. ${p.invite}`,
    cannotSee: (p: { invite: string }) =>
      `I can't see that channel: it doesn't exist, or it is private and I'm not in it. ${p.invite}`,
    checkFailed: 'I could not check that channel with Slack just now. Try again in a minute.',
  },
  {
    notAChannel: (p) => `“${p.token}”不是频道。请写成 #mini-program-ops 这样的频道名。`,
    notAChannelName: (p) => `“${p.token}”不是有效的频道名。请写成 #mini-program-ops 这样的频道名。`,
    unexpectedAfterChannel: (p) => `频道后面不应该有“${p.token}”。`,
    twice: (p) => `你写了两次${p.what}，只写一次就好。`,
    aChannel: '频道',
    aTime: '时间',
    aTimeZone: '时区',
    aWeekday: '星期',
    notATime: (p) => `“${p.token}”不是有效的时间。请用 24 小时制 HH:MM，从 00:00 到 23:59。`,
    unknownTimeZone: (p) => `我不认识时区“${p.token}”。请用 IANA 时区名，例如 Asia/Shanghai、Europe/Berlin 或 UTC。`,
    unknownWeekday: (p) => `我不认识“${p.token}”这个星期。请用 mon、tue、wed、thu、fri、sat 或 sun。`,
    alertHow: '请写 `/quota alert 5`（剩余 5 次）、`/quota alert 20%`（当月额度的 20%）或 `/quota alert off`。',
    alertTellWhen: (p) => `请告诉我什么时候提醒。${p.how}`,
    alertUnexpected: (p) => `没想到会有“${p.token}”。${p.how}`,
    alertNotANumber: (p) => `“${p.token}”既不是次数也不是百分比。${p.how}`,
    alertWholeNumber: (p) => `请用整数，不要用“${p.token}”。${p.how}`,
    alertPercentRange: (p) => `百分比须在当月额度的 1% 到 99% 之间，不能是 ${p.value}%。`,
    alertNegative: (p) => `剩余次数不能是负数（“${p.token}”）。想在用完时提醒，请用 0。`,
    alertTooMany: (p) => `${p.value} 超过了任何月度额度，最多只能设为 ${p.max}。`,
    invite: '请先在那个频道里输入 `/invite @Quota Bot` 邀请我，然后重新运行这条命令。',
    channelNotFound: (p) => `找不到名为 #${p.name} 的频道。如果是私有频道，我现在还看不到。${p.invite}`,
    directMessage: '周报和提醒只能发到频道，不能发到私信。请指定一个频道，例如 `/quota subscribe #mini-program-ops`。',
    directMessageShort: '周报和提醒只能发到频道，不能发到私信。请改为指定一个频道。',
    archived: (p) => `${p.channel} 已归档，我没法在那里发消息。请换一个频道。`,
    notMember: (p) => `我不是 ${p.channel} 的成员，没法在那里发消息。${p.invite}`,
    cannotSee: (p) => `我看不到那个频道：它不存在，或者是我不在其中的私有频道。${p.invite}`,
    checkFailed: '现在无法通过 Slack 检查那个频道，请一分钟后重试。',
  },
);
