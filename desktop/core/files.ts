import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { z } from 'zod';

/**
 * Durable file writes. A write goes to a temporary file that is flushed to disk, then renamed over
 * the target, then the directory is flushed: after a crash or power loss the target holds either
 * the old or the new content, never a mix.
 */
export function writeFileAtomic(path: string, content: string, mode = 0o600, dirMode = 0o700): void {
  mkdirSync(dirname(path), { recursive: true, mode: dirMode });
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w', mode);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  fsyncDir(dirname(path));
}

/** Flushes a directory entry (a rename or a new file); a no-op where directories cannot be opened (Windows). */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Windows cannot open a directory for fsync; NTFS journals renames itself.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Reads a JSON file written by this agent and checks it against `schema`. A missing file is
 * `undefined`; so is one that does not parse or validate (the agent then starts over for that
 * piece: enrolls again or fetches the policy again), and `onInvalid` says why.
 */
export function readJsonFile<S extends z.ZodType>(
  path: string,
  schema: S,
  onInvalid: (why: string) => void = () => undefined,
): z.infer<S> | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') onInvalid(`${path}: ${(e as Error).message}`);
    return undefined;
  }
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
    onInvalid(`${path}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  } catch (e) {
    onInvalid(`${path}: ${(e as Error).message}`);
  }
  return undefined;
}

/** Another agent process holds the state directory. */
export class LockedError extends Error {
  override name = 'LockedError';
}

/**
 * Takes the state directory for this process: one writer per event journal. The lock file holds
 * the owner's pid; a lock whose process is gone (after a crash or `kill -9`) is taken over.
 * Returns the release function.
 */
export function lockDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = `${dir}/agent.lock`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(path, 'utf8') === String(process.pid)) unlinkSync(path);
        } catch {
          // Already gone.
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    let owner = NaN;
    try {
      owner = Number(readFileSync(path, 'utf8'));
    } catch {
      continue;
    }
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && pidAlive(owner)) {
      throw new LockedError(`another agent process (pid ${owner}) is using ${dir}`);
    }
    try {
      unlinkSync(path);
    } catch {
      // Someone else took it over first; try again.
    }
  }
  throw new LockedError(`could not lock ${dir}`);
}

/** Whether a process with this pid exists (EPERM: it exists, as another user). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
