import { defineMessages } from '../define.js';

type Numbers = { rest: string; limit: string };

/** The weekly digest, the low-quota alert, and the notice that a channel's posts were paused. */
export const digest = defineMessages(
  {
    header: (p: { day: string }) => `Weekly WeChat audit quota · ${p.day}`,
    noProvidersText: 'Weekly WeChat audit quota: no providers are set up for this workspace yet.',
    noProviders: (p: { command: string }) =>
      `No WeChat providers are set up for this workspace yet. An admin adds one with:\n\`${p.command}\``,
    footer: 'Weekly digest · `/quota subscriptions` shows the schedule · `/quota unsubscribe` stops it',
    andMore: (p: { hidden: number }) => `…and ${p.hidden} more — \`/quota\` shows every provider.`,
    couldNotCheck: (p: { headline: string; action: string }) => `:x: Could not check: ${p.headline}. ${p.action}`,
    usedThisWeek: (p: { audits: string; expedited: string }) =>
      `Used this week: *${p.audits}* (${p.expedited} expedited)`,
    sinceReadingsStart: (p: { day: string }) => ` since ${p.day}, when readings start`,
    noReadingsYet: 'Used this week: no readings yet',
    leftLine: (p: Numbers & { speedupRest: string; speedupLimit: string }) =>
      `*${p.rest} of ${p.limit}* audits left · expedited *${p.speedupRest} of ${p.speedupLimit}*`,
    compactFailed: (p: { name: string; headline: string }) => `⚠️ ${p.name} — could not check: ${p.headline}`,
    compactUsed: (p: { audits: string }) => `used ${p.audits} this week`,
    compactNoReadings: 'no readings this week',
    compactLine: (p: Numbers & { icon: string; name: string; used: string }) =>
      `${p.icon} ${p.name} — ${p.rest} of ${p.limit} left · ${p.used}`,
    fallbackPrefix: 'Weekly audit quota: ',
    fallbackFailed: (p: { name: string }) => `${p.name}: could not check`,
    fallbackUsed: (p: { audits: string }) => `, ${p.audits} used this week`,
    fallbackItem: (p: Numbers & { name: string; used: string; forecast: string }) =>
      `${p.name} ${p.rest} of ${p.limit} left${p.used}, ${p.forecast}`,
    fallbackMore: (p: { count: number }) => ` · …and ${p.count} more`,
    forecastExhausted: (p: { resetDay: string }) =>
      `:no_entry: *No audits left:* submissions fail with errcode 85085 until the reset (${p.resetDay}, assumed).`,
    justBeforeReset: 'just before the reset',
    daysBeforeReset: (p: { days: number }) => `${p.days} ${p.days === 1 ? 'day' : 'days'} before the reset`,
    forecastRunsOut: (p: { day: string; before: string }) =>
      `:warning: At this week’s pace audits run out on *${p.day}*, ${p.before}.`,
    forecastOnTrack: (p: { left: number; resetDay: string }) =>
      `:white_check_mark: On track: at this week’s pace about ${p.left} will be left at the reset (${p.resetDay}).`,
    forecastUnknown: ':hourglass_flowing_sand: Not enough history yet for a forecast (it needs a day of readings).',
    shortExhausted: 'none left (85085)',
    shortRunsOut: (p: { day: string }) => `runs out ${p.day}`,
    shortOnTrack: 'on track',
    shortUnknown: 'no forecast yet',
    trend: (p: { weeks: number; sparkline: string }) => `${p.weeks} weeks ${p.sparkline}`,
    thresholdPercent: (p: { value: number }) => `${p.value}% of the month’s limit`,
    thresholdCount: (p: { value: number }) => `${p.value} ${p.value === 1 ? 'audit' : 'audits'} left`,
    alertExhausted: (p: { name: string; numbers: string }) =>
      `:no_entry: *${p.name}* has no audits left (${p.numbers}).`,
    alertLow: (p: { name: string; numbers: string }) => `:warning: *${p.name}* is down to *${p.numbers}* audits left.`,
    alertNumbers: (p: Numbers) => `${p.rest} of ${p.limit}`,
    alertExhaustedConsequence: (p: { reset: string }) =>
      `Submitting code for audit fails with errcode 85085 until the quota resets (${p.reset}, assumed).`,
    alertLowConsequence: (p: { reset: string; speedupRest: string; speedupLimit: string }) =>
      `The quota resets ${p.reset} (assumed). Expedited audits left: ${p.speedupRest} of ${p.speedupLimit}.`,
    alertText: (p: { exhausted: boolean; name: string; numbers: string; threshold: string }) =>
      `${p.exhausted ? 'No audits left' : 'Low audit quota'}: ${p.name} has ${p.numbers} audits left (alert at ${p.threshold}).`,
    alertContext: (p: { threshold: string }) =>
      `This channel is warned at ${p.threshold}, once per drop below it · \`/quota alert off\` turns it off`,
    pausedNotMember: 'I am not a member of that channel',
    pausedNotFound: 'the channel no longer exists, or it is private and I am not in it',
    pausedArchived: 'the channel is archived',
    pausedRefused: (p: { error: string }) => `Slack refused the post (${p.error})`,
    pausedWhatDigest: 'the weekly quota digest',
    pausedWhatAlert: 'the low-quota alert',
    pausedFixArchived: (p: { resume: string }) =>
      `Unarchive the channel (or pick another one), then run \`${p.resume}\` again.`,
    pausedFixInvite: (p: { resume: string }) =>
      `Invite me there with \`/invite @Quota Bot\` (in that channel), then run \`${p.resume}\` again.`,
    pausedText: (p: { what: string; channel: string; why: string; error: string; fix: string }) =>
      `I paused ${p.what} for ${p.channel}: ${p.why} (${p.error}). ${p.fix}`,
    paused: (p: { what: string; channel: string; why: string }) =>
      `:double_vertical_bar: I paused ${p.what} for ${p.channel}: ${p.why}.`,
    pausedContext: (p: { error: string }) =>
      `Slack said \`${p.error}\`. Nothing more is posted there until it is resumed.`,
  },
  {
    header: (p) => `微信提审额度周报 · ${p.day}`,
    noProvidersText: '微信提审额度周报：本工作区还没有配置服务商。',
    noProviders: (p) => `本工作区还没有配置微信服务商。管理员可以这样添加：\n\`${p.command}\``,
    footer: '每周周报 · `/quota subscriptions` 查看发送时间 · `/quota unsubscribe` 取消订阅',
    andMore: (p) => `……还有 ${p.hidden} 个，\`/quota\` 可查看所有服务商。`,
    couldNotCheck: (p) => `:x: 查询失败：${p.headline}。${p.action}`,
    usedThisWeek: (p) => `本周已用：*${p.audits}* 次（加急 ${p.expedited} 次）`,
    sinceReadingsStart: (p) => `，从 ${p.day} 开始有记录`,
    noReadingsYet: '本周已用：暂无记录',
    leftLine: (p) => `剩余提审 *${p.rest} / ${p.limit}* · 加急 *${p.speedupRest} / ${p.speedupLimit}*`,
    compactFailed: (p) => `⚠️ ${p.name} — 查询失败：${p.headline}`,
    compactUsed: (p) => `本周已用 ${p.audits} 次`,
    compactNoReadings: '本周暂无记录',
    compactLine: (p) => `${p.icon} ${p.name} — 剩余 ${p.rest} / ${p.limit} · ${p.used}`,
    fallbackPrefix: '提审额度周报：',
    fallbackFailed: (p) => `${p.name}：查询失败`,
    fallbackUsed: (p) => `，本周已用 ${p.audits} 次`,
    fallbackItem: (p) => `${p.name} 剩余 ${p.rest} / ${p.limit}${p.used}，${p.forecast}`,
    fallbackMore: (p) => ` · ……还有 ${p.count} 个`,
    forecastExhausted: (p) =>
      `:no_entry: *提审次数已用完：* 重置前（推测为 ${p.resetDay}）提交审核会失败，errcode 85085。`,
    justBeforeReset: '就在重置前',
    daysBeforeReset: (p) => `比重置早 ${p.days} 天`,
    forecastRunsOut: (p) => `:warning: 按本周的速度，提审次数会在 *${p.day}* 用完，${p.before}。`,
    forecastOnTrack: (p) => `:white_check_mark: 够用：按本周的速度，重置时（${p.resetDay}）大约还剩 ${p.left} 次。`,
    forecastUnknown: ':hourglass_flowing_sand: 记录还不够，暂时无法预测（需要一天的数据）。',
    shortExhausted: '已用完 (85085)',
    shortRunsOut: (p) => `预计 ${p.day} 用完`,
    shortOnTrack: '够用',
    shortUnknown: '暂无预测',
    trend: (p) => `近 ${p.weeks} 周 ${p.sparkline}`,
    thresholdPercent: (p) => `当月额度的 ${p.value}%`,
    thresholdCount: (p) => `剩余 ${p.value} 次`,
    alertExhausted: (p) => `:no_entry: *${p.name}* 的提审次数已用完（${p.numbers}）。`,
    alertLow: (p) => `:warning: *${p.name}* 的剩余提审次数只有 *${p.numbers}* 了。`,
    alertNumbers: (p) => `${p.rest} / ${p.limit}`,
    alertExhaustedConsequence: (p) => `额度重置前（推测为 ${p.reset}），提交代码审核会失败，errcode 85085。`,
    alertLowConsequence: (p) =>
      `额度将于 ${p.reset} 重置（推测）。剩余加急次数：${p.speedupRest} / ${p.speedupLimit}。`,
    alertText: (p) =>
      `${p.exhausted ? '提审次数已用完' : '提审额度不足'}：${p.name} 剩余 ${p.numbers} 次（提醒阈值：${p.threshold}）。`,
    alertContext: (p) => `额度降到${p.threshold}时会提醒本频道，每次跌破只提醒一次 · \`/quota alert off\` 关闭提醒`,
    pausedNotMember: '我不是那个频道的成员',
    pausedNotFound: '频道已不存在，或者是我不在其中的私有频道',
    pausedArchived: '频道已归档',
    pausedRefused: (p) => `Slack 拒绝了这条消息（${p.error}）`,
    pausedWhatDigest: '每周额度周报',
    pausedWhatAlert: '额度不足提醒',
    pausedFixArchived: (p) => `请取消归档（或换一个频道），然后重新运行 \`${p.resume}\`。`,
    pausedFixInvite: (p) => `请在那个频道里用 \`/invite @Quota Bot\` 邀请我，然后重新运行 \`${p.resume}\`。`,
    pausedText: (p) => `我暂停了 ${p.channel} 的${p.what}：${p.why}（${p.error}）。${p.fix}`,
    paused: (p) => `:double_vertical_bar: 我暂停了 ${p.channel} 的${p.what}：${p.why}。`,
    pausedContext: (p) => `Slack 返回 \`${p.error}\`。恢复之前不会再往那里发消息。`,
  },
);
