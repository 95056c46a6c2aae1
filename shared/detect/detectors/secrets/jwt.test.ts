import { describe, expect, it } from 'vitest';
import { adversarialText } from '../../adversarial.ts';
import { createScanner } from '../../engine.ts';
import { scanWith } from '../../testing.ts';
import { decodeBase64Url, jwt } from './jwt.ts';

const scan = scanWith(jwt);
const raw = createScanner({ recognizers: [jwt], classifiers: [] });

// Synthetic: headers and payloads are made-up JSON, signatures random base64url.
const HS_HEADER = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9'; // {"alg":"HS256","typ":"JWT"}
const RS_HEADER = 'eyJhbGciOiJSUzI1NiIsImtpZCI6ImstMjAyNC0wNyJ9'; // {"alg":"RS256","kid":"k-2024-07"}
const PAYLOAD =
  'eyJzdWIiOiJ1XzhmM2EyYzkxIiwibmFtZSI6IkRhbmEgVGVzdHBlcnNvbiIsInJvbGUiOiJhbmFseXN0IiwiaWF0IjoxNzE4MDAwMDAwLCJleHAiOjE3MTgwMDM2MDB9';
const PAYLOAD2 = 'eyJpc3MiOiJodHRwczovL2F1dGguYWNtZS50ZXN0IiwiYXVkIjoiYXBpIiwic3ViIjoic3ZjLXJlcG9ydGluZyIsInNjb3BlIjoicmVhZDpvcmRlcnMifQ';
const SIG = 'ioPRe8PrtVUD_l6RURErQFJwDVhFsitYTDPcNm2gIls';
const SIG2 = 'oZX3OjgWIhKA1IVwSEWlTA81J78gYNX29bVNW7TqbTucehbnfpKDUxmrIioABpiaZSb7Ep5ENA20ZJncPC3QcZ';
const HS = `${HS_HEADER}.${PAYLOAD}.${SIG}`;
const RS = `${RS_HEADER}.${PAYLOAD2}.${SIG2}`;
// Payload starts like JSON but is cut off: still a token, lower confidence.
const BROKEN_PAYLOAD = `${HS_HEADER}.eyJhbGciOiJIUzI1NiI.${SIG}`;

describe('jwt', () => {
  it.each([
    [`Authorization: Bearer ${HS}`, HS],
    [`{"access_token":"${RS}","expires_in":3600}`, RS],
    [`https://app.acme.test/callback?id_token=${HS}&state=xyz`, HS],
    [`token=${BROKEN_PAYLOAD}`, BROKEN_PAYLOAD],
    [`The session token is ${HS}.`, HS],
  ])('finds %j', (text, value) => {
    expect(scan(text)).toEqual([value]);
  });

  it('scores a JSON payload above an undecodable one', () => {
    expect(raw.scanRaw(HS)[0]?.confidence).toBeGreaterThanOrEqual(0.9);
    expect(raw.scanRaw(BROKEN_PAYLOAD)[0]?.confidence).toBeLessThan(0.9);
  });

  it.each([
    ['header without alg', `eyJ0eXAiOiJKV1QifQ.${PAYLOAD}.${SIG}`],
    ['header not JSON', `eyJub3QganNvbiBhdCBhbGw.${PAYLOAD}.${SIG}`],
    ['unsigned (alg none)', `eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.`],
    ['short signature', `${HS_HEADER}.${PAYLOAD}.abc123`],
    [
      'jwt.io example',
      `${HS_HEADER}.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c`,
    ],
    ['four parts', `${HS}.${SIG}`],
    ['dotted prefix', `x.${HS}`],
    ['truncated', `${HS_HEADER}.${PAYLOAD}.${SIG.slice(0, 20)}...`],
    ['two parts', `${HS_HEADER}.${PAYLOAD}`],
    ['prose', 'Then eyJ. was typed, and .eyJ again.'],
  ])('ignores %s', (_why, text) => {
    expect(scan(text)).toEqual([]);
  });

  it('decodes base64url by hand', () => {
    expect(decodeBase64Url('TWFu', 0, 4)).toBe('Man');
    expect(decodeBase64Url('TWE', 0, 3)).toBe('Ma');
    expect(decodeBase64Url('_-8', 0, 3)).toBe('\u00ff\u00ef');
    expect(decodeBase64Url('TWFuT', 0, 5)).toBeNull();
    expect(decodeBase64Url('TW+u', 0, 4)).toBeNull();
  });

  it('stays linear and silent on 200 KB of near-matches', () => {
    const unit = `eyJ eyJhbGciOiJIUzI1NiJ9. eyJ.eyJ. ${HS_HEADER}.eyJ. a.eyJhbGci.x ${HS_HEADER}.${PAYLOAD}.short `;
    expect(scan(adversarialText(unit, 200_000))).toEqual([]);
  });
});
