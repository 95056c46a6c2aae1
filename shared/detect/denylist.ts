/**
 * Documented example values and placeholders. Reporting these would teach users to ignore the
 * product, so no recognizer reports them.
 */

/** Example credentials published in vendor documentation. */
export const DOCUMENTED_EXAMPLES: ReadonlySet<string> = new Set([
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'AKIAI44QH8DHBEXAMPLE',
  'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
  'ASIAIOSFODNN7EXAMPLE',
]);

const PLACEHOLDER_WORDS =
  /^(?:change_?me|changeit|password\d?|passw0rd|secret|(?:your|my)[_-]?(?:own[_-]?)?(?:db[_-]?|api[_-]?|secret[_-]?|access[_-]?)?(?:password|passwd|pass|pwd|secret|key|token|api[_-]?key|credentials?)(?:[_-]?here)?|example\w*|sample\w*|dummy\w*|test(?:ing)?|placeholder|redacted|removed|hidden|none|null|undefined|true|false|todo|fixme|tbd|xxx+|\*+|\.+|x+|0+|1234(?:5678?)?|abc(?:123|def)?|foo|bar|baz|user(?:name)?|pass(?:word)?|pwd|string|value|token|key)$/i;

/**
 * True for values that are placeholders rather than real secrets: template variables (`${DB_PASS}`,
 * `{{ token }}`, `%PASSWORD%`, `$PASS`, `<password>`), masks (`****`, `xxxx`), well-known dummy words
 * (`changeme`, `your_password`), values containing `EXAMPLE`, and repeated single characters.
 *
 * @example
 * isPlaceholder('${DB_PASSWORD}') // true
 * isPlaceholder('Tr0ub4dor&3')    // false
 */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v.length === 0) return true;
  if (DOCUMENTED_EXAMPLES.has(v)) return true;
  if (/^\$\{[^}]*\}$|^\{\{[^}]*\}\}$|^%[A-Za-z_][\w]*%$|^\$[A-Za-z_]\w*$|^<[^<>]*>$|^\[[^[\]]*\]$/.test(v)) return true;
  if (/^(?:env|process\.env|os\.environ|getenv)\b/i.test(v)) return true;
  if (/EXAMPLE|PLACEHOLDER|REDACTED|<redacted>/i.test(v)) return true;
  if (/^(.)\1+$/.test(v)) return true;
  if (/^[x*•.#_-]{3,}$/i.test(v)) return true;
  return PLACEHOLDER_WORDS.test(v);
}
