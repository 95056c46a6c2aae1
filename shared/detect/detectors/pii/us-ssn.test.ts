import { describe, expect, it } from 'vitest';
import { adversarialText } from '../../adversarial.ts';
import { createScanner } from '../../engine.ts';
import { scanWith } from '../../testing.ts';
import { usSsn } from './us-ssn.ts';

const scan = scanWith(usSsn);
const raw = createScanner({ recognizers: [usSsn], classifiers: [] });
const confidence = (text: string): number => raw.scanRaw(text)[0]?.confidence ?? 0;

describe('us_ssn', () => {
  it.each([
    ['SSN 123-45-6789', '123-45-6789'],
    ['Employee: Ana, 521-37-4096, NY', '521-37-4096'],
    ['ssn: 521374096', '521374096'],
    ['Social Security Number 521 37 4096', '521 37 4096'],
    ['SSN#: 401-22-8765', '401-22-8765'],
    ['"ssn": "665-01-0001"', '665-01-0001'],
    ['2024-01-15 521-37-4096', '521-37-4096'],
    ['name,ssn\nBo,521-37-4096\n', '521-37-4096'],
    ['spaced 3-2-4 is the SSN layout', 'Employee: Ana, 521 37 4096', '521 37 4096'],
    ['dotted 3-2-4', 'see 521.37.4096 on file', '521.37.4096'],
    ['column header', 'id,name,ssn,plan\n18342,Bo Lind,482030001,pro\n', '482030001'],
    ['generic national-id key', '"national_id": "482030001"', '482030001'],
    ['label taken by the first number only', 'SSN 521-37-4096, account 482030001', '521-37-4096'],
  ])('finds %j', (...row) => {
    const [text, value] = row.length === 3 ? row.slice(1) : row;
    expect(scan(text as string)).toEqual([value]);
  });

  it.each([
    ['area 000', 'SSN 000-12-3456'],
    ['area 666', 'SSN 666-12-3456'],
    ['area 9xx', 'SSN 912-34-5678'],
    ['group 00', 'SSN 123-00-4567'],
    ['serial 0000', 'SSN 123-45-0000'],
    ['one repeated digit', 'SSN 111-11-1111'],
    ['voided sample', 'SSN 078-05-1120'],
    ['bare nine digits without a label', 'id 521374096'],
    ['spaced, near an order word', 'Order 521 37 4096'],
    ['bare under another column', 'id,name,account\n18342,Bo Lind,482030001\n'],
    ['order number', 'Order 521-37-4096'],
    ['longer number', '521-37-4096-12'],
    ['glued id', 'EMP-521-37-4096'],
    ['other grouping', 'SSN 5213-74-096'],
    ['ten digits', 'SSN 5213740961'],
  ])('ignores %s', (_why, text) => {
    expect(scan(text)).toEqual([]);
  });

  it('reports the dashed form without a label at moderate confidence', () => {
    expect(confidence('521-37-4096')).toBeGreaterThanOrEqual(0.5);
    expect(confidence('521-37-4096')).toBeLessThan(confidence('SSN 521-37-4096'));
  });

  it('stays linear and correct on 200 KB of near-matches', () => {
    const text = adversarialText('123-45-678, 666-12-3456 000-11-2222 ', 200_000);
    expect(scan(`${text} SSN 521-37-4096`)).toEqual(['521-37-4096']);
    expect(scan(`${'1 '.repeat(100_000)}521-37-4096`)).toEqual(['521-37-4096']);
  });
});
