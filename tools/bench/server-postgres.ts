/**
 * A throwaway PostgreSQL cluster for integration tests and the server benchmark: initdb into a
 * temp dir, start it on a free port with its socket in the same dir, remove everything on stop.
 * Uses Debian's PostgreSQL binaries (`apt-get install -y postgresql`); `PG_BIN` overrides where
 * they are. It lives in tools/ because tools may not import test/ (daylight/layers); the
 * integration harness re-exports it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PgCluster {
  url: string;
  stop(): Promise<void>;
}

export function findPgBin(env = process.env): string {
  const candidates: string[] = [];
  if (env.PG_BIN) candidates.push(env.PG_BIN);
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    for (const v of readdirSync(base).sort((a, b) => Number(b) - Number(a))) candidates.push(join(base, v, 'bin'));
  }
  for (const c of candidates) if (existsSync(join(c, 'initdb')) && existsSync(join(c, 'pg_ctl'))) return c;
  throw new Error(
    'PostgreSQL server binaries not found (initdb, pg_ctl). Install them with `apt-get install -y postgresql` or set PG_BIN to their folder.',
  );
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (a && typeof a === 'object' ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

export interface PgClusterOptions {
  /**
   * fsync on: commits reach the disk (benchmarks of durable ingest). Off (tests): faster, and a
   * crash of the test process never needs the data back.
   */
  fsync?: boolean;
  /** Extra `-c name=value` settings. */
  settings?: Record<string, string>;
}

export async function startPostgres(opts: PgClusterOptions = {}): Promise<PgCluster> {
  const bin = findPgBin();
  const dir = mkdtempSync(join(tmpdir(), 'daylight-pg-'));
  const data = join(dir, 'data');
  // initdb refuses to run as root: run the cluster as the `postgres` system user then.
  const asRoot = process.getuid?.() === 0;
  let uid: number | undefined;
  let gid: number | undefined;
  if (asRoot) {
    uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const run = (cmd: string, args: string[]): void => {
    const r = spawnSync(join(bin, cmd), args, { uid, gid, encoding: 'utf8', cwd: dir });
    if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}): ${r.stderr || r.stdout || r.error?.message}`);
  };
  const port = await freePort();
  run('initdb', ['-D', data, '-U', 'daylight', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
  run('pg_ctl', [
    '-D',
    data,
    '-l',
    join(dir, 'server.log'),
    '-w',
    '-o',
    [
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=${opts.fsync ? 'on' : 'off'} -c max_connections=200`,
      ...Object.entries(opts.settings ?? {}).map(([k, v]) => `-c ${k}=${v}`),
    ].join(' '),
    'start',
  ]);
  return {
    url: `postgres://daylight@127.0.0.1:${port}/postgres`,
    async stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
