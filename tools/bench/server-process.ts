/**
 * The real server as a child process, the way `npm start` runs it, for the server benchmark and
 * the SIGKILL durability test. It runs as one Node process with tsx's loader (`node --import tsx`)
 * rather than through the `tsx` CLI, which would put a supervisor process in front: a SIGKILL must
 * hit the server itself.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ServerProcess {
  proc: ChildProcess;
  /** `http://127.0.0.1:PORT` */
  base: string;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** The enrollment token printed at first start, if this was the first start. */
  enrollmentToken: string | undefined;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

/**
 * Starts `server/src/server.ts` on 127.0.0.1 and a free port, with the given environment on top of
 * this process's (rate limits off unless given). Resolves once it listens and, with
 * `firstStart`, once it printed its one-time bootstrap lines (they follow the listening line).
 */
export async function startServerProcess(
  env: Record<string, string>,
  opts: { firstStart?: boolean; timeoutMs?: number } = {},
): Promise<ServerProcess> {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/src/server.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_DEVICE_PER_MIN: '1000000000',
      RATE_LIMIT_TENANT_PER_MIN: '1000000000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`server did not start:\n${out}`));
    }, timeoutMs);
    const check = () => {
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m && (!opts.firstStart || out.includes('Both are shown only now.'))) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    proc.stdout!.on('data', check);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`server exited:\n${out}`));
    });
  });
  return {
    proc,
    base,
    output: () => out,
    enrollmentToken: /Enrollment token \(MDM managed config\): (dle_\S+)/.exec(out)?.[1],
    exited,
  };
}
