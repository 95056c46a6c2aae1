import { describe, expect, it } from 'vitest';
import { adversarialText } from '../../adversarial.ts';
import { createScanner } from '../../engine.ts';
import { scanWith } from '../../testing.ts';
import { npmToken } from './npm-token.ts';

const scan = scanWith(npmToken);
const raw = createScanner({ recognizers: [npmToken], classifiers: [] });

// Synthetic; the checksum of NPM was computed with Node's zlib.crc32.
const NPM = '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';
const NPM_BAD_CHECKSUM = 'npm_09h6KdKCrvNAdpTh6SirSGnHhcpytj3U8Wbh';

describe('npm_token', () => {
  it.each([
    [`//registry.npmjs.org/:_authToken=${NPM}`, NPM],
    [`NPM_TOKEN="${NPM}"`, NPM],
    [`npm token ${NPM_BAD_CHECKSUM} leaked`, NPM_BAD_CHECKSUM],
  ])('finds %j', (text, value) => {
    expect(scan(text)).toEqual([value]);
  });

  it('scores a valid checksum above a failing one', () => {
    expect(raw.scanRaw(NPM)[0]?.confidence).toBeGreaterThanOrEqual(0.9);
    expect(raw.scanRaw(NPM_BAD_CHECKSUM)[0]?.confidence).toBeLessThan(0.7);
  });

  it.each([
    ['mask', 'npm_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    ['zeros', 'npm_000000000000000000000000000000000000'],
    ['too long', `${NPM}A`],
    ['too short', NPM.slice(0, -1)],
    ['glued', `pnpm_${NPM.slice(4)}`],
    ['truncated', `${NPM.slice(0, 20)}...`],
    ['elided', `${NPM}…`],
    ['legacy uuid token', '//registry.npmjs.org/:_authToken=3f2b9c4e-8d7a-4f1e-9b6c-2a5d8e7f1c30'],
    ['snake_case identifier', 'const npm_registryConfigurationLoader = load();'],
  ])('ignores %s', (_why, text) => {
    expect(scan(text)).toEqual([]);
  });

  it('stays linear and silent on 200 KB of near-matches', () => {
    expect(scan(adversarialText(`npm_ ${NPM.slice(0, -1)} npm_${NPM.slice(4)}_ `, 200_000))).toEqual([]);
  });
});
