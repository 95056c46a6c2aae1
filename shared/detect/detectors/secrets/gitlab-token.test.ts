import { describe, expect, it } from 'vitest';
import { adversarialText } from '../../adversarial.ts';
import { scanWith } from '../../testing.ts';
import { gitlabToken } from './gitlab-token.ts';

const scan = scanWith(gitlabToken);

const GLPAT = 'glpat-xhwnnmrwu42roJQ-N5Cv';
const GLPAT_ROUTABLE = 'glpat-OjdhZqlzGL1EyTnVyNJclG8DmfKx5pC.01.6l8af63';
const GLDT = 'gldt-gzQLUroUGT6FJPtAsA8f';
const GLPAT_ROUTABLE_ONE_DOT = 'glpat-OjdhZqlzGL1EyTnVyNJclG8DmfKx5pC.016l8af63';
const GLRT_ROUTABLE = 'glrt-t1_8lXvRWpvhtXmPDYNvKUGU53kt1A.01.77eg5gd';
const GLPTT = 'glptt-00a6407cd8bff5ddcebb54c5c09937ae40970062';
const GLSOAT = 'glsoat-ptxvwf54g65U4xeYRe7t';
const RUNNER = 'GR1348941Wwvoun0Fy6LZvxgb8-Jq';

describe('gitlab_token', () => {
  it.each([
    [`GITLAB_TOKEN=${GLPAT}`, GLPAT],
    [`curl --header "PRIVATE-TOKEN: ${GLPAT_ROUTABLE}" https://gitlab.example.com/api/v4/projects`, GLPAT_ROUTABLE],
    [`PAT ${GLPAT_ROUTABLE_ONE_DOT}`, GLPAT_ROUTABLE_ONE_DOT],
    [`deploy token ${GLDT}.`, GLDT],
    [`token = "${GLRT_ROUTABLE}"`, GLRT_ROUTABLE],
    [`-F token=${GLPTT} -F ref=main`, GLPTT],
    [`SCIM token: ${GLSOAT}`, GLSOAT],
    [`gitlab-runner register --registration-token ${RUNNER}`, RUNNER],
  ])('finds %j', (text, value) => {
    expect(scan(text)).toEqual([value]);
  });

  it.each([
    ['mask', 'glpat-XXXXXXXXXXX-XXXXXXXX'],
    ['routable mask', 'glpat-xxxxxxxx-xxxxxxxxxxxxxxxxxx.xxxxxxxxx'],
    ['trigger mask', 'glptt-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    ['runner filler', 'GR134894112312312312312312312'],
    ['runner mask', 'GR1348941XXXXXXXXXXXXXXXXXXXX'],
    ['unknown prefix', 'glxyz-xhwnnmrwu42roJQ-N5Cv'],
    ['glued', `aglpat-${GLPAT.slice(6)}`],
    ['too short', GLPAT.slice(0, -1)],
    ['truncated', `${GLPAT.slice(0, 15)}...`],
    ['prose hyphen', 'a state-of-the-art, well-understood gl-compatible pipeline'],
    ['template', 'GITLAB_TOKEN=${CI_JOB_TOKEN}'],
  ])('ignores %s', (_why, text) => {
    expect(scan(text)).toEqual([]);
  });

  it('stays linear and silent on 200 KB of near-matches', () => {
    expect(scan(adversarialText(`glpat- ${GLPAT.slice(0, -1)} glpat-${'-'.repeat(30)} GR1348941 gl-${'a1'.repeat(20)} `, 200_000))).toEqual(
      [],
    );
  });
});
