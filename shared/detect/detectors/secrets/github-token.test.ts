import { describe, expect, it } from 'vitest';
import { adversarialText } from '../../adversarial.ts';
import { createScanner } from '../../engine.ts';
import { scanWith } from '../../testing.ts';
import { githubToken } from './github-token.ts';

const scan = scanWith(githubToken);
const raw = createScanner({ recognizers: [githubToken], classifiers: [] });

// Synthetic tokens; the checksummed ones were made with Node's zlib.crc32, independently of the
// recognizer's own CRC code.
const GHP = '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';
const GHO = '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';
const GHU = 'ghu_q5hzo5Hgo37zk77iyAfUsiu8izanti1yWoMV';
const GHS = 'ghs_TOAB6znAmks9R9oxmzI9fjJYNy1to94ZgMq0';
const GHR = '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';
const GHP_BAD_CHECKSUM = 'ghp_xsxgxZiSgwEPzzwaW5PWdzZ8ibUhS20mrnRM';
const GHR_76 = 'ghr_j90ebr5ioKqYl1XSFqt7TQEs5wz7O8RhYsvmsmkQzdIscii37JGRgY41g4Re5pxU480AKuGF4QkQ';
const PAT = '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';

describe('github_token', () => {
  it.each([
    [`GITHUB_TOKEN=${GHP}`, GHP],
    [`Authorization: token ${GHO}`, GHO],
    [`"token": "${GHU}",`, GHU],
    [`installation token ${GHS}.`, GHS],
    [`refresh_token=${GHR}&expires_in=15897600`, GHR],
    [`refresh_token=${GHR_76}`, GHR_76],
    [`export GH_TOKEN='${PAT}'`, PAT],
    [`git clone https://x-access-token:${GHP}@github.com/acme/api.git`, GHP],
    [`checksum not valid ${GHP_BAD_CHECKSUM}`, GHP_BAD_CHECKSUM],
  ])('finds %j', (text, value) => {
    expect(scan(text)).toEqual([value]);
  });

  it('scores a valid checksum above a failing one', () => {
    const [good] = raw.scanRaw(GHP);
    const [bad] = raw.scanRaw(GHP_BAD_CHECKSUM);
    expect(good?.confidence).toBeGreaterThanOrEqual(0.95);
    expect(bad?.confidence).toBeGreaterThanOrEqual(0.5);
    expect(bad?.confidence).toBeLessThan(0.7);
  });

  it.each([
    ['mask', 'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    ['all one character', 'ghp_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['EXAMPLE inside', 'ghp_EXAMPLEEXAMPLEEXAMPLEEXAMPLEEXAMPLE1'],
    ['sequence', 'ghp_1234567890abcdefghijklmnopqrstuvwxyz'],
    ['binary digits', 'ghp_1010110010001010101001010101010101011001'],
    ['GitHub docs example', 'gho_16C7e42F292c6912E7710c838347Ae178B4a'],
    ['truncated with ...', `${GHP.slice(0, 30)}...`],
    ['shown then elided', `${GHP}...`],
    ['one character short', GHP.slice(0, -1)],
    ['glued to a word', `x${GHP}`],
    ['unknown letter', 'ghx_AD8rgZcOitPJvgMWShS8P2LIJShvE401vxTo'],
    ['upper-case prefix', 'GHP_AD8rgZcOitPJvgMWShS8P2LIJShvE401vxTo'],
    ['template', 'GITHUB_TOKEN=${GITHUB_TOKEN}'],
    ['angle placeholder', 'GITHUB_TOKEN=<your-token>'],
    ['fine-grained mask', 'github_pat_xxxxxxxxxxxxxxxxxxxxxx_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    ['fine-grained without second part', 'github_pat_xsDb8FFXwqQeGdbhKvSqzC'],
  ])('ignores %s', (_why, text) => {
    expect(scan(text)).toEqual([]);
  });

  it('stays linear and silent on 200 KB of near-matches', () => {
    const text = adversarialText(`ghp_ ${GHP.slice(0, -1)} github_pat_ github_pat_${'a1'.repeat(11)}_ ghp_${'Ab'.repeat(18)}x `, 200_000);
    expect(scan(text)).toEqual([]);
  });
});
