import type { Recognizer } from '../../recognizer.ts';
import type { FindingSink } from '../../types.ts';
import { DASH_TOKEN, followedByEllipsis, isTokenChar, looksFake, startsFree } from './token-checks.ts';

// Documented GitLab token prefixes (docs.gitlab.com, "Token prefixes"), without the `gl`:
// personal/project/group access, deploy, runner auth, pipeline trigger, SCIM, CI job, feature
// flags client, feed, incoming mail, Kubernetes agent, OAuth application secret.
const KINDS: ReadonlySet<string> = new Set(['pat', 'dt', 'rt', 'ptt', 'soat', 'cbt', 'ffct', 'ft', 'imt', 'agent', 'oas']);
// Body: 20 characters for the legacy formats (`glptt-` 40 hex, `glagent-` 50, `gloas-` 64);
// "routable" tokens (GitLab 17+) are longer and end in `.` + 2-character version + 7-character CRC;
// public descriptions differ on whether a second `.` separates the two, so both are accepted.
const BODY = /[0-9A-Za-z_-]{20,300}/y;
const ROUTABLE_TAIL = /\.[0-9a-z]{2}\.?[0-9a-z]{7}(?![0-9A-Za-z_-])/y;
const RUNNER_REGISTRATION = /GR1348941[0-9A-Za-z_-]{20}(?![0-9A-Za-z_-])/y;
const EXACT_LENGTH: Readonly<Record<string, number>> = {
  pat: 20,
  dt: 20,
  rt: 20,
  soat: 20,
  ffct: 20,
  ft: 20,
  imt: 25,
  ptt: 40,
  agent: 50,
  oas: 64,
};

/**
 * GitLab tokens: `glpat-` and the other documented `gl…-` prefixes (legacy and routable formats),
 * and `GR1348941…` runner registration tokens. Known lengths and the routable shape score 0.95,
 * other lengths 0.85 (the prefixes alone are specific). Masks such as `glpat-xxxxxxxxxxxxxxxxxxxx`
 * and values followed by `...` are not reported.
 */
export const gitlabToken: Recognizer = {
  type: 'gitlab_token',
  anchors: [DASH_TOKEN, 'GR1348941'],
  match(text, at, _end, sink) {
    if (text.charCodeAt(at) !== 45) {
      matchRunnerRegistration(text, at, sink);
      return;
    }
    // Walk left over the lower-case letters of the prefix (at most `glagent`, 7 letters).
    let s = at;
    while (s > 0 && at - s < 7 && isLower(text.charCodeAt(s - 1))) s--;
    if (text.charCodeAt(s) !== 103 || text.charCodeAt(s + 1) !== 108 || !startsFree(text, s)) return;
    const kind = text.slice(s + 2, at);
    if (!KINDS.has(kind)) return;
    BODY.lastIndex = at + 1;
    const m = BODY.exec(text);
    if (!m) return;
    let end = at + 1 + m[0].length;
    if (isTokenChar(text.charCodeAt(end))) return;
    const body = m[0];
    ROUTABLE_TAIL.lastIndex = end;
    const tail = body.length >= 27 ? ROUTABLE_TAIL.exec(text) : null;
    const routable = tail !== null;
    if (tail) end += tail[0].length;
    if (followedByEllipsis(text, end)) return;
    const value = text.slice(s, end);
    if (looksFake(value, body)) return;
    const exact = routable || body.length === EXACT_LENGTH[kind];
    sink.add('gitlab_token', s, end, exact ? 0.95 : 0.85);
  },
};

function matchRunnerRegistration(text: string, at: number, sink: FindingSink): void {
  if (!startsFree(text, at)) return;
  RUNNER_REGISTRATION.lastIndex = at;
  const m = RUNNER_REGISTRATION.exec(text);
  if (!m) return;
  const end = at + m[0].length;
  if (followedByEllipsis(text, end) || looksFake(m[0], m[0].slice(9))) return;
  sink.add('gitlab_token', at, end, 0.9);
}

function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}
