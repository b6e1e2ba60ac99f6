import { defineMessages } from '../define.js';

/** `/quota subscribe`, `unsubscribe`, `subscriptions` and `alert`: their answers, usage lines and purposes. */
export const subscriptions = defineMessages(
  {
    purposeSubscribe: 'subscribe a channel to the weekly quota digest',
    purposeUnsubscribe: 'unsubscribe a channel from the weekly quota digest',
    purposeList: 'list the weekly digest subscriptions',
    purposeAlert: 'set low-quota alerts',
    subscribeUsage:
      '`/quota subscribe [#channel] [WEEKDAY HH:MM] [TIME-ZONE]`, e.g. `/quota subscribe #mini-program-ops mon 09:00 Asia/Shanghai`',
    unsubscribeUsage: '`/quota unsubscribe [#channel]`',
    alertUsage: '`/quota alert N|N%|off [#channel]`, e.g. `/quota alert 5` or `/quota alert 20% #mini-program-ops`',
    usage: (p: { usage: string }) => `Usage: ${p.usage}`,
    schedule: (p: { weekday: string; time: string; zone: string }) => `${p.weekday}s at ${p.time} (${p.zone})`,
    subscribedNow: (p: { channel: string; when: string }) => `${p.channel} now gets the weekly quota digest ${p.when}.`,
    subscribedWill: (p: { channel: string; when: string }) =>
      `${p.channel} will get the weekly quota digest ${p.when}.`,
    firstOne: (p: { next: string }) => `First one: ${p.next}.`,
    nextOne: (p: { next: string }) => `Next one: *${p.next}*.`,
    subscribedContext:
      '`/quota alert 5` also warns the channel when audits left fall to 5 · `/quota unsubscribe` stops the digest',
    unsubscribed: (p: { channel: string }) => `${p.channel} no longer gets the weekly quota digest.`,
    notSubscribed: (p: { channel: string }) =>
      `${p.channel} was not subscribed to the weekly quota digest; nothing changed.`,
    alertOff: (p: { channel: string }) => `The low-quota alert for ${p.channel} is off.`,
    alertWasOff: (p: { channel: string }) => `${p.channel} had no low-quota alert; nothing changed.`,
    alertSet: (p: { channel: string; threshold: string }) =>
      `${p.channel} will be warned when a provider's audits left fall to ${p.threshold}: once each time, not every hour.`,
    alertSetContext:
      'Checked every 15 minutes or so · warns again only after audits left rise above it (e.g. the monthly reset)',
    noneYet: 'No channel gets the weekly quota digest or low-quota alerts yet.',
    noneYetHow: 'An admin runs `/quota subscribe` in a channel (or `/quota subscribe #channel mon 09:00`).',
    paused: (p: { reason: string }) => ` · :double_vertical_bar: paused (${p.reason})`,
    unknownReason: 'unknown',
    digestLine: (p: { channel: string; schedule: string }) => `• ${p.channel} — digest ${p.schedule}`,
    nextAt: (p: { next: string }) => ` · next ${p.next}`,
    alertLine: (p: { channel: string; threshold: string }) => `• ${p.channel} — alert at ${p.threshold}`,
    summary: (p: { digests: number; alerts: number }) =>
      `${p.digests} digest ${p.digests === 1 ? 'subscription' : 'subscriptions'}, ${p.alerts} ${p.alerts === 1 ? 'alert' : 'alerts'}`,
    listText: (p: { summary: string }) => `Weekly quota digests and alerts of this workspace: ${p.summary}.`,
    listTitle: (p: { summary: string }) => `*Weekly quota digests and alerts* (${p.summary})`,
    andMore: (p: { hidden: number }) => `…and ${p.hidden} more.`,
  },
  {
    purposeSubscribe: '为频道订阅每周额度周报',
    purposeUnsubscribe: '为频道取消每周额度周报',
    purposeList: '查看每周周报的订阅',
    purposeAlert: '设置额度不足提醒',
    subscribeUsage:
      '`/quota subscribe [#channel] [WEEKDAY HH:MM] [TIME-ZONE]`，例如 `/quota subscribe #mini-program-ops mon 09:00 Asia/Shanghai`',
    unsubscribeUsage: '`/quota unsubscribe [#channel]`',
    alertUsage: '`/quota alert N|N%|off [#channel]`，例如 `/quota alert 5` 或 `/quota alert 20% #mini-program-ops`',
    usage: (p) => `用法：${p.usage}`,
    schedule: (p) => `每${p.weekday} ${p.time}（${p.zone}）`,
    subscribedNow: (p) => `${p.channel} 改为${p.when}收到每周额度周报。`,
    subscribedWill: (p) => `${p.channel} 将在${p.when}收到每周额度周报。`,
    firstOne: (p) => `第一份：${p.next}。`,
    nextOne: (p) => `下一份：*${p.next}*。`,
    subscribedContext: '`/quota alert 5` 可以在剩余提审次数降到 5 时提醒本频道 · `/quota unsubscribe` 取消周报',
    unsubscribed: (p) => `${p.channel} 不会再收到每周额度周报。`,
    notSubscribed: (p) => `${p.channel} 本来就没有订阅每周额度周报，没有任何改动。`,
    alertOff: (p) => `已关闭 ${p.channel} 的额度不足提醒。`,
    alertWasOff: (p) => `${p.channel} 本来就没有额度不足提醒，没有任何改动。`,
    alertSet: (p) => `服务商剩余提审次数降到${p.threshold}时，会提醒 ${p.channel}：每次只提醒一次，不会每小时重复。`,
    alertSetContext: '大约每 15 分钟检查一次 · 只有剩余次数回升到阈值以上（例如每月重置）后才会再次提醒',
    noneYet: '还没有频道订阅每周额度周报或额度不足提醒。',
    noneYetHow: '管理员可以在频道里运行 `/quota subscribe`（或 `/quota subscribe #channel mon 09:00`）。',
    paused: (p) => ` · :double_vertical_bar: 已暂停（${p.reason}）`,
    unknownReason: '原因未知',
    digestLine: (p) => `• ${p.channel} — 周报 ${p.schedule}`,
    nextAt: (p) => ` · 下一份 ${p.next}`,
    alertLine: (p) => `• ${p.channel} — 提醒阈值：${p.threshold}`,
    summary: (p) => `${p.digests} 个周报订阅，${p.alerts} 个提醒`,
    listText: (p) => `本工作区的每周额度周报和提醒：${p.summary}。`,
    listTitle: (p) => `*每周额度周报和提醒*（${p.summary}）`,
    andMore: (p) => `……还有 ${p.hidden} 个。`,
  },
);
