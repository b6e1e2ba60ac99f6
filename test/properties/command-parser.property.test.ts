import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateProviderName } from '../../src/quota/provider-name.js';
import { MAX_ALERT_COUNT, parseAlertArgs } from '../../src/slack/alert-args.js';
import { describeChannelToken, parseChannelRef, parseOptionalChannel } from '../../src/slack/channel-ref.js';
import {
  isReservedName,
  MAX_PROVIDER_NAME_LENGTH,
  parseMention,
  parseQuotaCommand,
  RESERVED_WORDS,
} from '../../src/slack/command-parser.js';
import { parseSubscribeArgs } from '../../src/slack/subscribe-args.js';
import { hostileString, hostileText, slackEscape } from './arbitraries.js';

const RUNS = { numRuns: 300 };
const CONTROL = /\p{Cc}/u;

describe('parseQuotaCommand, any text', () => {
  it('never throws and gives a well-formed command', () => {
    fc.assert(
      fc.property(hostileText(), (text) => {
        const command = parseQuotaCommand(text);
        switch (command.kind) {
          case 'all':
          case 'help':
            break;
          case 'one':
            expect(command.name).not.toBe('');
            expect(command.name).toBe(command.name.trim());
            expect(command.name).not.toMatch(CONTROL);
            expect([...command.name].length).toBeLessThanOrEqual(MAX_PROVIDER_NAME_LENGTH);
            expect(isReservedName(command.name)).toBe(false);
            break;
          case 'subcommand':
            expect(RESERVED_WORDS).toContain(command.name);
            break;
          case 'invalid':
            expect(command.reason).toMatch(/\.$/);
            expect(command.reason.length).toBeLessThan(200);
            break;
          default:
            throw new Error(`unexpected kind ${JSON.stringify(command)}`);
        }
      }),
      RUNS,
    );
  });

  it('is insensitive to surrounding and repeated whitespace', () => {
    fc.assert(
      fc.property(hostileString(), fc.constantFrom(' ', '  ', '\t', '\n', '\u00a0'), (text, space) => {
        expect(parseQuotaCommand(`${space}${text.split(' ').join(`${space} `)}${space}`)).toEqual(
          parseQuotaCommand(text),
        );
      }),
      RUNS,
    );
  });

  it('parseMention never throws and answers help or what parseQuotaCommand answers', () => {
    fc.assert(
      fc.property(hostileText(), fc.constantFrom('U0QUOTABOT', '', 'U.*'), (text, bot) => {
        const command = parseMention(text, bot);
        expect(['all', 'one', 'help', 'subcommand', 'invalid']).toContain(command.kind);
      }),
      RUNS,
    );
  });
});

describe('every provider name validateProviderName accepts can be asked for by name', () => {
  const names = hostileString(24).filter((raw) => validateProviderName(raw).ok);

  it('as Slack sends it (should_escape: true, so & < > arrive as entities)', () => {
    fc.assert(
      fc.property(names, (raw) => {
        const accepted = validateProviderName(raw);
        if (!accepted.ok) throw new Error('filtered');
        expect(parseQuotaCommand(slackEscape(accepted.name))).toEqual({ kind: 'one', name: accepted.name });
        expect(parseMention(`<@U0QUOTABOT> quota ${slackEscape(accepted.name)}`, 'U0QUOTABOT')).toEqual({
          kind: 'one',
          name: accepted.name,
        });
      }),
      RUNS,
    );
  });

  it('validation is idempotent: an accepted name is accepted again unchanged', () => {
    fc.assert(
      fc.property(names, (raw) => {
        const accepted = validateProviderName(raw);
        if (!accepted.ok) throw new Error('filtered');
        expect(validateProviderName(accepted.name)).toEqual(accepted);
      }),
      RUNS,
    );
  });

  it('a refused name is refused with a reason, never a throw', () => {
    fc.assert(
      fc.property(hostileText(), (raw) => {
        const result = validateProviderName(raw);
        if (!result.ok) expect(result.reason.length).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });
});

describe('digest and alert arguments, any text', () => {
  const args = fc.oneof(
    hostileText(),
    fc
      .array(
        fc.oneof(
          fc.constantFrom(
            'mon',
            'Sun',
            'friday',
            '09:00',
            '23:59',
            '24:00',
            '9:5',
            'UTC',
            'Europe/Berlin',
            'Mars/Base',
          ),
          fc.constantFrom('<#C0123ABCD|ops>', '<#D0123ABCD>', '#ops', '#', '#Ops-ÄÖ', '<#>', 'C0123ABCDE'),
          fc.constantFrom('5', '20%', '0', '-1', '100%', '1.5', '10001', 'off', '1e3', '٣'),
          hostileString(4),
        ),
        { maxLength: 6 },
      )
      .map((tokens) => tokens.join(' ')),
  );

  it('parseSubscribeArgs never throws; ok gives a valid schedule, a problem is short', () => {
    fc.assert(
      fc.property(args, (text) => {
        const parsed = parseSubscribeArgs(text, 'Asia/Shanghai');
        if (parsed.ok) {
          const { weekday, hour, minute, timeZone } = parsed.schedule;
          expect(Number.isInteger(weekday) && Number.isInteger(hour) && Number.isInteger(minute)).toBe(true);
          expect(hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59).toBe(true);
          expect(timeZone.length).toBeGreaterThan(0);
        } else {
          expect(parsed.problem.length).toBeLessThan(400);
        }
      }),
      RUNS,
    );
  });

  it('parseAlertArgs never throws; a threshold is always in range', () => {
    fc.assert(
      fc.property(args, (text) => {
        const parsed = parseAlertArgs(text);
        if (parsed.ok && parsed.action === 'set') {
          const { unit, value } = parsed.threshold;
          expect(Number.isInteger(value)).toBe(true);
          if (unit === 'percent') expect(value >= 1 && value <= 99).toBe(true);
          else expect(value >= 0 && value <= MAX_ALERT_COUNT).toBe(true);
        }
        if (!parsed.ok) expect(parsed.problem.length).toBeLessThan(400);
      }),
      RUNS,
    );
  });

  it('any whole count 0–10000 and percentage 1–99 is accepted as typed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_ALERT_COUNT }), fc.integer({ min: 1, max: 99 }), (count, percent) => {
        expect(parseAlertArgs(String(count))).toEqual({
          ok: true,
          action: 'set',
          threshold: { unit: 'count', value: count },
          channel: null,
        });
        expect(parseAlertArgs(`${percent}%`)).toEqual({
          ok: true,
          action: 'set',
          threshold: { unit: 'percent', value: percent },
          channel: null,
        });
      }),
      RUNS,
    );
  });

  it('channel references: never throw; an id is a channel id, a name is lower-case and short', () => {
    fc.assert(
      fc.property(args, (text) => {
        for (const token of text.split(' ')) {
          const ref = parseChannelRef(token);
          if (ref?.kind === 'id') expect(ref.id).toMatch(/^[CGD][A-Z0-9]{2,}$/);
          if (ref?.kind === 'name') {
            expect(ref.name).toBe(ref.name.toLowerCase());
            expect([...ref.name].length).toBeLessThanOrEqual(80);
            expect(ref.name).not.toMatch(/[\s<>&|]/u);
          }
          expect(describeChannelToken(token).length).toBeLessThanOrEqual(60);
        }
        const optional = parseOptionalChannel(text);
        if (!optional.ok) expect(optional.problem.length).toBeLessThan(400);
      }),
      RUNS,
    );
  });

  it('a Slack-escaped channel id always parses back to that id', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('C', 'G'),
        fc.stringMatching(/^[A-Z0-9]{8,12}$/),
        hostileString(3).filter((label) => !label.includes('>')),
        (prefix, rest, label) => {
          const id = `${prefix}${rest}`;
          expect(parseChannelRef(`<#${id}|${label}>`)).toEqual({ kind: 'id', id });
          expect(parseChannelRef(`<#${id}>`)).toEqual({ kind: 'id', id });
        },
      ),
      RUNS,
    );
  });
});
