import { defineMessages } from '../define.js';

/** The `/quota` answer: numbers, bar captions, warnings, reset and dates. */
export const quota = defineMessages(
  {
    noProvidersToShow: 'No WeChat providers to show.',
    beijingTime: 'Beijing time',
    resets: (p: { when: string; left: string }) => `Resets ${p.when} (assumed) · ${p.left}`,
    lessThanADayLeft: 'less than a day left',
    daysLeft: (p: { days: number }) => `${p.days} ${p.days === 1 ? 'day' : 'days'} left`,
    unknownTime: 'an unknown time',
    atUnknownTime: 'at an unknown time',
    auditsLeft: (p: { rest: string; limit: string }) => `*${p.rest} of ${p.limit}* audits left`,
    expedited: (p: { rest: string; limit: string; none: boolean }) =>
      `Expedited: *${p.rest} of ${p.limit}*${p.none ? ' (none this month)' : ''}`,
    checkedAt: (p: { when: string }) => `Checked ${p.when}`,
    couldNotCheckAt: (p: { when: string; code: string }) => `Could not check ${p.when} · code \`${p.code}\``,
    whatToDo: '*What to do:*',
    exhausted: (p: { resetDay: string }) =>
      `:no_entry: *No audits left.* Submitting code for audit fails with errcode 85085 until the quota resets (${p.resetDay}, assumed).`,
    runningLow: (p: { rest: string; count: number }) =>
      `:warning: *Running low:* only ${p.rest} ${p.count === 1 ? 'audit' : 'audits'} left.`,
    expeditedExhausted:
      ':warning: *No expedited audits left.* Expediting fails with errcode 89405 until the quota resets.',
    compactHeader: (p: { count: number }) => `WeChat audit quota · ${p.count} providers`,
    compactPrefix: (p: { count: number; summary: string }) => `${p.count} providers (${p.summary}): `,
    compactAsOf: (p: { reset: string; when: string }) => `${p.reset} · as of ${p.when}`,
    andMoreUseName: (p: { hidden: number }) => `…and ${p.hidden} more — use \`/quota NAME\` to see one provider.`,
    compactFailed: (p: { name: string; headline: string }) => `⚠️ ${p.name} — could not check: ${p.headline}`,
    compactLine: (p: {
      icon: string;
      name: string;
      rest: string;
      limit: string;
      speedupRest: string;
      speedupLimit: string;
    }) => `${p.icon} ${p.name} — ${p.rest} of ${p.limit} audits left · expedited ${p.speedupRest} of ${p.speedupLimit}`,
    compactSubmissionsFail: ' · submissions fail (85085)',
    compactExpeditingFails: ' · expediting fails (89405)',
    levelExhausted: 'exhausted',
    levelFailed: 'could not be checked',
    levelLow: 'running low',
    levelOk: 'ok',
    summarySeparator: ', ',
    summaryItem: (p: { count: number; label: string }) => `${p.count} ${p.label}`,
    fallbackFailed: (p: { name: string; headline: string }) => `${p.name}: could not check (${p.headline})`,
    fallbackReading: (p: { name: string; rest: string; limit: string; speedupRest: string; speedupLimit: string }) =>
      `${p.name}: ${p.rest} of ${p.limit} audits left, ${p.speedupRest} of ${p.speedupLimit} expedited`,
    fallbackTitle: 'WeChat audit quota',
    andMore: (p: { count: number }) => ` · …and ${p.count} more`,
  },
  {
    noProvidersToShow: '没有可显示的微信服务商。',
    beijingTime: '北京时间',
    resets: (p) => `预计于 ${p.when}重置 · ${p.left}`,
    lessThanADayLeft: '不到一天',
    daysLeft: (p) => `还剩 ${p.days} 天`,
    unknownTime: '未知时间',
    atUnknownTime: '未知时间',
    auditsLeft: (p) => `剩余提审次数 *${p.rest} / ${p.limit}*`,
    expedited: (p) => `加急：*${p.rest} / ${p.limit}*${p.none ? '（本月无加急额度）' : ''}`,
    checkedAt: (p) => `查询于 ${p.when}`,
    couldNotCheckAt: (p) => `${p.when} 查询失败 · 错误码 \`${p.code}\``,
    whatToDo: '*怎么办：*',
    exhausted: (p) =>
      `:no_entry: *提审次数已用完。* 额度重置前（推测为 ${p.resetDay}），提交代码审核会失败，errcode 85085。`,
    runningLow: (p) => `:warning: *额度不多了：* 只剩 ${p.rest} 次提审。`,
    expeditedExhausted: ':warning: *加急次数已用完。* 额度重置前，加急会失败，errcode 89405。',
    compactHeader: (p) => `微信提审额度 · ${p.count} 个服务商`,
    compactPrefix: (p) => `${p.count} 个服务商（${p.summary}）：`,
    compactAsOf: (p) => `${p.reset} · 截至 ${p.when}`,
    andMoreUseName: (p) => `……还有 ${p.hidden} 个，用 \`/quota NAME\` 查看单个服务商。`,
    compactFailed: (p) => `⚠️ ${p.name} — 查询失败：${p.headline}`,
    compactLine: (p) =>
      `${p.icon} ${p.name} — 剩余提审 ${p.rest} / ${p.limit} · 加急 ${p.speedupRest} / ${p.speedupLimit}`,
    compactSubmissionsFail: ' · 提审会失败 (85085)',
    compactExpeditingFails: ' · 加急会失败 (89405)',
    levelExhausted: '已用完',
    levelFailed: '查询失败',
    levelLow: '额度偏低',
    levelOk: '正常',
    summarySeparator: '，',
    summaryItem: (p) => `${p.label} ${p.count} 个`,
    fallbackFailed: (p) => `${p.name}：查询失败（${p.headline}）`,
    fallbackReading: (p) => `${p.name}：剩余提审 ${p.rest} / ${p.limit}，加急 ${p.speedupRest} / ${p.speedupLimit}`,
    fallbackTitle: '微信提审额度',
    andMore: (p) => ` · ……还有 ${p.count} 个`,
  },
);
