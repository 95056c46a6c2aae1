import { describe, expect, it } from 'vitest';
import { bsnValid } from './bsn.ts';

describe('bsnValid', () => {
  it.each(['111222333', '123456782', '1112.22.333', '010000008'])('accepts %s', (v) => {
    expect(bsnValid(v)).toBe(true);
  });

  it.each([
    ['fails the 11-test', '111222334'],
    ['all zeros', '000000000'],
    ['eight digits', '11122233'],
    ['ten digits', '1112223330'],
    ['check digit counted positively', '123456789'],
  ])('rejects %s', (_why, v) => {
    expect(bsnValid(v)).toBe(false);
  });
});
