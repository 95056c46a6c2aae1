import { existsSync } from 'node:fs';

/** Finds a Chromium to drive: `CHROME_PATH`, else Debian's `/usr/bin/chromium`. */
export function findChromium(env = process.env): string {
  if (env.CHROME_PATH) {
    if (!existsSync(env.CHROME_PATH)) throw new Error(`CHROME_PATH=${env.CHROME_PATH} does not exist.`);
    return env.CHROME_PATH;
  }
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(p)) return p;
  throw new Error(
    'Chromium not found. Install it (Debian/Ubuntu: `sudo apt-get install -y chromium`) or set CHROME_PATH to a Chromium or Chrome for Testing binary.',
  );
}

/** Flags for a quiet, deterministic Chromium on a machine without outside network. */
export const QUIET_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
