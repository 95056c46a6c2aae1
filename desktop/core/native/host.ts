import { z } from 'zod';
import { PRODUCT } from '../../../shared/version.ts';
import { pidAlive, readJsonFile, writeFileAtomic } from '../files.ts';
import { HostRequest, MessageReader, encodeMessage, type AgentHealth, type HostResponse } from './protocol.ts';
import { join } from 'node:path';

/**
 * What the daemon writes to `status.json` in the state directory every few seconds, for the
 * native host (a separate process the browser starts) to read.
 */
export const DaemonStatus = z.object({
  v: z.literal(1),
  pid: z.number().int(),
  updatedAt: z.iso.datetime(),
  enrolled: z.boolean(),
  policyVersion: z.number().int().nullable(),
  clipboardGuard: z.boolean(),
  paused: z.boolean(),
  queue: z.object({ queued: z.number().int(), dropped: z.number().int() }),
});
export type DaemonStatus = z.infer<typeof DaemonStatus>;

export const STATUS_FILE = 'status.json';
/** The extension's last ping, written by the host. */
export const EXTENSION_FILE = 'extension.json';
/** The daemon rewrites its status at least this often; older means it is not running. */
export const STATUS_FRESH_MS = 30_000;

/** The agent's health from the state directory (read only: the host never touches the journal). */
export function readHealth(stateDir: string | undefined, now = Date.now()): AgentHealth {
  const s = stateDir ? readJsonFile(join(stateDir, STATUS_FILE), DaemonStatus) : undefined;
  const running = !!s && now - Date.parse(s.updatedAt) < STATUS_FRESH_MS && pidAlive(s.pid);
  return {
    product: PRODUCT.name,
    version: PRODUCT.version,
    enrolled: s?.enrolled ?? false,
    policyVersion: s?.policyVersion ?? null,
    daemonRunning: running,
    clipboardGuard: running && (s?.clipboardGuard ?? false),
    protection: !s ? 'not-configured' : s.paused ? 'paused' : 'active',
    queue: s ? s.queue : null,
  };
}

/** Answers one request. */
export function answer(raw: unknown, stateDir: string | undefined): HostResponse {
  const parsed = HostRequest.safeParse(raw);
  const id =
    typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string'
      ? (raw as { id: string }).id.slice(0, 64)
      : undefined;
  if (!parsed.success)
    return { type: 'error', ...(id ? { id } : {}), message: `invalid request: ${parsed.error.issues[0]?.message ?? ''}` };
  if (parsed.data.extension && stateDir) {
    // The agent's side of "each sees the other": when the extension last said hello, from which browser.
    try {
      writeFileAtomic(join(stateDir, EXTENSION_FILE), JSON.stringify({ at: new Date().toISOString(), ...parsed.data.extension }));
    } catch {
      // A read-only or missing state folder must not break the answer.
    }
  }
  return { type: 'pong', ...(parsed.data.id ? { id: parsed.data.id } : {}), agent: readHealth(stateDir) };
}

/**
 * Runs the native messaging host on stdin/stdout until the browser closes stdin. Nothing else may
 * be written to stdout: it is the channel. Logs go to stderr, which browsers keep out of the channel.
 */
export function runNativeHost(
  stateDir: string | undefined,
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream = process.stdout,
): Promise<void> {
  const reader = new MessageReader();
  return new Promise((resolve) => {
    input.on('data', (chunk: Buffer) => {
      let messages: unknown[];
      try {
        messages = reader.push(chunk);
      } catch (e) {
        output.write(encodeMessage({ type: 'error', message: (e as Error).message } satisfies HostResponse));
        input.removeAllListeners('data');
        resolve();
        return;
      }
      for (const m of messages) {
        output.write(
          encodeMessage(m instanceof Error ? ({ type: 'error', message: m.message } satisfies HostResponse) : answer(m, stateDir)),
        );
      }
    });
    input.on('end', () => resolve());
    input.on('close', () => resolve());
  });
}
