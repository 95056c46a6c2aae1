import { describe, expect, it } from 'vitest';
import { adversarialText } from '../../adversarial.ts';
import { scanWith } from '../../testing.ts';
import { email } from './email.ts';

const scan = scanWith(email);

describe('email', () => {
  it.each([
    ['Please contact jane.doe@acme-corp.com today.', 'jane.doe@acme-corp.com'],
    ['<mailto:o.brien+billing@mail.contoso.co.uk>', 'o.brien+billing@mail.contoso.co.uk'],
    ['From: "Ana" <ana@example.org>', 'ana@example.org'],
    // key=value logs and query strings: the address starts after the delimiter
    ['12:00:01 INFO login ok user=mei.lin@brightway-labs.io ip=10.1.2.3', 'mei.lin@brightway-labs.io'],
    ['GET /invite?to=r.okoye@quillstone.net&role=admin', 'r.okoye@quillstone.net'],
    ['email:tomas_k@harborline.de', 'tomas_k@harborline.de'],
    ['To:priya.n@saltmarsh.org', 'priya.n@saltmarsh.org'],
    ['#ops ping #dana.w@orchard-labs.com', 'dana.w@orchard-labs.com'],
    // quotes are delimiters outside the address, part of it inside
    ["send_to('keiko.t@lumenfield.co.jp')", 'keiko.t@lumenfield.co.jp'],
    ["Write to o'neill.k@kestrelpoint.ie about it", "o'neill.k@kestrelpoint.ie"],
    ['CC: ops-team@riverbend.app, done.', 'ops-team@riverbend.app'],
  ])('finds %j', (text, value) => {
    expect(scan(text)).toEqual([value]);
  });

  it.each([
    ['ssh remote', 'git clone git@github.com:acme/api.git'],
    ['ssh user alone', 'ssh -T git@gitlab.com'],
    ['uri credentials', 'postgres://app:s3cret@db.internal.acme.io:5432/app'],
    ['bare credentials', 'ftp admin:Hunter22x@files.acme-corp.io'],
    ['uri password only', 'redis://:Zq8Lm2Xc@cache.acme-corp.io:6379/0'],
    ['token in a git URL', 'git clone https://ghp_Zq8Lm2Xc4Vb6Nn1Aa3Ss5Dd7Ff9Gg0Hh2Jj4@github.com/acme/api.git'],
    ['sentry dsn', 'SENTRY_DSN=https://4f9c2d1e8b7a4c3d@o412345.ingest.sentry.io/5501234'],
    ['retina asset', '<img src="/img/badge@2x.png" srcset="/img/badge@3x.png 3x">'],
    ['retina asset without a path', 'background: url(hero@2x.webp)'],
    ['versioned script', '<script src="chart@4.2.min.js"></script>'],
    ['npm scoped package', 'npm i @acme/ui-kit@2.4.1'],
    ['no tld', 'user@localhost'],
    ['decorator', '@Component({ selector: "x" })'],
    ['handle', 'ping @alice about it'],
  ])('ignores %s', (_why, text) => {
    expect(scan(text)).toEqual([]);
  });

  it('stays linear and silent on 200 KB of delimiter-heavy near-matches', () => {
    expect(scan(adversarialText('a=b=c/d@2x.png ', 200_000))).toEqual([]);
  });
});
