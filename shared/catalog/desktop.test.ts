import { describe, expect, it } from 'vitest';
import { BUILTIN_APPS } from './apps.ts';
import { DESKTOP_SIGNATURES, DesktopSignature, matchPort, matchProcess, matchWindow, processNamesOf } from './desktop.ts';

describe('desktop signatures', () => {
  it('are valid and name catalog apps', () => {
    const ids = new Set(BUILTIN_APPS.map((a) => a.id));
    for (const s of DESKTOP_SIGNATURES) {
      expect(DesktopSignature.safeParse(s).success, s.app).toBe(true);
      expect(ids.has(s.app), `${s.app} is not in apps.ts`).toBe(true);
    }
  });

  it('cover the desktop apps, CLIs and local servers the product promises', () => {
    const has = (kind: string, app: string) => DESKTOP_SIGNATURES.some((s) => s.kind === kind && s.app === app);
    for (const a of ['chatgpt', 'claude', 'copilot', 'cursor', 'windsurf', 'lm-studio', 'ollama', 'jan', 'gpt4all'])
      expect(has('app', a), a).toBe(true);
    for (const a of ['claude-code', 'openai-codex', 'gemini-cli', 'aider', 'ollama', 'llm-cli']) expect(has('cli', a), a).toBe(true);
    expect(DESKTOP_SIGNATURES.find((s) => s.kind === 'server' && s.app === 'ollama')?.ports).toEqual([11434]);
    expect(DESKTOP_SIGNATURES.find((s) => s.kind === 'server' && s.app === 'lm-studio')?.ports).toEqual([1234]);
  });

  it('matches processes by executable, short name, program or interpreted script', () => {
    expect(matchProcess({ comm: 'aider', exe: '/tmp/x/aider', argv: ['/tmp/x/aider', '60'] }).map((s) => s.app)).toEqual(['aider']);
    expect(matchProcess({ comm: 'node', argv: ['node', '/usr/local/bin/claude', '--help'] }).map((s) => s.app)).toEqual(['claude-code']);
    expect(matchProcess({ comm: 'python3', argv: ['python3', '-u', '/home/u/.local/bin/aider'] }).map((s) => s.app)).toEqual(['aider']);
    expect(matchProcess({ exe: 'C:\\Users\\u\\AppData\\Local\\Programs\\cursor\\Cursor.exe' }).map((s) => `${s.app}/${s.kind}`)).toEqual([
      'cursor/app',
    ]);
    // A 15-character comm of a longer name.
    expect(matchProcess({ comm: 'anythingllm-des' }).map((s) => s.app)).toEqual(['anythingllm']);
    // Not: a file merely named like a CLI passed to another program, or an unrelated program.
    expect(matchProcess({ comm: 'vim', argv: ['vim', 'aider'] })).toEqual([]);
    expect(matchProcess({ comm: 'bash', argv: ['bash'] })).toEqual([]);
    expect(processNamesOf({ argv: ['/usr/bin/node', '--inspect', '/opt/codex/bin/codex.js'] })).toContain('codex');
  });

  it('counts a common port only with a matching owner, a distinctive one alone', () => {
    expect(matchPort(11434, undefined)?.app).toBe('ollama');
    expect(matchPort(1234, undefined)).toBeUndefined();
    expect(matchPort(1234, { comm: 'nginx' })).toBeUndefined();
    expect(matchPort(1234, { comm: 'lms' })?.app).toBe('lm-studio');
    expect(matchPort(8080, { comm: 'llama-server' })?.app).toBe('llama-cpp');
    expect(matchPort(22, { comm: 'ollama' })).toBeUndefined();
  });

  it('finds the app of a window by class, bundle id or process', () => {
    expect(matchWindow({ windowClasses: ['chatgpt', 'ChatGPT'] })?.app).toBe('chatgpt');
    expect(matchWindow({ macBundleId: 'com.anthropic.claudefordesktop' })?.app).toBe('claude');
    expect(matchWindow({ windowClasses: ['xterm', 'XTerm'], process: { comm: 'cursor' } })?.app).toBe('cursor');
    expect(matchWindow({ windowClasses: ['xterm', 'XTerm'], process: { comm: 'xterm' } })).toBeUndefined();
  });
});
