import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DOCUMENTED_EXAMPLES, isPlaceholder } from './denylist.ts';

/** The rules of `isPlaceholder` written plainly, every pattern on every value. */
function reference(value: string): boolean {
  const v = value.trim();
  if (v.length === 0) return true;
  if (DOCUMENTED_EXAMPLES.has(v)) return true;
  if (/^\$\{[^}]*\}$|^\{\{[^}]*\}\}$|^%[A-Za-z_][\w]*%$|^\$[A-Za-z_]\w*$|^<[^<>]*>$|^\[[^[\]]*\]$/.test(v)) return true;
  if (/^(?:env|process\.env|os\.environ|getenv)\b/i.test(v)) return true;
  if (/EXAMPLE|PLACEHOLDER|REDACTED|<redacted>/i.test(v)) return true;
  if (/^(.)\1+$/.test(v)) return true;
  if (/^[x*•.#_-]{3,}$/i.test(v)) return true;
  return PLACEHOLDER_WORDS_REFERENCE.test(v);
}
const PLACEHOLDER_WORDS_REFERENCE =
  /^(?:change_?me|changeit|password\d?|passw0rd|secret|(?:your|my)[_-]?(?:own[_-]?)?(?:db[_-]?|api[_-]?|secret[_-]?|access[_-]?)?(?:password|passwd|pass|pwd|secret|key|token|api[_-]?key|credentials?)(?:[_-]?here)?|example\w*|sample\w*|dummy\w*|test(?:ing)?|placeholder|redacted|removed|hidden|none|null|undefined|true|false|todo|fixme|tbd|xxx+|\*+|\.+|x+|0+|1234(?:5678?)?|abc(?:123|def)?|foo|bar|baz|user(?:name)?|pass(?:word)?|pwd|string|value|token|key)$/i;

describe('isPlaceholder', () => {
  const samples = [
    '',
    '   ',
    '${DB_PASS}',
    '{{ token }}',
    '%PASSWORD%',
    '$PASS',
    '<password>',
    '[secret]',
    'env.DB_PASS',
    'process.env.TOKEN',
    'os.environ["X"]',
    'GetEnv("X")',
    'my-EXAMPLE-key',
    'ghp_placeholderXYZ',
    'aaaaaa',
    'XXXX',
    'xXxX',
    '***',
    '•••',
    '---',
    '___',
    '##',
    'changeme',
    'Your_API_Key_Here',
    'AKIAIOSFODNN7EXAMPLE',
    'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    'Tr0ub4dor&3',
    'ghp_1a2B3c4D5e6F7g8H9i0JkLmNoPqRsTuVwXyZ',
    'x',
    'ab',
    '0000',
  ];

  it('answers the documented cases', () => {
    expect(isPlaceholder('${DB_PASSWORD}')).toBe(true);
    expect(isPlaceholder('AKIAIOSFODNN7EXAMPLE')).toBe(true);
    expect(isPlaceholder('Tr0ub4dor&3')).toBe(false);
    expect(isPlaceholder('ghp_1a2B3c4D5e6F7g8H9i0JkLmNoPqRsTuVwXyZ')).toBe(false);
  });

  it('gives the same answer as running every rule on every value', () => {
    for (const v of samples) expect(isPlaceholder(v), JSON.stringify(v)).toBe(reference(v));
    const chars = [...'$%{}<>[]()x X*•.#_-aeEpPoOgG0123 envprocsgt'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { maxLength: 16 }), (cs) => {
        const v = cs.join('');
        expect(isPlaceholder(v)).toBe(reference(v));
      }),
      { numRuns: 20_000 },
    );
    fc.assert(fc.property(fc.string({ maxLength: 40 }), (v) => isPlaceholder(v) === reference(v)));
  });
});
