import { describe, expect, it } from 'vitest';
import { ssnValid } from './ssn.ts';

describe('ssnValid', () => {
  it.each(['123-45-6789', '001-01-0001', '665-99-9999', '899 12 3456', '123456789'])('accepts %s', (v) => {
    expect(ssnValid(v)).toBe(true);
  });

  it.each([
    ['area 000', '000-12-3456'],
    ['area 666', '666-12-3456'],
    ['area 900', '900-12-3456'],
    ['area 999', '999-12-3456'],
    ['group 00', '123-00-4567'],
    ['serial 0000', '123-45-0000'],
    ['voided Woolworth sample', '078-05-1120'],
    ['voided sample', '219-09-9999'],
    ['eight digits', '123-45-678'],
    ['ten digits', '123-45-67890'],
  ])('rejects %s', (_why, v) => {
    expect(ssnValid(v)).toBe(false);
  });
});
