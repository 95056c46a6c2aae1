import type { DocumentClassifier } from '../../recognizer.ts';
import type { FindingSink } from '../../types.ts';

/*
 * How it works: every line gets a kind (code, text, neutral, blank) from cheap syntactic features:
 * how it starts (`def f(`, `public class`, `#include <`, `SELECT … FROM`), how it ends (`;`, `{`),
 * operators (`=>`, `==`, `::`), calls (`name(`), identifiers (`snake_case`, `camelCase`),
 * indentation. Runs of code lines, with neutral lines (comments, brackets, object literal entries,
 * blank lines) inside, form regions; a region is source code when it has enough code lines, few
 * text lines and at least one unmistakable line. Markdown fences bound regions explicitly.
 *
 * Decisions:
 * - Configuration and data are not source code: JSON, YAML, TOML/INI, .env, XML, CSV, logs. Their
 *   lines are neutral (they never count as code), so a pasted Kubernetes manifest or package.json is
 *   not reported; the secret detectors still look inside. A fence tagged json/yaml/… is skipped.
 * - Stack traces alone are not source code: frame lines (`at x (file.js:1:2)`, `File "x.py", line 3`
 *   and the source line Python echoes under it) count as text. Code pasted with its trace is found.
 * - Shell commands count as code when they look like commands (flags, paths, pipes, known
 *   sub-commands), not when a sentence starts with `git` or `make`. Commands after a prompt
 *   (`$ npm ci`, `me@box:~$ make`) are shell history or a session transcript, not code: neutral.
 * - At least 3 code lines (2 in a fence tagged with a programming language, where the tag says what
 *   it is); one-liners and inline `code` are not reported.
 */

/** Characters examined per text; longer texts are sampled in evenly spaced windows. */
const BUDGET = 65_536;
const WINDOWS = 16;
/** Characters of a single line that are scored (a 1 MB minified line is judged by its start). */
const MAX_LINE = 1_000;
const MAX_FINDINGS = 16;

const BLANK = 0;
const CODE = 1;
const TEXT = 2;
const NEUTRAL = 3;
/** Brackets-only and block-closing lines (`}`, `end`, `fi`): neutral, but they extend a region. */
const STRUCT = 4;
/** Comments: neutral, and a region may start with them (a doc comment above a function). */
const COMMENT_LINE = 5;
type Kind = typeof BLANK | typeof CODE | typeof TEXT | typeof NEUTRAL | typeof STRUCT | typeof COMMENT_LINE;

interface Line {
  readonly start: number;
  readonly end: number;
  readonly kind: Kind;
  /** How many code lines this line is worth (minified code packs many statements in one line). */
  readonly weight: number;
  /** Matched a pattern that is practically never prose (`def f(`, `#include <`, `public class`). */
  readonly strong: boolean;
}

// Lines that are certainly code, tested on the trimmed line. All anchored, and no two adjacent
// quantifiers can take the same characters (`\s*,?\s*` would backtrack quadratically on spaces).
const STRONG: readonly RegExp[] = [
  /^(?:export\s+(?:default\s+)?)?(?:async\s+)?function\b\s*(?:\*\s*)?(?:[\w$]+\s*)?\(/,
  /^(?:export\s+)?(?:const|let|var)\s+(?:[\w$]+|\{[^}]*\}|\[[^\]]*\])\s*(?::[^=]{1,80})?=(?!=)/,
  /^import\s+(?:type\s+)?(?:[\w$]+\s*(?:,\s*)?)?(?:\{[^}]*\}\s*|\*\s+as\s+[\w$]+\s*)?(?:from\s+)?['"]/,
  /^export\s+(?:default|const|let|var|function|class|interface|type|enum|async|abstract|\{|\*)/,
  /^(?:export\s+)?(?:declare\s+)?(?:interface|type)\s+[A-Z][\w$]*(?:<[^>]*>)?\s*(?:=|\{|extends\b)/,
  /^(?:async\s+)?def\s+\w+\s*\(/,
  /^def\s+(?:self\.)?\w+[?!]?$/,
  /^class\s+[A-Z]\w*(?:\s*\([^)]*\))?\s*:$/,
  /^(?:(?:public|private|protected|internal|static|final|abstract|sealed|partial|open|data|export|default)\s+)*(?:class|interface|enum|struct|record|trait|object|module)\s+[A-Z]\w*(?:<[^>]*>)?\s*(?:\{|\(|:|extends\b|implements\b|<|where\b|$)/,
  /^from\s+[\w.]+\s+import\s+[\w*(]/,
  /^(?:public|private|protected|internal)\b[^;=(]*\w\s*\(/,
  /^(?:pub(?:\([\w:]+\))?\s+)?(?:async\s+)?(?:unsafe\s+)?fn\s+\w+/,
  /^(?:use|mod)\s+[\w:]+(?:::\{[^}]*\}|::\*)?;$/,
  /^impl\b(?:<[^>]*>)?\s+[\w:<>,][\w:<>, ]*\{?$/,
  /^#\[(?:derive|cfg|test|allow|inline|tokio)\b/,
  /^func\s*(?:\([^)]*\)\s*)?\w+\s*[([]/,
  /^type\s+\w+\s+(?:struct|interface|func)\b/,
  /^(?:using\s+(?:static\s+)?[\w.]+;|namespace\s+[\w.]+\s*[{;]?$)/,
  /^<\?php\b/,
  /^FROM\s+[\w./-]+:[\w.-]+(?:\s+AS\s+\w+)?$/,
  /^#!\/\S+/,
  /^(?:SELECT\s+(?:DISTINCT\s+|TOP\s+\d+\s+)?(?:\*|[\w."`[\]]+\s*(?:,|FROM\b|AS\b|$))|INSERT\s+INTO\s+\S|UPDATE\s+[\w."`[\]]+\s+SET\s|DELETE\s+FROM\s+\S|CREATE\s+(?:OR\s+REPLACE\s+)?(?:TEMP(?:ORARY)?\s+)?(?:TABLE|VIEW|INDEX|UNIQUE\s+INDEX|PROCEDURE|FUNCTION|TRIGGER|SCHEMA|DATABASE)\b|ALTER\s+TABLE\s+\S|DROP\s+(?:TABLE|VIEW|INDEX|DATABASE|SCHEMA)\b)/,
  /^(?:select\s+(?:\*|[\w.]+\s*,)[^;]*\bfrom\s+\w|insert\s+into\s+\w+\s*(?:\(|values\b)|delete\s+from\s+\w+\s+where\s|update\s+\w+\s+set\s+\w+\s*=)/,
  /^(?:if\s+\[\[?\s|elif\s+\[|for\s+\w+\s+in\s+.*;\s*do$|while\s+.*;\s*do$|case\s+\S+\s+in$)/,
  /^for\s+(?:\w+|\(?\w+(?:\s*,\s*\w+)+\)?)\s+in\s+\S.*:$/,
  /^(?:except(?:\s+[\w.]+(?:\s+as\s+\w+)?|\s*\([\w., ]+\)(?:\s+as\s+\w+)?)?|else|try|finally|with\s+.+\s+as\s+\w+):$/,
  /^(?:val|var|fun|override\s+fun|suspend\s+fun)\s+\w+\s*(?:[:=(<])/,
  /^(?:guard\s+let|if\s+let)\s+\w+\s*=/,
  /^@(?:[\w.]+\(.*\)|\w+\.\w[\w.]*|staticmethod|classmethod|property|dataclass|abstractmethod|override)$/,
];

// Lines that are likely code: each adds 2.
const MEDIUM: readonly RegExp[] = [
  /^import\s+[\w.]+(?:\s+as\s+\w+)?(?:\s*,\s*[\w.]+)*;?$/,
  /^package\s+[\w.]+;?$/,
  /^(?:WHERE|FROM|JOIN|LEFT\s+JOIN|RIGHT\s+JOIN|INNER\s+JOIN|OUTER\s+JOIN|GROUP\s+BY|ORDER\s+BY|HAVING|LIMIT|OFFSET|VALUES|UNION|AND|OR|ON|SET|RETURNING)\s/,
  /^<\/?(?:!DOCTYPE|html|head|body|div|span|p|a|ul|ol|li|table|thead|tbody|tr|td|th|script|style|link|meta|form|input|button|img|section|article|header|footer|nav|main|template|svg|path|h[1-6]|label|select|option|textarea|iframe|br|hr|strong|em|code|pre)\b[^>]*>/,
  /^<[A-Z]\w*(?:\s[^>]*)?\/?>$/,
  /^@[A-Z]\w*$/,
  /^\$\w+\s*(?:=|->|\[)/,
  /^(?:else\s+if|if|while|switch|for)\s*\(/,
  /^(?:case\s+.+|default):$/,
  /^(?:catch|except)\s*\(/,
  /^(?:RUN|COPY|ADD|WORKDIR|ENV|EXPOSE|CMD|ENTRYPOINT|ARG|USER|VOLUME|HEALTHCHECK)\s+\S/,
  /^(?:throw|raise)\s+(?:new\s+)?[A-Z]\w*\(/,
];

const STRONG_ANY = anyOf(STRONG);
const MEDIUM_ANY = anyOf(MEDIUM);

const SHELL_COMMAND =
  /^(?:sudo\s+)?(?:apt(?:-get)?|yum|dnf|apk|brew|npm|npx|yarn|pnpm|pip3?|pipx|poetry|python3?|node|deno|bun|git|docker(?:-compose)?|kubectl|helm|terraform|aws|gcloud|az|curl|wget|cd|ls|mkdir|rm|cp|mv|chmod|chown|cat|grep|sed|awk|find|xargs|echo|export|source|make|cmake|cargo|rustc|go|mvn|gradle|dotnet|java|javac|gcc|clang|ssh|scp|rsync|tar|unzip|systemctl|journalctl|kill|ps|tail|touch|ln|printf|bash|sh|zsh|psql|mysql|redis-cli|openssl)\s+\S/;
/** A command line needs something shell-like after the command word. */
const SHELL_ARGS =
  /\s-{1,2}[A-Za-z]|[|><$`]|&&|\/|=|\*\.|^(?:sudo\s+)?(?:git\s+(?:clone|commit|push|pull|checkout|add|status|log|diff|rebase|merge|fetch|switch|stash|reset)|npm\s+(?:install|i|ci|run|test|start|publish)|yarn\s+(?:add|install|build)|docker\s+(?:run|build|compose|ps|exec|pull|push)|pip3?\s+install|kubectl\s+(?:get|apply|describe|logs|delete)|apt(?:-get)?\s+install|brew\s+install|cargo\s+(?:build|run|test|add)|go\s+(?:build|run|test|get|mod))\b/;

// Lines that are data or configuration rather than code: neutral.
const DATA: readonly RegExp[] = [
  /^["'][^"']{1,100}["']\s*:\s*\S/, // "key": value (JSON, dict literals)
  /^(?:-\s+)?[A-Za-z_][\w.-]*\s*:(?:\s|$)(?!.*[;{]$)/, // key: value (YAML, e-mail headers, object literals)
  /^[A-Z][A-Z0-9_]*=\S*$/, // KEY=value (.env)
  /^\[[\w .-]+\]$/, // [section] (INI, TOML)
];

const DATA_ANY = anyOf(DATA);

/**
 * A command typed at a shell prompt (`$ git push`, `user@host:~/app$ make`): shell history or a
 * session transcript, which is not source code (a script has no prompts). Neutral: it neither makes
 * nor breaks a region.
 */
const PROMPT = /^(?:\$|[\w.-]+@[\w.-]+(?::[^\s$#]*)?[$#])\s+\S/;

const PREPROCESSOR = /^#(?:include\s*[<"]|define\s+\w|ifn?def\s+\w|endif\b|pragma\s+\w|undef\s+\w|if\s+defined)/;
const COMMENT = /^(?:\/\/|\/\*|\*\/|#(?![![{])|<!--|-->|--(?:\s|$)|;;|'''|""")/;
const STRUCT_LINE =
  /^(?:[\])}][\])};,]*|[[({]+|(?:end|fi|done|esac|pass|break|continue|begin|endif|else|loop)[;:]?|\}\s*(?:else|catch|finally)\b.*)$/;

// Lines of logs, stack traces, tables: text (they separate code regions and count against them).
const NON_CODE: readonly RegExp[] = [
  /^\[?\d{4}-\d\d-\d\d[T ]\d\d:\d\d/,
  /^\[?\d\d:\d\d:\d\d\b/,
  /^\[?(?:INFO|WARN|WARNING|ERROR|DEBUG|TRACE|FATAL|CRITICAL|NOTICE)\]?[\s:]/,
  /^[A-Z][a-z]{2}\s+\d{1,2} \d\d:\d\d:\d\d/,
  /^at\s+[^()]*\([^()]*:\d+(?::\d+)?\)$/,
  /^at\s+\S+:\d+:\d+$/,
  /^at\s+[\w$.<>]+\((?:Native Method|Unknown Source|[\w$.]+:\d+)\)$/,
  /^Traceback \(most recent call last\):/,
  /^(?:[\w$]+\.)*[\w$]*(?:Error|Exception)\b(?::|$)/,
  /^Caused by: /,
  /^\.\.\. \d+ (?:more|common frames omitted)$/,
  /^(?:goroutine \d+ \[|panic: |thread '.*' panicked at)/,
  /^\d+: (?:0x[0-9a-f]+ - )?[\w:<>]+$/,
  /^[\w/.-]+\.(?:go|rs|py|js|ts|java|c|cc|cpp|rb|php|kt|swift):\d+/,
  /^\|.*\|$/,
];
const NON_CODE_ANY = anyOf(NON_CODE);
const PY_FRAME = /^File "[^"]*", line \d+/;

const OPERATOR = /=>|===|!==|==|!=|<=|>=|&&|\|\||::|->|:=|\+=|-=|\*=|\/=|\+\+|<<|>>/;
const CALL = /(?<![\w$])[A-Za-z_$][\w$]*\((?!s\))/;
const MEMBER_CALL = /[\w$)\]]\.[A-Za-z_$][\w$]*\(/;
const SELF = /\b(?:this|self)\.\w|^@\w+\s*=/;
const ASSIGN = /^[\w$.[\]'"]+\s*(?::[^=]{1,60})?[+\-*/%|&]?=(?!=)\s*\S/;
const SNAKE = /\b[a-z][a-z0-9]*_[a-z0-9_]*[a-z0-9]\b/;
const CAMEL = /\b[a-z]+[A-Z][a-z][A-Za-z0-9]*\b/;
const PY_BLOCK = /^(?:if|elif|while)\s+.+:$/;
const PY_COND = /[([.<>]|==|!=|\s(?:is|not|in|and|or)\s/;
const RETURN = /^(?:return|yield|await)\b/;
const LIST_ITEM = /^(?:[*+•]|\d{1,3}[.)])\s+/;
const DIFF_ITEM = /^[-+]\s?/;
/** First characters that STRUCT_LINE, COMMENT and the list patterns can start with (besides a-z for STRUCT_LINE's words). */
const STRUCT_FIRST = new Set([...'])}[({'].map((c) => c.charCodeAt(0)));
const COMMENT_FIRST = new Set([...'/*#<-;\'"'].map((c) => c.charCodeAt(0)));
const LIST_FIRST = new Set([...'*+•-0123456789'].map((c) => c.charCodeAt(0)));

interface Shape {
  words: number;
  /** `{ } ; = < > [ ] | & $ \ _` and backtick: characters ordinary prose hardly uses. */
  hard: number;
  parens: number;
  /** Share of ASCII letters, spaces and non-ASCII characters. */
  letters: number;
}

/** Word count and character mix of a line, in one pass. */
function shape(t: string): Shape {
  let words = 0;
  let hard = 0;
  let parens = 0;
  let letters = 0;
  let inWord = false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    const space = c <= 32;
    if (!space && !inWord) words++;
    inWord = !space;
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 32 || c > 127) letters++;
    else if (c === 40) parens++;
    else if (
      c === 123 ||
      c === 125 ||
      c === 59 ||
      c === 61 ||
      c === 60 ||
      c === 62 ||
      c === 91 ||
      c === 93 ||
      c === 124 ||
      c === 38 ||
      c === 36 ||
      c === 92 ||
      c === 95 ||
      c === 96
    )
      hard++;
  }
  return { words, hard, parens, letters: t.length ? letters / t.length : 0 };
}

/** A sentence rather than a statement: several words, letters, none of the hard code symbols. */
function isProse(t: string, sh: Shape): boolean {
  if (sh.words < 3 || sh.hard > 0 || sh.letters < 0.8 || (sh.parens > 0 && CALL.test(t))) return false;
  const last = t.charCodeAt(t.length - 1);
  return sh.words >= 5 || last === 46 || last === 63 || last === 33; // . ? !
}

interface Scored {
  kind: Kind;
  strong: boolean;
}

/** The leading run of letters, digits, `_` and `-`: the keyword that opens a statement, if any. */
function firstWord(t: string): string {
  let i = 0;
  while (i < t.length && i < 20) {
    const c = t.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45)) break;
    i++;
  }
  return t.slice(0, i);
}

/** One regular expression trying each of `list` (fewer calls than testing them one by one). */
function anyOf(list: readonly RegExp[]): RegExp {
  return new RegExp(list.map((r) => `(?:${r.source})`).join('|'));
}

// First words of the statement patterns above: a line starting with one of them is never taken for
// prose by the fast path (`SELECT name, email FROM users` reads like a sentence).
const OPENERS = new Set(
  (
    'export async function const let var import interface type declare def class public private protected internal ' +
    'static final abstract sealed partial open data default struct enum record trait object module from pub use mod ' +
    'impl fn unsafe switch func using namespace SELECT INSERT UPDATE DELETE CREATE ALTER DROP select insert delete update if elif for ' +
    'while case except else try finally with val fun override suspend guard package WHERE FROM JOIN LEFT RIGHT INNER ' +
    'OUTER GROUP ORDER HAVING LIMIT OFFSET VALUES UNION AND OR ON SET RETURNING throw raise catch return yield await ' +
    'RUN COPY ADD WORKDIR ENV EXPOSE CMD ENTRYPOINT ARG USER VOLUME HEALTHCHECK ' +
    'sudo apt apt-get yum dnf apk brew npm npx yarn pnpm pip pip3 pipx poetry python python3 node deno bun git docker ' +
    'docker-compose kubectl helm terraform aws gcloud az curl wget cd ls mkdir rm cp mv chmod chown cat grep sed awk ' +
    'find xargs echo source make cmake cargo rustc go mvn gradle dotnet java javac gcc clang ssh scp rsync tar unzip ' +
    'systemctl journalctl kill ps tail touch ln printf bash sh zsh psql mysql redis-cli openssl'
  ).split(' '),
);

/** Scores one trimmed line (`indented`: it had leading whitespace in the text). */
function scoreLine(t: string, indented: boolean, nested = false): Scored {
  // Each anchored pattern runs only when the line's first character lets it match (every line of
  // a long text goes through here; the answers are the same as testing them all).
  const c0 = t.charCodeAt(0);
  if (c0 === 35 && PREPROCESSOR.test(t)) return { kind: CODE, strong: true };
  if (!nested && (c0 === 36 || t.includes('@')) && PROMPT.test(t)) return { kind: NEUTRAL, strong: false };
  if ((STRUCT_FIRST.has(c0) || (c0 >= 97 && c0 <= 122)) && STRUCT_LINE.test(t)) return { kind: STRUCT, strong: false };
  if (COMMENT_FIRST.has(c0) && COMMENT.test(t)) return { kind: COMMENT_LINE, strong: false };
  const sh = shape(t);
  const words = sh.words;
  const opener = OPENERS.has(firstWord(t));
  // Fast path for the common case: a sentence that does not open with a statement keyword.
  if (!opener && isProse(t, sh)) return { kind: indented ? NEUTRAL : TEXT, strong: false };
  // Every STRONG pattern starts with an opener or with # @ < (checked first: cheaper than the regex).
  if ((opener || c0 === 35 || c0 === 64 || c0 === 60) && STRONG_ANY.test(t)) return { kind: CODE, strong: true };
  if (NON_CODE_ANY.test(t)) return { kind: TEXT, strong: false };
  if (!indented && c0 === 42 && t.charCodeAt(1) === 32) return { kind: TEXT, strong: false }; // "* item"
  if (DATA_ANY.test(t)) return { kind: NEUTRAL, strong: false };

  // List items are text unless what follows is code (a diff line `+ foo();` is code).
  const list = nested || !LIST_FIRST.has(c0) ? null : (LIST_ITEM.exec(t) ?? DIFF_ITEM.exec(t));
  if (list && list[0].length < t.length) {
    const rest = scoreLine(t.slice(list[0].length), indented, true);
    return rest.kind === CODE ? rest : { kind: TEXT, strong: false };
  }
  if (isProse(t, sh)) return { kind: indented ? NEUTRAL : TEXT, strong: false };

  // `score` adds up features; `real` counts those that are not just an assignment, an identifier
  // style or indentation (which INI files, .env files and prose lists have too).
  // Two points make a line code whatever else it has, so the cheap end-of-line test goes first
  // and the patterns stop once the line has two.
  let score = 0;
  const last = t.charCodeAt(t.length - 1);
  if (last === 59 || last === 123) {
    score += 2; // ends with ; or {
  } else if (last === 125 || last === 41 || last === 40 || last === 91) {
    score += 1; // ends with } ) ( [
  }
  if (score < 2 && MEDIUM_ANY.test(t)) score += 2;
  // Shell commands and Python blocks open with a word from OPENERS.
  if (score < 2 && opener && SHELL_COMMAND.test(t) && SHELL_ARGS.test(t) && !/[.?!]$/.test(t)) score += 2;
  if (score < 2 && opener && PY_BLOCK.test(t)) score += PY_COND.test(t) ? 2 : 1;
  if (score < 2 && (c0 === 114 || c0 === 121 || c0 === 97) && RETURN.test(t)) score += 1;
  if (score < 2 && OPERATOR.test(t)) score += 1;
  if (score < 2 && CALL.test(t)) score += 1;
  if (score < 2 && (MEMBER_CALL.test(t) || SELF.test(t))) score += 1;
  const real = score;
  // The weak features below only tip a line with exactly one real feature into code.
  if (real >= 2) return { kind: CODE, strong: false };
  if (real === 1) {
    if (indented) score += 1;
    else if (ASSIGN.test(t) || SNAKE.test(t) || CAMEL.test(t)) score += 1;
    if (score >= 2) return { kind: CODE, strong: false };
  }
  // Short lines without code features ("Thanks!", "Hi Bob,") neither make nor break a region.
  return { kind: words >= 4 ? TEXT : NEUTRAL, strong: false };
}

/**
 * The end of the line starting at `s`, at most `to`. Inside a sample window the search must not run
 * past the window (a 1 MB text without line breaks would be scanned once per window).
 */
function lineEnd(text: string, s: number, to: number): number {
  if (to === text.length) {
    const e = text.indexOf('\n', s);
    return e < 0 ? to : e;
  }
  let e = s;
  while (e < to && text.charCodeAt(e) !== 10) e++;
  return e;
}

/** Splits `[from, to)` of `text` into scored lines. */
function scoreLines(text: string, from: number, to: number): Line[] {
  const lines: Line[] = [];
  let afterPyFrame = false;
  for (let s = from; s < to;) {
    const e = lineEnd(text, s, to);
    let a = s;
    while (a < e && text.charCodeAt(a) <= 32) a++;
    let b = e;
    while (b > a && text.charCodeAt(b - 1) <= 32) b--;
    if (a === b) {
      lines.push({ start: s, end: e, kind: BLANK, weight: 0, strong: false });
    } else {
      const t = text.slice(a, Math.min(b, a + MAX_LINE));
      let scored: Scored;
      if (afterPyFrame && a > s)
        scored = { kind: TEXT, strong: false }; // the source line of a Python frame
      else scored = scoreLine(t, a > s);
      afterPyFrame = PY_FRAME.test(t);
      let kind = scored.kind;
      let weight = kind === CODE ? 1 : 0;
      if (kind === CODE && t.length > 200) {
        // A long code line is minified code only with brackets and statements throughout (a long
        // `Server=x;Password=y;…` connection string is not); it then counts as several lines.
        const m = marks(t);
        if (m.brackets >= t.length / 100 && m.statements >= 6) weight = Math.min(8, Math.floor(m.statements / 3));
        else kind = NEUTRAL;
      }
      lines.push({ start: a, end: b, kind, weight: kind === CODE ? weight : 0, strong: kind === CODE && scored.strong });
    }
    s = e + 1;
  }
  return lines;
}

/** Statement marks (`; { }`) and brackets (`{ } ( )`) in a line. */
function marks(t: string): { statements: number; brackets: number } {
  let statements = 0;
  let brackets = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 59 || c === 123 || c === 125) statements++;
    if (c === 123 || c === 125 || c === 40 || c === 41) brackets++;
  }
  return { statements, brackets };
}

interface Region {
  start: number;
  end: number;
  /** Code lines (weighted: a minified line counts several), and code plus closing lines. */
  code: number;
  lines: number;
  text: number;
  nonBlank: number;
  strong: boolean;
  /** The region reaches the first / last line it was given (for joining across sample windows). */
  atHead: boolean;
  atTail: boolean;
}

/** A region has at most this many consecutive text lines inside. */
const MAX_TEXT_RUN = 2;

/** Groups scored lines into regions around code lines. */
function regions(lines: readonly Line[]): Region[] {
  const out: Region[] = [];
  let i = 0;
  while (i < lines.length) {
    if ((lines[i] as Line).kind !== CODE) {
      i++;
      continue;
    }
    // Extend backwards over comments and brackets that belong to the code (a doc comment).
    let first = i;
    while (first > 0) {
      const k = (lines[first - 1] as Line).kind;
      if (k !== COMMENT_LINE && k !== STRUCT) break;
      first--;
    }
    // Forwards while text lines come at most MAX_TEXT_RUN in a row; end at the last code or
    // closing line (neutral lines count only between code lines).
    let last = i;
    let textRun = 0;
    for (let j = i + 1; j < lines.length; j++) {
      const k = (lines[j] as Line).kind;
      if (k === TEXT) {
        if (++textRun > MAX_TEXT_RUN) break;
      } else if (k === CODE || k === STRUCT) {
        textRun = 0;
        last = j;
      }
    }
    out.push(summarize(lines, first, last));
    i = last + 1;
  }
  // Whether the first / last region touches the edge of the lines given (only blank lines between).
  let head = 0;
  while (head < lines.length && (lines[head] as Line).kind === BLANK) head++;
  let tail = lines.length - 1;
  while (tail >= 0 && (lines[tail] as Line).kind === BLANK) tail--;
  const headLine = lines[head];
  const tailLine = lines[tail];
  for (const r of out) {
    r.atHead = headLine !== undefined && r.start <= headLine.start;
    r.atTail = tailLine !== undefined && r.end >= tailLine.end;
  }
  return out;
}

/** The region of lines `[first, last]`, with its counts. */
function summarize(lines: readonly Line[], first: number, last: number): Region {
  const r: Region = {
    start: (lines[first] as Line).start,
    end: (lines[last] as Line).end,
    code: 0,
    lines: 0,
    text: 0,
    nonBlank: 0,
    strong: false,
    atHead: true,
    atTail: true,
  };
  for (let k = first; k <= last; k++) {
    const l = lines[k] as Line;
    if (l.kind === CODE) {
      r.code += l.weight;
      r.lines += l.weight;
    } else if (l.kind === STRUCT) {
      r.lines++;
    } else if (l.kind === TEXT) {
      r.text++;
    }
    if (l.kind !== BLANK) r.nonBlank++;
    if (l.strong) r.strong = true;
  }
  return r;
}

/**
 * Confidence of a region, or 0 when it is not source code: at least `minLines` code and closing
 * lines (3; 2 in a fence tagged with a language), two of them real code, at most 40% text lines,
 * and an unmistakable line unless there are 5 code lines or a fence.
 */
function judge(r: Region, minLines: number, bonus: number): number {
  const ratio = r.code / (r.code + r.text);
  if (r.lines < minLines || r.code < 2 || ratio < 0.6 || r.lines < 0.2 * r.nonBlank) return 0;
  if (!r.strong && r.code < 5 && bonus === 0) return 0;
  const c = 0.5 + 0.35 * Math.min(1, (r.lines - 2) / 10) + 0.1 * ((ratio - 0.6) / 0.4) + (r.strong ? 0.05 : 0) + bonus;
  return Math.min(0.97, c);
}

// Fence languages that are data, not code (see the decisions above).
const DATA_LANGS = new Set([
  'json',
  'jsonc',
  'json5',
  'yaml',
  'yml',
  'toml',
  'ini',
  'env',
  'dotenv',
  'xml',
  'csv',
  'tsv',
  'text',
  'txt',
  'plaintext',
  'log',
  'logs',
  'md',
  'markdown',
  'diff-output',
  'output',
  'console-output',
]);
const FENCE = /^[ \t]{0,3}(`{3,}|~{3,})[ \t]*([\w+#.-]*)/;

/** Reports code regions found in `[from, to)`; fences are honoured when `fences`. */
function classifyRange(text: string, from: number, to: number, fences: boolean, found: Region[], conf: number[]): void {
  if (!fences) {
    for (const r of regions(scoreLines(text, from, to))) {
      const c = judge(r, 3, 0);
      if (c > 0) {
        found.push(r);
        conf.push(c);
      }
    }
    return;
  }
  // Walk the fences: text between them is searched for regions, fenced blocks are judged whole.
  let pos = from;
  let outsideStart = from;
  while (pos < to) {
    let e = text.indexOf('\n', pos);
    if (e < 0 || e > to) e = to;
    const open = FENCE.exec(text.slice(pos, Math.min(e, pos + 100)));
    if (open) {
      classifyRange(text, outsideStart, pos, false, found, conf);
      const marker = open[1] as string;
      const lang = (open[2] as string).toLowerCase();
      // The block runs to the next line starting with the same fence, or to the end.
      const bodyStart = Math.min(e + 1, to);
      let close = bodyStart;
      let bodyEnd = to;
      let after = to;
      while (close < to) {
        let ce = text.indexOf('\n', close);
        if (ce < 0 || ce > to) ce = to;
        const line = text.slice(close, Math.min(ce, close + 100)).trim();
        if (line.startsWith(marker) && line.replace(/[`~]/g, '') === '') {
          bodyEnd = close;
          after = Math.min(ce + 1, to);
          break;
        }
        close = ce + 1;
      }
      if (!DATA_LANGS.has(lang)) {
        const lines = scoreLines(text, bodyStart, bodyEnd);
        const whole = wholeRegion(lines);
        if (whole) {
          const c = judge(whole, lang ? 2 : 3, lang ? 0.1 : 0.05);
          if (c > 0) {
            found.push(whole);
            conf.push(c);
          }
        }
      }
      pos = after;
      outsideStart = after;
      continue;
    }
    pos = e + 1;
  }
  classifyRange(text, outsideStart, to, false, found, conf);
}

/** All non-blank lines as one region (a fenced block is one unit). */
function wholeRegion(lines: readonly Line[]): Region | null {
  let first = -1;
  let last = -1;
  for (let k = 0; k < lines.length; k++) {
    if ((lines[k] as Line).kind === BLANK) continue;
    if (first < 0) first = k;
    last = k;
  }
  return first < 0 ? null : summarize(lines, first, last);
}

/** Windows of about BUDGET/WINDOWS characters, evenly spaced, aligned to line starts and ends. */
function sampleWindows(text: string): [number, number][] {
  const size = Math.floor(BUDGET / WINDOWS);
  const step = (text.length - size) / (WINDOWS - 1);
  const out: [number, number][] = [];
  for (let w = 0; w < WINDOWS; w++) {
    let s = Math.floor(w * step);
    let e = Math.min(text.length, s + size);
    // Align to whole lines when a line break is near; a window inside one huge line stays as is.
    if (s > 0) {
      const nl = lineEnd(text, s, e);
      if (nl < e - 1) s = nl + 1;
    }
    if (e < text.length) {
      let nl = e - 1;
      while (nl > s && text.charCodeAt(nl) !== 10) nl--;
      if (nl > s) e = nl;
    }
    out.push([s, e]);
  }
  return out;
}

function trimmed(text: string, start: number, end: number): [number, number] {
  while (start < end && text.charCodeAt(start) <= 32) start++;
  while (end > start && text.charCodeAt(end - 1) <= 32) end--;
  return [start, end];
}

function report(sink: FindingSink, text: string, start: number, end: number, confidence: number): void {
  const [s, e] = trimmed(text, start, end);
  if (e > s) sink.add('source_code', s, e, confidence);
}

/**
 * Source code: the text, or a substantial block of it (a fenced block, a function pasted into a
 * chat prompt), is code in a programming, query, shell or markup language (JS/TS, Python, Java, C#,
 * Go, Rust, C/C++, PHP, Ruby, Kotlin, Swift, SQL, shell, HTML/CSS). The finding spans the block
 * (trimmed); when most sampled lines of a long text are code, it spans the whole text.
 *
 * Not reported: prose that uses code words ("return the function of the class to the team"),
 * inline `code`, one-liners, lists, tables, e-mails, logs, CSV, stack traces on their own, and
 * configuration/data files (JSON, YAML, TOML, .env, XML). At most 64 KB are examined: longer texts
 * are judged on 16 evenly spaced windows, so a 1 MB paste costs the same as a 64 KB one.
 */
export const sourceCode: DocumentClassifier = {
  type: 'source_code',
  classify(text, sink) {
    if (text.length < 10) return;
    const found: Region[] = [];
    const conf: number[] = [];
    if (text.length <= BUDGET) {
      classifyRange(text, 0, text.length, true, found, conf);
    } else {
      const windows = sampleWindows(text);
      let code = 0;
      let nonCode = 0;
      let covered = 0;
      let sampled = 0;
      let nonBlank = 0;
      let strong = false;
      let lastWindow = -2;
      for (let w = 0; w < windows.length; w++) {
        const [s, e] = windows[w] as [number, number];
        const lines = scoreLines(text, s, e);
        for (const l of lines) {
          if (l.kind === CODE) code += l.weight;
          else if (l.kind === TEXT) nonCode++;
          if (l.kind !== BLANK) {
            nonBlank++;
            sampled += l.end - l.start;
          }
          if (l.strong) strong = true;
        }
        for (const r of regions(lines)) {
          const c = judge(r, 3, 0);
          if (c <= 0) continue;
          covered += r.end - r.start;
          // A region running into the end of its window and one starting the next window are
          // taken as one (the unsampled text between them is assumed to be code too).
          const prev = found[found.length - 1];
          if (prev && prev.atTail && r.atHead && lastWindow === w - 1) {
            prev.end = r.end;
            prev.atTail = r.atTail;
            conf[conf.length - 1] = Math.max(conf[conf.length - 1] as number, c);
          } else {
            found.push(r);
            conf.push(c);
          }
          lastWindow = w;
        }
      }
      // Mostly code everywhere we looked: the whole text is code.
      const whole: Region = { start: 0, end: text.length, code, lines: code, text: nonCode, nonBlank, strong, atHead: true, atTail: true };
      const c = judge(whole, 3, 0);
      if (c > 0 && covered >= 0.7 * sampled) {
        report(sink, text, 0, text.length, c);
        return;
      }
    }
    for (let k = 0; k < found.length && k < MAX_FINDINGS; k++) {
      const r = found[k] as Region;
      report(sink, text, r.start, r.end, conf[k] as number);
    }
  },
};

const KIND_NAMES = ['blank', 'code', 'text', 'neutral', 'closing', 'comment'] as const;

/** The kind of each line of `text` (for tests and tuning: `['code', 'closing', 'text', …]`). */
export function lineKinds(text: string): string[] {
  return scoreLines(text, 0, text.length).map((l) => KIND_NAMES[l.kind]);
}
