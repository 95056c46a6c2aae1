import { homedir } from 'node:os';
import { join, win32 } from 'node:path';

/** The operating systems the agent knows its file locations on; anything else is treated as Linux. */
export type AgentOs = 'linux' | 'macos' | 'windows';

/** Maps Node's `process.platform` to {@link AgentOs}. */
export function agentOs(platform: NodeJS.Platform = process.platform): AgentOs {
  if (platform === 'darwin') return 'macos';
  if (platform === 'win32') return 'windows';
  return 'linux';
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Where MDM writes the managed configuration, per OS (see docs/desktop.md):
 * - Linux: `/etc/daylight/agent.json`
 * - macOS: `/Library/Application Support/Daylight/agent.json`. A configuration profile for
 *   `com.daylight.agent` lands in `/Library/Managed Preferences/com.daylight.agent.plist`; the
 *   agent does not parse plists, so the profile's install script (or the MDM's file payload)
 *   writes the same keys as JSON to this path.
 * - Windows: `%ProgramData%\Daylight\agent.json`
 */
export function defaultConfigPath(os: AgentOs = agentOs(), env: Env = process.env): string {
  switch (os) {
    case 'linux':
      return '/etc/daylight/agent.json';
    case 'macos':
      return '/Library/Application Support/Daylight/agent.json';
    case 'windows':
      return win32.join(env['ProgramData'] ?? 'C:\\ProgramData', 'Daylight', 'agent.json');
  }
}

/**
 * Where the agent keeps its own state (enrollment, last good policy, event journal). Per user,
 * because the clipboard guard runs in the user's session:
 * - Linux: `$XDG_STATE_HOME/daylight`, else `~/.local/state/daylight`
 * - macOS: `~/Library/Application Support/Daylight`
 * - Windows: `%LOCALAPPDATA%\Daylight`
 */
export function defaultStateDir(os: AgentOs = agentOs(), env: Env = process.env, home: string = homedir()): string {
  switch (os) {
    case 'linux':
      return join(env['XDG_STATE_HOME'] || join(home, '.local', 'state'), 'daylight');
    case 'macos':
      return join(home, 'Library', 'Application Support', 'Daylight');
    case 'windows':
      return win32.join(env['LOCALAPPDATA'] ?? win32.join(home, 'AppData', 'Local'), 'Daylight');
  }
}
