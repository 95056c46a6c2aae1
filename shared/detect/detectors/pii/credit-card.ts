import { NUMBER } from '../../anchors.ts';
import type { Recognizer } from '../../recognizer.ts';
import type { FindingSink } from '../../types.ts';
import { luhnValid } from '../../validators/luhn.ts';
import { labelDistance, labelled, REFERENCE_WORDS } from './keywords.ts';
import { eachShape, isDigit, type ShapeSet, compileShapes, shape } from './number-token.ts';

const G = ' -\u00a0';

// Longer forms first: at one start the first accepted form wins.
const SHAPES: ShapeSet = compileShapes([
  shape([4, 4, 4, 4, 3], G),
  shape([4, 4, 4, 4, 2], G),
  shape([4, 4, 4, 4, 1], G),
  // An expiry month or CVV may follow with the same separator: `4111 1111 1111 1111 12/26`.
  shape([4, 4, 4, 4], G, { tail: 3 }),
  shape([4, 4, 4, 3], G),
  shape([4, 4, 4, 2], G),
  shape([4, 4, 4, 1], G),
  shape([4, 6, 5], G), // Amex
  shape([4, 6, 4], G), // Diners
  ...[19, 18, 17, 16, 15, 14, 13].map((n) => shape([n])),
]);

/**
 * Published test card numbers (Stripe, Braintree/PayPal, Adyen and card-scheme docs). They are
 * still reported, because a pasted test number often sits next to real ones and a policy may
 * care, but at `TEST_PAN_CONFIDENCE` so a policy can drop them.
 */
export const TEST_PANS: ReadonlySet<string> = new Set([
  // Stripe
  '4242424242424242',
  '4000056655665556',
  '5555555555554444',
  '2223003122003222',
  '5200828282828210',
  '5105105105105100',
  '378282246310005',
  '371449635398431',
  '6011111111111117',
  '6011000990139424',
  '6011981111111113',
  '3056930009020004',
  '36227206271667',
  '6555900000604105',
  '3566002020360505',
  '6200000000000005',
  '6200000000000047',
  '6205500000000000004',
  '4000002500003155',
  '4000002760003184',
  '4000003800000446',
  '4000000000003220',
  '4000000000009995',
  '4000000000000002',
  '4000000000000077',
  '4000000000000341',
  // Braintree / PayPal / others
  '4111111111111111',
  '4005519200000004',
  '4009348888881881',
  '4012000033330026',
  '4012000077777777',
  '4012888888881881',
  '4217651111111119',
  '4500600000000061',
  '4222222222222',
  '2223000048400011',
  '378734493671000',
  '6011000991300009',
  '3530111333300000',
  '30569309025904',
  '38520000023237',
  '36259600000004',
  '6304000000000000',
  '6759649826438453',
  '5019717010103742',
]);

/** Confidence of a number in `TEST_PANS` or that looks made up (a run of 8 identical digits). */
export const TEST_PAN_CONFIDENCE = 0.55;

const CARD_WORDS =
  /card|\bcc\b|\bcc[-_ ]?(?:num|no)|credit|debit|\bvisa\b|master ?card|\bamex\b|american express|discover|\bjcb\b|diners|unionpay|maestro|\bpan\b|kreditkarte|tarjeta|carte|cart[aã]o|payment|billing|expir/gi;

/**
 * True when a card with these first six digits `p6` can have `n` digits. Visa 4 (13, 16, 19),
 * Mastercard 51-55 and 2221-2720 (16), Amex 34/37 (15), Discover 6011/644-649/65, UnionPay 62/81,
 * JCB 3528-3589, Mir 2200-2204 (16-19), Diners 300-305/3095/36/38/39 (14-19), Maestro and RuPay
 * 50/56-58/60/63/67 (13-19). Returns -1 for an unknown prefix, 0 for a known one with the wrong length.
 */
function brand(p6: number, n: number): number {
  const p1 = Math.floor(p6 / 100000);
  const p2 = Math.floor(p6 / 10000);
  const p3 = Math.floor(p6 / 1000);
  const p4 = Math.floor(p6 / 100);
  let ok: boolean;
  if (p1 === 4) ok = n === 13 || n === 16 || n === 19;
  else if (p2 === 34 || p2 === 37) ok = n === 15;
  else if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) ok = n === 16;
  else if (p4 >= 2200 && p4 <= 2204) ok = n >= 16;
  else if (p4 === 6011 || (p3 >= 644 && p3 <= 649) || p2 === 65 || p2 === 62 || p2 === 81) ok = n >= 16;
  else if (p4 >= 3528 && p4 <= 3589) ok = n >= 16;
  else if ((p3 >= 300 && p3 <= 305) || p4 === 3095 || p2 === 36 || p2 === 38 || p2 === 39) ok = n >= 14;
  else if (p2 === 50 || (p2 >= 56 && p2 <= 58) || p2 === 60 || p2 === 63 || p2 === 67) ok = true;
  else return -1;
  return ok ? 1 : 0;
}

function visit(text: string, s: number, e: number, _k: number, sink: FindingSink): boolean {
  // Prefix and length first: they reject most candidates before any checksum.
  let n = 0;
  let p6 = 0;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (!isDigit(c)) continue;
    if (n < 6) p6 = p6 * 10 + (c - 48);
    n++;
  }
  const b = brand(p6, n);
  // A known scheme with the wrong length: let a shorter form at the same start try.
  if (b === 0 || p6 === 0) return false;
  // A length the scheme issues but a wrong check digit: the whole number is not a card, and
  // neither is a shorter run of its groups (`4004 7872 1199 6418 879`: the first 16 digits
  // happen to pass Luhn).
  if (!luhnValid(text, s, e)) return b === 1;
  const dist = labelDistance(text, s, e, CARD_WORDS);
  let conf: number;
  if (looksMadeUp(text, s, e)) conf = TEST_PAN_CONFIDENCE;
  else if (b < 0) conf = dist >= 0 ? labelled(0.7, dist) : 0.4;
  else if (dist >= 0) conf = labelled(0.98, dist);
  else conf = e - s > n ? 0.95 : 0.9;
  if (dist < 0 && conf > 0.3 && labelDistance(text, s, e, REFERENCE_WORDS, 32, 16) >= 0) conf = 0.3;
  sink.add('credit_card', s, e, conf);
  return true;
}

/** A published test number, or a run of 8 identical digits after the 6-digit prefix. */
function looksMadeUp(text: string, s: number, e: number): boolean {
  let n = 0;
  let run = 0;
  let prev = -1;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (!isDigit(c)) continue;
    run = c === prev ? run + 1 : 1;
    prev = c;
    if (++n > 6 && run >= 8) return true;
  }
  return TEST_PANS.has(text.slice(s, e).replace(/\D/g, ''));
}

/**
 * Payment card numbers (PANs): 13-19 digits, compact or in the usual groupings (4-4-4-4,
 * 4-4-4-4-3, 4-6-5, 4-6-4, 4-4-4-1..3) with spaces or dashes, Luhn-valid. Never reported:
 * Luhn-invalid numbers, a known scheme prefix with a length that scheme never issues, numbers glued
 * to words or inside longer numbers (an IBAN's digits).
 *
 * Confidence:
 * - 0.98 (minus 0.001 per character of distance) next to a card word (`card`, `visa`, `cc`, ...);
 * - 0.95 grouped, 0.9 compact, for a known scheme prefix (Visa, Mastercard, Amex, Discover, JCB,
 *   Diners, UnionPay, Maestro, Mir, RuPay) and a length that scheme issues;
 * - 0.7 for an unknown prefix next to a card word, 0.4 (not reported by default) without one;
 * - `TEST_PAN_CONFIDENCE` = 0.55 for published test numbers (`TEST_PANS`: 4111 1111 1111 1111,
 *   4242 4242 4242 4242, 5555 5555 5555 4444, 378282246310005, ...) and numbers with a run of 8
 *   identical digits after the prefix (`4000 0000 0000 0002`): reported by default, dropped by a
 *   `credit_card` threshold of 0.6;
 * - 0.3 near order / tracking / invoice words without a card word.
 */
export const creditCard: Recognizer = {
  type: 'credit_card',
  anchors: [NUMBER],
  match(text, start, end, sink) {
    // Fewer than 13 characters cannot hold 13 digits.
    if (end - start >= 13) eachShape(text, start, end, SHAPES, visit, sink);
  },
};
