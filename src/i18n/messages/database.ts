import { defineMessages } from '../define.js';

/** The bot's own database refusing to take a write (SQLite locked by another process for too long). */
export const database = defineMessages(
  {
    busyHeadline: 'The bot’s database is busy',
    busyDetail:
      'Another program held a lock on the bot’s database for several seconds, so the bot could not save what it ' +
      'needed. Nothing was changed.',
    busyAction:
      'Try again in a minute. If it keeps happening, whoever runs the bot checks what else uses the database file ' +
      '(a backup job, a second copy of the bot).',
    busyText: 'The bot’s database is busy, so nothing was changed. Try again in a minute.',
    busy:
      ':hourglass: *The bot’s database is busy.*\nAnother program held a lock on it for several seconds, so nothing ' +
      'was changed. Try again in a minute. If it keeps happening, tell whoever runs the bot.',
  },
  {
    busyHeadline: '机器人的数据库正忙',
    busyDetail: '另一个程序占用机器人的数据库锁长达数秒，机器人没能保存所需的数据。没有做任何改动。',
    busyAction:
      '请一分钟后重试。如果一直这样，请让负责运行机器人的人检查还有什么在使用这个数据库文件（如备份任务、另一个机器人实例）。',
    busyText: '机器人的数据库正忙，没有做任何改动。请一分钟后重试。',
    busy:
      ':hourglass: *机器人的数据库正忙。*\n另一个程序占用数据库锁长达数秒，没有做任何改动。请一分钟后重试。' +
      '如果一直这样，请告诉负责运行机器人的人。',
  },
);
