import { ASSIGN } from '../../anchors.ts';
import { entropy } from '../../context.ts';
import { isPlaceholder } from '../../denylist.ts';
import type { Recognizer } from '../../recognizer.ts';
import type { FindingSink } from '../../types.ts';
import { DASH_TOKEN } from './token-checks.ts';

/*
 * Decisions (what counts as a password here and what deliberately does not):
 * - Keys: anything whose name contains password/passwd/passphrase/pwd, `pass` as a name part
 *   (`DB_PASS`, `smtp_pass`, `sshpass`; not `bypass`, `compass`), `pw`, a few non-English words
 *   (`passwort`, `contraseña`, `senha`, ...), and generic `secret` keys (`client_secret`,
 *   `SECRET_KEY`, `app_secret`) at lower confidence, because no other recognizer reports a
 *   hand-written secret and leaking one is as bad as leaking a password. `api_key`/`token` keys are
 *   not passwords (the vendor token recognizers cover the common ones).
 * - `aws_secret_access_key`, `SecretAccessKey`, `aws_secret*` keys belong to `aws_secret_key` and
 *   are skipped here, so an AWS secret never turns up as a password.
 * - Keys naming something about a password rather than the password (`password_hash`,
 *   `password_length = 12`, `password_policy`, `passwordLabel`, `secretName`, `PASSWORD_FILE`)
 *   are skipped.
 * - Password hashes (`$2b$12$...`, `$argon2id$...`, `{SSHA}...`, `pbkdf2_sha256$...`) are reported
 *   at 0.3, below the default threshold: a hash is not the password, but a tenant that wants to
 *   catch leaked hashes can lower the `password` threshold.
 * - Placeholders (`changeme`, `<password>`, `${DB_PASS}`, `{{ .Values.pw }}`, `****`), code
 *   (`get_password()`, `args.password`, `os.environ[...]`), types (`password: string`), empty
 *   values and prose words after a label (`Password: required`) are never reported.
 * - Confidence grows with the key (password words > `pass`/`pw`/`secret`), the context (a quoted
 *   literal or a config line is a value; an unquoted word in code may be a variable) and the value
 *   (mixed character classes, length, entropy). Capped at 0.85 so the connection string or AWS
 *   secret that contains a password always wins the overlap.
 */

/** Highest password confidence; `connection_string` and `aws_secret_key` score above it. */
export const PASSWORD_MAX_CONFIDENCE = 0.85;

// Prose, CLI and SQL forms: `my password is ...`, `--password x`, `WITH PASSWORD 'x'`. Starts with a
// letter, which costs about a third of the prose throughput of this recognizer (still far above
// budget); ends on a word boundary so `passenger` and `passwords` never stop here. It starts at the
// word, not at the dashes of `--password`, so it never takes a `-` from the token recognizers'
// anchor; `onKeyword` counts the dashes in the text. The anchor itself is `KEYWORD_ANCHOR_I18N`
// below, which adds the German and French words with the same first characters.
// `mysql -pS3cret`, `mysql -p'S3cret'`, `sshpass -p S3cret`: the `-` of a `-p` that the shared
// DASH_TOKEN anchor (`-` before 8 token characters) does not already stop at. Lookahead only, so
// the keyword anchor still sees `pw` in `-pw secret`.
const DASH_P_ANCHOR = '-(?=p(?![0-9A-Za-z_-]{7})[^=:\\r\\n-])';
// SQL `IDENTIFIED BY 'x'` (MySQL, Oracle).
// Written as `[Bb][Yy]` plus a same-case check so the prefilter can test the second character.
const IDENTIFIED_ANCHOR = '[Bb][Yy](?<=BY|by)[ \\t]+[\'"]';
/*
 * XML elements named like a password: `<password>x</password>`, `<ns:DbPassword>`. Bounded lazy
 * quantifiers, so a `<` followed by a long word costs at most a few hundred steps.
 */
const XML_SECRET_TAG = '<[\\w.:-]{0,20}?(?:[Pp]ass|PASS|[Pp]wd|PWD|[Ss]ecret|SECRET)[\\w.:-]{0,20}>';

const MAX_KEY = 40;
const MAX_VALUE = 128;
const MAX_QUOTED = 256;

const KEY_HINT = /pass|pw|psw|secret|kennwort|senha|contrase|wachtwoord|l[oö]senord|has[lł]o|salasana/i;

// Name parts that make the key about a password rather than the password itself.
const NOT_VALUE_PARTS = new Set(
  (
    'hash hashed hashes digest salt encrypted crypt bcrypt md5 sha length len min max minlength maxlength minlen maxlen ' +
    'policy policies rule rules reset forgot forgotten change expiry expires expiration expire expired age lifetime history ' +
    'reuse enabled enable disabled disable required require requires regex regexp pattern strength complexity hint label ' +
    'field placeholder prompt file path dir env var cmd command type mode manager rotation rotate validator validation ' +
    'validate check checker count attempts retries timeout name ref keyref arn id version store provider url uri help text ' +
    'message msg error errors title description desc input selector xpath button link icon visible visibility show hide ' +
    'toggle authentication mask masked chars characters generator generate format encoding template source lookup ' +
    'parameter callback handler fn func function method class schema column table index set last changed updated box'
  ).split(' '),
);
const NOT_PASS_WORDS = new Set([
  'bypass',
  'compass',
  'surpass',
  'overpass',
  'underpass',
  'trespass',
  'encompass',
  'impass',
  'boardingpass',
]);
const I18N_PASSWORD = /^(?:\w*passwor[dt]\w*|kennwort|contrase(?:ñ|n)a|senha|wachtwoord|l[oö]senord|salasana|has[lł]o|passphrase\w*)$/;

/** 0: not a password key; 1: weak key (`pass`, `pw`, `secret`); 2: strong key (`password`, `pwd`, `DB_PASS`). */
export type KeyStrength = 0 | 1 | 2;

/**
 * How strongly a key name says "the value is a password".
 *
 * @example
 * keyStrength('DB_PASSWORD')     // 2
 * keyStrength('client_secret')   // 1
 * keyStrength('password_length') // 0
 */
export function keyStrength(key: string): KeyStrength {
  if (!KEY_HINT.test(key)) return 0;
  const lower = key.toLowerCase();
  // AWS secret keys are aws_secret_key's: `aws_secret_access_key`, `SecretAccessKey`, `awsSecret`.
  if (AWS_KEY.test(lower)) return 0;
  if (/mot[\W_]*de[\W_]*passe/.test(lower)) return 2;
  // Name parts: split at non-letters and at camelCase humps (`dbPassword` -> db, password). The
  // password word must end the name, or be followed only by qualifiers (`_confirm`, `_prod`, `2`):
  // `password_hash`, `secretLintProfiler`, `STENCIL_PASS_DEPTH_FAIL` name something else.
  let best: KeyStrength = 0;
  let prevPart = '';
  let trailing = false;
  let from = 0;
  for (let i = 0; i <= key.length; i++) {
    const c = i < key.length ? key.charCodeAt(i) : 0;
    const alnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 127;
    const hump = c >= 65 && c <= 90 && i > from && isLowerOrDigit(key.charCodeAt(i - 1));
    if (alnum && !hump) continue;
    if (i > from) {
      const part = lower.slice(from, i);
      let s = partStrength(part);
      if (s < 0) return 0;
      // `DB_PASS`, `smtpPass` are passwords; `allPass`, `renderPass`, bare `PASS` may not be.
      if (s === 1 && part === 'pass' && PASS_OWNERS.has(prevPart)) s = 2;
      if (s > 0) {
        if (s > best) best = s as KeyStrength;
        trailing = false;
      } else if (best > 0 && !QUALIFIERS.has(part) && !/^\d+$/.test(part)) trailing = true;
      prevPart = part;
    }
    from = alnum ? i : i + 1;
  }
  return trailing ? 0 : best;
}

// Words that may follow the password word in a key without changing what it holds.
const QUALIFIERS = new Set(
  (
    'key value val str confirm confirmation confirmed again repeat verify new old current prev previous next prod ' +
    'production dev development staging stage test qa uat local default base plain plaintext raw clear cleartext ' +
    'encoded b64 base64 admin root user db app login account master main primary secondary backup temp tmp override ' +
    'here for of 1 2 3'
  ).split(' '),
);
// Prefixes that make `X_PASS` a password (elsewhere `pass` is often a render or test pass).
const PASS_OWNERS = new Set(
  (
    'db database smtp mail email imap pop pop3 ftp sftp ssh user admin root mysql pg postgres postgresql redis mongo ' +
    'mongodb ldap proxy wifi vpn login app service svc sa rabbitmq amqp auth basic http https account acct master sudo ' +
    'bind keystore truststore key cert jks pfx p12 store sql mssql oracle git registry docker nexus jenkins sonar ' +
    'ssl tls cert client server bot api web site portal my the your'
  ).split(' '),
);

const AWS_KEY = /secret[\W_]*access[\W_]*key|aws[\W_]*secret/;

function isLowerOrDigit(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

/** -1: the key is about a password (`hash`, `length`); 0: neutral; 1: weak password word; 2: strong. */
function partStrength(p: string): number {
  if (NOT_VALUE_PARTS.has(p)) return -1;
  if (p.length >= 5 && (I18N_PASSWORD.test(p) || p.includes('passwd'))) return 2;
  if (p === 'pswd' || p === 'pword' || p === 'pwd' || (p.endsWith('pwd') && p !== 'oldpwd')) return 2;
  if (p === 'pass') return 1;
  if (p.endsWith('pass') && !NOT_PASS_WORDS.has(p)) return 2;
  if (p === 'pw' || p === 'psw' || p === 'secret' || p === 'secrets' || (p.endsWith('secret') && p.length <= 16)) return 1;
  return 0;
}

function isKeyChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return (
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    c === 95 || // _
    c === 45 || // -
    c === 46 || // .
    c === 36 || // $ (PowerShell / PHP variables)
    (c > 127 && /\p{L}/u.test(text[i] as string))
  );
}

// " ' ` ] ? !
function isKeyCloser(c: number): boolean {
  return c === 34 || c === 39 || c === 96 || c === 93 || c === 63 || c === 33;
}

/**
 * End of the key name left of the separator at `sep`: skips blanks, a closing quote or bracket
 * (`"password": `, `['password'] =`) and a TypeScript `?`/`!`.
 */
function keyEndBefore(text: string, sep: number): number {
  let j = sep;
  let n = 0;
  while (j > 0 && n < 8 && (text.charCodeAt(j - 1) === 32 || text.charCodeAt(j - 1) === 9)) {
    j--;
    n++;
  }
  for (let skip = 0; skip < 2 && j > 0 && isKeyCloser(text.charCodeAt(j - 1)); skip++) j--;
  return j;
}

/** Start of the key name ending at `end` (at most 40 name characters); `end` when there is none. */
function keyStartBefore(text: string, end: number): number {
  let j = end;
  while (j > 0 && end - j < MAX_KEY && isKeyChar(text, j - 1)) j--;
  return j;
}

/** ASCII lower case of the character code `c` (other codes unchanged). */
function lowerCode(c: number): number {
  return c >= 65 && c <= 90 ? c | 0x20 : c;
}

/** True when `text` at `i` starts with the lower-case ASCII `word`, ignoring ASCII case. */
function startsWithLower(text: string, i: number, word: string): boolean {
  if (i + word.length > text.length) return false;
  for (let k = 0; k < word.length; k++) if (lowerCode(text.charCodeAt(i + k)) !== word.charCodeAt(k)) return false;
  return true;
}

/**
 * Allocation-free prefilter for `keyStrength`: true when the key `[start, end)` can name a
 * password at all (it contains `pass`, `pw`, `psw`, `secret` or a non-English password word), or
 * is `value` (the `<add key="DbPassword" value="...">` form). Most `=`/`:` hits in config text
 * (`GITHUB_TOKEN=`, `host:`, `https:`) end here without a slice or a regex.
 */
/** 1 at the lower-case letters `mayNameSecret` looks further at (c h k l p s v w). */
const SECRET_WORD_START = Uint8Array.from({ length: 128 }, (_, c) => ('chklpsvw'.includes(String.fromCharCode(c)) ? 1 : 0));

function mayNameSecret(text: string, start: number, end: number): boolean {
  for (let i = start; i < end - 1; i++) {
    // `| 0x20` lower-cases ASCII letters and maps no other character onto one.
    const c = text.charCodeAt(i) | 0x20;
    if (c > 127 || SECRET_WORD_START[c] === 0) continue; // none of c h k l p s v w
    if (c === 112) {
      // p: pass, pw, psw
      const d = text.charCodeAt(i + 1) | 0x20;
      if (d === 119 || (d === 97 && startsWithLower(text, i, 'pass')) || (d === 115 && startsWithLower(text, i, 'psw'))) return true;
    } else if (c === 115) {
      if (startsWithLower(text, i, 'secret') || startsWithLower(text, i, 'senha') || startsWithLower(text, i, 'salasana')) return true;
    } else if (c === 107) {
      if (startsWithLower(text, i, 'kennwort')) return true;
    } else if (c === 99) {
      if (startsWithLower(text, i, 'contrase')) return true;
    } else if (c === 119) {
      if (startsWithLower(text, i, 'wachtwoord')) return true;
    } else if (c === 108) {
      if (startsWithLower(text, i, 'losenord') || ((text.charCodeAt(i + 1) | 0x20) === 0xf6 && startsWithLower(text, i + 2, 'senord')))
        return true;
    } else if (c === 104) {
      // hasło / haslo
      const l = lowerCode(text.charCodeAt(i + 3));
      if (startsWithLower(text, i, 'has') && (l === 108 || l === 0x142) && lowerCode(text.charCodeAt(i + 4)) === 111) return true;
    } else if (c === 118) {
      if (end - start === 5 && i === start && startsWithLower(text, i, 'value')) return true;
    }
  }
  return false;
}

function skipBlanksBack(text: string, pos: number, max: number): number {
  let j = pos;
  while (j > 0 && pos - j < max && (text.charCodeAt(j - 1) === 32 || text.charCodeAt(j - 1) === 9)) j--;
  return j;
}

const LINE_PREFIX = /(?:^|[^\w-])(export|set|setx|ENV|declare -x|-)$/;

/**
 * True when only blanks, optionally with one `export `/`set `/`ENV `/`- ` prefix, stand between
 * the start of the line and `pos`: a config line (`.env`, YAML, INI, Dockerfile, compose list).
 */
function atLineStart(text: string, pos: number): boolean {
  let j = skipBlanksBack(text, pos, 64);
  if (j === 0 || text.charCodeAt(j - 1) === 10 || text.charCodeAt(j - 1) === 13) return true;
  if (j === pos) return false; // a prefix word needs a blank before the key
  const m = LINE_PREFIX.exec(text.slice(Math.max(0, j - 12), j));
  if (!m) return false;
  j = skipBlanksBack(text, j - (m[1] as string).length, 64);
  return j === 0 || text.charCodeAt(j - 1) === 10 || text.charCodeAt(j - 1) === 13;
}

// `somepassword`, `newPassword`, `db_pass`, `supersecret`, `secret_password`: names, not values.
const PASSWORD_WORDISH =
  /^(?:some|the|a|new|old|user|admin|db|your|my|test|fake|dummy|sample|example|secret|super|strong|good|bad|weak|default|database|app)?[_-]?(?:pass(?:word|wd|phrase)?|pwd|secret)s?$/i;
// Lower-case names built around the word: `my-secret-passphrase`, `client_key_passphrase`, `passphrase1`.
const PASSWORD_PHRASE = /^(?:[a-z]+[_-])*(?:pass(?:word|wd|phrase)?|pwd|secret)(?:[_-][a-z]+)*\d{0,3}$/;
const TEMPLATE = /\$\{|\{\{|\$\(|%\(|<%|\{%|#\{|\$\$\{/;
const EXTRA_PLACEHOLDERS = new Set(
  (
    'root admin administrator postgres mysql guest default demo secret123 password123 passw0rd! p@ssw0rd p@ssword ' +
    'passwort kennwort contraseña contrasena senha wachtwoord lösenord losenord salasana hasło haslo parola ' +
    'mot de passe motdepasse pass123 qwerty letmein123 hidden masked omitted secure secret_value secretvalue ' +
    'n/a na none nil null undefined empty blank required optional unset notset not_set tbd todo same notasecret'
  ).split(' '),
);

/**
 * True for credential values that must never be reported: the shared denylist (`changeme`,
 * `<password>`, `${DB_PASS}`, `****`, ...), values with template syntax anywhere
 * (`pre${X}post`, `{{ .Values.pw }}`, `$(cat f)`, `%(pw)s`), format slots (`%s`, `{0}`,
 * `{password}`), and default or dummy words (`root`, `admin`, `postgres`, `Passwort`).
 */
export function isSecretPlaceholder(value: string): boolean {
  if (isPlaceholder(value)) return true;
  // `Password123!`, `secret!`, `changeme1`: a placeholder word with a digit or `!` tacked on.
  const stem = value.replace(/[\d!.]{1,4}$/, '');
  if (stem !== value && stem.length >= 3 && (isPlaceholder(stem) || EXTRA_PLACEHOLDERS.has(stem.toLowerCase()))) return true;
  if (PASSWORD_WORDISH.test(value) || PASSWORD_PHRASE.test(value)) return true;
  if (TEMPLATE.test(value)) return true;
  if (/^%[sdv]$|^\{\w*\}$|^:\w+$|^\?$/.test(value)) return true;
  if (/\*{3}|x{4}|•{2}/i.test(value)) return true;
  return EXTRA_PLACEHOLDERS.has(value.toLowerCase());
}

const HASH =
  /^(?:\$(?:2[abxy]?|argon2(?:id|i|d)|[1567]|y|gy|sha1|sha256|sha512|md5|pbkdf2[\w-]*|scrypt)\$|\{(?:S?SHA\d*|CRYPT|S?MD5|PBKDF2[\w-]*|ARGON2)\}|(?:pbkdf2_sha\d+|bcrypt(?:_sha256)?|argon2|sha1|md5|scrypt)\$|SCRAM-SHA-256\$|md5[0-9a-f]{32}$)/i;

/** True for password hashes in the usual crypt / LDAP / Django / PostgreSQL notations. */
function isPasswordHash(value: string): boolean {
  return HASH.test(value);
}

// Type annotations (`password: string`) and code words (`password = None`) are not values.
const TYPE_WORDS = new Set(
  (
    'string str bytes int integer number bool boolean any unknown char text varchar nvarchar optional secretstr ' +
    'secretstring securestring object list dict'
  ).split(' '),
);
const CODE_WORDS = new Set(
  (
    'new await this self none nil null undefined function lambda yield typeof require import static const let var val ' +
    'def return if else not and or is in true false yes no on off'
  ).split(' '),
);
const PROSE_STOP = new Set(
  (
    'not too very a an the at in on of for to by be being been still also just only now set stored saved hashed encrypted ' +
    'changed reset different same incorrect invalid wrong correct expired missing empty blank case sensitive weak strong ' +
    'required optional your my our their his her its this that what which it correct protected secure safe long short ' +
    'easy hard known unknown visible hidden shown sent provided needed used case-sensitive'
  ).split(' '),
);
const VERSION = /^[~^=<>v]{0,2}\d+(?:\.\d+){1,3}(?:[-+][\w.]+)?$|^(?:latest|next|workspace:\S*|file:\S*|npm:\S*)$/;
// A PascalCase compound in code (`secretKey: Uint8Array`, `pass: RenderPass`) is a type or a class.
// Every hump is a capitalized word or a number, so random mixed-case values (`Fq67JwPBsXI3`) are not types.
const PASCAL_TYPE = /^[A-Z][a-z]+(?:[A-Z][a-z]+|\d+)*(?:[A-Z][a-z]+|\d+)$/;
/*
 * The name part of `name=value`, when a value starts with one: a word in one case, snake_case or
 * camelCase (`user=`, `DB_HOST=`, `userName=`). Random passwords contain `=` too (`D1=K%Dw`,
 * `YleAR=-8Q8`), but their part before it mixes cases or digits the way a name does not.
 */
const ASSIGNMENT_NAME =
  /^(?:[a-z]{2,}\d*|[A-Z]{2,}\d*|[A-Z]?[a-z]{2,}(?:[A-Z][a-z]+\d*)+|[A-Z][a-z]{2,}\d*)(?:[_.-](?:[a-z]+\d*|[A-Z]+\d*))*$/;
// Vendor token prefixes: a value starting with one is that vendor's token, reported (or rejected
// as a fake) by its own recognizer, never as a password.
const VENDOR_TOKEN =
  /(?:[rs]k_(?:live|test)_|sk-(?:ant-|proj-|svcacct-|admin-)|gh[pousr]_|github_pat_|xox[abposer]-|glpat-|hf_[A-Za-z]{20}|npm_[A-Za-z0-9]{20}|SG\.[\w-]{16}|AKIA[A-Z2-7]{16}|AIza[\w-]{30})/y;

/** True when `v` starts with `name=` for a name-like `name` (see `ASSIGNMENT_NAME`). */
function isNextAssignment(v: string): boolean {
  const eq = v.indexOf('=');
  return eq > 0 && eq <= MAX_KEY && ASSIGNMENT_NAME.test(v.slice(0, eq));
}
const DOTTED = /^[A-Za-z_$][\w$]*(?:(?:\.|::|->|\?\.)[A-Za-z_$][\w$]*)+$/;
// camelCase humps are words (`hashedPassword`, `userID`); random letters (`jCdLtDraCSzh`) have
// one-letter humps.
const IDENTIFIER_WORDY = /^(?:[a-z]+(?:[A-Z][a-z]+)*(?:[A-Z][a-z]+|[A-Z]{1,3})|[A-Za-z]+(?:_[A-Za-z]+)+|[A-Z][a-z]+)$/;
const PATHLIKE = /^(?:\/|~\/|\.\.?\/|[A-Za-z]:[\\/])[\w.\-~\\/ ]*$|^[\w.-]+(?:\/[\w.-]+){2,}$/;

/** Strength of a value as a password: 0 weak (a word, a number), 1 medium, 2 strong. */
export function valueStrength(v: string): 0 | 1 | 2 {
  let lower = 0;
  let upper = 0;
  let digit = 0;
  let symbol = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if ((c >= 97 && c <= 122) || c > 127)
      lower = 1; // non-ASCII: letters of a word (`oublié`, `senha`)
    else if (c >= 65 && c <= 90) upper = 1;
    else if (c >= 48 && c <= 57) digit = 1;
    else if (c !== 45 && c !== 95 && c !== 46 && c !== 32) symbol = 1; // - _ . and space only join words
  }
  const classes = lower + upper + digit + symbol;
  // Words, Title words, camelCase / snake_case identifiers, numbers and phrases: guessable or not
  // a value at all (passphrases with spaces are lost to this; labels and prose are far commoner).
  if (/\s/.test(v)) return 0;
  if (/^\p{L}+(?:[-_. ]\p{L}+)*$/u.test(v)) {
    // Long mixed-case letter runs can be random; words with spaces are a phrase.
    return v.length >= 14 && !v.includes(' ') && upper && lower && !IDENTIFIER_WORDY.test(v) && entropy(v, 0, v.length) >= 3.4 ? 1 : 0;
  }
  if (digit && classes === 1) return 0;
  if (v.length >= 8 && classes >= 3) return 2;
  if (v.length >= 16 && classes >= 2 && entropy(v, 0, v.length) >= 3.5) return 2;
  return classes >= 2 && v.length >= 5 ? 1 : 0;
}

type ValueCheck = 'ok' | 'hash' | 'reject';

/** Common checks on a candidate password value. `quoted` values were written as literals. */
function checkValue(v: string, quoted: boolean): ValueCheck {
  if (v.length < 4 || v.length > MAX_VALUE) return 'reject';
  const c0 = v.charCodeAt(0);
  if ((c0 === 36 || c0 === 123 || c0 === 109 || v.includes('$')) && isPasswordHash(v)) return 'hash';
  if (isSecretPlaceholder(v)) return 'reject';
  if (/^[a-z][\w+.-]*:\/\//i.test(v)) return 'reject'; // a URL (connection strings are elsewhere)
  if (PATHLIKE.test(v)) return 'reject';
  if (isNextAssignment(v)) return 'reject'; // `user=admin`: the next assignment, not a value
  if (v.includes('</') || (c0 === 60 && v.endsWith('>'))) return 'reject'; // markup
  const lower = v.toLowerCase();
  if (TYPE_WORDS.has(lower) || CODE_WORDS.has(lower)) return 'reject'; // `typeof password === 'function'`
  if (VERSION.test(v) || /^0x[0-9a-f]+$/i.test(v)) return 'reject'; // `"pgpass": "1.0.5"`, `PASS: 0x0B96`
  if (!quoted) {
    // `$VAR`, `$(cmd)`, `{...}`, `[...]`, `/regex/`, YAML `&anchor` / `*alias` / `!vault`: not literal values.
    if (/^[${[(/]/.test(v) || /^[&*][\w-]+$/.test(v) || /^!(?:[A-Za-z]+|![\w/:.-]+)$/.test(v)) return 'reject';
    if (PROSE_STOP.has(lower)) return 'reject';
    if (DOTTED.test(v) || /^[\w$.]+\s*[([]/.test(v)) return 'reject'; // member access, call, index
  } else if (/^\$[A-Za-z_{(]/.test(v)) {
    return 'reject'; // "$VAR" in double quotes is expanded by the shell
  }
  return 'ok';
}

const WEAK = 0;
// Confidence by [key strength 1|2][context: 0 code, 1 literal][value strength 0|1|2].
const TABLE: Record<1 | 2, readonly [readonly number[], readonly number[]]> = {
  1: [
    [0.25, 0.45, 0.6],
    [0.4, 0.6, 0.7],
  ],
  2: [
    [0.35, 0.6, 0.75],
    [0.55, 0.75, 0.85],
  ],
};

function report(
  sink: FindingSink,
  text: string,
  s: number,
  e: number,
  key: 1 | 2,
  literal: boolean,
  quoted: boolean,
  minStrength = 0,
): void {
  // `STRIPE_SECRET_KEY="sk_live_..."`: a vendor token is its own recognizer's finding (or a fake it
  // rejected), never a password. Checked first and in place: config text is full of these.
  VENDOR_TOKEN.lastIndex = s;
  if (VENDOR_TOKEN.test(text)) return;
  const v = text.slice(s, e);
  const check = checkValue(v, quoted);
  if (check === 'reject') return;
  if (check === 'hash') {
    sink.add('password', s, e, 0.3);
    return;
  }
  // A truncated value shown in a log or doc (`Tr0ub...`, `Tr0ub…`) is not the password.
  if (text.startsWith('...', e) || text.charCodeAt(e) === 0x2026) return;
  let strength = valueStrength(v);
  // Phrases ("Enter your password", `IDENTIFIED BY '`...) and padded strings are text, not passwords.
  if (v.trim() !== v || (strength === WEAK && /\s/.test(v))) return;
  // Unquoted camelCase/snake_case names in code are variables far more often than passwords, and
  // PascalCase compounds are types (`secretKey: Uint8Array`).
  if (!quoted && !literal && PASCAL_TYPE.test(v)) return;
  if (!quoted && IDENTIFIER_WORDY.test(v)) strength = WEAK;
  if (strength < minStrength) return;
  let conf = (TABLE[key][literal ? 1 : 0] as readonly number[])[strength] as number;
  if (!quoted) {
    // Unquoted plain words are weaker than quoted ones (`passwd: files` in nsswitch.conf), and a
    // value followed by more words on its line is likely part of a phrase (`pass: 12 tests`).
    if (strength === WEAK) conf -= 0.1;
    let k = e;
    while (k < e + 4 && isBlank(text.charCodeAt(k))) k++;
    if (k > e && isWordChar(text.charCodeAt(k))) conf -= 0.1;
  }
  sink.add('password', s, e, Math.min(Math.round(conf * 100) / 100, PASSWORD_MAX_CONFIDENCE));
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0;
}

function isQuote(c: number): boolean {
  return c === 34 || c === 39 || c === 96;
}

/** A quoted literal starting at `p` (the quote), `\`-escapes skipped; null if unterminated on the line. */
function quotedAt(text: string, p: number): [number, number] | null {
  const q = text.charCodeAt(p);
  const limit = Math.min(text.length, p + 1 + MAX_QUOTED);
  let i = p + 1;
  while (i < limit) {
    const c = text.charCodeAt(i);
    if (c === q) return [p + 1, i];
    if (c === 10 || c === 13) return null;
    i += c === 92 ? 2 : 1;
  }
  return null;
}

// Unquoted values end at blanks, quotes, `;`, `,`, `<`, closing brackets, and `&` inside URL queries.
function unquotedEnd(text: string, p: number, stopAtAmp: boolean): number {
  const limit = Math.min(text.length, p + MAX_VALUE + 1);
  let i = p;
  let name = true; // only name characters so far
  while (i < limit) {
    const c = text.charCodeAt(i);
    if (isSpace(c) || isQuote(c) || c === 59 || c === 44 || c === 60 || c === 41 || c === 93 || c === 125) break;
    if (c === 38 && stopAtAmp) break;
    // `password=user=x`: the next assignment, not a value (and no need to read further).
    if (
      c === 61 &&
      name &&
      i > p &&
      !isSpace(text.charCodeAt(i + 1)) &&
      text.charCodeAt(i + 1) !== 61 &&
      i + 1 < text.length &&
      ASSIGNMENT_NAME.test(text.slice(p, i))
    )
      return -1;
    name &&= isWordChar(c) || c === 46 || c === 45;
    i++;
  }
  if (i === limit && i < text.length) return -1; // too long to be a password
  // Sentence punctuation after a chat value: `pw: hunter2.`
  while (i > p && (text.charCodeAt(i - 1) === 46 || text.charCodeAt(i - 1) === 58)) i--;
  return i;
}

// r b u f R B U F @
const STRING_PREFIX = new Set([114, 98, 117, 102, 82, 66, 85, 70, 64]);

// `<add key="DbPassword" value="..."/>`, `<property name="password" value="..."/>`.
const ATTR_NAME = /(?:key|name)\s*=\s*["']([^"'<>]{1,40})["']\s+$/i;

// Characters that make an `=` the second half of an operator (`==`, `!=`, `<=`, `+=`, `:=`, `??=`).
const OPERATOR_FIRST = new Set([...'=!<>:+-*/|&%^~?'].map((ch) => ch.charCodeAt(0)));

function onAssign(text: string, at: number, sink: FindingSink): void {
  const c = text.charCodeAt(at);
  const prev = text.charCodeAt(at - 1);
  let p = at + 1;
  let comparison = false;
  if (c === 61) {
    // `==`, `!=`, `<=`, `+=`, `:=`: the operator's first character decides (or it is not an assignment).
    if (OPERATOR_FIRST.has(prev)) return;
    // A hard-coded comparison `password == "x"` is still a leak (if the value looks like one).
    while (text.charCodeAt(p) === 61) p++;
    comparison = p > at + 1;
    const arrow = text.charCodeAt(p);
    if (arrow === 126) return; // `=~`
    if (arrow === 62) p++; // `=>`
  } else {
    const next = text.charCodeAt(at + 1);
    if (next === 58 || prev === 58 || next === 47 || next === 92) return; // `::`, `://`, `C:\`
    if (next === 61) p++; // `:=`
  }
  const keyEnd = keyEndBefore(text, at);
  const keyStart = keyStartBefore(text, keyEnd);
  if (keyStart === keyEnd) {
    // `host:5432:db:user:S3cret`: a .pgpass line has no key name before its password.
    if (c === 58) pgpassLine(text, at, sink);
    return;
  }
  if (!mayNameSecret(text, keyStart, keyEnd)) {
    if (c === 58) pgpassLine(text, at, sink);
    return;
  }
  // `STRIPE_SECRET_KEY=sk_live_…`: every way on from here ends in `report`, which leaves vendor
  // tokens to their recognizers; checked once here, before the key is taken apart.
  if (vendorTokenAfter(text, p)) return;
  const key = { start: keyStart, end: keyEnd };
  // `cond ? "password" : "text"`: a ternary, not a key.
  let open = key.start - 1;
  const opener = text.charCodeAt(open);
  if (isQuote(opener)) open--;
  while (open > 0 && isBlank(text.charCodeAt(open))) open--;
  if (text.charCodeAt(open) === 63) return;
  const keyText = text.slice(key.start, key.end);
  let strength = keyStrength(keyText);
  let literal = false;
  if (strength === 0) {
    if (keyText.toLowerCase() !== 'value') {
      if (c === 58) pgpassLine(text, at, sink);
      return;
    }
    const m = ATTR_NAME.exec(text.slice(Math.max(0, key.start - 80), key.start));
    if (!m || /[<>]/.test(m[0])) return;
    strength = keyStrength(m[1] as string);
    if (strength === 0) return;
    literal = true;
  }
  let n = 0;
  while (n < 16 && isBlank(text.charCodeAt(p))) {
    p++;
    n++;
  }
  let q = text.charCodeAt(p);
  // `"Password:"` is a label string: the quote after the colon closes it, there is no value.
  if (isQuote(opener) && key.end === at && q === opener) return;
  // String prefixes: Python r"", b'', f"" (f-strings with {} are rejected as templates), C# @"".
  if (isQuote(text.charCodeAt(p + 1)) && STRING_PREFIX.has(q)) {
    p++;
    q = text.charCodeAt(p);
  }
  if (isQuote(q)) {
    const span = quotedAt(text, p);
    if (span) report(sink, text, span[0], span[1], strength, true, true, comparison ? 1 : 0);
    return;
  }
  if (comparison) return;
  const keyPrev = text.charCodeAt(key.start - 1);
  const inQuery = keyPrev === 63 || keyPrev === 38; // `?password=` / `&password=`
  const e = unquotedEnd(text, p, inQuery);
  if (e <= p) return;
  // `password = a + b`, `password = x || y`, `password = cond ? a : b`: an expression, not a value.
  let k = e;
  while (k < e + 4 && isBlank(text.charCodeAt(k))) k++;
  const after = text.charCodeAt(k);
  if (k > e && (after === 43 || after === 124 || after === 63 || after === 38 || after === 40 || after === 46 || after === 61)) return;
  if (after === 40 || after === 91) return; // `getpass(`, `env[`
  // A config line (`.env`, YAML, INI, `export X=`) holds literal values; a trailing comma is code.
  literal ||= atLineStart(text, key.start) && text.charCodeAt(e) !== 44;
  report(sink, text, p, e, strength, literal, false);
}

/** True when the value after the separator (blanks, a string prefix, a quote skipped) is a vendor token. */
function vendorTokenAfter(text: string, p: number): boolean {
  let n = 0;
  while (n < 16 && isBlank(text.charCodeAt(p))) {
    p++;
    n++;
  }
  if (isQuote(text.charCodeAt(p + 1)) && STRING_PREFIX.has(text.charCodeAt(p))) p++;
  if (isQuote(text.charCodeAt(p))) p++;
  VENDOR_TOKEN.lastIndex = p;
  return VENDOR_TOKEN.test(text);
}

const MAX_PGPASS_LINE = 255;

function isLineEnd(c: number): boolean {
  return c === 10 || c === 13;
}

/** True when `[a, b)` is one `.pgpass` field: `*`, or name characters (`[A-Za-z0-9_.$@-]`, `\:` escapes). */
function pgpassField(text: string, a: number, b: number, digitsOnly: boolean): boolean {
  if (b <= a) return false;
  if (b - a === 1 && text.charCodeAt(a) === 42) return true;
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    const digit = c >= 48 && c <= 57;
    if (digitsOnly ? !digit : !(digit || isWordChar(c) || c === 46 || c === 45 || c === 36 || c === 64 || c === 92 || c === 58))
      return false;
  }
  return !digitsOnly || b - a <= 5;
}

/**
 * A PostgreSQL password file line `hostname:port:database:username:password` (each of the first
 * four may be `*`), called at the colon before the password. The line must hold exactly these five
 * fields, with a numeric (or `*`) port, so a time (`10:30:00`), a URL or a YAML key never matches.
 * The back scan reads at most one line of 255 characters, so runs of colons stay linear.
 */
function pgpassLine(text: string, at: number, sink: FindingSink): void {
  // Cheap rejects first: a field character on both sides of this colon.
  const next = text.charCodeAt(at + 1);
  if (!isWordChar(text.charCodeAt(at - 1)) && text.charCodeAt(at - 1) !== 42) return;
  if (isSpace(next) || isQuote(next) || Number.isNaN(next)) return;
  const colons = [at, -1, -1, -1];
  let n = 1;
  let i = at;
  const floor = Math.max(0, at - MAX_PGPASS_LINE);
  while (i > floor) {
    const c = text.charCodeAt(i - 1);
    if (isLineEnd(c)) break;
    if (c === 58 && text.charCodeAt(i - 2) !== 92) {
      if (n === 4) return;
      colons[n++] = i - 1;
    } else if (c <= 32 || c === 34 || c === 39 || c === 47 || c === 61) return; // blanks, quotes, `/`, `=`: not a .pgpass line
    i--;
  }
  if (n !== 4 || (i > 0 && !isLineEnd(text.charCodeAt(i - 1)))) return;
  const [c4, c3, c2, c1] = colons as [number, number, number, number];
  if (!pgpassField(text, i, c1, false) || !pgpassField(text, c1 + 1, c2, true)) return;
  if (!pgpassField(text, c2 + 1, c3, false) || !pgpassField(text, c3 + 1, c4, false)) return;
  // The password runs to the end of the line; an unescaped colon or a blank means something else.
  let e = at + 1;
  const limit = Math.min(text.length, at + 1 + MAX_VALUE + 1);
  while (e < limit && !isLineEnd(text.charCodeAt(e))) {
    const c = text.charCodeAt(e);
    if (isSpace(c) || (c === 58 && text.charCodeAt(e - 1) !== 92)) return;
    e++;
  }
  if (e === limit && e < text.length) return;
  // The field is a literal to the end of the line (no quoting, no variables).
  report(sink, text, at + 1, e, 2, true, true);
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127;
}

// "password for the VPN is X", "password is: X", "pw was X", "password = X" after a for-clause.
const PROSE =
  /(?:[ \t]+(?:for|to|of|on|at)(?:[ \t]+[^\s:=.,;!?"'`]{1,30}){1,5}?)?(?:[ \t]+(?:is|was|will be|has been|remains|are)(?:[ \t]+(?:now|still|currently|just|set to|changed to))?[ \t]*:?|[ \t]*:)[ \t]*/y;
const PROSE_TO = /[ \t]+(?:to|into)[ \t]+/y;
// The same in the languages of `PASSWORD_WORDS_ANCHOR`: "Das Passwort für den Server lautet X",
// "het wachtwoord van de router is X", "la contraseña del servidor es X", "le mot de passe de la
// base est X", "a senha do banco é X", "パスワードは X です".
const PROSE_I18N =
  /(?:[ \t]+(?:für|vom|von|der|des|van|voor|de|del|du|da|do|dos|das|for|of)(?:[ \t]+[^\s:=.,;!?"'`]{1,30}){1,5}?)?(?:[ \t]+(?:lautet|ist|war|is|was|est|es|era|était|é|är|er)(?![A-Za-zÀ-ÿ])[ \t]*:?|[ \t]*:|は)[ \t]*/y;

/**
 * Anchors so chat in German, French,
 * Spanish, Japanese, Dutch and Portuguese ("Das Passwort … lautet X") is found like English.
 * `onKeyword` handles their hits. Cheapest first, by the characters the prefilter stops at:
 * - `KEYWORD_ANCHOR_I18N` replaces `KEYWORD_ANCHOR` and adds `Passwort` and the `passe` of
 *   "mot de passe" without a new first character;
 * - `PASSWORD_WORDS_ANCHOR` adds `Kennwort`, the `ña` of "contraseña" and `パスワード` (an
 *   upper-case and two non-ASCII first characters);
 * - `wachtwoord` and `senha` start with common lower-case letters (as anchors they cost about 30%
 *   of prose throughput), so they are `PASSWORD_LITERALS`, found with `indexOf`.
 */
// `[Pp]` first, the upper-case forms behind `(?<=P)`: the same words as
// `(?:[Pp](?:ass…|wd?)|PASS…|PWD?)`, written so the prefilter can test the second character.
export const KEYWORD_ANCHOR_I18N = '[Pp](?:ass(?:word|wort|wd|phrase|e)?|wd?|(?<=P)(?:ASS(?:WORD|WORT|WD|PHRASE)?|WD?))\\b';
export const PASSWORD_WORDS_ANCHOR = '(?:Kennwort|ña\\b|パスワード)';
// Each literal is one `indexOf` walk (about 0.5 ms per MB), so only the forms prose uses: lower
// case in a sentence ("het wachtwoord van de router is X", "a senha do banco é X", `senha`
// between blanks so the search skips ahead instead of stopping at every `s`). Capitalised and
// `Senha: X` / `WACHTWOORD=X` forms are assignments, found by `ASSIGN`.
export const PASSWORD_LITERALS = ['wachtwoord', ' senha '] as const;
const I18N_WORD = /^(?:passwort|kennwort|wachtwoord|senha|contrase(?:ñ|n)a|mot de passe|パスワード)$/;
const SQL_VALUE = /[ \t]+(?=['"])/y;

function onKeyword(text: string, hit: number, e: number, sink: FindingSink): void {
  // Hits inside a word: the `passe` of "mot de passe", the `ña` of "contraseña".
  let kw = hit;
  const h = text.charCodeAt(hit) | 0x20;
  if (h === 0xf1) {
    if (!startsWithLower(text, hit - 8, 'contrase')) return;
    kw = hit - 8;
  } else if (h === 112 && e - hit === 5 && (text.charCodeAt(hit + 4) | 0x20) === 101) {
    if (!startsWithLower(text, hit - 7, 'mot de ')) return;
    kw = hit - 7;
  }
  // `--password`, `-pass`: the dashes are left of the anchor.
  let dashes = 0;
  while (dashes < 2 && text.charCodeAt(kw - dashes - 1) === 45) dashes++;
  const before = text.charCodeAt(kw - dashes - 1);
  const next = text.charCodeAt(e);
  // `define('DB_PASSWORD', 'x')`, `config.set("password", "x")`: a key and its value as call arguments.
  if ((next === 34 || next === 39) && dashes === 0) {
    callArguments(text, kw, e, sink);
    return;
  }
  // bypass, DB_PASSWORD, $PWD; Japanese has no spaces, so `のパスワード` is a word of its own.
  if ((isWordChar(before) && text.charCodeAt(kw) < 128) || (dashes === 0 && (before === 45 || before === 36 || before === 46))) return;
  if (next === 61 || next === 58) return; // `password=`, `password:`: onAssign
  const word = text.slice(kw, e).toLowerCase();
  if (dashes > 0) {
    // CLI: `--password S3cret`, `-pass 'S3cret'`, openssl `-pass pass:S3cret`.
    if (!isBlank(next)) return;
    let p = e;
    while (p < e + 4 && isBlank(text.charCodeAt(p))) p++;
    if (isQuote(text.charCodeAt(p))) {
      const span = quotedAt(text, p);
      if (span) report(sink, text, span[0], span[1], 2, true, true);
      return;
    }
    if (text.startsWith('pass:', p)) p += 5;
    if (text.charCodeAt(p) === 45) return; // the next flag
    const end = unquotedEnd(text, p, false);
    if (end > p && !/^(?:env|file|fd|stdin):/.test(text.slice(p, p + 6))) report(sink, text, p, end, 2, true, false);
    return;
  }
  if (word === 'pass') return; // "pass the salt": only `--pass` and `DB_PASS=` forms
  const key: 1 | 2 = word === 'pw' ? 1 : 2;
  const i18n = I18N_WORD.test(word);
  SQL_VALUE.lastIndex = e;
  if (SQL_VALUE.test(text)) {
    // SQL `WITH PASSWORD 'x'`, or "the password 'x'" in chat.
    // Upper-case PASSWORD is SQL, where the quoted string is the literal password; in chat a quoted
    // word after "password" may be a button name ("the password "reset" link").
    const span = quotedAt(text, SQL_VALUE.lastIndex);
    const sql = text.charCodeAt(kw) === 80 && text.charCodeAt(kw + 1) === 65;
    if (span) report(sink, text, span[0], span[1], key, sql, true);
    return;
  }
  const prose = i18n ? PROSE_I18N : PROSE;
  prose.lastIndex = e;
  let p = -1;
  let minStrength = 0;
  if (prose.test(text)) p = prose.lastIndex;
  else {
    PROSE_TO.lastIndex = e;
    if (PROSE_TO.test(text)) p = PROSE_TO.lastIndex;
    else if (isBlank(next) && WITH_BEFORE.test(text.slice(Math.max(0, kw - 8), kw))) {
      // "log in as qa@x.org with password Gx7!pw": no verb, so only a value that looks like a
      // password counts ("with password authentication" is prose).
      p = e;
      while (p < e + 4 && isBlank(text.charCodeAt(p))) p++;
      minStrength = 1;
    }
  }
  if (p < 0) return;
  if (isQuote(text.charCodeAt(p))) {
    const span = quotedAt(text, p);
    if (span) report(sink, text, span[0], span[1], key, true, true);
    return;
  }
  let end = p;
  while (end < p + MAX_VALUE && end < text.length && !isSpace(text.charCodeAt(end))) end++;
  end = trimProseValue(text, p, end);
  // Markdown emphasis `**x**`: the closing stars went with the punctuation, the opening ones go too.
  if (text.charCodeAt(p) === 42 && text.charCodeAt(end) === 42) while (p < end && text.charCodeAt(p) === 42) p++;
  if (end <= p) return;
  const v = text.slice(p, end);
  if (PROSE_STOP.has(v.toLowerCase())) return;
  // In prose nothing marks a literal: only the value's look says it is a password.
  report(sink, text, p, end, key, false, false, minStrength);
}

const WITH_BEFORE = /(?:^|[^\w])(?:with|using)[ \t]+$/i;

/**
 * End of a password written in a sentence, without the sentence's punctuation: `.`, `,`, `;`, `:`
 * and closing quotes or brackets go; `?` only when it ends the token ("is it hunter2?") and not
 * before other punctuation (`Falcon2019?.` keeps it); `*` only as Markdown emphasis (`**x**`).
 * Passwords end in symbols often enough that anything else stays.
 */
function trimProseValue(text: string, p: number, end: number): number {
  let e = end;
  const bold = text.charCodeAt(p) === 42;
  while (e > p) {
    const c = text.charCodeAt(e - 1);
    if (c === 46 || c === 44 || c === 59 || c === 58 || isQuote(c) || c === 41 || c === 93) e--;
    else if (c === 63 && e === end) e--;
    else if (c === 42 && bold) e--;
    else break;
  }
  return e;
}

/**
 * `define('DB_PASSWORD', 'x')`, `config.set("password", "x")`, `os.environ.setdefault("PGPASS", "x")`:
 * called at a password word that ends a quoted string. The string must be the first argument of a
 * call and a quoted literal must follow as the second.
 */
function callArguments(text: string, kw: number, e: number, sink: FindingSink): void {
  const q = text.charCodeAt(e);
  let k = kw;
  while (k > 0 && kw - k < MAX_KEY && isKeyChar(text, k - 1)) k--;
  if (text.charCodeAt(k - 1) !== q) return;
  let o = k - 1;
  while (o > 0 && isBlank(text.charCodeAt(o - 1))) o--;
  if (text.charCodeAt(o - 1) !== 40) return; // `(`
  let p = e + 1;
  while (p < e + 8 && isBlank(text.charCodeAt(p))) p++;
  if (text.charCodeAt(p) !== 44) return; // `,`
  p++;
  while (p < e + 16 && isBlank(text.charCodeAt(p))) p++;
  if (!isQuote(text.charCodeAt(p))) return;
  const strength = keyStrength(text.slice(k, e));
  if (strength === 0) return;
  const span = quotedAt(text, p);
  if (span) report(sink, text, span[0], span[1], strength, true, true);
}

// Logins whose `-p` is the password: container registries and the Cloud Foundry / OpenShift CLIs.
const REGISTRY_LOGIN = /\b(?:docker|podman|buildah|nerdctl|skopeo|oras|helm[ \t]+registry|cf|oc)[ \t]+login\b[^|;&]*$/;

function onDashP(text: string, s: number, sink: FindingSink): void {
  if (s > 0 && !isBlank(text.charCodeAt(s - 1))) return;
  let lineStart = s;
  while (lineStart > 0 && s - lineStart < 120 && text.charCodeAt(lineStart - 1) !== 10) lineStart--;
  const line = text.slice(lineStart, s);
  const p = s + 2;
  if (isBlank(text.charCodeAt(p))) {
    // `sshpass -p S3cret ssh host`, `docker login -u ci -p S3cret`; other tools use `-p` for
    // ports and paths.
    if (!/\bsshpass\s*$/.test(line) && !REGISTRY_LOGIN.test(line)) return;
    let v = p;
    while (v < p + 4 && isBlank(text.charCodeAt(v))) v++;
    if (isQuote(text.charCodeAt(v))) {
      const span = quotedAt(text, v);
      if (span) report(sink, text, span[0], span[1], 2, true, true);
      return;
    }
    const end = unquotedEnd(text, v, false);
    if (end > v) report(sink, text, v, end, 2, true, false);
    return;
  }
  // `mysql -u root -pS3cret db`: only the MySQL family glues the password to `-p`.
  if (!/\b(?:mysql|mysqldump|mysqladmin|mysqlimport|mysqlsh|mariadb(?:-dump|-admin)?)\b/.test(line)) return;
  if (isQuote(text.charCodeAt(p))) {
    const span = quotedAt(text, p);
    if (span) report(sink, text, span[0], span[1], 2, true, true);
    return;
  }
  // Unquoted, only the value's look says it is a password (`-pmydb` could be a typo'd database).
  const end = unquotedEnd(text, p, false);
  if (end > p) report(sink, text, p, end, 2, false, false);
}

/**
 * Anchor: a `/` followed by a blank, for
 * credentials written as `user / password` in chat ("ssh in with root / Xy7!pw"). `onSlash`
 * rejects most hits on the character before it (`// comment`, `a/b`).
 */
export const SLASH_PAIR_ANCHOR = '/(?=[ \t])';

// "with root / ", "login: admin / ", "creds deploy / ": a word that introduces a user name, the user name.
const CREDENTIAL_PAIR = /(?:^|[^\w])(?:with|as|using|login|log in|creds|credentials|user|username)[ \t]*:?[ \t]+[\w.@-]{1,32}[ \t]+$/i;

function onSlash(text: string, at: number, sink: FindingSink): void {
  if (!isBlank(text.charCodeAt(at - 1))) return;
  if (!CREDENTIAL_PAIR.test(text.slice(Math.max(0, at - 48), at))) return;
  let p = at + 1;
  while (p < at + 5 && isBlank(text.charCodeAt(p))) p++;
  if (isQuote(text.charCodeAt(p))) {
    const span = quotedAt(text, p);
    if (span) report(sink, text, span[0], span[1], 2, true, true, 1);
    return;
  }
  let end = p;
  while (end < p + MAX_VALUE && end < text.length && !isSpace(text.charCodeAt(end))) end++;
  end = trimProseValue(text, p, end);
  // Nothing says "password" here but the pair: only a value that looks like one counts.
  if (end > p) report(sink, text, p, end, 2, false, false, 1);
}

function onIdentified(text: string, s: number, e: number, sink: FindingSink): void {
  if (!/identified\s+$/i.test(text.slice(Math.max(0, s - 16), s))) return;
  const span = quotedAt(text, e - 1);
  if (span) report(sink, text, span[0], span[1], 2, true, true);
}

function onXmlTag(text: string, s: number, e: number, sink: FindingSink): void {
  const name = text.slice(s + 1, e - 1);
  const strength = keyStrength(name);
  if (strength === 0) return;
  const close = `</${name}>`;
  const limit = Math.min(text.length, e + MAX_QUOTED);
  // The value holds no `<`: the first one must open the closing tag.
  let i = e;
  while (i < limit && text.charCodeAt(i) !== 60 && text.charCodeAt(i) !== 10) i++;
  if (i >= limit || !text.startsWith(close, i)) return;
  let a = e;
  let b = i;
  while (a < b && isSpace(text.charCodeAt(a))) a++;
  while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
  if (b <= a || text.charCodeAt(b - 1) === 62) return;
  report(sink, text, a, b, strength, true, true);
}

/**
 * Passwords written into config, code, command lines, SQL or chat: `DB_PASSWORD=...`,
 * `"pwd": "..."`, `password: ...` (YAML), `<password>...</password>`, `--password ...`,
 * `mysql -p'...'`, `docker login -p ...`, `IDENTIFIED BY '...'`, `WITH PASSWORD '...'`,
 * `define('DB_PASSWORD', '...')`, `.pgpass` lines (`host:5432:db:user:...`), "my password is ...",
 * "... with password ...". Values starting with a vendor token prefix (`sk_live_`, `ghp_`, ...)
 * are left to the token recognizers.
 * The finding spans the value only (no key, quotes or separator).
 *
 * Not reported: placeholders and templates, code that computes the value, type annotations,
 * labels without a value, keys about a password (`password_length`, `password_hash`), AWS secret
 * access keys (see `aws_secret_key`). Password hashes score 0.3 (below the default threshold).
 * See the notes at the top of this file for the confidence model.
 */
export const password: Recognizer = {
  type: 'password',
  anchors: [
    ASSIGN,
    KEYWORD_ANCHOR_I18N,
    PASSWORD_WORDS_ANCHOR,
    SLASH_PAIR_ANCHOR,
    DASH_TOKEN,
    DASH_P_ANCHOR,
    IDENTIFIED_ANCHOR,
    XML_SECRET_TAG,
  ],
  literals: PASSWORD_LITERALS,
  match(text, start, end, sink) {
    const c = text.charCodeAt(start);
    if (c === 61 || c === 58) {
      if (end - start === 1) onAssign(text, start, sink);
    } else if (c === 60) onXmlTag(text, start, end, sink);
    else if (c === 47) onSlash(text, start, sink);
    else if (c === 66 || c === 98) onIdentified(text, start, end, sink);
    else if (c === 45) {
      if (text.charCodeAt(start + 1) === 112) onDashP(text, start, sink); // `-p`
    } else if (c === 32) {
      onKeyword(text, start + 1, end - 1, sink); // ` senha ` from `literals`
    } else if (c === 119) {
      // `wachtwoord` from `literals`: whole words only (not `wachtwoordbeheer`).
      if (!isWordChar(text.charCodeAt(end))) onKeyword(text, start, end, sink);
    } else onKeyword(text, start, end, sink);
  },
};
