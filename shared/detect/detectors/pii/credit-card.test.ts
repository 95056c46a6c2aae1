import { describe, expect, it } from 'vitest';
import { adversarialText } from '../../adversarial.ts';
import { createScanner } from '../../engine.ts';
import { scanWith } from '../../testing.ts';
import { luhnValid } from '../../validators/luhn.ts';
import { creditCard, TEST_PAN_CONFIDENCE, TEST_PANS } from './credit-card.ts';

const scan = scanWith(creditCard);
const raw = createScanner({ recognizers: [creditCard], classifiers: [] });
const confidence = (text: string): number => raw.scanRaw(text)[0]?.confidence ?? 0;

// Synthetic numbers with computed check digits.
const VISA = '4929 1357 2468 0131';
const MC = '5412758392017467';
const MC2 = '2223-0091-7364-5282';
const AMEX = '3798 124560 73189';
const DISCOVER = '6011748253901662';
const JCB = '3528 4501 9273 6456';
const DINERS = '30127384950213';
const UNIONPAY = '6201837465029183748';

describe('credit_card', () => {
  it.each([
    [`Card: ${VISA}`, VISA],
    [`charge ${MC} please`, MC],
    [`mc ${MC2}`, MC2],
    [`Amex ${AMEX} exp 04/27`, AMEX],
    [`Discover: ${DISCOVER}`, DISCOVER],
    [JCB, JCB],
    [`Diners Club ${DINERS}`, DINERS],
    [`UnionPay ${UNIONPAY}`, UNIONPAY],
    [`name,card\nAna,${MC}\n`, MC],
    [`${VISA} 12/26 123`, VISA],
    [`2024-01-15 ${MC}`, MC],
    ['Visa test card 4111 1111 1111 1111', '4111 1111 1111 1111'],
    ['4242424242424242', '4242424242424242'],
    ['4111 1111 1111 1111 12', '4111 1111 1111 1111'],
  ])('finds %j', (text, value) => {
    expect(scan(text)).toEqual([value]);
  });

  it('finds each card in a list', () => {
    expect(scan(`cards: ${VISA}, ${MC}; ${AMEX}`)).toEqual([VISA, MC, AMEX]);
  });

  it.each([
    ['Luhn-invalid', '4929 1357 2468 0132'],
    ['Luhn-invalid compact', '5412758392017468'],
    ['19 digits, Luhn-invalid, whose first 16 pass Luhn', 'Kartennummer 4004 7872 1199 6418 879 ungültig'],
    ['a 16-digit Luhn-valid card glued into a longer grouped number', '4539 1488 0343 6467 1234'],
    ['Visa prefix with a length Visa never issues', '4929135724680131 7'.replace(' ', '')],
    ['Amex prefix, 16 digits', '3798124560731890'],
    ['order number', `Order #${MC}`],
    ['tracking number', `tracking: ${DISCOVER}`],
    ['IMEI', 'IMEI 490154203237518'],
    ['inside an IBAN', 'FR76 3000 6000 0112 3456 7890 189'],
    ['five groups of four', '1234 5678 9012 3456 7890'],
    ['glued to letters', `ID${MC}`],
    ['glued id', `TX-${MC}`],
    ['amount', `$${MC}`],
    ['decimal', `${MC}.50`],
    ['twelve digits', '4929 1357 2468'],
    ['twenty digits', '49291357246801311234'],
    ['mixed separators', '4929 1357-2468 0131'],
    ['all zeros', '0000 0000 0000 0000'],
    ['unknown prefix without a card word', '9999 1234 5678 9993'],
  ])('ignores %s', (_why, text) => {
    expect(scan(text)).toEqual([]);
  });

  it('scores published test numbers lower, still above the default threshold', () => {
    for (const pan of TEST_PANS) {
      expect(luhnValid(pan)).toBe(true);
      expect(confidence(`card ${pan}`)).toBe(TEST_PAN_CONFIDENCE);
    }
    expect(confidence('4000 0000 0000 0002')).toBe(TEST_PAN_CONFIDENCE);
    expect(TEST_PAN_CONFIDENCE).toBeGreaterThanOrEqual(0.5);
    expect(confidence(VISA)).toBeGreaterThan(0.6);
    expect(confidence(MC)).toBeGreaterThan(0.6);
    // A policy threshold of 0.6 keeps real-looking numbers and drops test numbers.
    const strict = raw.scan(`${VISA}, 4111 1111 1111 1111`, { default: 0.5, credit_card: 0.6 }).length;
    expect(strict).toBe(1);
  });

  it('raises confidence for a card word and a known scheme', () => {
    expect(confidence(`card ${VISA}`)).toBeGreaterThan(confidence(VISA));
    expect(confidence('9999 1234 5678 9993')).toBeLessThan(0.5);
    expect(confidence('card 9999 1234 5678 9993')).toBeGreaterThanOrEqual(0.5);
  });

  it('stays linear and correct on 200 KB of near-matches', () => {
    const text = adversarialText('4111 1111 1111 111, 4929 1357 2468 0132 ', 200_000);
    expect(scan(`${text} ${VISA}`)).toEqual([VISA]);
    expect(scan(`${'1 '.repeat(100_000)}${VISA}`)).toEqual([]);
    expect(scan(`${'1-'.repeat(100_000)}1 ${MC}`)).toEqual([MC]);
  });
});
