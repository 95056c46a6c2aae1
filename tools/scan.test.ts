import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { scan } from '../shared/detect/index.ts';
import { FindingSchema } from '../shared/detect/schema.ts';

// The `scan` CLI, run as a real process, against the letter of the detection contract:
// one JSON line per finding for FILE and `-`; `--cases` prints exactly one {"id","findings"} line
// per input line, in order, and nothing else on stdout; bad input gives a clear stderr message,
// a non-zero exit, no stack trace and nothing on stdout.
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'daylight-scan-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'tools/scan.ts', ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, content: string): string {
  const p = join(tmp, name);
  writeFileSync(p, content);
  return p;
}

/** What the CLI should print for a text: the in-process findings, confidence rounded to 3 places. */
function expected(text: string) {
  return scan(text).map((f) => ({ type: f.type, start: f.start, end: f.end, confidence: Math.round(f.confidence * 1000) / 1000 }));
}

function jsonLines(stdout: string): unknown[] {
  expect(stdout === '' || stdout.endsWith('\n')).toBe(true);
  return stdout === ''
    ? []
    : stdout
        .slice(0, -1)
        .split('\n')
        .map((l) => JSON.parse(l) as unknown);
}

/** No stack trace: no "    at fn (file:line)" frames and no Node error banner. */
function expectCleanError(r: { status: number | null; stdout: string; stderr: string }) {
  expect(r.status).not.toBe(0);
  expect(r.status).not.toBeNull();
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^scan: /);
  expect(r.stderr).not.toMatch(/^\s+at .+:\d+/m);
  expect(r.stderr).not.toMatch(/node:internal|Error: /);
}

// Two e-mails and an AWS key id: types the engine has from its first commit.
const TEXT = 'Contact maria.garcia@example.com or ops@example.org.\nKey: AKIA2E7AKF3BZ44CQ7W6 (rotate it)\n';

describe('scan FILE | -', { timeout: 60_000 }, () => {
  it('prints one JSON finding per line for a file, matching the engine', () => {
    const r = run([file('one.txt', TEXT)]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = jsonLines(r.stdout);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const l of lines) expect(FindingSchema.safeParse(l).success).toBe(true);
    expect(lines).toEqual(expected(TEXT));
    expect(Object.keys(lines[0] as object)).toEqual(['type', 'start', 'end', 'confidence']);
  });

  it('reads stdin for "-" and prints the same as for the file', () => {
    const r = run(['-'], TEXT);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(run([file('same.txt', TEXT)]).stdout);
  });

  it('prints nothing and succeeds when there is nothing to report', () => {
    const r = run(['-'], 'Nothing to see here, version 1.2.3.\n');
    expect(r).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('uses UTF-16 offsets like the engine (text after astral characters)', () => {
    const text = '😀😀 ünïcødé a.b@example.com';
    const lines = jsonLines(run(['-'], text).stdout) as { start: number; end: number }[];
    expect(lines).toEqual(expected(text));
    const email = lines.find((l) => text.slice(l.start, l.end) === 'a.b@example.com');
    expect(email).toBeDefined();
  });
});

describe('scan --cases', { timeout: 60_000 }, () => {
  const cases = [
    { id: 'first', text: TEXT },
    { id: 'empty-findings', text: 'just prose' },
    { id: 'third', text: 'write to x.y@example.net', expect: [{ type: 'email', value: 'x.y@example.net' }], extra: true },
    { id: 'unicode', text: 'ünï 😀 z@example.com' },
  ];

  it('prints exactly one {"id","findings"} line per input line, in order, and nothing else', () => {
    const r = run(['--cases', file('cases.jsonl', cases.map((c) => JSON.stringify(c)).join('\n') + '\n')]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = jsonLines(r.stdout) as { id: string; findings: unknown[] }[];
    expect(lines.map((l) => l.id)).toEqual(cases.map((c) => c.id));
    for (const [i, l] of lines.entries()) {
      expect(Object.keys(l)).toEqual(['id', 'findings']);
      expect(l.findings).toEqual(expected((cases[i] as { text: string }).text));
    }
    expect(lines[1]?.findings).toEqual([]);
  });

  it('accepts CRLF line ends, a missing final newline and stdin', () => {
    const body = cases.map((c) => JSON.stringify(c)).join('\r\n');
    const r = run(['--cases', '-'], body);
    expect(r.status).toBe(0);
    expect((jsonLines(r.stdout) as { id: string }[]).map((l) => l.id)).toEqual(cases.map((c) => c.id));
  });

  it('ignores a UTF-8 byte order mark at the start of the file', () => {
    const r = run(['--cases', file('bom.jsonl', `\ufeff${JSON.stringify(cases[2])}\n`)]);
    expect(r.stderr).toBe('');
    expect(jsonLines(r.stdout)).toEqual([{ id: 'third', findings: expected(cases[2]!.text) }]);
  });

  it('prints nothing for an empty cases file', () => {
    expect(run(['--cases', file('empty.jsonl', '')])).toEqual({ status: 0, stdout: '', stderr: '' });
  });
});

describe('bad input', { timeout: 60_000 }, () => {
  it('rejects an unreadable file', () => {
    const r = run([join(tmp, 'does-not-exist.txt')]);
    expectCleanError(r);
    expect(r.stderr).toContain('does-not-exist.txt');
    expectCleanError(run(['--cases', join(tmp, 'nope.jsonl')]));
    expectCleanError(run(['--cases', tmp]));
  });

  it('rejects a line that is not JSON, naming its line number', () => {
    const r = run(['--cases', file('bad.jsonl', `${JSON.stringify({ id: 'a', text: 'ok' })}\n{not json\n`)]);
    expectCleanError(r);
    expect(r.stderr).toMatch(/bad\.jsonl:2: .*JSON/);
  });

  it('rejects a line without text, naming its line number and the field', () => {
    const r = run([
      '--cases',
      file('notext.jsonl', `${JSON.stringify({ id: 'a', text: 'a@example.com' })}\n${JSON.stringify({ id: 'b' })}\n`),
    ]);
    expectCleanError(r);
    expect(r.stderr).toMatch(/notext\.jsonl:2: .*text/);
    expect(r.stderr).not.toMatch(/:1:/);
  });

  it('reports every bad line, not just the first', () => {
    const lines = [
      '[1, 2]',
      JSON.stringify({ id: 7, text: 'x' }),
      'null',
      JSON.stringify({ id: 'ok', text: 'fine' }),
      JSON.stringify({ id: 'x', text: 42 }),
    ];
    const r = run(['--cases', file('many.jsonl', lines.join('\n'))]);
    expectCleanError(r);
    for (const n of [1, 2, 3, 5]) expect(r.stderr).toContain(`many.jsonl:${n}:`);
    expect(r.stderr).not.toContain('many.jsonl:4:');
    expect(r.stderr).toMatch(/:2: .*id/);
    expect(r.stderr).toMatch(/:5: .*text/);
  });

  it('rejects an unknown label type in expect', () => {
    const r = run([
      '--cases',
      file('type.jsonl', JSON.stringify({ id: 'a', text: 't', expect: [{ type: 'credit-card', value: '4111' }] })),
    ]);
    expectCleanError(r);
    expect(r.stderr).toMatch(/type\.jsonl:1: .*type/);
  });

  it('rejects bad usage with a usage line', () => {
    for (const args of [[], ['--cases'], ['--cases', 'a', 'b'], ['--bogus'], ['a.txt', 'b.txt']]) {
      const r = run(args);
      expectCleanError(r);
      expect(r.stderr).toContain('usage:');
    }
  });

  it('prints usage on stdout for --help', () => {
    const r = run(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^usage: npm run -s scan -- FILE\|-/);
  });
});
