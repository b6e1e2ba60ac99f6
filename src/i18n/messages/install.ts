import { defineMessages } from '../define.js';

/** The pages a browser sees at the end of "Add to Slack" (GET /slack/oauth_redirect). */
export const install = defineMessages(
  {
    installedTitle: 'Quota Bot is installed',
    installedIn: (p: { team: string }) => `Quota Bot is now installed in ${p.team}.`,
    yourWorkspace: 'your workspace',
    nextSteps:
      'Type /quota in any channel to see how many code audits are left this month. ' +
      'A workspace admin adds a WeChat provider with /quota setup.',
    openSlack: 'Open Slack',
    openInBrowser: 'Open Slack in the browser',
    failedTitle: 'Quota Bot was not installed',
    cancelled: 'The install was cancelled in Slack. Nothing was installed.',
    expired:
      'This install link has expired or was opened in another browser. Start again from the install link in the ' +
      'same browser.',
    slackFailed: 'Slack did not complete the install. Please try again in a minute.',
    tryAgain: 'Start the install again',
  },
  {
    installedTitle: 'Quota Bot 已安装',
    installedIn: (p: { team: string }) => `Quota Bot 已安装到 ${p.team}。`,
    yourWorkspace: '你的工作区',
    nextSteps: '在任意频道输入 /quota，即可查看本月剩余的代码审核次数。工作区管理员可用 /quota setup 添加微信服务商。',
    openSlack: '打开 Slack',
    openInBrowser: '在浏览器中打开 Slack',
    failedTitle: 'Quota Bot 未能安装',
    cancelled: '已在 Slack 中取消安装，未安装任何内容。',
    expired: '安装链接已过期，或是在另一个浏览器中打开的。请在同一浏览器中重新从安装链接开始。',
    slackFailed: 'Slack 未能完成安装，请稍后重试。',
    tryAgain: '重新安装',
  },
);
