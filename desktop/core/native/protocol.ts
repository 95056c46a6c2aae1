import { z } from 'zod';

/**
 * The native messaging protocol between the browser extension and the agent. Chrome, Edge and
 * Firefox frame each message as a 32-bit length in native byte order (little-endian on every
 * platform the agent ships for) followed by that many bytes of UTF-8 JSON
 * (https://developer.chrome.com/docs/extensions/develop/concepts/native-messaging#native-messaging-host-protocol).
 * A host's message to the browser may be at most 1 MB; the agent also refuses larger requests.
 *
 * Messages are validated on receipt; anything else gets an `error` answer and the host stays up.
 */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

/** extension -> agent */
export const HostRequest = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('ping'),
    /** Echoed in the answer, to pair answers with requests. */
    id: z.string().max(64).optional(),
    /** What the extension says about itself, so the agent knows the extension is alive. */
    extension: z.strictObject({ version: z.string().max(64), browser: z.string().max(64).optional() }).optional(),
  }),
]);
export type HostRequest = z.infer<typeof HostRequest>;

/** The agent's health as the extension sees it. */
export const AgentHealth = z.strictObject({
  product: z.string(),
  version: z.string(),
  enrolled: z.boolean(),
  policyVersion: z.number().int().nullable(),
  /** The daemon is running (its status file is fresh) and its clipboard guard is on. */
  daemonRunning: z.boolean(),
  clipboardGuard: z.boolean(),
  protection: z.enum(['active', 'paused', 'not-configured']),
  queue: z.strictObject({ queued: z.number().int(), dropped: z.number().int() }).nullable(),
});
export type AgentHealth = z.infer<typeof AgentHealth>;

/** agent -> extension */
export const HostResponse = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('pong'), id: z.string().optional(), agent: AgentHealth }),
  z.strictObject({ type: z.literal('error'), id: z.string().optional(), message: z.string() }),
]);
export type HostResponse = z.infer<typeof HostResponse>;

/** Frames one message. */
export function encodeMessage(message: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  if (body.length > MAX_MESSAGE_BYTES) throw new Error(`message of ${body.length} bytes exceeds ${MAX_MESSAGE_BYTES}`);
  const head = Buffer.alloc(4);
  head.writeUInt32LE(body.length, 0);
  return Buffer.concat([head, body]);
}

/**
 * Splits a byte stream into messages. Returns the parsed JSON values (or an `Error` for a frame
 * that is not JSON) and keeps partial frames for the next chunk; a frame announcing more than
 * {@link MAX_MESSAGE_BYTES} is an error that ends the stream (its bytes cannot be skipped safely).
 */
export class MessageReader {
  private buf = Buffer.alloc(0);

  push(chunk: Buffer): (unknown | Error)[] {
    this.buf = Buffer.concat([this.buf, chunk]);
    const out: (unknown | Error)[] = [];
    while (this.buf.length >= 4) {
      const len = this.buf.readUInt32LE(0);
      if (len > MAX_MESSAGE_BYTES) throw new Error(`message of ${len} bytes exceeds ${MAX_MESSAGE_BYTES}`);
      if (this.buf.length < 4 + len) break;
      const body = this.buf.subarray(4, 4 + len).toString('utf8');
      this.buf = this.buf.subarray(4 + len);
      try {
        out.push(JSON.parse(body));
      } catch (e) {
        out.push(new Error(`not JSON: ${(e as Error).message}`));
      }
    }
    return out;
  }
}
