/**
 * Cases transcribed from other detectors' public test data, relabelled to Daylight's span
 * conventions (docs/classifier.md). Where our contract disagrees with the source, the label follows
 * our contract and `note` says why. Credits and licences: test/corpus/SOURCES.md.
 */
import type { Expect } from './text.ts';

export interface Source {
  repo: string;
  path: string;
  license: string;
}

export interface TranscribedCase {
  id: string;
  text: string;
  expect: Expect[];
  source: Source;
  note?: string;
}

const PRESIDIO = (path: string): Source => ({ repo: 'microsoft/presidio', path: `presidio-analyzer/tests/${path}`, license: 'MIT' });
const GITLEAKS = (path: string): Source => ({ repo: 'gitleaks/gitleaks', path: `cmd/generate/config/rules/${path}`, license: 'MIT' });
const DETECT_SECRETS = (path: string): Source => ({ repo: 'Yelp/detect-secrets', path: `tests/plugins/${path}`, license: 'Apache-2.0' });
const STDNUM = (path: string): Source => ({ repo: 'arthurdejong/python-stdnum', path, license: 'LGPL-2.1-or-later' });

type Row = [text: string, expect: Expect[], note?: string];

const E = (type: string, ...values: string[]): Expect[] => values.map((value) => ({ type, value }));
const NONE: Expect[] = [];
const BARE = 'bare digits with no context: our contract needs context or the characteristic grouping for short numeric ids';

/** Each value alone is the whole text (the sources test values one by one). */
const same = (type: string, values: string[], note?: string): Row[] => values.map((x) => [x, E(type, x), note]);
const none = (values: string[], note?: string): Row[] => values.map((x) => [x, NONE, note]);

const GROUPS: { source: Source; prefix: string; rows: Row[] }[] = [
  {
    source: PRESIDIO('test_credit_card_recognizer.py'),
    prefix: 'presidio.cc',
    rows: [
      [
        '4012888888881881 4012-8888-8888-1881 4012 8888 8888 1881',
        E('credit_card', '4012888888881881', '4012-8888-8888-1881', '4012 8888 8888 1881'),
      ],
      ['122000000000003', E('credit_card', '122000000000003'), 'UATP/AirPlus card, Luhn-valid'],
      ['my credit card: 122000000000003', E('credit_card', '122000000000003')],
      ...same('credit_card', [
        '371449635398431',
        '5555555555554444',
        '5019717010103742',
        '30569309025904',
        '6011000400000000',
        '3528000700000000',
        '6759649826438453',
        '4111111111111111',
        '4917300800000000',
        '4484070000000000',
      ]),
      ...none([
        '4012-8888-8888-1882',
        'my credit card number is 4012-8888-8888-1882',
        '36168002586008',
        'my credit card number is 36168002586008',
      ]),
    ],
  },
  {
    source: PRESIDIO('test_iban_recognizer.py'),
    prefix: 'presidio.iban',
    rows: [
      ...same('iban', [
        'AL47212110090000000235698741',
        'AL47 2121 1009 0000 0002 3569 8741',
        'AD1200012030200359100100',
        'AD12 0001 2030 2003 5910 0100',
        'AT611904300234573201',
        'AT61 1904 3002 3457 3201',
        'AZ21NABZ00000000137010001944',
        'BH67BMAG00001299123456',
        'BY13NBRB3600900000002Z00AB00',
        'BE68539007547034',
        'BE71 0961 2345 6769',
        'BA391290079401028494',
        'BR9700360305000010009795493P1',
        'BG80 BNBG 9661 1020 3456 78',
        'CR05015202001026284066',
        'HR1210010051863000160',
        'CY17 0020 0128 0000 0012 0052 7600',
        'CZ6508000000192000145399',
        'DK50 0040 0440 1162 43',
        'DO28BAGR00000001212453611324',
        'EE382200221020145685',
        'FO6264600001631634',
        'FI21 1234 5600 0007 85',
        'FR1420041010050500013M02606',
        'GE29 NB00 0000 0101 9049 17',
        'DE89370400440532013000',
        'DE89 3704 0044 0532 0130 00',
        'GI75NWBK000000007099453',
        'GR16 0110 1250 0000 0001 2300 695',
        'GL8964710001000206',
        'GT82TRAJ01020000001210029690',
        'HU42 1177 3016 1111 1018 0000 0000',
        'IS140159260076545510730339',
        'IE29 AIBK 9311 5212 3456 78',
        'IL620108000000099999999',
        'IT60X0542811101000000123456',
        'JO94CBJO0010000000000131000302',
        'KZ86125KZT5004100100',
        'XK051212012345678906',
        'KW81CBKU0000000000001234560101',
        'LV80 BANK 0000 4351 9500 1',
        'LB62099900000001001901229114',
        'LI21088100002324013AA',
        'LT12 1000 0111 0100 1000',
        'LU280019400644750000',
        'MT84MALT011000012345MTLCAST001S',
        'MR13 0002 0001 0100 0012 3456 753',
        'MU17BOMM0101101030300200000MUR',
        'MD24AG000225100013104168',
        'MC58 1122 2000 0101 2345 6789 030',
        'ME25505000012345678951',
        'NL91ABNA0417164300',
        'NL91 ABNA 0417 1643 00',
        'MK07250120000058984',
        'NO9386011117947',
        'PK36 SCBL 0000 0011 2345 6702',
        'PS92PALS000000000400123456702',
        'PL61 1090 1014 0000 0712 1981 2874',
        'PT50000201231234567890154',
        'QA58DOHB00001234567890ABCDEFG',
        'RO49 AAAA 1B31 0075 9384 0000',
        'SM86U0322509800000000270100',
        'SA0380000000608010167519',
        'RS35 2600 0560 1001 6113 79',
        'SK3112000000198742637541',
        'SI56 2633 0001 2039 086',
        'ES91 2100 0418 4502 0005 1332',
        'SE4550000000058398257466',
        'CH93 0076 2011 6238 5295 7',
        'TN5910006035183598478831',
        'TR33 0006 1005 1978 6457 8413 26',
        'AE070331234567890123456',
        'GB29NWBK60161331926819',
        'GB29 NWBK 6016 1331 9268 19',
      ]),
      ...none([
        'AT61 1904 3002 3457 3202',
        'BE71 0961 2345 6760',
        'BG80 BNBG 9661 1020 3456 79',
        'CZ65 0800 0000 1920 0014 5390',
        'DK50 0040 0440 1162 44',
        'FI21 1234 5600 0007 86',
        'FR14 2004 1010 0505 0001 3M02 607',
        'DE89 3704 0044 0532 0130 01',
        'GB29 NWBK 6016 1331 9268 10',
        'IE29 AIBK 9311 5212 3456 79',
        'IT60 X054 2811 1010 0000 0123 457',
        'NL91 ABNA 0417 1643 01',
        'NO93 8601 1117 948',
        'PL61 1090 1014 0000 0712 1981 2875',
        'PT50 0002 0123 1234 5678 9015 5',
        'ES91 2100 0418 4502 0005 1333',
        'SE45 5000 0000 0583 9825 7467',
        'CH93 0076 2011 6238 5295 8',
        'TR33 0006 1005 1978 6457 8413 27',
        'DE89 A704 0044 0532 0130 00',
        'NL91 1BNA 0417 1643 00',
        'GB29 1WBK 6016 1331 9268 19',
      ]),
    ],
  },
  {
    source: STDNUM('tests/test_iban.doctest'),
    prefix: 'stdnum.iban',
    rows: [
      ...same('iban', [
        'BR1800000000141455123924100C2',
        'CZ94 5500 0000 0010 1103 8930',
        'ES0521053014113400002160',
        'FI5542345670000081',
        'SI56 1910 0000 0123 438',
        'VG96VPVG0000012345678901',
      ]),
      ...none([
        'AL48212110090000000235698741',
        'AD1210012030200359100100',
        'AT611804300234573201',
        'BE68530907547034',
        'BA391290709401028494',
        'BG80BNBG99611020345678',
        'HR1210010052863000160',
        'CY17002001281000001200527600',
        'CZ6508000000129000145399',
        'CZ9455000000000101038930',
        'DK5000400440116342',
      ]),
      ...none(
        ['AD48 0001 2030 2003 5910 01', 'AT93 1904 3002 3457 3201 99', 'BE36 5390 0754 7034 1234', 'BA30 1290 0794 0102 84'],
        'mod-97 passes but the length is wrong for the country',
      ),
      ...none(
        ['BG93 BNBG 9661 1A20 3456 78', 'GI22 NW3K 0000 0000 7099 453', 'NL56 3003 0A17 1643 00'],
        'mod-97 passes but the BBAN has a letter where the country format has digits (or the reverse)',
      ),
      ['QQ93 1234 5678', NONE, 'unknown country code'],
    ],
  },
  {
    source: PRESIDIO('test_us_ssn_recognizer.py'),
    prefix: 'presidio.ssn',
    rows: [
      ['078051121', NONE, BARE],
      ...same('us_ssn', ['078-05-1123', '078.05.1123', '078 05 1123']),
      ...none(['0780511201', '078051120', '000000000', '666000000', '078-05-0000', '078 00 1123', '693-09.4444']),
    ],
  },
  {
    source: STDNUM('stdnum/us/ssn.py'),
    prefix: 'stdnum.ssn',
    rows: [['536-90-4399', E('us_ssn', '536-90-4399')], ...none(['1112-23333', '666-00-0000'])],
  },
  {
    source: PRESIDIO('test_aba_routing_recognizer.py'),
    prefix: 'presidio.aba',
    rows: [
      ['121000358', NONE, BARE],
      ['121042882', NONE, BARE],
      ...same('aba_routing', ['3222-7162-7', '0711-0130-7']),
      ...none(['421042111', '1234-0000-0']),
    ],
  },
  {
    source: STDNUM('stdnum/us/rtn.py'),
    prefix: 'stdnum.rtn',
    rows: [
      ['111000025', NONE, BARE],
      ['112000025', NONE],
    ],
  },
  {
    source: PRESIDIO('test_uk_nino_recognizer.py'),
    prefix: 'presidio.nino',
    rows: [
      ...same('uk_nino', ['AA 12 34 56 B', 'hh 01 02 03 d', 'tw987654a']),
      ['nino: PR 123612C', E('uk_nino', 'PR 123612C')],
      ['Here is my National Insurance Number YZ 61 48 68 B', E('uk_nino', 'YZ 61 48 68 B')],
      ...none([
        'AA 12 34 56 H',
        'FQ 00 00 00 C',
        'BG123612A',
        'nino: nt 99 88 77 a',
        "This isn't a valid national insurance number UV 98 76 54 B",
      ]),
    ],
  },
  {
    source: PRESIDIO('test_ca_sin_recognizer.py'),
    prefix: 'presidio.sin',
    rows: [
      ...same('ca_sin', ['130 692 544', '435 418 165', '948 584 792', '347-677-452', '731-530-150']),
      ['my SIN is 130-692-544', E('ca_sin', '130-692-544')],
      ['mon NAS: 258 933 688', E('ca_sin', '258 933 688')],
      ...none(['130692544', '550090112'], BARE),
      ...none([
        '130 692 545',
        '130692545',
        '435-418-166',
        '046 454 286',
        '812 345 678',
        '111 111 111',
        '999 999 999',
        '046-454 286',
        '046 454-286',
        '13069254',
        '1306925440',
      ]),
    ],
  },
  {
    source: STDNUM('stdnum/ca/sin.py'),
    prefix: 'stdnum.sin',
    rows: [['123-456-782', E('ca_sin', '123-456-782')], ...none(['999-999-999', '823456785'])],
  },
  {
    source: PRESIDIO('test_in_aadhaar_recognizer.py'),
    prefix: 'presidio.aadhaar',
    rows: [
      ...none(['312345678909', '399876543211'], BARE),
      ...same('in_aadhaar', ['3123 4567 8909', '3998 7654 3211', '3123-4567-8909', '3998-7654-3211']),
      ['My Aadhaar number is 400123456787 with a lot of text beyond it', E('in_aadhaar', '400123456787')],
      ...none(['123456789012', '1234 5678 9012', '1234-5678-9012', '1234:5678:9012']),
    ],
  },
  {
    source: STDNUM('stdnum/in_/aadhaar.py'),
    prefix: 'stdnum.aadhaar',
    rows: [
      ['234123412346', NONE, BARE],
      ['2341 2341 2346', E('in_aadhaar', '2341 2341 2346')],
      ...none(['234123412347', '123412341234', '222222222222', '643343121']),
    ],
  },
  {
    source: STDNUM('stdnum/br/cpf.py'),
    prefix: 'stdnum.cpf',
    rows: [
      ['390.533.447-05', E('br_cpf', '390.533.447-05')],
      ['231.002.999-00', NONE],
      ['39053344705', NONE, BARE],
      ['390.533.447=0', NONE],
    ],
  },
  {
    source: STDNUM('stdnum/nl/bsn.py'),
    prefix: 'stdnum.bsn',
    rows: [
      ['1112.22.333', E('nl_bsn', '1112.22.333')],
      ['1112.52.333', NONE],
      ['111222333', NONE, BARE],
      ['111252333', NONE],
      ['1112223334', NONE],
    ],
  },
  {
    source: PRESIDIO('test_es_nif_recognizer.py'),
    prefix: 'presidio.nif',
    rows: [...same('es_dni', ['55555555K', '55555555-K', '01111111G']), ['401-023-2138', NONE]],
  },
  {
    source: PRESIDIO('test_es_nie_recognizer.py'),
    prefix: 'presidio.nie',
    rows: [
      ...same('es_dni', ['Z8078221M', 'X9613851N', 'Y8063915Z', 'Y8063915-Z']),
      ['Mi NIE es X9613851N', E('es_dni', 'X9613851N')],
      ['Z8078221M en mi NIE', E('es_dni', 'Z8078221M')],
      ['Mi Número de identificación de extranjero es Y8063915-Z', E('es_dni', 'Y8063915-Z')],
      ...none(['Y8063915Q', 'Y806391Q', 'W8063915Q']),
    ],
  },
  {
    source: STDNUM('stdnum/es/dni.py'),
    prefix: 'stdnum.dni',
    rows: [['54362315-K', E('es_dni', '54362315-K')], ...none(['54362315Z', '54362315'])],
  },
  {
    source: STDNUM('tests/test_es_dni.doctest'),
    prefix: 'stdnum.dni2',
    rows: [
      ['11111111H', E('es_dni', '11111111H')],
      ['X1111111G', E('es_dni', 'X1111111G'), 'a valid NIE; our es_dni type covers DNI and NIE'],
      ...none(['11111111T', 'X1111111A', 'L1111111C']),
    ],
  },
  {
    source: PRESIDIO('test_us_npi_recognizer.py'),
    prefix: 'presidio.npi',
    rows: [
      ['NPI: 1234567893', E('us_npi', '1234567893')],
      ['Provider identifier 1245319599', E('us_npi', '1245319599')],
      ['NPI 1234567893 and NPI 1245319599', E('us_npi', '1234567893', '1245319599')],
      ...none(['1234567893', '1245319599', '1003000126'], BARE),
      ...none(['0234567893', '3234567893', '9234567893', '123456789', '12345678934', '1111111112', '1234567890']),
    ],
  },
  {
    source: PRESIDIO('test_email_recognizer.py'),
    prefix: 'presidio.email',
    rows: [
      ['info@presidio.site', E('email', 'info@presidio.site')],
      ['my email is info@presidio.site', E('email', 'info@presidio.site')],
      [
        'try one of this emails: info@presidio.site or anotherinfo@presidio.site',
        E('email', 'info@presidio.site', 'anotherinfo@presidio.site'),
      ],
      ['the email is my email is info@presidio.', NONE],
    ],
  },
  {
    source: DETECT_SECRETS('email_address_test.py'),
    prefix: 'ds.email',
    rows: [
      ...same('email', [
        'user@example.com',
        'user.name@example.com',
        'user_name@example.com',
        'user-name@example.com',
        'user+name@example.com',
        'user.name+category@example.com',
        'user@gmail.com',
        'user@yahoo.com',
        'user@hotmail.com',
      ]),
      ['This is an email address: user@example.com', E('email', 'user@example.com')],
      ['user@example.com is a valid email address', E('email', 'user@example.com')],
      ['noreply@github.com', E('email', 'noreply@github.com'), 'detect-secrets allow-lists it; it is still an e-mail address'],
      ['git@github.com', NONE, 'the SSH remote user, not a mailbox'],
      ...none(['user@com', '@example.com', 'user@.com', 'user@ex..com']),
    ],
  },
  {
    source: PRESIDIO('test_phone_recognizer.py'),
    prefix: 'presidio.phone',
    rows: [
      ['My US number is (415) 555-0132, and my international one is +1 415 555 0132', E('phone', '(415) 555-0132', '+1 415 555 0132')],
      ['My Israeli number is 09-7625400', E('phone', '09-7625400')],
    ],
  },
  {
    source: GITLEAKS('aws.go'),
    prefix: 'gitleaks.aws',
    rows: [
      ['AKIALALEMEL33243OLIB', E('aws_access_key', 'AKIALALEMEL33243OLIB')],
      ...none([
        'key = AKIAXXXXXXXXXXXXXXXX',
        'aws_access_key: AKIAIOSFODNN7EXAMPLE',
        'msgstr "Näytä asiakirjamallikansio."',
        'TODAYINASIAASACKOFRICEFELLOVER',
      ]),
    ],
  },
  {
    source: GITLEAKS('aws_secret.go'),
    prefix: 'gitleaks.awssecret',
    rows: [
      [
        'aws_secret_access_key = lbqlNh3FW5/3AwnBoWsYIJam9w2Us4ZOH5Un8RyR',
        E('aws_secret_key', 'lbqlNh3FW5/3AwnBoWsYIJam9w2Us4ZOH5Un8RyR'),
        'value from gitleaks; the key name is ours (gitleaks generates its own context)',
      ],
      ...none(['lbqlNh3FW5/3AwnBoWsYIJam9w2Us4ZOH5Un8RyRX', "lbqlN'3FW5/3AwnBoWsYIJam9w2Us4ZOH5Un8RyR"]),
    ],
  },
  {
    source: DETECT_SECRETS('aws_key_test.py'),
    prefix: 'ds.aws',
    rows: [
      ['AKIAZZZZZZZZZZZZZZZZ', NONE, 'a dummy with no entropy, treated like the documented examples'],
      ...none(['akiazzzzzzzzzzzzzzzz', 'AKIAZZZ']),
      ['aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', NONE, 'documented AWS example secret'],
      ['secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"', NONE, 'documented AWS example secret'],
    ],
  },
  {
    source: GITLEAKS('anthropic.go'),
    prefix: 'gitleaks.anthropic',
    rows: [
      // Positives in the source; placeholders here (alphabet runs, abc123xyz, "fake"): see README.md.
      ...none(
        [
          'sk-ant-api03-abc123xyz-456def789ghij-klmnopqrstuvwx-3456yza789bcde-1234fghijklmnopby56aaaogaopaaaabc123xyzAA',
          'sk-ant-admin01-abc12fake-456def789ghij-klmnopqrstuvwx-3456yza789bcde-12fakehijklmnopby56aaaogaopaaaabc123xyzAA',
        ],
        'placeholder: alphabet runs and abc123xyz / fake in the body',
      ),
      ...none([
        'sk-ant-api03-abc123xyz-456de-klMnopqrstuvwx-3456yza789bcde-1234fghijklmnopAA',
        'sk-ant-api03-abc123xyz-456def789ghij-klmnopqrstuvwx-3456yza789bcde-1234fghijklmnopby56aaaogaopaaaabc123xyzBB',
        'anthropic_token = "sk-ant-oat01-tooShort"',
      ]),
    ],
  },
  {
    source: GITLEAKS('openai.go'),
    prefix: 'gitleaks.openai',
    rows: same('openai_key', [
      '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',
      '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',
      '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',
      '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',
      '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',
      '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',
      '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',
      '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',
    ]),
  },
  {
    source: DETECT_SECRETS('openai_test.py'),
    prefix: 'ds.openai',
    rows: same('openai_key', [
      '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',
      'sk-proj-Xi8tdMjHV6pmbBbwilTeT3BlbkFJ3UDnpdEwNNm6wVBpYM0o',
    ]),
  },
  {
    source: GITLEAKS('huggingface.go'),
    prefix: 'gitleaks.hf',
    rows: [
      ...[
        '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',
        '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',
        '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',
        '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',
        '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',
        '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',
        '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',
        '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',
      ].map((x): Row => [`huggingface-cli login --token ${x}`, E('huggingface_token', x)]),
      ['-H "Authorization: Bearer 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"', E('huggingface_token', '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')],
      [
        'DEV=1 HF_TOKEN=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 poetry run python app.py',
        E('huggingface_token', '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'),
      ],
      ["use_auth_token='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')", E('huggingface_token', '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')],
      ['CI_HUB_USER_TOKEN = "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"', E('huggingface_token', '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')],
      [
        `- Change line 5 and add your Hugging Face token, that is, instead of 'hf_token = "ADD_YOUR_HUGGING_FACE_TOKEN_HERE"', you will need to change it to something like'hf_token = "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"'`,
        E('huggingface_token', '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'),
      ],
      [
        '# Not critical, only usable on the sandboxed CI instance.\nTOKEN = "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"',
        E('huggingface_token', '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'),
      ],
      [
        `    parser.add_argument("--hf_token", type=str, default='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', help="Hugging Face Access Token to access PyAnnote gated models")`,
        E('huggingface_token', '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'),
      ],
      ...none([
        '- (id)hf_requiredCharacteristicTypesForDisplayMetadata;',
        'amazon.de#@#div[data-cel-widget="desktop-rhf_SponsoredProductsRemoteRHFSearchEXPSubsK2ClickPagination"]',
        '                            _kHMSymptomhf_generatedByHomeAppForDebuggingPurposesKey,',
        '    #define OSCHF_DebugGetExpectedAverageCrystalAmplitude NOROM_OSCHF_DebugGetExpectedAverageCrystalAmplitude',
        '  M_UINT       (ServingCellPriorityParametersDescription_t,  H_PRIO,  2, &hf_servingcellpriorityparametersdescription_h_prio),',
        '        os.environ.get("HF_AUTH_TOKEN",\n"hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),',
        '# HuggingFace API Token https://huggingface.co/settings/tokens\nHUGGINGFACE_API_TOKEN=hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx,',
      ]),
    ],
  },
  {
    source: GITLEAKS('slack.go'),
    prefix: 'gitleaks.slack',
    rows: [
      ...[
        ['bot_token1', 'xoxb-781236542736-2364535789652-GkwFDQoHqzXDVsC6GzqYUypD'],
        ['bot_token2', 'xoxb-263594206564-2343594206574-FGqddMF8t08v8N7Oq4i57vs1MBS'],
        ['bot_token3', 'xoxb-4614724432022-5152386766518-O5WzjWGLG0wcCm2WPrjEmnys'],
        ['user_token1', 'xoxp-41684372915-1320496754-45609968301-e708ba56e1517a99f6b5fb07349476ef'],
        ['user_token2', 'xoxp-283316862324-298911817009-298923149681-44f585044dace54f5701618e97cd1c0b'],
        ['user_token3', 'xoxp-11873098179-111402824422-234336993777-b96c9fb3b69f82ebb79d12f280779de1'],
        ['user_token4', 'xoxp-254112160503-252950188691-252375361712-6cbf56aada30951a9d310a5f23d032a0'],
        ['user_token5', 'xoxp-4614724432022-4621207627011-5182682871568-1ddad9823e8528ad0f4944dfa3c6fc6c'],
        [
          'access_token1',
          'xoxe.xoxp-1-Mi0yLTM0MTQwNDE0MDE3Ni0zNjU5NDY0Njg4MTctNTE4MjA3NTQ5NjA4MC01NDEyOTYyODY5NzUxLThhMTBjZmI1ZWIzMGIwNTg0ZDdmMDI5Y2UxNzVlZWVhYzU2ZWQyZTZiODNjNDZiMGUxMzRlNmNjNDEwYmQxMjQ',
        ],
        [
          'access_token4',
          'xoxe.xoxb-1-Mi0yLTMxNzcwMjQ0MTcxMy0zNjU5NDY0Njg4MTctNTE1ODE1MjY5MTcxNC01MTU4MDI0MTgyOTc5LWRmY2YwY2U4ODhhNzY5ZGU5MTAyNDU4MDJjMGQ0ZDliMTZhMjNkMmEyYzliNjkzMDRlN2VjZTI4MWNiMzRkNGQ',
        ],
        [
          'refresh_token1',
          'xoxe-1-My0xLTMxNzcwMjQ0MTcxMy01MTU4MTUyNjkxNzE0LTUxODE4NDI0MDY3MzYtMjA5MGFkOTFlZThkZWE2OGFlZDYwYWJjODNhYzAxYjA5ZjVmODBhYjgzN2QyNDdjOTNlOGY5NTg2YWM1OGM4Mg',
        ],
        ['bot_token1', 'xoxb-263594206564-FGqddMF8t08v8N7Oq4i57vs1'],
        ['bot_token2', 'xoxb-282029623751-BVtmnS3BQitmjZvjpQL7PSGP'],
        ['bot_token3', 'xoxb-47834520726-N3otsrwj8Cf99cs8GhiRZsX1'],
        ['bot_token5', 'xoxb-312554961652-uSmliU84rFhnUSBq9YdKh6lS'],
        ['access_token', 'xoxa-2-511111111-31111111111-3111111111111-e039d02840a0b9379c'],
      ].map(([k, x]): Row => [`"${k}": "${x}"`, E('slack_token', x as string)]),
      [
        '"url_private": "https:\\/\\/files.slack.com\\/files-pri\\/T04MCQMEXQ9-F04MAA1PKE3\\/image.png?t=xoxe-4726837507825-4848681849303-4856614048758-e0b1f3d4cb371f92260edb0d9444d206"',
        E('slack_token', 'xoxe-4726837507825-4848681849303-4856614048758-e0b1f3d4cb371f92260edb0d9444d206'),
      ],
      ...none([
        'xoxb-xxxxxxxxx-xxxxxxxxxx-xxxxxxxxxxxx',
        'xoxb-xxx',
        'xoxb-12345-abcd234',
        'xoxb-xoxb-my-bot-token',
        '"token1": "xoxp-1234567890"',
        '"token2": "xoxp-XXXXXXXXXX-XXXXXXXXXX-XXXXXXXXXXX-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"',
        '"token4": "xoxp-572370529330-573807301142-572331691188-####################"',
        'xoxb-Slack_BOT_TOKEN',
        'xoxb-abcdef-abcdef',
        'xoxe-1-xxx',
        'XOxE-RROAmw, Home and Garden, 5:24, 20120323',
        'xoxe.xoxp-1-SlackAppConfigurationAccessTokenHere',
        'xoxe.xoxp-1-RANDOMSTRINGHERE',
        'https://github.com/xoxa-nyc/xoxa-nyc.github.io/blob/master/README.md',
      ]),
      ...same('slack_webhook', [
        'http://hooks.slack.com/services/T024TTTTT/BBB72BBL/AZAAA9u0pA4ad666eMgbi555',
        'https://hooks.slack.com/services/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',
      ]),
    ],
  },
  {
    source: DETECT_SECRETS('slack_test.py'),
    prefix: 'ds.slack',
    rows: [
      ...same('slack_token', ['xoxa-511111111-31111111111-3111111111111-e039d02840a0b9379c', 'xoxb-34532454-e039d02840a0b9379c']),
      ['https://hooks.slack.com/services/Txxxxxxxx/Bxxxxxxxx/xxxxxxxxxxxxxxxxxxxxxxxx', NONE, 'all-x placeholder'],
    ],
  },
  {
    source: GITLEAKS('gcp.go'),
    prefix: 'gitleaks.gcp',
    rows: [
      ['AIzaSyNHxIf32IQ1a1yjl3ZJIqKZqzLAK1XhDk-', E('google_api_key', 'AIzaSyNHxIf32IQ1a1yjl3ZJIqKZqzLAK1XhDk-')],
      ...none([
        'GWw4hjABFzZCGiRpmlDyDdo87Jn9BN9THUA47muVRNunLxsa82tMAdvmrhOqNkRKiYMEAFbTJAIzaTesb6Tscfcni8vIpWZqNCXFDFslJtVSvFDq',
        'AIzaTesb6Tscfcni8vIpWZqNCXFDFslJtVSvFDqabcd123',
        'apiKey: "AIzaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"',
        'AIZASYCO2CXRMC9ELSKLHLHRMBSWDEVEDZTLO2O',
      ]),
    ],
  },
  {
    source: GITLEAKS('privatekey.go'),
    prefix: 'gitleaks.pk',
    rows: [
      ...same('private_key', [
        '-----BEGIN PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAVwAAAAdzc2gtcnNhAAAAAwEAAQAAAEEAqPfgaTEWEP3S9w0tgsicURfo+nLW09/0KfOPinhYZ4ouzU+3xC4plEp8Ut9FgL0AgqNslNaK34Kq+NZjO9DAQAAATB+9/CSfvfwkgAAAAdzc2gtcnNhAAAAQQCo9+BpMRYQ/dL3DS2CyJxRF+j6ctbT3/Qp84+KeFhnii7NT7fELilKUSnxS30WAvQCCo2yU1orfgqr41mM70MBAAAAAwEAAQAAAEAgkuLEHLaqkWhLgNKagSajeobLS3rPT0Agm0f7k55FXVt743hwNgkp98bMNrzy9AQ1mJGbQZGrpr4c8ZAx3aRNAAAAIBOs/5OiPgoTdSy7bcF9IGpSE8ZgGKzgYQVZeN97YE00AAAAIQCjEr8yAZ54u6Lfzkontk5iS2OEsE0AHr18rBNkWxQ2HQAAACEBCUEaRQnMnbp79mxDXDf6AU0cN/RPBjb9qSHDcWZHGzUAAAAXcGhwc2VjbGliLWdlbmVyYXRlZC1rZXkBAgME\n-----END PRIVATE KEY-----',
        '-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8QuKUpRKfFLfRYC9AIKjbJTWit+CqvjWYzvQwECAwEAAQJAIJLixBy2qpFoS4DSmoEmo3qGy0t6z09AIJtH+5OeRV1be+N4cDYJKffGzDa88vQENZiRm0GRq6a+HPGQMd2kTQIhAKMSvzIBnni7ot/OSie2TmJLY4SwTQAevXysE2RbFDYdAiEBCUEaRQnMnbp79mxDXDf6AU0cN/RPBjb9qSHDcWZHGzUCIG2Es59z8ugGrDY+pxLQnwfotadxd+Uyv/Ow5T0q5gIJAiEAyS4RaI9YG8EWx/2w0T67ZUVAw8eOMB6BIUg0Xcu+3okCIBOs/5OiPgoTdSy7bcF9IGpSE8ZgGKzgYQVZeN97Y==\n-----END RSA PRIVATE KEY-----',
      ]),
    ],
  },
  {
    source: DETECT_SECRETS('private_key_test.py'),
    prefix: 'ds.pk',
    rows: [
      [
        '"-----BEGIN RSA PRIVATE KEY-----\\nc3VwZXIgZHVwZXIgc2VjcmV0IHBhc3N3b3JkLCBzdXBlciBkdXBlciBzZ\\nWNyZXQgcGFzc3dvcmQhMTIzNCMkJQpzdXBlciBkdXBlciBzZWNyZXQgcGFzc3dvcmQsIHN1cGVyIGR1cGVyIHNlY3JldCBwYXNzd29yZCExMjM0IyQlCgo=\\n-----END RSA PRIVATE KEY-----"',
        E(
          'private_key',
          '-----BEGIN RSA PRIVATE KEY-----\\nc3VwZXIgZHVwZXIgc2VjcmV0IHBhc3N3b3JkLCBzdXBlciBkdXBlciBzZ\\nWNyZXQgcGFzc3dvcmQhMTIzNCMkJQpzdXBlciBkdXBlciBzZWNyZXQgcGFzc3dvcmQsIHN1cGVyIGR1cGVyIHNlY3JldCBwYXNzd29yZCExMjM0IyQlCgo=\\n-----END RSA PRIVATE KEY-----',
        ),
        'a JSON string with escaped newlines',
      ],
      [
        'some text here\n-----BEGIN PRIVATE KEY-----\nc3VwZXIgZHVwZXIgc2VjcmV0IHBhc3N3b3JkLCBzdXBlciBkdXBlciBzZWNyZXQgcGFzc3dvcmQhMTIzNCMkJQpzdXBlciBkdXBlciBzZWNyZXQgcGFzc3dvcmQsIHN1cGVyIGR1cGVyIHNlY3JldCBwYXNzd29yZCExMjM0IyQlCgo=\n-----END PRIVATE KEY-----',
        E(
          'private_key',
          '-----BEGIN PRIVATE KEY-----\nc3VwZXIgZHVwZXIgc2VjcmV0IHBhc3N3b3JkLCBzdXBlciBkdXBlciBzZWNyZXQgcGFzc3dvcmQhMTIzNCMkJQpzdXBlciBkdXBlciBzZWNyZXQgcGFzc3dvcmQsIHN1cGVyIGR1cGVyIHNlY3JldCBwYXNzd29yZCExMjM0IyQlCgo=\n-----END PRIVATE KEY-----',
        ),
      ],
    ],
  },
  {
    source: GITLEAKS('gitlab.go'),
    prefix: 'gitleaks.gitlab',
    rows: none([
      'glpat-XXXXXXXXXXX-XXXXXXXX',
      'glpat-xxxxxxxx-xxxxxxxxxxxxxxxxxx.xxxxxxxxx',
      'glptt-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      'GR134894112312312312312312312',
      'GR1348941XXXXXXXXXXXXXXXXXXXX',
      'glrt-tx_xxxxxxxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxx',
    ]),
  },
  {
    source: DETECT_SECRETS('gitlab_token_test.py'),
    prefix: 'ds.gitlab',
    rows: [
      ...same('gitlab_token', [
        'glpat-hellOworld380_testin',
        'gldt-HwllOuhfw-wu0rlD_yep',
        'glsoat-PREfix_helloworld380_testin_pretty_long_token_long',
      ]),
      ...none(['glpat-hellOWorld380 testin', 'glpat_hellOworld380_testin', 'gldt-seems_too000Sshorty', 'foo_hello-world80_testin']),
      [
        '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',
        E('github_token', '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'),
        'a GitHub token (negative for GitLab in the source); it may not carry GitHub’s CRC32 checksum',
      ],
    ],
  },
  {
    source: DETECT_SECRETS('github_token_test.py'),
    prefix: 'ds.github',
    rows: [['foo_wWPw5k4aXcaT4fNP0UcnZwJUVFk6LO0pINUx', NONE]],
  },
  {
    source: DETECT_SECRETS('stripe_key_test.py'),
    prefix: 'ds.stripe',
    rows: [
      ...same('stripe_key', ['sk_live_ReTllpYQYfIZu2Jnf2lAPFjD', 'rk_live_5TcWfjKmJgpql9hjpRnwRXbT']),
      ...none(['pk_live_j5krY8XTgIcDaHDb3YrsAfCl', 'sk_live_']),
    ],
  },
  {
    source: DETECT_SECRETS('sendgrid_test.py'),
    prefix: 'ds.sendgrid',
    rows: [
      [
        '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',
        E('sendgrid_key', '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'),
      ],
      ...none([
        'SG.ngeVfQFYQlKU0ufo8x5d1A..TwL2iGABf9DHoTf-09kqeF8tAmbihYzrnopKc-1s5cr',
        'AG.ngeVfQFYQlKU0ufo8x5d1A.TwL2iGABf9DHoTf-09kqeF8tAmbihYzrnopKc-1s5cr',
      ]),
    ],
  },
  {
    source: DETECT_SECRETS('jwt_test.py'),
    prefix: 'ds.jwt',
    rows: [
      [
        'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
        NONE,
        'the jwt.io sample token: a documented example, treated like AKIAIOSFODNN7EXAMPLE',
      ],
      ...same('jwt', [
        'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IsWww6HFkcOtIMOWxZHDqcOoIiwiaWF0IjoxNTE2MjM5MDIyfQ.k5HibI_uLn_RTuPcaCNkaVaQH2y5q6GvJg8GPpGMRwQ',
      ]),
      ...none(
        [
          'eyJ0eXAiOiJKV1QiLA0KImFsZyI6IkhTMjU2In0.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ',
          'eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJuYW1lIjoiSm9lIiwKInN0YXR1cyI6ImVtcGxveWVlIgp9',
          'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ',
        ],
        'two parts only; our contract requires three (detect-secrets accepts these)',
      ),
      ...none([
        '{"alg":"HS256","typ":"JWT"}.{"name":"Jon Doe"}.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
        'bm90X3ZhbGlkX2pzb25fYXRfYWxs.bm90X3ZhbGlkX2pzb25fYXRfYWxs.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
        'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9',
        'jwt',
        'eyJhbasdGciOiJIUaddasdasfsasdasdzI1NiIasdsInR5cCI6IkpXVCasdJasd9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
        'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
        'eyJAAAA.eyJBBB',
        'eyJBB.eyJCC.eyJDDDD',
      ]),
    ],
  },
  {
    source: DETECT_SECRETS('keyword_test.py'),
    prefix: 'ds.keyword',
    rows: none([
      'my_password = ""',
      "my_password = ''",
      'open(self, password = ""):',
      "my_password = request.json_body['hey']",
      'my_password = True',
      'login(username=username, password=password)',
      'password: ${link}',
      '$password = $input;',
      'apiKey: this.apiKey,',
      "apiKey: fs.readFileSync('foo',",
    ]),
  },
  {
    source: DETECT_SECRETS('basic_auth_test.py'),
    prefix: 'ds.basicauth',
    rows: [
      [
        'https://username:password@yelp.com',
        NONE,
        'an HTTP URL with placeholder credentials: not a database/broker URI, and "password" is a placeholder',
      ],
      ['http://localhost:5000/<%= @variable %>', NONE],
    ],
  },
  {
    source: DETECT_SECRETS('npm_test.py'),
    prefix: 'ds.npm',
    rows: none([
      '//registry.npmjs.org/:_authToken=${NPM_TOKEN}',
      '//registry.npmjs.org/:_authToken=npm_xxxxxxxxxxx',
      '//registry.npmjs.org/:_authToken=',
    ]),
  },
  {
    source: GITLEAKS('database.go'),
    prefix: 'gitleaks.db',
    rows: none(['DB_PASSWORD=[value]', 'somepwd=XXXXXXXXXXXXXXX']),
  },
  {
    source: GITLEAKS('generic.go'),
    prefix: 'gitleaks.generic',
    rows: none([
      'client_vpn_endpoint_id = aws_ec2_client_vpn_endpoint.client-vpn-endpoint.id',
      'password combination.\n\nR5: Regulatory--21',
    ]),
  },
];

/** The GCP service-account TP from gitleaks carries a literal (test) key; the ids around it are ours. */
const GCP_KEY =
  '-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCy1yG25m+cplha\\n8h1Jmd9m15gGabp2Uk5B/lgHglYiE+TRH7GvLTg30x9FIoarZR5SLKWaSQ50JPNL\\npf5XlmiPmwRyY0hCQvDwPy0xX0iNCO/OGInGT0+oKXDtVb4e3NSp1sAmIVSVYyWg\\nlwDl0W28t9rZdRprMTA0NU5GMeTGolsFxjhTp313Ss7iZ6fsg6TDz5Gv1Js0iXyl\\nKDj1nIFaokZ7ERTOMGTQ4TTKgHIHhp4fVBsjJp4cKvv48DhabHLyz4zQhfzEK0dj\\n2KT2Kkp1GS1JwKRApxHVBPgm55CVsAMLTxHBVgvujcDKavfLLANSWpOZnIiNdbsE\\n1BWF/2VtAgMBAAECggEAGvSeGklFTWEtNBgGHg/ZQlEAkwbgmfDx5rSFZCxa+yvw\\ncyzJxVOVg6SItAzuK2tEVLJyC30zdoITQbW1TlJXVD3TP8KDI6mfUzbSgvyPnOJZ\\n8sB0E7Xklb4ZTUx9KX2zeB3sPFMNwq58/2WDNyCH38f+boReBQYW8+eM8ruWdfHF\\nvqm7M+JxiAH1pD/QOqkEo5SdkIUd2Cg6CbvQtLAUx7Daom09zR79OkezZ2+SWFff\\n3nG4xnSUPF22UzZQw1gsyduT9p24ibncltlGVvtu/Mv7FAQdAo0gTDozVKGIdNjH\\nCFjsEpduwnRFwFxbieKHbTbCBCn9A7PJNIphCyDhaQKBgQDwyw7kwCUbKGIMkcdL\\nEKBcIeSJgVVP0kKb9Y4Z9pHqoFfutLzCrOrAYimhRAt86FEbojJJoMEL0o0lSnME\\nRSxq5nFXwQSHFMKdOyA+ojlXUiB3f4CEUAxJ44Q6CbbZth7DJyt2cWGSNLB/xAEg\\nJyKQb0aDRf/Zfqmsvdj+HLAigwKBgQC+InjfOPek2WsgYqBZr1Td16K/e7W1gOhv\\nH033zEbveHkJD11IKzQP5l+6hokFteFG0k2jEB+HK8MxGufgBQ3asbQmYxFRAJFl\\nkQKyTrZGvHlPNsGt1vGuj/EF4Vp2ih2dXhoPA8Y0vXc+GyTAnvShSJz5FPJVCHPq\\n0MMSSvAVTwKBgCjcPEXC+Uj3fFPntOrfAmc/9RkEUma+JkFy1M9BERfAZ8uA7fsW\\n/qrwvWG5Oz3R6lmHF4N4/Ok1rG/kh0n1NwlY22jpvwvxEOk/bERUoOhZblr4zuUk\\n9EDhk8GJfnbJOcUh83Ug3k7CFCVKLGq5WVsrFssV6MmOfdprSNQuKBFjAoGBAKWu\\n+m9igAJp570X1K1yaNzMLKj5z3UzuNgkile17dZ9v9MSTXI3G64DTUYIOFz+iimh\\n1z+SLDco/nXLAWYoYVNCaT7OM2fHu+uqupPQnWv0jy1lBM9Mr9wy2JAMOT10y6u3\\nNbQB0PViaQd4tcUYfwoQcaFoDGfm7sQfWO2W2bFnAoGAD5NRuS5/EEqm8dZY6EKw\\nbX+7HNBeYDf7A5Uh15TYIu5ckM30sr0rg2/RzrW6qdfD93EwKxc3mAi+zxbA/EnU\\nDVQ3n0BNNR2kEzOSXm2uRGRt6EjFlke1YUqVytWlNBi99expsFRxihD996MBfYWJ\\nxElNa3RTdwMPGE02C0y7fBg=\\n-----END PRIVATE KEY-----';

GROUPS.push({
  source: GITLEAKS('gcp.go'),
  prefix: 'gitleaks.gcpsa',
  rows: [
    [
      `{\n  "type": "service_account",\n  "project_id": "sample-project-4821",\n  "private_key_id": "0f5a1c3e9b7d2468ace13579bdf02468ace13579",\n  "private_key": "${GCP_KEY}\\n",\n  "client_email": "gitleaks-test@sample-project-4821.iam.gserviceaccount.com",\n  "client_id": "104857600012345678901",\n  "auth_uri": "https://accounts.google.com/o/oauth2/auth",\n  "token_uri": "https://oauth2.googleapis.com/token",\n  "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/gitleaks-test%40sample-project-4821.iam.gserviceaccount.com",\n  "universe_domain": "googleapis.com"\n}`,
      [...E('private_key', GCP_KEY), ...E('email', 'gitleaks-test@sample-project-4821.iam.gserviceaccount.com')],
      'key and layout from gitleaks; project id, key id and client id filled in by us',
    ],
  ],
});

/** All transcribed cases, with stable ids. */
export function transcribedCases(): TranscribedCase[] {
  const out: TranscribedCase[] = [];
  const seen = new Set<string>();
  for (const g of GROUPS) {
    let n = 0;
    for (const [text, expect, note] of g.rows) {
      if (seen.has(text)) continue;
      seen.add(text);
      n++;
      out.push({ id: `tr.${g.prefix}.${String(n).padStart(3, '0')}`, text, expect, source: g.source, ...(note ? { note } : {}) });
    }
  }
  return out;
}
