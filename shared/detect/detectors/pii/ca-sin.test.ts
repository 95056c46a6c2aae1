import { describe, expect, it } from 'vitest';
import { adversarialText } from '../../adversarial.ts';
import { createScanner } from '../../engine.ts';
import { scanWith } from '../../testing.ts';
import { caSin } from './ca-sin.ts';

const scan = scanWith(caSin);
const raw = createScanner({ recognizers: [caSin], classifiers: [] });
const confidence = (text: string): number => raw.scanRaw(text)[0]?.confidence ?? 0;

describe('ca_sin', () => {
  it.each([
    ['SIN 274 195 015', '274 195 015'],
    ['name;sin;city\nAna Roy;274195015;Laval', '274195015'],
    ['National ID: 739-100-006', '739-100-006'],
    ['Social Insurance Number: 130527955', '130527955'],
    ['sin=271-836-496', '271-836-496'],
    ['NAS : 564 738 292', '564 738 292'],
    ['271-836-496', '271-836-496'],
    ['564 738 292', '564 738 292'],
  ])('finds %j', (text, value) => {
    expect(scan(text)).toEqual([value]);
  });

  it.each([
    ['Luhn-invalid', 'SIN 274 195 016'],
    ['first digit 0, never assigned (fictitious examples)', 'SIN 046 454 286'],
    ['first digit 0, compact', 'SIN: 046454286'],
    ['bare, under another column', 'name;account;city\nAna Roy;274195015;Laval'],
    ['bare nine digits without a label', '130527955'],
    ['business number prefix 8', 'SIN 800 000 002'],
    ['all zeros', 'SIN 000 000 000'],
    ['inside a longer number', '12 564 738 292'],
    ['thousands run', '564 738 292 100'],
    ['mixed separators', 'SIN 564-738 292'],
    ['order number', 'order 271-836-496'],
  ])('ignores %s', (_why, text) => {
    expect(scan(text)).toEqual([]);
  });

  it('scores a label above grouping above bare digits', () => {
    expect(confidence('SIN 564 738 292')).toBeGreaterThan(confidence('564 738 292'));
    expect(confidence('564-738-292')).toBeGreaterThan(confidence('564738292'));
    expect(confidence('564738292')).toBeLessThan(0.5);
  });

  it('stays linear and correct on 200 KB of near-matches', () => {
    const text = adversarialText('046 454 287, 046454287 123 456 ', 200_000);
    expect(scan(`${text} SIN 271-836-496`)).toEqual(['271-836-496']);
  });
});
