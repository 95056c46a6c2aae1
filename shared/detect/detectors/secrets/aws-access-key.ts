import { DOCUMENTED_EXAMPLES } from '../../denylist.ts';
import type { Recognizer } from '../../recognizer.ts';
import { looksFake, startsFree } from './token-checks.ts';

// AKIA = long-term user key, ASIA = temporary (STS) key; other documented prefixes are rarer.
const KEY = /(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z2-7]{16}(?![A-Za-z0-9])/y;

/**
 * AWS access key id: a four-letter prefix plus 16 base-32 characters.
 * Documented examples (`AKIAIOSFODNN7EXAMPLE`) and fillers (`AKIAXXXXXXXXXXXXXXXX`,
 * `AKIAZZZZZZZZZZZZZZZZ`, `AKIAABCDEFGHIJKLMNOP`, `AKIAYOURACCESSKEYID2`) are never reported: real
 * ids are random base-32, so a run of six equal characters, an alphabet run of eight, a filler word
 * or fewer than 8 distinct characters in the 16 misfires on well under 1 real key in 1,000.
 */
export const awsAccessKey: Recognizer = {
  type: 'aws_access_key',
  anchors: ['A(?:KIA|SIA|BIA|CCA|GPA|IDA|ROA|IPA|NPA|NVA|PKA)'],
  match(text, start, _end, sink) {
    if (!startsFree(text, start)) return;
    KEY.lastIndex = start;
    const m = KEY.exec(text);
    if (!m) return;
    const value = m[0];
    if (DOCUMENTED_EXAMPLES.has(value) || value.endsWith('EXAMPLE') || looksFake(value, value.slice(4))) return;
    sink.add('aws_access_key', start, start + value.length, value.startsWith('AKIA') || value.startsWith('ASIA') ? 0.95 : 0.8);
  },
};
