import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComponentCredentials } from '../../src/quota/types.js';
import { readTicket } from '../../src/store/component-tickets.js';
import { readProviderState } from '../../src/store/provider-state.js';
import { findProvider, saveProvider } from '../../src/store/providers.js';
import { FAKE_TEAM_ID } from '../fakes/fake-slack.js';
import { startTestBot, type TestBot } from '../helpers/start-bot.js';
import { authorizationMessage, postPush, signPush, ticketMessage } from '../helpers/wechat-push.js';

// Two workspaces configured the same component appid; B knows only its own callback token and EncodingAESKey.
const APP = 'wxc0c0c0c0c0c0c0c0';
const A = { teamId: FAKE_TEAM_ID, token: 'teamAPushToken1', key: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEF1' };
const B = { teamId: 'T0OTHER001', token: 'teamBPushToken2', key: 'ZYXWVUTSRQPONMLKJIHGFEDCBAzyxwvutsrqponmlkj' };
const credentials = (team: typeof A): ComponentCredentials => ({
  kind: 'component',
  componentAppId: APP,
  componentSecret: `secret-${team.teamId}`,
  authorizerAppId: 'wxa1a1a1a1a1a1a1a1',
  refreshToken: `refresh-${team.teamId}`,
  callbackToken: team.token,
  encodingAesKey: team.key,
});

describe('a workspace cannot plant a ticket or an event in another’s component setup', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
    for (const team of [A, B]) {
      await saveProvider(t.bot.database.db, t.bot.box, {
        teamId: team.teamId,
        name: 'Shared',
        credentials: credentials(team),
        tokenExpiresAt: null,
        now: new Date(),
      });
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('a push authenticated with B’s own token and key stores the ticket for B only', async () => {
    const push = signPush({
      token: B.token,
      encodingAesKey: B.key,
      appId: APP,
      message: ticketMessage(APP, 'planted-by-b'),
    });
    expect((await postPush(t.baseUrl, push)).status).toBe(200);
    expect((await readTicket(t.bot.database.db, t.bot.box, B.teamId, APP))?.ticket).toBe('planted-by-b');
    expect(await readTicket(t.bot.database.db, t.bot.box, A.teamId, APP)).toBeNull();
  });

  it('an unauthorized event authenticated by B does not mark A’s provider for re-authorization', async () => {
    const push = signPush({
      token: B.token,
      encodingAesKey: B.key,
      appId: APP,
      message: authorizationMessage(APP, 'unauthorized', 'wxa1a1a1a1a1a1a1a1'),
    });
    expect((await postPush(t.baseUrl, push)).status).toBe(200);
    const a = await findProvider(t.bot.database.db, A.teamId, 'Shared');
    const b = await findProvider(t.bot.database.db, B.teamId, 'Shared');
    expect(a).not.toBeNull();
    expect(
      (await readProviderState(t.bot.database.db, a as NonNullable<typeof a>))?.reauthRequiredAt ?? null,
    ).toBeNull();
    // The control: B's own provider took the event.
    expect((await readProviderState(t.bot.database.db, b as NonNullable<typeof b>))?.reauthRequiredAt).toBeTruthy();
  });

  it('B’s token with A’s (unknown to B) key, or a key-only guess, is refused and stores nothing for A', async () => {
    const mixed = signPush({ token: B.token, encodingAesKey: A.key, appId: APP, message: ticketMessage(APP, 'mixed') });
    expect((await postPush(t.baseUrl, mixed)).status).toBeGreaterThanOrEqual(400);
    expect(await readTicket(t.bot.database.db, t.bot.box, A.teamId, APP)).toBeNull();
  });
});
