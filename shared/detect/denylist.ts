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
  // Token recognizers call this for every candidate, so each pattern runs only when the first
  // characters allow it (same answers as running them all; denylist.test.ts checks).
  const c0 = v.charCodeAt(0);
  if (EXAMPLE_LENGTHS.has(v.length) && DOCUMENTED_EXAMPLES.has(v)) return true;
  if ((c0 === 36 || c0 === 123 || c0 === 37 || c0 === 60 || c0 === 91) && TEMPLATE.test(v)) return true;
  const l0 = c0 | 0x20;
  if ((l0 === 101 || l0 === 112 || l0 === 111 || l0 === 103) && ENV.test(v)) return true;
  if (FILLER_WORDS.test(v)) return true;
  if (v.charCodeAt(1) === c0 && /^(.)\1+$/.test(v)) return true;
  if (MASK_FIRST.has(l0 === 120 ? 120 : c0) && /^[x*•.#_-]{3,}$/i.test(v)) return true;
  return PLACEHOLDER_WORDS.test(v);
}

const EXAMPLE_LENGTHS = new Set([...DOCUMENTED_EXAMPLES].map((e) => e.length));
const TEMPLATE = /^\$\{[^}]*\}$|^\{\{[^}]*\}\}$|^%[A-Za-z_][\w]*%$|^\$[A-Za-z_]\w*$|^<[^<>]*>$|^\[[^[\]]*\]$/;
const ENV = /^(?:env|process\.env|os\.environ|getenv)\b/i;
const FILLER_WORDS = /EXAMPLE|PLACEHOLDER|REDACTED|<redacted>/i;
const MASK_FIRST = new Set([...'x*•.#_-'].map((c) => c.charCodeAt(0)));
