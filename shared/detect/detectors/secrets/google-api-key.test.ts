import { describe, expect, it } from 'vitest';
import { adversarialText } from '../../adversarial.ts';
import { scanWith } from '../../testing.ts';
import { googleApiKey } from './google-api-key.ts';

const scan = scanWith(googleApiKey);
const KEY = 'AIzaVkiCbl_ht86bbogtE8fqSlSeyu0aOWYaYFj';

describe('google_api_key', () => {
  it.each([
    [`GOOGLE_API_KEY=${KEY}`, KEY],
    [`https://maps.googleapis.com/maps/api/geocode/json?address=Berlin&key=${KEY}`, KEY],
    [`apiKey: "${KEY}",`, KEY],
  ])('finds %j', (text, value) => {
    expect(scan(text)).toEqual([value]);
  });

  it.each([
    ['mask', 'AIzaxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    ['placeholder', 'AIzaSyYOUR_API_KEY_HERE_PLEASE_REPLACE1'],
    ['too short', KEY.slice(0, -1)],
    ['too long', `${KEY}x`],
    ['glued', `x${KEY}`],
    ['truncated', `${KEY.slice(0, 20)}...`],
    ['prefix alone', 'AIza is the prefix of Google API keys'],
  ])('ignores %s', (_why, text) => {
    expect(scan(text)).toEqual([]);
  });

  it('stays linear and silent on 200 KB of near-matches', () => {
    expect(scan(adversarialText(`AIza AIzaSyA ${KEY.slice(0, -1)} AIza${'-_'.repeat(18)} `, 200_000))).toEqual([]);
  });
});
