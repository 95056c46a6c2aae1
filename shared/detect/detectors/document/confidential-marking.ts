import type { DocumentClassifier } from '../../recognizer.ts';
import type { FindingSink } from '../../types.ts';

/*
 * Design: a DocumentClassifier with its own candidate pass rather than a Recognizer with anchors.
 * The candidate words (`confidential`, `secret`, `internal`, …) are ordinary lower-case words, so as
 * anchors they would slow the shared prefilter on all prose, and deciding needs the whole line
 * (is the word alone on it? in a banner? after a `Classification:` label?), which anchors cannot
 * express. A literal search for the capitalised and upper-case candidate words (and one for
 * lower-case labels at line starts) finds candidate lines over the whole text, without sampling: a
 * marking is often one footer line in a long document. Each line is judged once, long lines only in
 * a window around the candidate, and at most 64 KB of lines are judged per text, then the last 2 KB.
 *
 * Decisions:
 * - Lower-case mid-sentence use is never a marking ("please keep this confidential", "is this
 *   information confidential?", "confidential computing", "restricted stock units", "secret sauce").
 * - Upper-case multi-word markings (STRICTLY CONFIDENTIAL, INTERNAL USE ONLY, TOP SECRET,
 *   SECRET//NOFORN, DO NOT FORWARD, TLP:RED, …) count anywhere, even inside a sentence: nobody writes
 *   them by accident.
 * - A single upper-case word (CONFIDENTIAL, RESTRICTED, SECRET, PROPRIETARY, PRIVILEGED,
 *   VERTRAULICH, CONFIDENTIEL) counts in a banner line (mostly capitals, short), in brackets
 *   (`[CONFIDENTIAL]`), or set off by separators like a mixed-case label; not as emphasis inside a
 *   sentence ("the area is RESTRICTED to staff").
 * - Mixed case (`Confidential`, `Internal use only`, `Streng vertraulich`) counts as a standalone
 *   label: alone on its line (decorations such as `***`, `#`, `//` allowed, an organisation name
 *   before it allowed), or set off from the rest of the line by separators (`Confidential | Page 3`,
 *   `Page 3 – Confidential`, `Subject: Confidential: Q3 plan`). It must start with a capital:
 *   a lower-case "internal use only" line reads as chat, not as a label.
 * - Labels count whatever the case: `Classification: Internal`, `Sensitivity: Confidential`,
 *   `"classification": "restricted"`, `Klassifizierung: Vertraulich`. `Classification: Public` does not.
 * - E-mail confidentiality disclaimers in running text ("This e-mail is confidential and may be
 *   privileged…") are boilerplate on every message, not markings, and are not reported.
 * The finding spans the marking itself (`STRICTLY CONFIDENTIAL`, `Classification: Internal`).
 */

/**
 * Candidate words, capitalised or upper case: every marking this classifier accepts starts with or
 * contains one (lower-case use only counts in labels, found by LOWER_LABEL). Factored behind `[A-Z]`
 * so the search stops only at capital letters: about 1 GB/s on prose, against 180 MB/s for the same
 * words matched case-insensitively.
 */
const CANDIDATE =
  /[A-Z](?:ONFIDEN[TCZ]|onfiden[tcz]|ERTRAULICH|ertraulich|ERTROUWELIJK|ertrouwelijk|NTERN|ntern|ESTR|estr|ECRET|ecret|RIVILEG|rivileg|ROPRIETAR|roprietar|OFORN|ISTRIBUT|ORWARD|o not|ot for|DA\b|LP:|OUO|FFICIAL|lassifi|LASSIFI|lasifica|LASIFICA|ubricering|UBRICERING|ensitivity|ENSITIVITY|instufung|INSTUFUNG|chutz|EHEIM|eheim|ur für|UR FÜR|trict|TRICT|treng|TRENG|trikt|TRIKT|SAGE|sage|SO INTERN|so intern|ISERVAT|iservat|IFFUSION|iffusion|IFUSI|ifusi|ttorney|TTORNEY|LLEEN VOOR|lleen voor|OOR INTERN|ITSLUITEND|itsluitend|STRICTAMENT|strictament|STRITAMENT|stritament|TRETTAMENT|trettament|O UŻYTKU|o użytku|ORTROLIG|ortrolig|UOTTAMUKS|uottamuks|OUFNE|oufne|AJNE|ICHT ZUR|E PAS DIFF|İZLİ|izli)/g;
/**
 * Candidates in scripts without Latin capitals: CJK marking words (no letter case, no spaces
 * between words) and Cyrillic ones. A separate search so the Latin one keeps its fast first
 * character test; on Latin text it stops nowhere.
 */
const OTHER_SCRIPT_CANDIDATE =
  /社外秘|部外秘|関係者外秘|社内限|部内限|関係者限|極秘|厳秘|取扱注意|マル秘|㊙|機密|机密|绝密|絕密|秘密|内部资料|內部資料|内部文件|内部使用|內部使用|대외비|사외비|극비|기밀|사내한정|비밀|КОНФИДЕНЦ|Конфиденц|СЕКРЕТН|Секретн|ДЛЯ СЛУЖЕБН|Для служебн|КОММЕРЧЕСКАЯ ТАЙНА|Коммерческая тайна|ΕΜΠΙΣΤΕΥΤΙΚ|Εμπιστευτικ|ΑΠΟΡΡΗΤ|Απόρρητ/g;
/**
 * Lower-case labels at a line start (`classification: internal`, `"sensitivity": "restricted"`).
 * `(?:^|\n)` rather than the `m` flag: the search then stops only at line breaks (twice as fast).
 */
const LOWER_LABEL =
  /(?:^|\n)[ \t*#>_"'{,-]*(?:(?:[Dd]ata|[Dd]ocument|[Ss]ecurity|[Ii]nformation)[ _])?(?:classifica|clasificaci|sensitivity)/g;

/** Lines longer than this are paragraphs: only a window around each candidate is judged. */
const LONG_LINE = 300;
const WINDOW_BEFORE = 60;
const WINDOW_AFTER = 90;
/**
 * Characters of candidate lines judged per text (a line full of marking words costs about 0.1 µs
 * per character); after that only the last FOOTER characters, where footers are.
 */
const JUDGE_BUDGET = 65_536;
const FOOTER = 2_000;
const MAX_FINDINGS = 32;
const MAX_PHRASES = 6;

/** Values a classification label may carry (English, German, French, Spanish, Portuguese, Italian, Dutch, Nordic, CJK). */
const LEVEL =
  '(?:(?:strictly|highly|company|streng|strengt|strictement|tr[eè]s|estrictamente|estritamente|strettamente|strikt|zeer)\\s+)?(?:confidential|confidentiel(?:le)?|confidencial|confidenziale|vertrouwelijk|internal(?:\\s+use)?(?:\\s+only)?|intern\\s+gebruik|intern[eo]?|uso\\s+interno|restricted|restreinte?|restringid[oa]|restrit[oa]|riservat[oa]|reservad[oa]|secret[oa]?|segreto|sigilos[oa]|top\\s+secret|private|priv[ée]e?|sensitive|highly\\s+sensitive|vertraulich|geheim|fortrolig|tlp:\\s?(?:red|amber(?:\\+strict)?)|privileged|limited|社外秘|部外秘|関係者外秘|極秘|厳秘|機密|机密|绝密|絕密|秘密|대외비|극비|기밀|비밀)';
/**
 * `Classification: Internal` and its translations, at a line start or after a separator (`|`, `;`,
 * `–`, ` - `, an opening bracket, two spaces).
 */
const LABEL = new RegExp(
  `(?:^[\\s*#>_-]*|[|;•·(\\[,{–—]\\s*|(?<=\\s\\s)|(?<=\\s-\\s))["'*_]*((?:(?:security|data|document|information|info)\\s+)?(?:classification|sensitivity(?:\\s+label)?|klassifizierung|klassifikation|einstufung|vertraulichkeit(?:sstufe)?|schutzklasse|schutzstufe|niveau\\s+de\\s+confidentialit[ée]|clasificaci[óo]n|classifica[çc][ãa]o|classificazione|classificatie|rubricering|vertrouwelijkheid(?:sniveau)?|nivel\\s+de\\s+confidencialidad|klassificering|klassifisering|機密区分|秘密区分|情報区分|取扱区分|密级|密級)["']?\\s*(?:level\\s*)?[:=：]\\s*(?:["'*_]+\\s*)?${LEVEL})(?![\\p{L}\\p{N}_])`,
  'giu',
);

// Upper-case markings that count anywhere (each alternative is upper case only).
const UPPER_STRONG = new RegExp(
  '(?<![\\p{L}\\p{N}_])(?:' +
    [
      '(?:STRICTLY|HIGHLY|COMPANY|CORPORATE|BUSINESS)\\s+CONFIDENTIAL',
      'PROPRIETARY\\s+(?:AND|&)\\s+CONFIDENTIAL',
      'CONFIDENTIAL\\s+(?:AND|&)\\s+(?:PROPRIETARY|PRIVILEGED)',
      'PRIVILEGED\\s+(?:AND|&)\\s+CONFIDENTIAL',
      '(?:FOR\\s+)?INTERNAL\\s+(?:USE\\s+)?ONLY',
      'FOR\\s+INTERNAL\\s+USE',
      '(?:TOP\\s+)?SECRET\\/\\/[A-Z][A-Z0-9 ,/-]*[A-Z0-9]',
      'CONFIDENTIAL\\/\\/[A-Z][A-Z0-9 ,/-]*[A-Z0-9]',
      'TOP\\s+SECRET',
      'NOFORN',
      'NOT\\s+FOR\\s+(?:EXTERNAL\\s+|PUBLIC\\s+)?(?:DISTRIBUTION|RELEASE)',
      'DO\\s+NOT\\s+(?:FORWARD|DISTRIBUTE|COPY)',
      'ATTORNEY[-\\s]CLIENT\\s+PRIVILEGED?(?:\\s+(?:AND|&)\\s+CONFIDENTIAL)?(?:\\s+COMMUNICATION)?',
      'ATTORNEY\\s+WORK\\s+PRODUCT',
      '(?:CONFIDENTIAL\\s+[-–—]\\s+)?UNDER\\s+NDA',
      'TLP:\\s?(?:RED|AMBER(?:\\+STRICT)?)',
      'STRENG\\s+(?:VERTRAULICH|GEHEIM)',
      '(?:VS[-\\s])?NUR\\s+FÜR\\s+DEN\\s+(?:INTERNEN\\s+|DIENST)?GEBRAUCH',
      'STRICTEMENT\\s+CONFIDENTIEL(?:LE)?',
      'DIFFUSION\\s+RESTREINTE',
      'USAGE\\s+INTERNE(?:\\s+UNIQUEMENT)?',
      '(?:CONFIDENTIEL|SECRET)\\s+D[ÉE]FENSE',
      'FOR\\s+OFFICIAL\\s+USE\\s+ONLY',
      'FOUO',
      'OFFICIAL[-\\s]SENSITIVE',
      'SENSITIVE\\s+BUT\\s+UNCLASSIFIED',
      'NE\\s+PAS\\s+(?:DIFFUSER|DISTRIBUER|TRANSMETTRE)',
      'NICHT\\s+ZUR\\s+WEITERGABE',
      // Spanish, Portuguese, Italian.
      'ESTRICTAMENTE\\s+CONFIDENCIAL',
      'ESTRITAMENTE\\s+CONFIDENCIAL',
      'STRETTAMENTE\\s+(?:CONFIDENZIALE|RISERVAT[OA])',
      '(?:(?:S[ÓO]LO|SOLAMENTE|APENAS|SOLO)\\s+)?(?:(?:PARA|PER|AD|DE)\\s+)?USO\\s+(?:INTERNO|EXCLUSIVAMENTE\\s+INTERNO)',
      'DIFUSI[ÓO]N\\s+(?:LIMITADA|RESTRINGIDA)',
      // Dutch and Nordic.
      '(?:STRIKT|STRENG|ZEER)\\s+VERTROUWELIJK',
      '(?:STG\\.?\\s+)?ZEER\\s+GEHEIM',
      '(?:(?:UITSLUITEND|ALLEEN)\\s+)?VOOR\\s+INTERN\\s+GEBRUIK',
      'INTERN\\s+GEBRUIK',
      'STRENGT\\s+FORTROLIG[T]?',
      // Polish, Turkish, Russian, Greek.
      'ŚCIŚLE\\s+TAJNE',
      'DO\\s+U[ŻZ]YTKU\\s+WEWN[ĘE]TRZNEGO',
      'ÇOK\\s+GİZLİ',
      'HİZMETE\\s+ÖZEL',
      'СТРОГО\\s+КОНФИДЕНЦИАЛЬНО',
      'СОВЕРШЕННО\\s+СЕКРЕТНО',
      'ДЛЯ\\s+СЛУЖЕБНОГО\\s+ПОЛЬЗОВАНИЯ',
      'КОММЕРЧЕСКАЯ\\s+ТАЙНА',
      'ΑΚΡΩΣ\\s+ΑΠΟΡΡΗΤΟ',
    ].join('|') +
    ')(?![\\p{L}\\p{N}_])',
  'gu',
);

// Marking phrases in any case; the rules in `judgePhrase` decide whether a match is a label.
const PHRASE = new RegExp(
  '(?<![\\p{L}\\p{N}_])(?:' +
    [
      '(?:strictly|highly|company|corporate)\\s+confidential',
      'proprietary\\s+(?:and|&)\\s+confidential',
      'confidential\\s+(?:and|&)\\s+(?:proprietary|privileged)',
      'privileged\\s+(?:and|&)\\s+confidential',
      'attorney[-\\s]client\\s+privileged?(?:\\s+communication)?',
      '(?:for\\s+)?internal\\s+(?:use\\s+)?only',
      'for\\s+internal\\s+use',
      'not\\s+for\\s+(?:external\\s+)?distribution',
      'do\\s+not\\s+(?:forward|distribute)',
      '(?:confidential\\s+[-–—]\\s+)?under\\s+nda',
      'top\\s+secret',
      'strictement\\s+confidentiel(?:le)?',
      'streng\\s+vertraulich',
      'nur\\s+für\\s+den\\s+internen\\s+gebrauch',
      'usage\\s+interne(?:\\s+uniquement)?',
      'diffusion\\s+restreinte',
      'estrictamente\\s+confidencial',
      'estritamente\\s+confidencial',
      'strettamente\\s+(?:confidenziale|riservat[oa])',
      '(?:(?:s[óo]lo|solamente|apenas|solo)\\s+)?(?:(?:para|per|ad|de)\\s+)?uso\\s+interno',
      'difusi[óo]n\\s+(?:limitada|restringida)',
      '(?:strikt|streng|zeer)\\s+vertrouwelijk',
      'zeer\\s+geheim',
      '(?:(?:uitsluitend|alleen)\\s+)?voor\\s+intern\\s+gebruik',
      'intern\\s+gebruik',
      'strengt\\s+fortrolig[t]?',
      'ściśle\\s+tajne',
      'строго\\s+конфиденциально',
      'совершенно\\s+секретно',
      'для\\s+служебного\\s+пользования',
      'коммерческая\\s+тайна',
      'confidential',
      'confidencial',
      'confidenziale',
      'vertrouwelijk',
      'riservat[oa]',
      'fortrolig[t]?',
      'konfidentiell[t]?',
      'luottamuksellinen',
      'poufne',
      'důvěrné',
      'g[iİ]zl[iİ]',
      'конфиденциально',
      'секретно',
      'εμπιστευτικ[οό]',
      'απ[οό]ρρητο',
      'confidentiel(?:le)?',
      'vertraulich',
      'restricted',
      'proprietary',
      'privileged',
      'secret',
      'geheim',
    ].join('|') +
    ')(?![\\p{L}\\p{N}_])',
  'giu',
);

/** Characters that decorate a banner or label (`*** CONFIDENTIAL ***`, `// Internal only`, `# Secret`). */
const DECOR_ONLY = /^[\s*#=\-_~[\](){}<>|:.•·"'!/\\]*$/;
/** An e-mail subject prefix left of a label (`Subject: Re: CONFIDENTIAL - …`). */
const SUBJECT_PREFIX = /^[\s*#>]*(?:(?:subject|betreff|objet|re|fwd?|aw|wg|tr)\s*:\s*)+$/i;
/** An organisation or copyright before a label that ends the line (`Acme Corp Confidential`). */
const ORG_PREFIX = /^[\s*#\-=_~[(|/]*(?:(?:[A-Z][\w&.'’-]*|©|\(c\)|\d{4})\s+){1,4}$/;
/** What may follow a label in the same line: a separator. */
const RIGHT_SEP = /^[\s*_"')\]]*(?:[:|–—•·/)\]]|\s-\s|\s--\s)/;

/** Words that turn a marking word into something else (`RESTRICTED STOCK`, `TRADE SECRET`). */
const NOT_AFTER =
  /^[\s-]*(?:stock|shares?|units?|area|zone|access|keys?|sauce|santa|service|agents?|information|computing|mode|users?|accounts?|garden|weapon|ingredient|recipe|handshake|manager|store|token|value)\b/i;
const NOT_BEFORE = /\b(?:trade|client|shared|api|app|totp|webhook|kind|type)[\s-]*$/i;

/** Single upper-case words that count in a banner or in brackets (English and translations). */
const SINGLE_UPPER =
  /^(?:CONFIDENTIAL|CONFIDENTIEL(?:LE)?|CONFIDENCIAL|CONFIDENZIALE|VERTRAULICH|VERTROUWELIJK|RISERVAT[OA]|FORTROLIG[T]?|KONFIDENTIELL[T]?|LUOTTAMUKSELLINEN|POUFNE|DŮVĚRNÉ|GİZLİ|КОНФИДЕНЦИАЛЬНО|СЕКРЕТНО|ΕΜΠΙΣΤΕΥΤΙΚΟ|ΑΠΟΡΡΗΤΟ|RESTRICTED|SECRET|PROPRIETARY|PRIVILEGED|GEHEIM)$/u;

interface Span {
  start: number;
  end: number;
  confidence: number;
}

/** Mostly capital letters, a few words, no code punctuation: `ACME CORP — CONFIDENTIAL`. */
function isBanner(line: string): boolean {
  if (/[=;{}<>]/.test(line)) return false;
  let upper = 0;
  let lower = 0;
  let words = 0;
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c >= 65 && c <= 90) upper++;
    else if (c >= 97 && c <= 122) lower++;
    else if (c > 127) {
      const ch = line[i] as string;
      if (ch !== ch.toLowerCase()) upper++;
      else if (ch !== ch.toUpperCase()) lower++;
    }
    const space = c <= 32;
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return upper > 0 && upper >= 0.8 * (upper + lower) && words <= 10;
}

/**
 * True when `left` (the line left of a label) ends with a separator (`|`, `–`, ` - `, `•`, `/`, an
 * opening bracket) or is an e-mail subject prefix. Read from the end, so it stays linear.
 */
function separatedLeft(left: string): boolean {
  let i = left.length;
  let bracket = false;
  for (; i > 0 && ' \t*_"\'[('.includes(left[i - 1] as string); i--) if (left[i - 1] === '[' || left[i - 1] === '(') bracket = true;
  const c = left[i - 1];
  if (c === undefined || bracket || '|–—•·/'.includes(c)) return true;
  if ((c === '-' || c === '–' || c === '—') && i >= 2 && /\s/.test(left[i - 2] as string)) return true;
  return left.length <= 40 && SUBJECT_PREFIX.test(left);
}

/** Judges a match of PHRASE at `[s, e)` of `line`; returns a confidence or 0. */
function judgePhrase(line: string, s: number, e: number, banner: () => boolean): number {
  const phrase = line.slice(s, e);
  const left = line.slice(0, s);
  const right = line.slice(e);
  const multiWord = /\s/.test(phrase);
  const capital = /^\p{Lu}/u.test(phrase);
  const upper = phrase === phrase.toUpperCase();
  const alone = DECOR_ONLY.test(left) && DECOR_ONLY.test(right);

  if (!capital) return 0;
  if (!multiWord && (NOT_AFTER.test(right) || NOT_BEFORE.test(left))) return 0;
  if (alone) return 0.9;
  const leftOk = DECOR_ONLY.test(left) || separatedLeft(left);
  const rightOk = DECOR_ONLY.test(right) || RIGHT_SEP.test(right);
  if (leftOk && rightOk) return 0.8;
  if (rightOk && DECOR_ONLY.test(right) && ORG_PREFIX.test(left)) return 0.8;
  if (upper && SINGLE_UPPER.test(phrase)) {
    if (/[[(<]\s*$/.test(left) && /^\s*[\])>]/.test(right)) return 0.8; // [CONFIDENTIAL]
    if (banner()) return 0.85;
  }
  return 0;
}

/**
 * CJK marking words. Without letter case, and with no spaces between words in Chinese and Japanese
 * prose, a word counts only when set off: in brackets (`報告書（社外秘）`, `【機密】`), alone on its
 * line (decorations such as `★` or `■` allowed), before `★` (the Chinese `机密★5年` form), or at the
 * start or end of a line set apart by a separator (`社外秘｜2025年度計画`, `Acme株式会社\u3000社外秘`).
 * Group 1 holds words that are markings by nature (社外秘 "not for outside the company"); group 2
 * ordinary nouns (機密 "confidential", 秘密 "secret", 기밀, 비밀), which count only in brackets, alone
 * or before `★`: `機密情報の取り扱い` and `秘密を守る` are prose.
 */
const CJK_MARKING =
  /(社外秘|部外秘|関係者外秘|社内限り|社内限定|部内限り|関係者限り|極秘|厳秘|取扱注意|マル秘|㊙|绝密|絕密|内部资料|內部資料|内部文件|仅限内部使用|僅限內部使用|대외비|사외비|극비|사내한정)|(機密|机密|秘密|기밀|비밀)/g;
const CJK_OPEN = /[[(<（【［〔「『《〈]\s*$/u;
const CJK_CLOSE = /^\s*[\])>）】］〕」』》〉]/u;
/** Decorations around a CJK banner (ASCII ones, full-width ones, stars, squares, the reference mark). */
const CJK_DECOR = /^[\s*#=\-_~|:.•·!/\\★☆■□◆◇●○※＊＃＝－～｜：・]*$/u;
/** A separator between a CJK marking and the rest of its line; whitespace only where words are not space-separated. */
const CJK_SEP = /[|/｜／・•·–—－:：★☆■◆●]/u;

function isHangul(c: number): boolean {
  return c >= 0xac00 && c <= 0xd7a3;
}

/** Judges a CJK marking word at `[s, e)` of `line` (`windowOnly`: a slice of a long line, brackets only). */
function judgeCjk(line: string, s: number, e: number, common: boolean, windowOnly: boolean): number {
  const left = line.slice(Math.max(0, s - 40), s);
  const right = line.slice(e, e + 40);
  if (CJK_OPEN.test(left) && CJK_CLOSE.test(right)) return 0.9;
  const next = right.charCodeAt(0);
  if (next === 0x2605 || next === 0x2606) return 0.85; // ★ ☆
  if (windowOnly) return 0;
  const leftDecor = s <= 40 && CJK_DECOR.test(left);
  const rightDecor = e + 40 >= line.length && CJK_DECOR.test(right);
  if (leftDecor && rightDecor) return 0.9;
  if (common || !(leftDecor || rightDecor)) return 0;
  // One side is the line edge; the other must be set off by a separator (or a space, outside Korean).
  const spaced = !isHangul(line.charCodeAt(s));
  const sep = (c: string | undefined): boolean => c !== undefined && (CJK_SEP.test(c) || (spaced && /\s/u.test(c)));
  return (leftDecor || sep(left[left.length - 1])) && (rightDecor || sep(right[0])) ? 0.85 : 0;
}

/** Passes the CJK markings of `line` to `add` (at most MAX_PHRASES candidates are judged). */
function judgeCjkLine(line: string, windowOnly: boolean, add: (s: number, e: number, c: number) => void): void {
  CJK_MARKING.lastIndex = 0;
  let n = 0;
  for (let m = CJK_MARKING.exec(line); m && n < MAX_PHRASES; m = CJK_MARKING.exec(line), n++) {
    const c = judgeCjk(line, m.index, m.index + m[0].length, m[2] !== undefined, windowOnly);
    if (c > 0) add(m.index, m.index + m[0].length, c);
  }
}

/** Finds markings in one line (or a window of a long line) at `offset` in the text. */
function judgeLine(line: string, offset: number, out: Span[]): void {
  const taken: [number, number][] = [];
  const overlaps = (s: number, e: number): boolean => taken.some(([a, b]) => s < b && a < e);
  let bannerCache: boolean | undefined;
  const banner = (): boolean => (bannerCache ??= isBanner(line));
  const add = (s: number, e: number, confidence: number): void => {
    if (overlaps(s, e)) return;
    taken.push([s, e]);
    out.push({ start: offset + s, end: offset + e, confidence });
  };

  LABEL.lastIndex = 0;
  for (let m = LABEL.exec(line); m; m = LABEL.exec(line)) {
    const value = m[1] as string;
    const s = m.index + m[0].length - value.length;
    add(s, s + value.length, 0.9);
  }
  UPPER_STRONG.lastIndex = 0;
  for (let m = UPPER_STRONG.exec(line); m; m = UPPER_STRONG.exec(line)) {
    const alone = DECOR_ONLY.test(line.slice(0, m.index)) && DECOR_ONLY.test(line.slice(m.index + m[0].length));
    add(m.index, m.index + m[0].length, alone || banner() ? 0.95 : 0.85);
  }
  PHRASE.lastIndex = 0;
  // A label line has one or two marking words; a line full of them is noise, judged in part.
  let phrases = 0;
  for (let m = PHRASE.exec(line); m && phrases < MAX_PHRASES; m = PHRASE.exec(line), phrases++) {
    const s = m.index;
    const e = s + m[0].length;
    if (overlaps(s, e)) continue;
    const c = judgePhrase(line, s, e, banner);
    if (c > 0) add(s, e, c);
  }
  judgeCjkLine(line, false, add);
}

/**
 * Confidential marking: the text carries a classification marking such as `CONFIDENTIAL`,
 * `STRICTLY CONFIDENTIAL`, `INTERNAL USE ONLY`, `TOP SECRET`, `SECRET//NOFORN`, `DO NOT FORWARD`,
 * `ATTORNEY-CLIENT PRIVILEGED`, `UNDER NDA`, `TLP:RED`, `Classification: Internal`, `VERTRAULICH`,
 * `CONFIDENTIEL`: as a header or footer line, an upper-case banner, or a label. Each finding spans
 * the marking. Prose that merely uses the words is not reported (see the decisions above).
 */
export const confidentialMarking: DocumentClassifier = {
  type: 'confidential_marking',
  classify(text: string, sink: FindingSink) {
    const found: Span[] = [];
    const budget = { chars: JUDGE_BUDGET };
    collect(text, CANDIDATE, found, budget);
    if (found.length < MAX_FINDINGS && budget.chars > 0) collect(text, OTHER_SCRIPT_CANDIDATE, found, budget);
    if (found.length < MAX_FINDINGS && budget.chars > 0) collect(text, LOWER_LABEL, found, budget);
    const seen = new Set<string>();
    for (const f of found) {
      const key = `${f.start}:${f.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      sink.add('confidential_marking', f.start, f.end, f.confidence);
      if (seen.size >= MAX_FINDINGS) break;
    }
  },
};

function isIdentifierUnit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** Judges every line (or long-line window) where `re` finds a candidate, within `budget`. */
function collect(text: string, re: RegExp, found: Span[], budget: { chars: number }): void {
  let lineStart = 0;
  let lineEnd = -1;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    // A LOWER_LABEL match may start with the line break before the label.
    const hit = text.charCodeAt(m.index) === 10 ? m.index + 1 : m.index;
    // Inside an identifier (`STRIPE_SECRET_KEY`, `DataClassification`): never a marking.
    if (hit > 0 && isIdentifierUnit(text.charCodeAt(hit - 1))) continue;
    // Line bounds, found once per line (hits come left to right), so the search stays linear.
    if (hit > lineEnd) {
      lineStart = text.lastIndexOf('\n', hit) + 1;
      const nl = text.indexOf('\n', hit);
      lineEnd = nl < 0 ? text.length : nl;
    }
    if (lineEnd - lineStart <= LONG_LINE) {
      judgeLine(text.slice(lineStart, lineEnd), lineStart, found);
      re.lastIndex = Math.max(re.lastIndex, lineEnd);
      budget.chars -= lineEnd - lineStart + 1;
    } else {
      // Windows may overlap by up to WINDOW_BEFORE; duplicates are dropped when reporting.
      const a = Math.max(lineStart, hit - WINDOW_BEFORE);
      const b = Math.min(lineEnd, hit + WINDOW_AFTER);
      judgeWindow(text, a, b, found);
      re.lastIndex = Math.max(re.lastIndex, b);
      budget.chars -= b - a;
    }
    if (found.length >= MAX_FINDINGS) return;
    if (budget.chars <= 0) {
      // Enough candidates judged; footers are at the end, so look there once more and stop.
      const tail = Math.max(re.lastIndex, text.length - FOOTER);
      if (tail < text.length) judgeTail(text, tail, found);
      return;
    }
  }
}

/** A single upper-case marking word in brackets: `[CONFIDENTIAL]`, `(VERTROUWELIJK)`. */
const BRACKETED =
  /[[(<]\s*(CONFIDENTIAL|CONFIDENTIEL|CONFIDENCIAL|CONFIDENZIALE|VERTRAULICH|VERTROUWELIJK|RISERVATO|FORTROLIG|KONFIDENTIELLT|RESTRICTED|SECRET|PROPRIETARY|PRIVILEGED|КОНФИДЕНЦИАЛЬНО)\s*[\])>]/gu;

/**
 * A window of a long line (a paragraph): only markings that stand out in running text count here,
 * i.e. upper-case phrases and bracketed upper-case words; labels are judged only at line starts.
 */
function judgeWindow(text: string, a: number, b: number, out: Span[]): void {
  const slice = text.slice(a, b);
  UPPER_STRONG.lastIndex = 0;
  for (let m = UPPER_STRONG.exec(slice); m; m = UPPER_STRONG.exec(slice)) {
    out.push({ start: a + m.index, end: a + m.index + m[0].length, confidence: 0.85 });
  }
  BRACKETED.lastIndex = 0;
  for (let m = BRACKETED.exec(slice); m; m = BRACKETED.exec(slice)) {
    const s = a + m.index + m[0].indexOf(m[1] as string);
    out.push({ start: s, end: s + (m[1] as string).length, confidence: 0.8 });
  }
  judgeCjkLine(slice, true, (s, e, c) => out.push({ start: a + s, end: a + e, confidence: c }));
}

/** The last characters of a text, line by line (once the judging budget is spent). */
function judgeTail(text: string, from: number, out: Span[]): void {
  let s = text.indexOf('\n', from);
  s = s < 0 ? from : s + 1;
  while (s < text.length) {
    let e = text.indexOf('\n', s);
    if (e < 0) e = text.length;
    if (e - s <= LONG_LINE) judgeLine(text.slice(s, e), s, out);
    else judgeWindow(text, Math.max(s, e - FOOTER), e, out);
    s = e + 1;
  }
}
