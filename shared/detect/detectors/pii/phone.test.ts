import { describe, expect, it } from 'vitest';
import { adversarialText } from '../../adversarial.ts';
import { createScanner } from '../../engine.ts';
import { scanWith } from '../../testing.ts';
import { phone } from './phone.ts';

const scan = scanWith(phone);
const raw = createScanner({ recognizers: [phone], classifiers: [] });
const confidence = (text: string): number => raw.scanRaw(text)[0]?.confidence ?? 0;

describe('phone', () => {
  it.each([
    // International
    ['Call +1 415 555 0132.', '+1 415 555 0132'],
    ['+1 (415) 555-0132', '+1 (415) 555-0132'],
    ['+1-415-555-0132', '+1-415-555-0132'],
    ['tel:+14155550132', '+14155550132'],
    ['+44 20 7946 0958', '+44 20 7946 0958'],
    ['+44 (0)20 7946 0958', '+44 (0)20 7946 0958'],
    ['Tel.: +49 (0)30 1234567', '+49 (0)30 1234567'],
    ['+49 30 901820', '+49 30 901820'],
    ['+33 1 23 45 67 89', '+33 1 23 45 67 89'],
    ['+91 98765 43210', '+91 98765 43210'],
    ['+55 11 91234-5678', '+55 11 91234-5678'],
    ['+353 1 234 5678', '+353 1 234 5678'],
    // National layouts
    ['(415) 555-0132', '(415) 555-0132'],
    ['Call (415)555-0132 now', '(415)555-0132'],
    ['415-555-0132', '415-555-0132'],
    ['415.555.0132', '415.555.0132'],
    ['1-800-555-0199', '1-800-555-0199'],
    ['1 (800) 555-0199', '1 (800) 555-0199'],
    ['020 7946 0958', '020 7946 0958'],
    ['07700 900123', '07700 900123'],
    ['0161 496 0000', '0161 496 0000'],
    ['030 1234567', '030 1234567'],
    ['(030) 1234567', '(030) 1234567'],
    ['030/1234567', '030/1234567'],
    ['01 23 45 67 89', '01 23 45 67 89'],
    ['98765 43210', '98765 43210'],
    ['(11) 91234-5678', '(11) 91234-5678'],
    ['011-2345-6789', '011-2345-6789'],
    // Bare or unusual forms next to a phone word
    ['tel: 4155550132', '4155550132'],
    ['call 555-0132', '555-0132'],
    ['Mobile 612 34 56 78', '612 34 56 78'],
    ['☎ 4155550132', '4155550132'],
    // In a run with other numbers
    ['2024-01-15 415-555-0132', '415-555-0132'],
    ['Room 12 (415) 555-0132', '(415) 555-0132'],
    ['(see page 12) 415-555-0132', '415-555-0132'],
    ['(ext) 415-555-0132', '415-555-0132'],
    ['name,phone\nAna,415-555-0132\n', '415-555-0132'],
    // More national layouts
    ['06-12345678', '06-12345678'],
    ['bel 020-345 6789 even', '020-345 6789'],
    ['0172 3456 7890', '0172 3456 7890'],
    ['098765 43210', '098765 43210'],
    ['03-7625401', '03-7625401'],
    ['93 412 56 78', '93 412 56 78'],
    ['Teléfono 622 418 397', '622 418 397'],
    // In parentheses: the parenthesis opens the aside, not an area code
    ['- Ana (030 56723167): vendor', '030 56723167'],
    ['- Bo (06 29 79 07 67)', '06 29 79 07 67'],
    ['Lea (0412 906 722)', '0412 906 722'],
    // One-letter labels of a signature, and table columns
    ['Ana Lind\nM: 622 418 397\nana@example.org', '622 418 397'],
    ['T. 4155550132', '4155550132'],
    ['naam;telefoon;plaats\nAna;622 418 397;Utrecht', '622 418 397'],
    ['id,name,mobile,plan\n40213,Bo Lind,4155550132,pro', '4155550132'],
  ])('finds %j', (text, value) => {
    expect(scan(text)).toEqual([value]);
  });

  it('finds each number in a list', () => {
    expect(scan('415-555-0132 415-555-0133, +44 20 7946 0958')).toEqual(['415-555-0132', '415-555-0133', '+44 20 7946 0958']);
  });

  it.each([
    ['version', 'version 1.2.3'],
    ['v-version', 'v10.4.1'],
    ['long version', 'release 10.4.12.3'],
    ['ISO date', '2024-01-15'],
    ['European date', '15/01/2024'],
    ['dotted date', '15.01.2024'],
    ['date with a phone word', 'call on 2024-01-15'],
    ['time', 'at 10:30:15'],
    ['IP address', '192.168.1.10'],
    ['IP address with a phone word', 'call 192.168.100.200'],
    ['price', '$1,234.56'],
    ['euro amount', '€ 415 555 0132'.replace(' ', '')],
    ['percent', '415-555-0132%'],
    ['thousands', '1 000 000 users'],
    ['thousands with a phone word', 'call 1 000 000 people'],
    ['quantity', 'Qty 4155550132'],
    ['bare digits without a phone word', '4155550132'],
    ['credit card', '4111 1111 1111 1111'],
    ['credit card with a phone word', 'phone 4111 1111 1111 1111'],
    ['ZIP+4', '94105-1234'],
    ['SSN form', '521-37-4096'],
    ['SIN form', '046 454 286'],
    ['ISBN', '978-3-16-148410-0'],
    ['glued to letters', 'ID4155550132'],
    ['glued id', 'ORD-415-555-0132'],
    ['order number', 'Order #415-555-0132'],
    ['hash id', '#415-555-0132'],
    ['math', 'x+1 415 555 0132'],
    ['invalid country code', '+28 123 456 789'],
    ['wrong length for +1', '+1 415 555 013'],
    ['NANP area code starting with 1', '+1 115 555 0132'],
    ['too many digits after +', '+44 20 7946 0958 1234 5678'],
    ['extra group after a complete number', '+1 415 555 0132 42'],
    ['international prefix 00', '00 44 20 7946'],
    ['path', 'src/415-555-0132'],
    ['ZIP+4 with a trunk-like zero', 'Boston, MA 02118-3412'],
    ['Spanish mobile layout without a phone word (thousands)', '622 418 397 units'],
    ['twelve digits 4-4-4 not a German mobile', 'UID 0638 4098 8343'],
    ['groups of an IBAN', 'NL91 ABNA 0417 1643 01'],
    ['groups of an IBAN with a digit in the bank code', 'NL91 1BNA 0417 1643 00'],
    ['lower-case letter label', 'm: 622 418 397'],
    ['letter label glued to a word', 'ITEM: 622 418 397'],
    ['not a header of this column', 'id,name,city\n40213,Bo Lind,4155550132'],
  ])('ignores %s', (_why, text) => {
    expect(scan(text)).toEqual([]);
  });

  it('ranks labelled above national above bare', () => {
    expect(confidence('phone: 415-555-0132')).toBeGreaterThan(confidence('415-555-0132'));
    expect(confidence('+1 415 555 0132')).toBeGreaterThan(confidence('415 555 0132'));
    expect(confidence('4155550132')).toBe(0);
  });

  it('leaves the label to the phone number it belongs to', () => {
    const text = '"phone": "06-12345678",\n  "national_id": "4155550132"';
    expect(scan(text)).toEqual(['06-12345678']);
  });

  it('stays linear and correct on 200 KB of near-matches', () => {
    const text = adversarialText('+1 (415) 555-, ( ) + (0) 1.2.3 ', 200_000);
    expect(scan(`${text} +44 20 7946 0958`)).toEqual(['+44 20 7946 0958']);
    expect(scan(`${'1 '.repeat(100_000)}`)).toEqual([]);
    expect(scan(adversarialText('(1) ', 200_000))).toEqual([]);
    expect(scan(adversarialText('1 (', 200_000))).toEqual([]);
  });
});
