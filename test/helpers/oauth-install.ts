import { request } from 'undici';
import type { FakeSlack } from '../fakes/fake-slack.js';
import type { TestBot } from './start-bot.js';

/** App credentials the OAuth-mode test bot runs with (SLACK_BOT_TOKEN unset). */
export const OAUTH_ENV = {
  SLACK_BOT_TOKEN: '',
  SLACK_CLIENT_ID: '1111111111.2222222222',
  SLACK_CLIENT_SECRET: 'client-secret-CANARY-0123456789',
  SLACK_STATE_SECRET: 'state-secret-CANARY-abcdefghijklmnop',
} as const;

/** What `GET /slack/install` answered: the redirect, the state in it and the browser cookie that goes with it. */
export interface InstallStart {
  status: number;
  location: URL;
  state: string;
  cookie: string;
}

/** A browser opening the install link: no redirect is followed, the answer is returned. */
export async function startInstall(baseUrl: string): Promise<InstallStart> {
  const res = await request(`${baseUrl}/slack/install`, { method: 'GET' });
  await res.body.dump();
  const location = new URL(String(res.headers.location ?? 'http://missing/'));
  const setCookie = [res.headers['set-cookie'] ?? []].flat().map(String);
  const cookie = setCookie.map((line) => line.split(';')[0] ?? '').find((pair) => pair.includes('state')) ?? '';
  return { status: res.statusCode, location, state: location.searchParams.get('state') ?? '', cookie };
}

/** Slack sending the admin's browser back with `code` and `state` (and the browser's cookie, unless left out). */
export async function finishInstall(
  baseUrl: string,
  fields: { code: string; state: string; cookie: string | null; acceptLanguage?: string },
): Promise<{ status: number; body: string }> {
  const query = new URLSearchParams({ code: fields.code, state: fields.state });
  const res = await request(`${baseUrl}/slack/oauth_redirect?${query}`, {
    method: 'GET',
    headers: {
      ...(fields.cookie === null ? {} : { cookie: fields.cookie }),
      ...(fields.acceptLanguage ? { 'accept-language': fields.acceptLanguage } : {}),
    },
  });
  return { status: res.statusCode, body: await res.body.text() };
}

/** The whole "Add to Slack" round trip for one workspace, through the fake Slack's oauth.v2.access. */
export async function installWorkspace(
  t: Pick<TestBot, 'baseUrl'> & { slack: FakeSlack },
  teamId: string,
  botToken: string,
) {
  const start = await startInstall(t.baseUrl);
  const code = `code-${teamId}`;
  t.slack.grantInstall(code, { teamId, teamName: `Team ${teamId}`, botToken });
  return finishInstall(t.baseUrl, { code, state: start.state, cookie: start.cookie });
}
