import { describe, expect, it } from 'vitest';
import { scanWith } from '../../testing.ts';
import { email } from './email.ts';

const scan = scanWith(email);

describe('email', () => {
  it.each([
    ['Please contact jane.doe@acme-corp.com today.', 'jane.doe@acme-corp.com'],
    ['<mailto:o.brien+billing@mail.contoso.co.uk>', 'o.brien+billing@mail.contoso.co.uk'],
    ['From: "Ana" <ana@example.org>', 'ana@example.org'],
  ])('finds %j', (text, value) => {
    expect(scan(text)).toEqual([value]);
  });

  it.each([
    ['ssh remote', 'git clone git@github.com:acme/api.git'],
    ['uri credentials', 'postgres://app:s3cret@db.internal.acme.io:5432/app'],
    ['no tld', 'user@localhost'],
    ['decorator', '@Component({ selector: "x" })'],
    ['handle', 'ping @alice about it'],
  ])('ignores %s', (_why, text) => {
    expect(scan(text)).toEqual([]);
  });
});
