import { defineMessages } from '../define.js';

/** The Refresh and Share buttons under every quota answer, and the shared copy's attribution. */
export const actions = defineMessages(
  {
    refresh: 'Refresh',
    share: 'Share to channel',
    sharedBy: (p: { user: string }) => `Shared by ${p.user}`,
  },
  {
    refresh: '刷新',
    share: '分享到频道',
    sharedBy: (p) => `由 ${p.user} 分享`,
  },
);
