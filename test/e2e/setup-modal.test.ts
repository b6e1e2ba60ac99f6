import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SETUP_MODAL } from '../../src/slack/ids.js';
import { readProviderState } from '../../src/store/provider-state.js';
import { findProvider, readCredentials } from '../../src/store/providers.js';
import { FAKE_ADMIN_USER_ID, FAKE_TEAM_ID } from '../fakes/fake-slack.js';
import { assertWithinBlockKitLimits } from '../helpers/block-kit-limits.js';
import { submitView, textValues, type ViewStateValues } from '../helpers/slack-interactivity.js';
import { startTestBot, type TestBot } from '../helpers/start-bot.js';

const B = SETUP_MODAL.blocks;
const QUOTA = { rest: 8, limit: 27, speedup_rest: 1, speedup_limit: 3 };
const source = (kind: string): ViewStateValues => ({
  [B.source]: { value: { type: 'radio_buttons', selected_option: { value: kind } } },
});
const COMPONENT_TYPED = {
  [B.componentAppId]: 'wxc0c0c0c0c0c0c0c0',
  [B.componentSecret]: 'component-secret-canary-abcd',
  [B.authorizerAppId]: 'wxa1a1a1a1a1a1a1a1',
  [B.refreshToken]: 'refresh-token-canary-wxyz',
  [B.callbackToken]: 'pushToken123',
  [B.encodingAesKey]: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
};

/** The modal the bot opened with views.open, parsed, and the call's trigger_id. */
function openedViews(t: TestBot) {
  return t.slack.calls
    .filter((c) => c.method === 'views.open')
    .map((c) => ({ triggerId: c.args.trigger_id, view: JSON.parse(String(c.args.view)) }));
}

function expectModalWithinLimits(view: {
  title: { text: string };
  submit: { text: string };
  close: { text: string };
  blocks: Array<{ block_id?: string }>;
  private_metadata: string;
}) {
  expect(view.title.text.length).toBeLessThanOrEqual(24);
  expect(view.submit.text.length).toBeLessThanOrEqual(24);
  expect(view.close.text.length).toBeLessThanOrEqual(24);
  expect(view.blocks.length).toBeLessThanOrEqual(100);
  expect(view.private_metadata.length).toBeLessThanOrEqual(3000);
  const ids = view.blocks.map((b) => b.block_id).filter((id) => id !== undefined);
  expect(new Set(ids).size).toBe(ids.length);
}

describe('/quota setup and /quota status end to end', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await startTestBot();
  });
  afterEach(async () => {
    await t.close();
  });
  const dmsTo = (user: string) =>
    t.slack.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === user);

  it('opens the modal for an admin with the trigger_id, and answers nothing in the channel', async () => {
    const res = await t.command('setup', { userId: FAKE_ADMIN_USER_ID });
    expect(res.status).toBe(200);
    // Nothing to say in the channel (a slow machine may ack "working on it" first and delete it afterwards).
    expect(res.text === '' || res.text.includes('Working on it')).toBe(true);
    const [opened] = openedViews(t);
    expect(opened?.triggerId).toMatch(/^398738663015\./);
    expect(opened?.view).toMatchObject({
      type: 'modal',
      callback_id: SETUP_MODAL.callbackId,
      title: { text: 'Add WeChat provider' },
    });
    expectModalWithinLimits(opened?.view);
  });

  it('refuses a non-admin, and opens nothing', async () => {
    const res = await t.command('setup', { userId: 'U0MEMBER01' });
    expect(JSON.stringify(res.json)).toContain('Only workspace admins and owners');
    expect(openedViews(t)).toEqual([]);
  });

  it('answers invalid input with errors on the modal’s fields, saving nothing', async () => {
    const res = await submitView(t.baseUrl, {
      callbackId: SETUP_MODAL.callbackId,
      userId: FAKE_ADMIN_USER_ID,
      values: {
        ...textValues({ [B.name]: 'help me', [B.centralUrl]: 'ftp://tokens', [B.centralHeader]: 'no colon' }),
        ...source('central'),
      },
    });
    expect(res.status).toBe(200);
    const body = res.json as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(Object.keys(body.errors).sort()).toEqual([B.centralHeader, B.centralUrl, B.name].sort());
    expect(body.errors[B.name]).toMatch(/command word/);
    expect(JSON.stringify(body)).not.toContain('ftp://tokens');
    expect(await findProvider(t.bot.database.db, FAKE_TEAM_ID, 'help me')).toBeNull();
    const missing = await submitView(t.baseUrl, {
      callbackId: SETUP_MODAL.callbackId,
      userId: FAKE_ADMIN_USER_ID,
      values: { ...textValues({ [B.name]: 'Acme' }), ...source('component') },
    });
    expect(Object.keys((missing.json as { errors: object }).errors)).toHaveLength(6);
  });

  it('refuses a submission from someone who is not an admin (any more)', async () => {
    const res = await submitView(t.baseUrl, {
      callbackId: SETUP_MODAL.callbackId,
      userId: 'U0MEMBER01',
      values: { ...textValues({ [B.name]: 'Acme', [B.staticToken]: 'static-token-canary' }), ...source('static') },
    });
    expect((res.json as { errors: Record<string, string> }).errors[B.source]).toMatch(/Only workspace admins/);
    expect(await findProvider(t.bot.database.db, FAKE_TEAM_ID, 'Acme')).toBeNull();
  });

  it('saves good input, closes the modal, checks WeChat and tells the admin the numbers in a DM', async () => {
    t.wechat.setQuota('static-token-canary-1234', QUOTA);
    const res = await submitView(t.baseUrl, {
      callbackId: SETUP_MODAL.callbackId,
      userId: FAKE_ADMIN_USER_ID,
      values: { ...textValues({ [B.name]: 'Acme', [B.staticToken]: 'static-token-canary-1234' }), ...source('static') },
    });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    const acme = await findProvider(t.bot.database.db, FAKE_TEAM_ID, 'Acme');
    expect(acme?.tokenSource).toBe('static');
    expect(acme && (await readProviderState(t.bot.database.db, acme))?.configuredBy).toBe(FAKE_ADMIN_USER_ID);
    await t.slack.waitFor(() => dmsTo(FAKE_ADMIN_USER_ID).length === 1);
    const dm = dmsTo(FAKE_ADMIN_USER_ID)[0]?.args as { text: string; blocks: unknown[] };
    expect(dm.text).toContain('8 of 27');
    assertWithinBlockKitLimits(dm);
    expect(t.logs.join('\n')).not.toContain('canary');
  });

  it('a component setup is saved and the DM says WeChat has not pushed a ticket yet', async () => {
    await submitView(t.baseUrl, {
      callbackId: SETUP_MODAL.callbackId,
      userId: FAKE_ADMIN_USER_ID,
      values: { ...textValues({ [B.name]: 'Globex', ...COMPONENT_TYPED }), ...source('component') },
    });
    await t.slack.waitFor(() => dmsTo(FAKE_ADMIN_USER_ID).length === 1);
    expect(String(dmsTo(FAKE_ADMIN_USER_ID)[0]?.args.text)).toContain('component verify ticket');
  });

  it('editing shows secrets masked, prefills the appids, and keeps secrets left empty', async () => {
    await submitView(t.baseUrl, {
      callbackId: SETUP_MODAL.callbackId,
      userId: FAKE_ADMIN_USER_ID,
      values: { ...textValues({ [B.name]: 'Globex', ...COMPONENT_TYPED }), ...source('component') },
    });
    await t.command('setup globex', { userId: FAKE_ADMIN_USER_ID });
    const [opened] = openedViews(t);
    const shown = JSON.stringify(opened?.view);
    expect(opened?.view.title.text).toBe('Edit WeChat provider');
    expectModalWithinLimits(opened?.view);
    expect(shown).toContain('••••••••abcd');
    expect(shown).toContain('••••••••wxyz');
    expect(shown).toContain('wxc0c0c0c0c0c0c0c0');
    for (const secret of ['component-secret-canary', 'refresh-token-canary', 'pushToken123', 'ABCDEFG']) {
      expect(shown).not.toContain(secret);
    }
    const res = await submitView(t.baseUrl, {
      callbackId: SETUP_MODAL.callbackId,
      userId: FAKE_ADMIN_USER_ID,
      privateMetadata: opened?.view.private_metadata,
      values: {
        ...textValues({ [B.componentAppId]: 'wxc0c0c0c0c0c0c0c0', [B.authorizerAppId]: 'wxb2b2b2b2b2b2b2b2' }),
        ...source('component'),
      },
    });
    expect(res.text).toBe('');
    const globex = await findProvider(t.bot.database.db, FAKE_TEAM_ID, 'Globex');
    expect(globex && (await readCredentials(t.bot.database.db, t.bot.box, globex))).toEqual({
      kind: 'component',
      componentAppId: 'wxc0c0c0c0c0c0c0c0',
      componentSecret: 'component-secret-canary-abcd',
      authorizerAppId: 'wxb2b2b2b2b2b2b2b2',
      refreshToken: 'refresh-token-canary-wxyz',
      callbackToken: 'pushToken123',
      encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
    });
  });

  it('/quota right after an edit uses the new token source', async () => {
    await t.addProvider('Acme', 'static-token-canary');
    t.wechat.setQuota('static-token-canary', QUOTA);
    expect(JSON.stringify((await t.command('')).json)).toContain('8 of 27');
    const acme = await findProvider(t.bot.database.db, FAKE_TEAM_ID, 'Acme');
    await submitView(t.baseUrl, {
      callbackId: SETUP_MODAL.callbackId,
      userId: FAKE_ADMIN_USER_ID,
      privateMetadata: JSON.stringify({ providerId: acme?.id }),
      values: { ...textValues(COMPONENT_TYPED), ...source('component') },
    });
    const after = JSON.stringify((await t.command('')).json);
    expect(after).toContain('component verify ticket');
    expect(after).not.toContain('8 of 27');
  });

  it('switching an edited provider to another source requires that source’s secrets', async () => {
    await submitView(t.baseUrl, {
      callbackId: SETUP_MODAL.callbackId,
      userId: FAKE_ADMIN_USER_ID,
      values: { ...textValues({ [B.name]: 'Globex', ...COMPONENT_TYPED }), ...source('component') },
    });
    const globex = await findProvider(t.bot.database.db, FAKE_TEAM_ID, 'Globex');
    const res = await submitView(t.baseUrl, {
      callbackId: SETUP_MODAL.callbackId,
      userId: FAKE_ADMIN_USER_ID,
      privateMetadata: JSON.stringify({ providerId: globex?.id }),
      values: source('static'),
    });
    expect((res.json as { errors: Record<string, string> }).errors[B.staticToken]).toMatch(/required/);
  });

  it('/quota status shows each provider’s source and health to anyone, and no secret', async () => {
    await t.addProvider('Acme', 'static-token-canary', { expiresAt: new Date(Date.now() + 3_600_000) });
    await submitView(t.baseUrl, {
      callbackId: SETUP_MODAL.callbackId,
      userId: FAKE_ADMIN_USER_ID,
      values: { ...textValues({ [B.name]: 'Globex', ...COMPONENT_TYPED }), ...source('component') },
    });
    const res = await t.command('status', { userId: 'U0MEMBER01' });
    const body = res.json as { text: string; blocks: unknown[] };
    assertWithinBlockKitLimits(body);
    const shown = JSON.stringify(body);
    expect(shown).toContain('Acme');
    expect(shown).toContain('pasted token');
    expect(shown).toContain('Globex');
    expect(shown).toContain('refreshed by the bot');
    expect(shown).toMatch(/first component_verify_ticket/);
    expect(shown).not.toContain('canary');
  });
});
