import { type z } from 'zod';
import { DeviceDirectory, EnrollResponse, type EnrollRequest } from '../../shared/contracts/enroll.ts';
import { IngestResponse, type ClientEvent } from '../../shared/contracts/events.ts';
import { HeartbeatResponse, type Heartbeat } from '../../shared/contracts/heartbeat.ts';
import { DeviceNoticeList } from '../../shared/contracts/review.ts';

/**
 * The tenant API as the desktop agent uses it: plain `fetch` with a timeout, every answer parsed
 * with the contract in `shared/contracts/`. Failures throw {@link ApiCallError}; the caller decides
 * whether to retry (see `retryable`).
 */
export class ApiCallError extends Error {
  override name = 'ApiCallError';
  constructor(
    message: string,
    /** HTTP status, or 0 when the server could not be reached. */
    readonly status: number,
    /** Seconds the server asked to wait (429 `Retry-After`). */
    readonly retryAfter?: number,
  ) {
    super(message);
  }

  /** Network errors, 408, 429 and 5xx may succeed later; anything else needs a change first. */
  get retryable(): boolean {
    return this.status === 0 || this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

const TIMEOUT_MS = 20_000;

async function request(url: string, init: RequestInit & { token: string }): Promise<Response> {
  const { token, ...rest } = init;
  let res: Response;
  try {
    res = await fetch(url, {
      ...rest,
      headers: { authorization: `Bearer ${token}`, ...(rest.body ? { 'content-type': 'application/json' } : {}), ...rest.headers },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (e) {
    throw new ApiCallError(`${new URL(url).pathname}: server not reachable (${(e as Error).message})`, 0);
  }
  if (res.ok || res.status === 304) return res;
  const retry = Number(res.headers.get('retry-after'));
  let detail = '';
  try {
    const body = (await res.json()) as { error?: { message?: string } };
    detail = body.error?.message ? `: ${body.error.message}` : '';
  } catch {
    // Not an error body (a proxy's HTML page, say); the status says enough.
  }
  throw new ApiCallError(
    `${new URL(url).pathname}: HTTP ${res.status}${detail}`,
    res.status,
    Number.isFinite(retry) && retry > 0 ? retry : undefined,
  );
}

async function parsed<S extends z.ZodType>(res: Response, schema: S, what: string): Promise<z.infer<S>> {
  const r = schema.safeParse(await res.json().catch(() => undefined));
  if (!r.success) throw new ApiCallError(`${what}: unexpected answer (${r.error.issues[0]?.message ?? ''})`, res.status);
  return r.data;
}

/** `POST /v1/enroll` with the enrollment token. */
export async function enrollDevice(serverUrl: string, enrollmentToken: string, facts: EnrollRequest): Promise<EnrollResponse> {
  const res = await request(`${serverUrl}/v1/enroll`, { method: 'POST', token: enrollmentToken, body: JSON.stringify(facts) });
  return parsed(res, EnrollResponse, 'enroll');
}

/** `GET /v1/policy`; `undefined` for 304 (the ETag still matches). The body is returned unverified. */
export async function fetchPolicy(
  serverUrl: string,
  credential: string,
  etag?: string,
): Promise<{ body: unknown; etag?: string } | undefined> {
  const res = await request(`${serverUrl}/v1/policy`, { token: credential, headers: etag ? { 'if-none-match': etag } : {} });
  if (res.status === 304) return undefined;
  return { body: await res.json(), etag: res.headers.get('etag') ?? undefined };
}

/** `POST /v1/events`: resolves when the server acknowledged every event of the batch. */
export async function postEvents(serverUrl: string, credential: string, events: ClientEvent[]): Promise<IngestResponse> {
  const res = await request(`${serverUrl}/v1/events`, { method: 'POST', token: credential, body: JSON.stringify({ events }) });
  return parsed(res, IngestResponse, 'events');
}

/** `POST /v1/device/heartbeat`. */
export async function postHeartbeat(serverUrl: string, credential: string, heartbeat: Heartbeat): Promise<HeartbeatResponse> {
  const res = await request(`${serverUrl}/v1/device/heartbeat`, { method: 'POST', token: credential, body: JSON.stringify(heartbeat) });
  return parsed(res, HeartbeatResponse, 'heartbeat');
}

/** `GET /v1/device/notices`: messages for this device's user (justification decisions) after `after`. */
export async function fetchNotices(serverUrl: string, credential: string, after: number): Promise<DeviceNoticeList> {
  const res = await request(`${serverUrl}/v1/device/notices?after=${after}`, { token: credential });
  return parsed(res, DeviceNoticeList, 'notices');
}

/** `GET /v1/device/directory`: the user's groups in the tenant's directory (SCIM). */
export async function fetchDirectory(serverUrl: string, credential: string): Promise<DeviceDirectory> {
  const res = await request(`${serverUrl}/v1/device/directory`, { token: credential });
  return parsed(res, DeviceDirectory, 'directory');
}
