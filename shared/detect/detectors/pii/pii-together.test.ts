import { describe, expect, it } from 'vitest';
import { adversarialText } from '../../adversarial.ts';
import { createScanner } from '../../engine.ts';
import { abaRouting } from './aba-routing.ts';
import { brCpf } from './br-cpf.ts';
import { caSin } from './ca-sin.ts';
import { creditCard } from './credit-card.ts';
import { esDni } from './es-dni.ts';
import { iban } from './iban.ts';
import { inAadhaar } from './in-aadhaar.ts';
import { nlBsn } from './nl-bsn.ts';
import { phone } from './phone.ts';
import { ukNino } from './uk-nino.ts';
import { usNpi } from './us-npi.ts';
import { usSsn } from './us-ssn.ts';

// Many identifiers share a form; with all number recognizers together, the label and the layout
// must decide which type wins the overlap.
const scanner = createScanner({
  recognizers: [creditCard, iban, usSsn, phone, ukNino, caSin, inAadhaar, brCpf, nlBsn, esDni, usNpi, abaRouting],
  classifiers: [],
});
const scan = (text: string): string[] => scanner.scan(text).map((f) => `${f.type} ${text.slice(f.start, f.end)}`);

describe('number identifiers together', () => {
  it.each([
    ['Routing: 021000021', ['aba_routing 021000021']],
    ['SIN 274 195 015', ['ca_sin 274 195 015']],
    ['SIN: 274195015', ['ca_sin 274195015']],
    ['SSN 123-45-6789', ['us_ssn 123-45-6789']],
    ['SSN: 046454286', ['us_ssn 046454286']],
    ['BSN 123456782', ['nl_bsn 123456782']],
    ['NPI: 1234567893', ['us_npi 1234567893']],
    ['Tel: 1234567893', ['phone 1234567893']],
    ['CPF 123.456.789-09', ['br_cpf 123.456.789-09']],
    ['Aadhaar 4983 7261 5077', ['in_aadhaar 4983 7261 5077']],
    ['IBAN DE89 3704 0044 0532 0130 00', ['iban DE89 3704 0044 0532 0130 00']],
    ['NI AB 12 34 56 C', ['uk_nino AB 12 34 56 C']],
    ['DNI 12345678Z', ['es_dni 12345678Z']],
    ['card 4929 1357 2468 0131', ['credit_card 4929 1357 2468 0131']],
    ['+1 (415) 555-0132', ['phone +1 (415) 555-0132']],
    ['SSN: 123-45-6789, routing: 021000021', ['us_ssn 123-45-6789', 'aba_routing 021000021']],
    ['SIN 274 195 015 / SSN 123-45-6789 / phone 415-555-0132', ['ca_sin 274 195 015', 'us_ssn 123-45-6789', 'phone 415-555-0132']],
    // A generic national-id label: the number's checksums decide (11-test over Luhn over none).
    ['"national_id": "248170016"', ['nl_bsn 248170016']],
    ['"national_id": "739100006"', ['ca_sin 739100006']],
    ['"national_id": "482030001"', ['us_ssn 482030001']],
    ['"national_id": "300-000-510"', ['ca_sin 300-000-510']],
    ['"national_id": "560274139868"', ['in_aadhaar 560274139868']],
    ['"national_id": "41835092705"', ['br_cpf 41835092705']],
    // One label per number: the phone label belongs to the phone number, not to the id after it.
    ['"phone": "06-61764728",\n  "national_id": "522-80-4284"', ['phone 06-61764728', 'us_ssn 522-80-4284']],
    ['Direct deposit: ABA 061203008, acct 113904019', ['aba_routing 061203008']],
    // Table columns.
    [
      'customer_id,phone,ssn,routing_number\n58213,415-555-0134,482030001,113904019',
      ['phone 415-555-0134', 'us_ssn 482030001', 'aba_routing 113904019'],
    ],
    ['klant;telefoon;bsn\n58213;06-12345678;248170016', ['phone 06-12345678', 'nl_bsn 248170016']],
  ])('%j', (text, expected) => {
    expect(scan(text)).toEqual(expected);
  });

  it.each([
    ['bare nine digits', '123456782'],
    ['bare ten digits', '1234567893'],
    ['bare eleven digits', '12345678909'],
    ['bare twelve digits', '498372615077'],
    ['timestamps and ids', '1700000000 1712345678 20240115 987654321'],
    ['dates, versions, addresses', '2024-01-15 v10.4.1 192.168.1.10 15/01/2024'],
    ['amounts', '$1,234.56 € 1.234,56 1 000 000'],
  ])('stays quiet on %s', (_why, text) => {
    expect(scan(text)).toEqual([]);
  });

  it('stays linear and correct on near-matches of every family', () => {
    const unit = '4111 1111 1111 111, 123-45-678, DE89 3704 0044 0532 0130 0, +1 (415) 555-, AB 12 34 56, 12345678A ';
    const text = adversarialText(unit, 200_000);
    expect(scan(`${text} SSN 521-37-4096`)).toEqual(['us_ssn 521-37-4096']);
    expect(scan(`${'1 '.repeat(100_000)}`)).toEqual([]);
  });
});
