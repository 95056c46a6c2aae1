/**
 * Anchors shared by several recognizers. Sharing the same source string means the prefilter
 * stops once for all of them.
 */

/**
 * A number token: digit groups joined by single separators (space, dash, dot, slash, non-breaking
 * space). `4111 1111 1111 1111`, `123-45-6789`, `2024-01-15`, `555.0132` are one hit each. Recognizers
 * A token starts at a word boundary or right after one or two capitals that start a word (IBAN
 * `DE89…`, NINO `AB123456C`, NIE `X1234567L`), never in the middle of an identifier or a base-62
 * token, where digit runs are frequent and never an identifier. Recognizers
 * look left/right of the hit for prefixes (`+`, `(`, country letters) and suffixes (check letters).
 */
export const NUMBER = '(?:\\b|(?<=\\b[A-Z]{1,2}))\\d+(?:[ .\\-/\\u00a0]\\d+)*';

/** The at-sign of an e-mail address or a credential in a URI. */
export const AT = '@';

/** An assignment or key/value separator: `password=...`, `secret: ...`, `"token": "..."`. */
export const ASSIGN = '[=:]';
