import { describe, expect, it } from 'vitest';
import type { QuotaOutcome } from '../../src/quota/quota-service.js';
import type { Provider } from '../../src/quota/types.js';
import type { SlackMessage } from '../../src/slack/blocks/index.js';
import { createRenderedAnswers } from '../../src/slack/rendered-answers.js';

const provider: Provider = {
  id: 'p-1',
  teamId: 'T0TEAM001',
  name: 'Acme',
  tokenSource: 'static',
  tokenExpiresAt: null,
  createdAt: new Date('2026-11-01T00:00:00Z'),
  updatedAt: new Date('2026-11-01T00:00:00Z'),
};

function ok(checkedAt: string, rest = 8): QuotaOutcome {
  return {
    provider,
    ok: true,
    fromCache: true,
    reading: { rest, limit: 27, speedupRest: 1, speedupLimit: 3, checkedAt: new Date(checkedAt) },
  };
}

describe('rendered answers', () => {
  const at = (iso: string) => new Date(iso);
  let builds = 0;
  const build = (label: string) => (): SlackMessage => {
    builds += 1;
    return { text: label, blocks: [] };
  };

  it('reuses an answer for the same readings within the minute, and rebuilds when anything shown may differ', () => {
    const answers = createRenderedAnswers();
    builds = 0;
    const key = { outcomes: [ok('2026-11-26T12:00:00Z')], locale: 'en', timeZone: 'Asia/Shanghai', scope: 'all' };
    const first = answers.get({ ...key, now: at('2026-11-26T12:00:05Z') }, build('a'));
    expect(answers.get({ ...key, now: at('2026-11-26T12:00:59Z') }, build('b'))).toBe(first);
    expect(builds).toBe(1);

    answers.get({ ...key, now: at('2026-11-26T12:01:00Z') }, build('next minute'));
    answers.get({ ...key, now: at('2026-11-26T12:01:00Z'), locale: 'zh-CN' }, build('chinese'));
    answers.get({ ...key, now: at('2026-11-26T12:01:00Z'), scope: 'one' }, build('one provider'));
    const newer = { ...key, outcomes: [ok('2026-11-26T12:00:30Z', 7)] };
    expect(answers.get({ ...newer, now: at('2026-11-26T12:01:00Z') }, build('new reading')).text).toBe('new reading');
    expect(builds).toBe(5);
  });

  it('never keeps an answer that explains a failure', () => {
    const answers = createRenderedAnswers();
    builds = 0;
    const failed: QuotaOutcome = { provider, ok: false, error: new Error('down') };
    const key = { outcomes: [failed], locale: 'en', timeZone: 'UTC', scope: 'all', now: at('2026-11-26T12:00:00Z') };
    answers.get(key, build('x'));
    answers.get(key, build('y'));
    expect(builds).toBe(2);
  });
});
