import { describe, expect, it } from 'vitest';
import { thresholdReached } from '../../src/digest/alert-rule.js';
import { canonicalTimeZone, parseTimeOfDay, parseWeekday } from '../../src/digest/schedule-input.js';

describe('schedule input', () => {
  it.each([
    ['mon', 1],
    ['Monday', 1],
    ['mondays', 1],
    ['TUE', 2],
    ['thurs', 4],
    ['Sun.', 7],
    ['funday', null],
    ['', null],
  ])('weekday %j → %j', (text, expected) => {
    expect(parseWeekday(text)).toBe(expected);
  });

  it.each([
    ['09:00', { hour: 9, minute: 0 }],
    ['9:05', { hour: 9, minute: 5 }],
    ['23:59', { hour: 23, minute: 59 }],
    ['00:00', { hour: 0, minute: 0 }],
    ['24:00', null],
    ['25:99', null],
    ['12:60', null],
    ['9', null],
    ['9:5', null],
  ])('time %j → %j', (text, expected) => {
    expect(parseTimeOfDay(text)).toEqual(expected);
  });

  it.each([
    ['Asia/Shanghai', 'Asia/Shanghai'],
    ['asia/shanghai', 'Asia/Shanghai'],
    ['Europe/Berlin', 'Europe/Berlin'],
    ['UTC', 'UTC'],
    ['Mars/Olympus', null],
    ['+08:00', null],
    ['UTC+8', null],
  ])('time zone %j → %j', (text, expected) => {
    expect(canonicalTimeZone(text)).toBe(expected);
  });
});

describe('thresholdReached', () => {
  const quota = (rest: number, limit = 27) => ({ rest, limit, speedupRest: 0, speedupLimit: 0 });
  it.each([
    [{ unit: 'count', value: 5 }, quota(5), true],
    [{ unit: 'count', value: 5 }, quota(6), false],
    [{ unit: 'count', value: 0 }, quota(0), true],
    // 20% of 27 is 5.4: 5 left is at or below it, 6 is not.
    [{ unit: 'percent', value: 20 }, quota(5), true],
    [{ unit: 'percent', value: 20 }, quota(6), false],
    // A raised limit raises a percentage threshold with it.
    [{ unit: 'percent', value: 20 }, quota(6, 37), true],
    [{ unit: 'percent', value: 20 }, quota(0, 0), true],
  ] as const)('%j with %j → %s', (threshold, q, expected) => {
    expect(thresholdReached(threshold, q)).toBe(expected);
  });
});
