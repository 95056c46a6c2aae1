import { ASSIGN, AT } from '../../anchors.ts';
import type { Recognizer } from '../../recognizer.ts';
import type { FindingSink } from '../../types.ts';
import { isSecretPlaceholder, valueStrength } from './password.ts';

/*
 * Two shapes, both reported as the whole string:
 * - URIs with a password: `scheme://user:pass@host...` (found at the `@`, which every such URI has)
 *   and `scheme://host/...?password=...` / `jdbc:sqlserver://host;password=...` (found at the `=`).
 *   Anchoring on `@` and `=` rather than on `://` keeps this recognizer working when another
 *   recognizer's anchor happens to consume `://` (e.g. one for `https://hooks.slack.com`).
 * - ADO.NET / ODBC / Azure strings: `Server=...;Database=...;User Id=...;Password=...;` and
 *   `DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...;EndpointSuffix=...`, found at the
 *   `=` of `Password`, `Pwd`, `AccountKey` or `SharedAccessKey`.
 * Confidence: 0.98 for database/broker/mail schemes and ADO strings naming a server, 0.9 for other
 * schemes with a password that looks like one; both beat the `password` finding on the same value
 * (capped at 0.85) and an `email` finding on `pass@host` (0.95) that a password with odd characters
 * could produce. Documentation hosts (`example.com`, `.test`) drop to 0.6 (database schemes) or
 * 0.4 (others), short plain passwords on generic schemes (`https://abc:xyz@host`) to 0.45.
 * Not reported: URIs without a password (`postgres://localhost/db`, `https://user@host`),
 * placeholder passwords (`${DB_PASS}`, `password`, `<password>`, `%s`, `****`), and a lone
 * `Password=x` with no other ADO key.
 */

const MAX_USERINFO = 256;
const MAX_URI = 512;
// How far left of `?password=` the `scheme://` may be.
const MAX_QUERY_BACK = 256;
// ADO strings: at most this many characters and pairs on each side of the secret (real ones have
// about ten pairs in 150-300 characters).
const MAX_ADO_SIDE = 400;
const MAX_ADO_VALUE = 200;
const MAX_PAIRS = 16;

const KNOWN_SCHEMES = new Set(
  (
    'postgres postgresql postgis pgsql mysql mariadb mysqlx mongodb redis rediss valkey amqp amqps mssql sqlserver oracle ' +
    'clickhouse nats tls ftp ftps sftp smtp smtps imap imaps pop3 pop3s ldap ldaps cockroachdb couchdb cassandra neo4j bolt ' +
    'kafka mqtt mqtts memcached influxdb snowflake db2 sybase tds firebird hana teradata vertica presto trino elasticsearch ' +
    'opensearch rabbitmq stomp sqlite jdbc odbc'
  ).split(' '),
);

// Percent-encoded userinfo is fine; template syntax and format slots are placeholders.
function badPassword(pass: string, user: string): boolean {
  if (pass.length < 3) return true;
  if (isSecretPlaceholder(pass)) return true;
  // `user:password@`, `admin:admin@`-style samples where the "password" just names the field.
  if (/^(?:pass(?:word|wd)?|pwd|secret|pw)$/i.test(pass) || /^(?:your|my|the)[_-]?pass/i.test(pass)) return true;
  return pass === user && /^(?:user|username|admin|test|demo)$/i.test(user);
}

function isSchemeChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43 || c === 45 || c === 46;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

// Characters that end a URI in running text, code or markup.
function endsUri(c: number): boolean {
  return c !== c || c <= 32 || c === 34 || c === 39 || c === 96 || c === 60 || c === 62 || c === 0xa0;
}

/** Start of the scheme that ends at `colon` (the `:` of `://`), or -1. Includes a `jdbc:` prefix. */
function schemeStart(text: string, colon: number): number {
  let k = colon;
  while (k > 0 && colon - k < 32 && isSchemeChar(text.charCodeAt(k - 1))) k--;
  while (k < colon && !isLetter(text.charCodeAt(k))) k++;
  if (k === colon) return -1;
  if (k >= 5 && text.slice(k - 5, k).toLowerCase() === 'jdbc:') k -= 5;
  // A scheme glued to a previous word or URI (`x@ha://`, `/a://`) does not start a URI.
  const b = k > 0 ? text.charCodeAt(k - 1) : 32;
  if (b === 64 || b === 47 || b === 37 || b === 95 || isSchemeChar(b)) return -1;
  return k;
}

// Documentation hosts (RFC 2606 / 6761).
const DOC_HOST = /^(?:[\w-]+\.)*example\.(?:com|org|net)(?![\w.-])|^[\w.-]+\.(?:test|invalid|example)(?![\w.-])/i;

/**
 * 0.98 for database, broker and mail schemes, 0.9 for other schemes (`https://user:pw@host`) when
 * the password looks like one; less for documentation hosts and, on generic schemes, for short
 * plain passwords (`https://abc:xyz@host` in a URL parser's docs).
 */
function uriConfidence(text: string, start: number, colon: number, host: number, pass: string): number {
  let scheme = text.slice(start, colon).toLowerCase();
  if (scheme.startsWith('jdbc:')) scheme = 'jdbc';
  const plus = scheme.indexOf('+');
  if (plus > 0) scheme = scheme.slice(0, plus); // mongodb+srv, postgresql+psycopg2
  const known = KNOWN_SCHEMES.has(scheme);
  const doc = host >= 0 && DOC_HOST.test(text.slice(host, host + 64));
  if (known) return doc ? 0.6 : 0.98;
  if (doc) return 0.4;
  return valueStrength(pass) >= 1 || pass.length >= 10 ? 0.9 : 0.45;
}

/** End of the URI starting its authority at `from`: the first blank or quote, minus trailing punctuation. */
function uriEnd(text: string, from: number): number {
  const limit = Math.min(text.length, from + MAX_URI);
  let e = from;
  let parens = 0;
  let brackets = 0;
  while (e < limit && !endsUri(text.charCodeAt(e))) {
    const c = text.charCodeAt(e);
    if (c === 40) parens++;
    else if (c === 41) parens--;
    else if (c === 91) brackets++;
    else if (c === 93) brackets--;
    e++;
  }
  // Sentence punctuation and an unbalanced closing bracket (`(see postgres://...)`) are not the URI's.
  for (;;) {
    const c = text.charCodeAt(e - 1);
    if (c === 46 || c === 44 || c === 59 || c === 58 || c === 63 || c === 125) e--;
    else if (c === 41 && parens < 0) {
      e--;
      parens++;
    } else if (c === 93 && brackets < 0) {
      e--;
      brackets++;
    } else break;
  }
  return e;
}

function isHostStart(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 91 || c === 95;
}

/**
 * After the host (and port, and more `,host:port` for MongoDB) comes the path, the query, or the
 * end; anything else (`@ha://b`) means this is not a URI authority.
 */
function hostOk(text: string, h: number): boolean {
  let i = h;
  const limit = Math.min(text.length, h + MAX_USERINFO);
  while (i < limit) {
    const c = text.charCodeAt(i);
    if (isHostStart(c) || c === 46 || c === 45 || c === 93 || c === 44) i++;
    else if (c === 58) {
      // `:port`, or inside `[::1]`.
      i++;
      if (!(text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) && text.charCodeAt(i) !== 58 && text.charCodeAt(h) !== 91) return false;
    } else break;
  }
  return i > h;
}

/** `scheme://user:pass@host`: called at each `@`; only the last `@` of the authority reports. */
function atSign(text: string, at: number, sink: FindingSink): void {
  if (!isHostStart(text.charCodeAt(at + 1))) return;
  // A later `@` before the path means this one is inside the password (`p@ss`); that one reports.
  for (let i = at + 1; i < at + MAX_USERINFO && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 64) return;
    if (c === 47 || c === 63 || c === 35 || endsUri(c)) break;
  }
  // Userinfo never contains `/` (it would be percent-encoded), so the scan stops at the `//`.
  let j = at;
  while (j > 0 && at - j < MAX_USERINFO) {
    const c = text.charCodeAt(j - 1);
    if (c === 47 || endsUri(c)) break;
    j--;
  }
  if (text.charCodeAt(j - 1) !== 47 || text.charCodeAt(j - 2) !== 47 || text.charCodeAt(j - 3) !== 58) return;
  let colon = j;
  while (colon < at && text.charCodeAt(colon) !== 58) colon++;
  if (colon >= at) return; // `https://user@host`: no password
  const start = schemeStart(text, j - 3);
  if (start < 0 || !hostOk(text, at + 1)) return;
  const user = text.slice(j, colon);
  const pass = text.slice(colon + 1, at);
  if (badPassword(pass, user)) return;
  sink.add('connection_string', start, uriEnd(text, at + 1), uriConfidence(text, start, j - 3, at + 1, pass));
}

const URI_SECRET_KEYS = new Set(['password', 'pwd', 'passwd', 'pass']);
const ADO_SECRET_KEYS = new Set(['password', 'pwd', 'accountkey', 'sharedaccesskey']);

/** Letters left of `eq` (at most 20): the key of `Password=` / `?pwd=`. */
function letterKey(text: string, eq: number): number {
  let k = eq;
  while (k > 0 && eq - k < 20 && isLetter(text.charCodeAt(k - 1))) k--;
  return k;
}

/** Called at each `=`: URI query passwords and ADO strings. */
function equals(text: string, eq: number, sink: FindingSink): void {
  // Every secret key ends in d, s or y (password, pwd, passwd, pass, accountkey, sharedaccesskey).
  const prev = text.charCodeAt(eq - 1) | 0x20;
  if (prev !== 100 && prev !== 115 && prev !== 121) return;
  const k = letterKey(text, eq);
  if (eq - k < 3 || eq - k > 15) return;
  // What precedes the key decides which shapes are possible: `?`/`&`/`;` a URI query, anything
  // but a name character an ADO pair. `DB_PASSWORD=` (the commonest hit in config text) is neither
  // and ends here, before any slice.
  const before = text.charCodeAt(k - 1);
  const query = before === 63 || before === 38 || before === 59;
  const pair = !isSchemeChar(before) && before !== 95;
  if (!query && !pair) return;
  const key = text.slice(k, eq).toLowerCase();
  const uriKey = query && URI_SECRET_KEYS.has(key);
  const adoKey = pair && ADO_SECRET_KEYS.has(key);
  if (!uriKey && !adoKey) return;
  // The value first: whatever the shape, an empty, short or placeholder value ends it here.
  const v = quickValueEnd(text, eq + 1);
  if (v - eq - 1 < 3 || isSecretPlaceholder(text.slice(eq + 1, v))) return;
  if (uriKey && queryPassword(text, k, eq, sink)) return;
  if (adoKey) ado(text, k, eq, key, sink);
}

/**
 * End of the value after `=` at `v` for a first look: up to a blank, quote, `;` or `&`; -1 (so
 * too short) when an inner `key=` shows the next assignment (`password=user=x`); base64 `==`
 * padding is fine.
 */
function quickValueEnd(text: string, v: number): number {
  let i = v;
  while (i < v + MAX_USERINFO) {
    const c = text.charCodeAt(i);
    if (endsUri(c) || c === 59 || c === 38) break;
    if (c === 61) {
      const n = text.charCodeAt(i + 1);
      if (n !== 61 && !endsUri(n) && n !== 59 && n !== 38) return -1;
    }
    i++;
  }
  return i;
}

/** `jdbc:postgresql://host/db?user=u&password=p`, `jdbc:sqlserver://host;password=p`. True if inside a URI. */
function queryPassword(text: string, keyStart: number, eq: number, sink: FindingSink): boolean {
  let j = keyStart;
  let colon = -1;
  while (j > 2 && keyStart - j < MAX_QUERY_BACK) {
    const c = text.charCodeAt(j - 1);
    if (endsUri(c)) break;
    if (c === 47 && text.charCodeAt(j - 2) === 47 && text.charCodeAt(j - 3) === 58) colon = j - 3;
    // An earlier password parameter in the same token reports it (and covers this one).
    if (c === 61 && colon < 0 && earlierQuerySecret(text, j - 1)) return true;
    j--;
  }
  if (colon < 0) return false;
  const start = schemeStart(text, colon);
  if (start < 0) return false;
  let v = eq + 1;
  while (v < eq + 1 + MAX_USERINFO && !endsUri(text.charCodeAt(v)) && !/[&;#]/.test(text[v] as string)) v++;
  const pass = text.slice(eq + 1, v);
  if (badPassword(decodeLoose(pass), '')) return true;
  sink.add('connection_string', start, uriEnd(text, eq + 1), uriConfidence(text, start, colon, colon + 3, pass));
  return true;
}

function earlierQuerySecret(text: string, eq: number): boolean {
  const k = letterKey(text, eq);
  if (eq - k < 3 || eq - k > 8 || !URI_SECRET_KEYS.has(text.slice(k, eq).toLowerCase())) return false;
  const b = text.charCodeAt(k - 1);
  if (b !== 63 && b !== 38 && b !== 59) return false;
  const v = quickValueEnd(text, eq + 1);
  return v - eq - 1 >= 3 && !isSecretPlaceholder(text.slice(eq + 1, v));
}

function decodeLoose(s: string): string {
  return s.replace(/%24%7B/gi, '${').replace(/%7D/gi, '}');
}

// ADO keys that say what the string connects to; one of them (or a user key) must be present.
const TARGET_KEYS = new Set(
  (
    'server|data source|datasource|address|addr|network address|host|hostname|database|initial catalog|dbname|dsn|' +
    'driver|provider|accountname|endpoint|defaultendpointsprotocol|blobendpoint|queueendpoint|tableendpoint|fileendpoint|' +
    'endpointsuffix|service name|servicename|sid|port|dbq|attachdbfilename|failover partner'
  ).split('|'),
);
const USER_KEYS = new Set(['uid', 'user id', 'userid', 'user', 'username', 'user name', 'sharedaccesskeyname']);
// Any key may appear after the first pair; the first pair must be a known key when text precedes it.
const KNOWN_FIRST = new RegExp(
  `(?:^|[^A-Za-z0-9_])((?:${[
    ...TARGET_KEYS,
    ...USER_KEYS,
    'password',
    'pwd',
    'integrated security',
    'trusted_connection',
    'encrypt',
    'accountkey',
  ]
    .map((k) => k.replace(/ /g, '[ \\t]*'))
    .join('|')})[ \\t]*=)`,
  'i',
);
const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

function normKey(k: string): string {
  const key = k.trim().toLowerCase();
  return key.includes('  ') || key.includes('\t') ? key.replace(/\s+/g, ' ') : key;
}

/** `adoValueEnd` before the outer quote is known: any quote ends the value. */
const ANY_QUOTE = -2;

/**
 * End of an ADO value starting at `v`: `{...}` braces, else up to `;`, the end of the line or the
 * outer quote. `cut` when the value ran into text without a `;` and stopped at its first blank
 * (prose after the string). -1 when an `=` inside says this is the next pair, not a value
 * (base64 `==` padding is fine).
 */
function adoValueEnd(text: string, v: number, quote: number): [end: number, cut: boolean] {
  const limit = Math.min(text.length, v + MAX_ADO_VALUE);
  if (text.charCodeAt(v) === 123) {
    let close = v + 1;
    while (close < limit && text.charCodeAt(close) !== 125) close++;
    if (close < limit) return [close + 1, false];
  }
  let e = v;
  let blank = -1;
  while (e < limit) {
    const c = text.charCodeAt(e);
    if (c === 59 || c === 10 || c === 13 || c === quote || (quote === ANY_QUOTE && (c === 34 || c === 39 || c === 96))) break;
    if (blank < 0 && (c === 32 || c === 9)) blank = e;
    if (c === 61 && blank < 0) {
      const n = text.charCodeAt(e + 1);
      if (n !== 61 && n !== 59 && n !== quote && n === n && n !== 10 && n !== 13 && n !== 32) return [-1, true];
    }
    e++;
  }
  if (e === limit && e < text.length) return [-1, true];
  if (text.charCodeAt(e) !== 59 && blank >= 0) return [blank, true];
  return [e, false];
}

function isPairKeyChar(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57) || c === 95 || c === 32 || c === 46 || c === 45;
}

/**
 * Start of the `key=value` pair that ends just before the `;` at `semi`, with its key, or null.
 * Reads right to left: the value (no `;`), its `=`, then the key (letters, digits, spaces, `_.-`).
 */
function pairBefore(text: string, semi: number, floor: number): [start: number, key: string] | null {
  let i = semi;
  let eq = -1;
  while (i > floor) {
    const c = text.charCodeAt(i - 1);
    if (c === 59 || c === 10 || c === 13 || c === 34 || c === 39 || c === 96) break;
    if (c === 61) eq = i - 1; // leftmost `=` of the segment ends the key
    i--;
  }
  if (eq < 0) return null;
  if (i === floor || text.charCodeAt(i - 1) !== 59) {
    // The first pair; text may precede it (`DB=Server=x`, `conn string: Data Source=x`), so only
    // a known ADO key starts the string there.
    const m = KNOWN_FIRST.exec(text.slice(i, semi));
    if (!m) return null;
    const at = i + m.index + m[0].length - (m[1] as string).length;
    let keyEnd = at;
    while (text.charCodeAt(keyEnd) !== 61) keyEnd++;
    return [at, normKey(text.slice(at, keyEnd))];
  }
  let k = eq;
  while (k > i && isPairKeyChar(text.charCodeAt(k - 1))) k--;
  if (k !== i) return null;
  while (k < eq && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
  if (!isLetter(text.charCodeAt(k))) return null;
  return [k, normKey(text.slice(k, eq))];
}

function ado(text: string, keyStart: number, eq: number, key: string, sink: FindingSink): void {
  // The value first: it is cheap and rules out most hits (`Password=;`, `Pwd= Server=x`).
  // The outer quote is not known yet; a quote ends the value either way.
  const [vEnd0] = adoValueEnd(text, eq + 1, ANY_QUOTE);
  if (vEnd0 < 0) return;
  const value = adoValue(text.slice(eq + 1, vEnd0), key);
  if (value === null) return;
  const floor = Math.max(0, keyStart - MAX_ADO_SIDE);
  // Pairs before the secret, right to left.
  let start = keyStart;
  let target = false;
  let user = false;
  let pairs = 1;
  let semi = keyStart;
  while (semi > floor && (text.charCodeAt(semi - 1) === 32 || text.charCodeAt(semi - 1) === 9)) semi--;
  for (let n = 0; n < MAX_PAIRS && semi > floor && text.charCodeAt(semi - 1) === 59; n++) {
    const pair = pairBefore(text, semi - 1, floor);
    if (!pair) break;
    // An earlier secret in the same string reports it (and covers this one): one finding, and
    // linear work on a run of glued strings.
    if (ADO_SECRET_KEYS.has(pair[1]) && earlierSecretOk(text, pair[0], semi - 1, pair[1])) return;
    start = pair[0];
    pairs++;
    target ||= TARGET_KEYS.has(pair[1]);
    user ||= USER_KEYS.has(pair[1]);
    semi = start;
    if (start > 0 && text.charCodeAt(start - 1) !== 59) break; // text or a quote precedes it
  }
  const before = start > 0 ? text.charCodeAt(start - 1) : -1;
  const outer = before === 34 || before === 39 || before === 96 ? before : -1;
  const [vEnd, cut] = adoValueEnd(text, eq + 1, outer);
  if (vEnd < 0) return;
  // Pairs after it.
  let end = vEnd;
  let p = vEnd;
  const limit = Math.min(text.length, eq + MAX_ADO_SIDE);
  for (let n = 0; !cut && n < MAX_PAIRS && p < limit && text.charCodeAt(p) === 59; n++) {
    p++;
    end = p;
    const k = pairKeyAt(text, p);
    if (k === null) break;
    const [e, stop] = adoValueEnd(text, k[1] + 1, outer);
    if (e < 0) break;
    pairs++;
    target ||= TARGET_KEYS.has(k[0]);
    user ||= USER_KEYS.has(k[0]);
    p = e;
    end = e;
    if (stop) break;
  }
  if (pairs < 2 || (!target && !user)) return;
  while (end > start && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
  sink.add('connection_string', start, end, target ? 0.98 : 0.9);
}

/** True when the secret pair `[start, semi)` has a value that `ado` accepts. */
function earlierSecretOk(text: string, start: number, semi: number, key: string): boolean {
  let eq = start;
  while (eq < semi && text.charCodeAt(eq) !== 61) eq++;
  return adoValue(text.slice(eq + 1, semi), key) !== null;
}

/** The secret value, unwrapped from `{...}`, or null if it is empty, a placeholder or not a key. */
function adoValue(raw: string, key: string): string | null {
  let value = raw.trim();
  if (value.startsWith('{') && value.endsWith('}')) value = value.slice(1, -1);
  if (value.length < 3 || isSecretPlaceholder(value)) return null;
  if (/^[A-Za-z][\w .-]{0,40}=(?!=|$)/.test(value)) return null; // `Pwd= Server=x`: the next pair
  if (key === 'accountkey' || key === 'sharedaccesskey') {
    if (value === AZURITE_KEY || !/^[A-Za-z0-9+/]{20,}={0,2}$/.test(value)) return null;
  }
  return value;
}

/** `[key, index of its =]` for a pair starting at `p` (blanks allowed before and inside the key). */
function pairKeyAt(text: string, p: number): [string, number] | null {
  let i = p;
  while (i < p + 4 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  if (!isLetter(text.charCodeAt(i))) return null;
  const k = i;
  while (i < k + 40 && isPairKeyChar(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) !== 61) return null;
  return [normKey(text.slice(k, i)), i];
}

/**
 * Database, broker and mail connection strings that carry a password: URIs
 * (`postgres://app:S3cret@db:5432/app`, `mongodb+srv://...`, `redis://:pw@cache:6379`,
 * `jdbc:mysql://...?password=...`, any `scheme://user:pass@host`) and ADO.NET / ODBC / Azure
 * storage strings (`Server=...;Password=...;`, `...;AccountKey=...;`). The finding spans the whole
 * URI or ADO string. URIs without a password and placeholder passwords are not reported.
 */
export const connectionString: Recognizer = {
  type: 'connection_string',
  anchors: [AT, ASSIGN],
  match(text, start, _end, sink) {
    const c = text.charCodeAt(start);
    if (c === 64) atSign(text, start, sink);
    else if (c === 61) equals(text, start, sink);
  },
};
