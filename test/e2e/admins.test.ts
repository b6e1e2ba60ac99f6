import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findAlert } from '../../src/store/alerts.js';
import { listWorkspaceAdmins } from '../../src/store/workspace-admins.js';
import { FAKE_ADMIN_USER_ID, FAKE_CHANNEL_ID, FAKE_TEAM_ID } from '../fakes/fake-slack.js';
import { assertWithinBlockKitLimits } from '../helpers/block-kit-limits.js';
import { startTestBot, type TestBot } from '../helpers/start-bot.js';

const OTHER_TEAM = 'T0OTHER01';
const MEMBER = 'U0MEMBER01';
const DELEGATE = 'U0DELEG001';
const WHO_CAN = 'Only workspace admins and owners, or people they added with `/quota admins add`, can';

describe('/quota admins and who may configure, end to end', () => {
  let t: TestBot;
  beforeEach(async () => {
    // A generous ack budget: every answer comes inline, whatever the machine's load.
    t = await startTestBot({ overrides: { ackBudgetMs: 5000 } });
  });
  afterEach(async () => {
    await t.close();
  });

  /** Sends `/quota TEXT` as `userId` and returns everything the user sees (the ack's JSON). */
  const ask = async (text: string, userId: string, teamId = FAKE_TEAM_ID) => {
    const res = await t.command(text, { userId, teamId });
    expect(res.status).toBe(200);
    assertWithinBlockKitLimits(res.json as { text: string; blocks: unknown[] });
    return JSON.stringify(res.json);
  };
  const alertOf = (teamId = FAKE_TEAM_ID) => findAlert(t.bot.database.db, teamId, FAKE_CHANNEL_ID);

  it('refuses a member with who can do it, lets an admin, and lets a person the admin added until removed', async () => {
    const refused = await ask('alert 5', MEMBER);
    expect(refused).toContain(`${WHO_CAN} set low-quota alerts`);
    expect(refused).toContain('Ask a workspace admin or owner');
    expect(await alertOf()).toBeNull();

    expect(await ask('alert 5', FAKE_ADMIN_USER_ID)).not.toContain(':lock:');
    expect((await alertOf())?.threshold).toEqual({ unit: 'count', value: 5 });

    // The delegate is refused first, then added by the admin (Slack sends <@U…|name> with should_escape).
    expect(await ask('alert 6', DELEGATE)).toContain(WHO_CAN);
    const added = await ask(`admins add <@${DELEGATE}|deleg>`, FAKE_ADMIN_USER_ID);
    expect(added).toContain(`<@${DELEGATE}> can now change this workspace's configuration`);
    expect(await ask('alert 6', DELEGATE)).not.toContain(':lock:');
    expect((await alertOf())?.threshold).toEqual({ unit: 'count', value: 6 });

    // Now a refusal names someone to ask; everyone can see who can configure.
    expect(await ask('alert 7', MEMBER)).toContain(`Ask <@${DELEGATE}>, or a workspace admin or owner`);
    const list = await ask('admins list', MEMBER);
    expect(list).toContain('Every workspace admin and owner');
    expect(list).toContain(`<@${DELEGATE}> — added by <@${FAKE_ADMIN_USER_ID}>`);

    expect(await ask(`admins remove <@${DELEGATE}>`, FAKE_ADMIN_USER_ID)).toContain(
      `<@${DELEGATE}> is no longer a bot admin`,
    );
    expect(await ask('alert 8', DELEGATE)).toContain(WHO_CAN);
    expect((await alertOf())?.threshold).toEqual({ unit: 'count', value: 6 });
    expect(await ask('admins list', MEMBER)).toContain('No one else yet');
  });

  it('keeps adding and removing bot admins to Slack admins and owners: a bot admin cannot add others', async () => {
    await ask(`admins add <@${DELEGATE}>`, FAKE_ADMIN_USER_ID);
    const refused = await ask(`admins add <@${MEMBER}>`, DELEGATE);
    expect(refused).toContain('Only workspace admins and owners can add or remove bot admins');
    expect(refused).toContain('people added with `/quota admins add` cannot');
    expect(await ask(`admins remove <@${DELEGATE}>`, MEMBER)).toContain('Only workspace admins and owners can');
    expect((await listWorkspaceAdmins(t.bot.database.db, FAKE_TEAM_ID)).map((a) => a.userId)).toEqual([DELEGATE]);

    // An owner is a Slack admin too.
    t.slack.owners.add('U0OWNER001');
    expect(await ask(`admins add <@${MEMBER}>`, 'U0OWNER001')).toContain('can now change');
  });

  it('refuses bots, deactivated people, people Slack cannot describe, and says what it needs', async () => {
    t.slack.bots.add('U0BOTUSER1');
    t.slack.deletedUsers.add('U0GONE0001');
    expect(await ask('admins add <@U0BOTUSER1>', FAKE_ADMIN_USER_ID)).toContain('only people can be bot admins');
    expect(await ask('admins add <@U0GONE0001|gone>', FAKE_ADMIN_USER_ID)).toContain('is deactivated');
    expect(await ask(`admins add <@${FAKE_ADMIN_USER_ID}>`, FAKE_ADMIN_USER_ID)).toContain(
      'is a workspace admin or owner and can already change the configuration',
    );
    expect(await ask('admins add @lin', FAKE_ADMIN_USER_ID)).toContain('Name one person with an @-mention');
    expect(await ask('admins add <@U0AAAAAAA1> <@U0BBBBBBB2>', FAKE_ADMIN_USER_ID)).toContain('Name one person');
    expect(await ask('admins promote <@U0AAAAAAA1>', FAKE_ADMIN_USER_ID)).toContain(
      "I don't know `/quota admins promote`",
    );
    expect(await ask(`admins remove <@${MEMBER}>`, FAKE_ADMIN_USER_ID)).toContain('is not a bot admin');
    expect(await listWorkspaceAdmins(t.bot.database.db, FAKE_TEAM_ID)).toEqual([]);

    // Slack cannot say who the person is: nothing is granted (the admin's own check was cached before).
    await ask('admins list', FAKE_ADMIN_USER_ID);
    t.slack.failMethod('users.info', { ok: false, error: 'user_not_found' });
    expect(await ask('admins add <@U0NEWUSER1>', FAKE_ADMIN_USER_ID)).toContain('Slack could not tell me who');
    expect(await listWorkspaceAdmins(t.bot.database.db, FAKE_TEAM_ID)).toEqual([]);
  });

  it("never lets one workspace see or change another's bot admins, whatever ids it sends", async () => {
    await ask(`admins add <@${DELEGATE}>`, FAKE_ADMIN_USER_ID);

    // An admin of the other workspace (the fake Slack reports the same admin there) lists and removes.
    expect(await ask('admins list', FAKE_ADMIN_USER_ID, OTHER_TEAM)).not.toContain(DELEGATE);
    expect(await ask(`admins remove <@${DELEGATE}>`, FAKE_ADMIN_USER_ID, OTHER_TEAM)).toContain('is not a bot admin');
    expect((await listWorkspaceAdmins(t.bot.database.db, FAKE_TEAM_ID)).map((a) => a.userId)).toEqual([DELEGATE]);

    // The delegate's rights stay in their workspace, and the other workspace's refusals name no one from here.
    const refused = await ask('alert 5', DELEGATE, OTHER_TEAM);
    expect(refused).toContain(WHO_CAN);
    expect(refused).not.toContain(DELEGATE);
    expect(await alertOf(OTHER_TEAM)).toBeNull();
  });

  it('checks a user once with Slack for both the permission and the language of an answer', async () => {
    await ask('alert 5', FAKE_ADMIN_USER_ID);
    await ask('alert 6', FAKE_ADMIN_USER_ID);
    const forAdmin = t.slack.calls.filter((c) => c.method === 'users.info' && c.args.user === FAKE_ADMIN_USER_ID);
    expect(forAdmin).toHaveLength(1);
  });
});
