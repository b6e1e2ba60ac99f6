import { defineMessages } from '../define.js';

/** Words shared by several features. */
export const common = defineMessages(
  {
    languageName: 'English',
    somethingWentWrong: 'Something went wrong on our side. Please try again in a minute.',
  },
  {
    languageName: '简体中文',
    somethingWentWrong: '我们这边出了点问题，请一分钟后重试。',
  },
);
