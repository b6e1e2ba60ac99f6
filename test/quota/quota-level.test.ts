import { describe, expect, it } from 'vitest';
import { auditLevel, expeditedExhausted } from '../../src/quota/quota-level.js';

const quota = (rest: number, limit: number, speedupRest = 0, speedupLimit = 0) => ({
  rest,
  limit,
  speedupRest,
  speedupLimit,
});

describe('auditLevel', () => {
  it.each([
    [0, 27, 'exhausted'],
    [0, 0, 'exhausted'],
    [-1, 27, 'exhausted'],
    [1, 27, 'low'],
    [3, 27, 'low'],
    [5, 27, 'low'], // 5 ≤ 20% of 27 (5.4)
    [6, 27, 'ok'],
    [8, 27, 'ok'], // the real response a user saw
    [3, 3, 'low'], // 3 or fewer is low whatever the limit
    [4, 5, 'ok'],
    [20, 100, 'low'], // exactly 20%
    [21, 100, 'ok'],
    [4, 0, 'ok'], // a grant beyond a zero limit: no division by zero
    [30, 27, 'ok'], // temporary grants can push rest above limit
  ] as const)('rest %i of limit %i → %s', (rest, limit, level) => {
    expect(auditLevel(quota(rest, limit))).toBe(level);
  });

  it('does not raise a false alarm for a value that is not a number', () => {
    expect(auditLevel(quota(Number.NaN, 27))).toBe('ok');
  });
});

describe('expeditedExhausted', () => {
  it('is true only when expedited audits were allocated and are all used (expediting fails with 89405)', () => {
    expect(expeditedExhausted(quota(8, 27, 0, 3))).toBe(true);
    expect(expeditedExhausted(quota(8, 27, 1, 3))).toBe(false);
    expect(expeditedExhausted(quota(8, 27, 0, 0))).toBe(false);
  });
});
