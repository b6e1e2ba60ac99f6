import { defineMessages } from '../define.js';

/** Placeholders, refusals and the bot's own failures, shared by every command. */
export const errors = defineMessages(
  {
    notAvailableText: (p: { feature: string }) =>
      `/quota ${p.feature} is not available in this version yet. What works now: /quota, /quota NAME, /quota help.`,
    notAvailable: (p: { feature: string }) =>
      `:construction: \`/quota ${p.feature}\` is not available in this version yet.`,
    whatWorksNow: 'What works now: `/quota`, `/quota NAME`, `/quota help`.',
    internalText: 'Something went wrong on our side. Try again in a few minutes.',
    internal:
      ':x: *Something went wrong on our side.*\nTry again in a few minutes. If it keeps happening, tell whoever runs the bot.',
    checkingText: 'Checking WeChat…',
    checking: ':hourglass_flowing_sand: Checking WeChat…',
    workingText: 'Working on it…',
    working: ':hourglass_flowing_sand: Working on it…',
  },
  {
    notAvailableText: (p) => `当前版本还不支持 /quota ${p.feature}。现在可用：/quota、/quota NAME、/quota help。`,
    notAvailable: (p) => `:construction: 当前版本还不支持 \`/quota ${p.feature}\`。`,
    whatWorksNow: '现在可用：`/quota`、`/quota NAME`、`/quota help`。',
    internalText: '我们这边出了点问题，请几分钟后重试。',
    internal: ':x: *我们这边出了点问题。*\n请几分钟后重试。如果一直这样，请告诉负责运行机器人的人。',
    checkingText: '正在查询微信……',
    checking: ':hourglass_flowing_sand: 正在查询微信……',
    workingText: '正在处理……',
    working: ':hourglass_flowing_sand: 正在处理……',
  },
);
