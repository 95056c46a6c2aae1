import { z } from 'zod';

/**
 * How the desktop agent recognises AI software on a machine: desktop applications, command-line
 * tools and local model servers, each tied to an app of the built-in catalog (`apps.ts`) by id, so
 * policies and reports name them the same way as the web apps. Data, not code; see docs/desktop.md.
 *
 * Matching is by facts an unprivileged process can read: executable names, X11 window classes,
 * macOS bundle ids, commands on `PATH`, install folders, Linux `.desktop` entries, and TCP ports
 * listened on. A port alone is weak evidence (1234 and 8080 are used by much else): unless
 * `distinctivePort` is set, a listening port counts only when the process owning it also matches.
 */
const Name = z.string().min(1).max(128);
const PathsPerOs = z.strictObject({
  linux: z.array(z.string()).optional(),
  macos: z.array(z.string()).optional(),
  windows: z.array(z.string()).optional(),
});

export const DesktopSignature = z.strictObject({
  /** Catalog app id (`apps.ts`). */
  app: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
  kind: z.enum(['app', 'cli', 'server']),
  /**
   * Executable names without directory and `.exe`. Apps compare them with their case (`Claude` the
   * app, `claude` the CLI); servers' owner checks ignore case.
   */
  processNames: z.array(Name).optional(),
  /** X11 `WM_CLASS` values (instance or class), compared case-insensitively. */
  windowClasses: z.array(Name).optional(),
  macBundleIds: z.array(Name).optional(),
  /** Command names: found on `PATH`, and matched against a process's program or script name. */
  commands: z.array(z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/)).optional(),
  /**
   * Install locations per OS. `~` is the user's home; `%NAME%` an environment variable
   * (`%LOCALAPPDATA%`, `%ProgramFiles%`).
   */
  installPaths: PathsPerOs.optional(),
  /** Linux desktop entry ids (file names under `applications/`, without `.desktop`). */
  desktopEntries: z.array(Name).optional(),
  /** TCP ports a local server listens on by default. */
  ports: z.array(z.number().int().min(1).max(65535)).optional(),
  /** The port is rarely used by anything else, so listening on it is enough. */
  distinctivePort: z.boolean().optional(),
});
export type DesktopSignature = z.infer<typeof DesktopSignature>;

/**
 * The built-in signatures. One app may have several (its desktop app, its CLI, its server).
 *
 * @example
 * DESKTOP_SIGNATURES.find((s) => s.app === 'ollama' && s.kind === 'server')?.ports; // [11434]
 */
export const DESKTOP_SIGNATURES: readonly DesktopSignature[] = [
  // Desktop applications.
  {
    app: 'chatgpt',
    kind: 'app',
    processNames: ['ChatGPT'],
    windowClasses: ['ChatGPT', 'chatgpt'],
    macBundleIds: ['com.openai.chat'],
    installPaths: { macos: ['/Applications/ChatGPT.app'], windows: ['%LOCALAPPDATA%\\Packages\\OpenAI.ChatGPT-Desktop_2p2nqsd0c76g0'] },
  },
  {
    app: 'claude',
    kind: 'app',
    processNames: ['Claude', 'claude-desktop'],
    windowClasses: ['Claude', 'claude-desktop'],
    macBundleIds: ['com.anthropic.claudefordesktop'],
    installPaths: { macos: ['/Applications/Claude.app'], windows: ['%LOCALAPPDATA%\\AnthropicClaude'], linux: ['/usr/lib/claude-desktop'] },
    desktopEntries: ['claude-desktop'],
  },
  {
    app: 'copilot',
    kind: 'app',
    processNames: ['Copilot', 'Microsoft Copilot'],
    windowClasses: ['Copilot'],
    macBundleIds: ['com.microsoft.copilot-mac'],
    installPaths: { macos: ['/Applications/Copilot.app'], windows: ['%LOCALAPPDATA%\\Packages\\Microsoft.Copilot_8wekyb3d8bbwe'] },
  },
  {
    app: 'cursor',
    kind: 'app',
    processNames: ['Cursor', 'cursor'],
    windowClasses: ['Cursor', 'cursor'],
    macBundleIds: ['com.todesktop.230313mzl4w4u92'],
    installPaths: {
      macos: ['/Applications/Cursor.app'],
      windows: ['%LOCALAPPDATA%\\Programs\\cursor'],
      linux: ['/opt/Cursor', '/usr/share/cursor', '~/Applications/cursor.AppImage'],
    },
    desktopEntries: ['cursor'],
  },
  {
    app: 'windsurf',
    kind: 'app',
    processNames: ['Windsurf', 'windsurf'],
    windowClasses: ['Windsurf', 'windsurf'],
    macBundleIds: ['com.exafunction.windsurf'],
    installPaths: {
      macos: ['/Applications/Windsurf.app'],
      windows: ['%LOCALAPPDATA%\\Programs\\Windsurf'],
      linux: ['/usr/share/windsurf'],
    },
    desktopEntries: ['windsurf'],
  },
  {
    app: 'lm-studio',
    kind: 'app',
    processNames: ['LM Studio', 'lm-studio', 'LM-Studio'],
    windowClasses: ['LM Studio', 'lm-studio'],
    macBundleIds: ['ai.elementlabs.lmstudio'],
    installPaths: { macos: ['/Applications/LM Studio.app'], windows: ['%LOCALAPPDATA%\\Programs\\LM Studio'], linux: ['~/.lmstudio'] },
    desktopEntries: ['lm-studio'],
  },
  {
    app: 'ollama',
    kind: 'app',
    processNames: ['ollama app', 'Ollama'],
    macBundleIds: ['com.electron.ollama'],
    installPaths: { macos: ['/Applications/Ollama.app'], windows: ['%LOCALAPPDATA%\\Programs\\Ollama'] },
  },
  {
    app: 'jan',
    kind: 'app',
    processNames: ['Jan', 'jan'],
    windowClasses: ['Jan', 'jan'],
    macBundleIds: ['jan.ai.app'],
    installPaths: { macos: ['/Applications/Jan.app'], windows: ['%LOCALAPPDATA%\\Programs\\jan'], linux: ['/opt/Jan'] },
    desktopEntries: ['jan'],
  },
  {
    app: 'gpt4all',
    kind: 'app',
    processNames: ['gpt4all', 'chat'],
    windowClasses: ['gpt4all', 'GPT4All'],
    macBundleIds: ['gpt4all'],
    installPaths: { macos: ['/Applications/gpt4all'], windows: ['%USERPROFILE%\\gpt4all'], linux: ['~/gpt4all'] },
    desktopEntries: ['gpt4all'],
  },
  {
    app: 'anythingllm',
    kind: 'app',
    processNames: ['AnythingLLM', 'anythingllm-desktop'],
    windowClasses: ['AnythingLLM', 'anythingllm-desktop'],
    installPaths: {
      macos: ['/Applications/AnythingLLM.app'],
      windows: ['%LOCALAPPDATA%\\Programs\\AnythingLLM'],
      linux: ['~/AnythingLLMDesktop'],
    },
  },
  {
    app: 'msty',
    kind: 'app',
    processNames: ['Msty'],
    windowClasses: ['Msty', 'msty'],
    installPaths: { macos: ['/Applications/Msty.app'], windows: ['%LOCALAPPDATA%\\Programs\\Msty'] },
  },
  {
    app: 'perplexity',
    kind: 'app',
    processNames: ['Perplexity'],
    windowClasses: ['Perplexity'],
    macBundleIds: ['ai.perplexity.mac'],
    installPaths: { macos: ['/Applications/Perplexity.app'] },
  },
  {
    app: 'kiro',
    kind: 'app',
    processNames: ['Kiro', 'kiro'],
    windowClasses: ['Kiro', 'kiro'],
    installPaths: { macos: ['/Applications/Kiro.app'], windows: ['%LOCALAPPDATA%\\Programs\\Kiro'], linux: ['/usr/share/kiro'] },
    desktopEntries: ['kiro'],
  },
  {
    app: 'trae',
    kind: 'app',
    processNames: ['Trae'],
    windowClasses: ['Trae', 'trae'],
    installPaths: { macos: ['/Applications/Trae.app'], windows: ['%LOCALAPPDATA%\\Programs\\Trae'] },
  },
  {
    app: 'antigravity',
    kind: 'app',
    processNames: ['Antigravity', 'antigravity'],
    windowClasses: ['Antigravity', 'antigravity'],
    macBundleIds: ['com.google.antigravity'],
    installPaths: { macos: ['/Applications/Antigravity.app'], windows: ['%LOCALAPPDATA%\\Programs\\Antigravity'] },
    desktopEntries: ['antigravity'],
  },
  {
    app: 'granola',
    kind: 'app',
    processNames: ['Granola'],
    macBundleIds: ['com.granola.app'],
    installPaths: { macos: ['/Applications/Granola.app'] },
  },

  // Command-line tools.
  { app: 'claude-code', kind: 'cli', commands: ['claude'], installPaths: { linux: ['~/.claude/local'], macos: ['~/.claude/local'] } },
  { app: 'openai-codex', kind: 'cli', commands: ['codex'] },
  { app: 'gemini-cli', kind: 'cli', commands: ['gemini'] },
  { app: 'aider', kind: 'cli', commands: ['aider'] },
  { app: 'ollama', kind: 'cli', commands: ['ollama'] },
  { app: 'llm-cli', kind: 'cli', commands: ['llm'] },
  { app: 'github-copilot', kind: 'cli', commands: ['copilot'] },
  { app: 'amp', kind: 'cli', commands: ['amp'] },
  { app: 'augment-code', kind: 'cli', commands: ['auggie'] },
  { app: 'factory', kind: 'cli', commands: ['droid'] },
  { app: 'cursor', kind: 'cli', commands: ['cursor-agent'] },
  { app: 'opencode', kind: 'cli', commands: ['opencode'] },
  { app: 'qwen-code', kind: 'cli', commands: ['qwen'] },
  { app: 'antigravity', kind: 'cli', commands: ['agy'] },
  { app: 'lm-studio', kind: 'cli', commands: ['lms'] },
  { app: 'llama-cpp', kind: 'cli', commands: ['llama-cli', 'llama-server'] },
  { app: 'localai', kind: 'cli', commands: ['local-ai'] },
  { app: 'vllm', kind: 'cli', commands: ['vllm'] },
  { app: 'open-webui', kind: 'cli', commands: ['open-webui'] },

  // Local model servers.
  { app: 'ollama', kind: 'server', processNames: ['ollama'], ports: [11434], distinctivePort: true },
  { app: 'lm-studio', kind: 'server', processNames: ['LM Studio', 'lms', 'llmworker'], ports: [1234] },
  { app: 'jan', kind: 'server', processNames: ['Jan', 'jan', 'cortex', 'cortex-server'], ports: [1337, 39291] },
  { app: 'gpt4all', kind: 'server', processNames: ['gpt4all', 'chat'], ports: [4891], distinctivePort: true },
  { app: 'llama-cpp', kind: 'server', processNames: ['llama-server'], ports: [8080] },
  { app: 'localai', kind: 'server', processNames: ['local-ai'], ports: [8080] },
  { app: 'vllm', kind: 'server', processNames: ['vllm', 'python3', 'python'], commands: ['vllm'], ports: [8000] },
  { app: 'open-webui', kind: 'server', processNames: ['open-webui'], commands: ['open-webui'], ports: [8080] },
];

/** Interpreters whose first argument is the program that matters (`node /usr/bin/claude`). */
const INTERPRETERS = new Set(['node', 'nodejs', 'bun', 'deno', 'python', 'python3', 'uv', 'uvx', 'pipx', 'npx']);

/** What the agent knows about one running process. */
export interface ProcessFacts {
  /** Executable file name (`/proc/PID/exe` or the image name), without `.exe`. */
  exe?: string;
  /** The kernel's short name (Linux `comm`, at most 15 characters). */
  comm?: string;
  /** Command line, program first. */
  argv?: readonly string[];
}

function base(path: string): string {
  const b = path.split(/[\\/]/).pop() ?? path;
  return b.replace(/\.(?:exe|js|mjs|cjs|py)$/i, '');
}

/**
 * The names a process goes by: its executable, its short name, its program, and for an
 * interpreter the script it runs. Lower-cased.
 */
export function processNamesOf(p: ProcessFacts): string[] {
  const names = new Set<string>();
  if (p.exe) names.add(base(p.exe).toLowerCase());
  if (p.comm) names.add(p.comm.toLowerCase());
  const [prog, ...rest] = p.argv ?? [];
  if (prog) {
    const b = base(prog).toLowerCase();
    names.add(b);
    if (INTERPRETERS.has(b) || /^python\d/.test(b)) {
      const script = rest.find((a) => !a.startsWith('-'));
      if (script) names.add(base(script).toLowerCase());
    }
  }
  return [...names];
}

/**
 * The signatures a running process matches: an app or server by process name, a CLI by command
 * name. A server signature matches a process only through its process names; its port is checked
 * separately ({@link matchPort}).
 *
 * @example
 * matchProcess({ comm: 'aider', argv: ['/home/u/.local/bin/aider'] }).map((s) => s.app); // ['aider']
 */
export function matchProcess(p: ProcessFacts, signatures: readonly DesktopSignature[] = DESKTOP_SIGNATURES): DesktopSignature[] {
  const names = processNamesOf(p);
  // `comm` is cut to 15 characters by the kernel: compare prefixes for long names.
  const has = (n: string): boolean => {
    const l = n.toLowerCase();
    return names.includes(l) || (p.comm !== undefined && l.length > 15 && p.comm.toLowerCase() === l.slice(0, 15));
  };
  // Apps compare their own binary's name with its case: `Claude` (the app) and `claude` (the
  // CLI) differ only in case, and an app is never started through an interpreter.
  const own = [p.exe, p.comm, p.argv?.[0]].filter((x): x is string => !!x).map(base);
  const hasExact = (n: string): boolean => own.includes(n) || (p.comm !== undefined && n.length > 15 && p.comm === n.slice(0, 15));
  return signatures.filter((s) => {
    if (s.kind === 'cli') return s.commands?.some(has) ?? false;
    if (s.kind === 'server') return false;
    return s.processNames?.some(hasExact) ?? false;
  });
}

/**
 * The server signature a listening TCP port belongs to: the port is one of its ports and either
 * the port is distinctive or the owning process (when known) has one of its process names.
 */
export function matchPort(
  port: number,
  owner: ProcessFacts | undefined,
  signatures: readonly DesktopSignature[] = DESKTOP_SIGNATURES,
): DesktopSignature | undefined {
  const names = owner ? processNamesOf(owner) : [];
  return signatures.find(
    (s) =>
      s.kind === 'server' &&
      s.ports?.includes(port) &&
      (s.distinctivePort === true || [...(s.processNames ?? []), ...(s.commands ?? [])].some((n) => names.includes(n.toLowerCase()))),
  );
}

/** The foreground window or app as the OS reports it. */
export interface WindowFacts {
  /** X11 `WM_CLASS` instance and class. */
  windowClasses?: readonly string[];
  macBundleId?: string;
  process?: ProcessFacts;
}

/**
 * The desktop app a window belongs to, by window class, bundle id, or its process's name.
 *
 * @example
 * matchWindow({ windowClasses: ['chatgpt', 'ChatGPT'] })?.app; // 'chatgpt'
 */
export function matchWindow(w: WindowFacts, signatures: readonly DesktopSignature[] = DESKTOP_SIGNATURES): DesktopSignature | undefined {
  const classes = (w.windowClasses ?? []).map((c) => c.toLowerCase());
  const apps = signatures.filter((s) => s.kind === 'app');
  return (
    apps.find((s) => s.windowClasses?.some((c) => classes.includes(c.toLowerCase()))) ??
    (w.macBundleId ? apps.find((s) => s.macBundleIds?.includes(w.macBundleId as string)) : undefined) ??
    (w.process ? matchProcess(w.process, apps)[0] : undefined)
  );
}
