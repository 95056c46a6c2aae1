/**
 * Moves formatted batches to destinations and classifies the answer: delivered, failed and worth
 * retrying, or refused for good (the batch goes to dead letters at once). Protocol references:
 * - Splunk HEC: https://docs.splunk.com/Documentation/Splunk/latest/Data/TroubleshootHTTPEventCollector
 *   (status codes) and .../AboutHECIDXAck (indexer acknowledgement).
 * - Logs Ingestion API: https://learn.microsoft.com/azure/azure-monitor/logs/logs-ingestion-api-overview;
 *   tokens: https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow
 * - Syslog: RFC 5424 (message), RFC 6587 3.4.1 (octet counting), RFC 5425 (TLS).
 */
import { request as httpsRequest } from 'node:https';
import { connect as netConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { z } from 'zod';
import type { SentinelConfig, SplunkHecConfig, SyslogConfig, WebhookConfig } from '../../../../shared/contracts/siem.ts';
import { hecBody, octetFrame, sentinelBody, syslogMessage, webhookRequest } from './formats.ts';
import type { SiemRecord } from './ocsf.ts';

export type DeliveryResult = { ok: true } | { ok: false; permanent: boolean; error: string; retryAfterMs?: number };

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const TIMEOUT_MS = 15_000;

/** One HTTPS request (node:https, so a destination can bring its own CA). */
export function httpsCall(
  url: string,
  o: { method: string; headers: Record<string, string>; body?: string; caPem?: string; timeoutMs?: number },
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      url,
      {
        method: o.method,
        headers: { ...o.headers, ...(o.body !== undefined ? { 'content-length': String(Buffer.byteLength(o.body)) } : {}) },
        ca: o.caPem,
        timeout: o.timeoutMs ?? TIMEOUT_MS,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size <= 1024 * 1024) chunks.push(c);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(o.body);
  });
}

function retryAfter(h: HttpAnswer): number | undefined {
  const v = h.headers['retry-after'];
  const s = Number(Array.isArray(v) ? v[0] : v);
  return Number.isFinite(s) && s > 0 ? Math.min(s, 3600) * 1000 : undefined;
}

const short = (s: string) => s.replace(/\s+/g, ' ').slice(0, 300);
const netError = (e: unknown): DeliveryResult => ({
  ok: false,
  permanent: false,
  error: `network: ${e instanceof Error ? e.message : String(e)}`,
});

/** Generic classification of an HTTP answer: 2xx ok; 400/413/422 refused for good; else retry. */
function classify(what: string, a: HttpAnswer): DeliveryResult {
  if (a.status >= 200 && a.status < 300) return { ok: true };
  return {
    ok: false,
    permanent: [400, 413, 422].includes(a.status),
    error: `${what}: HTTP ${a.status} ${short(a.body)}`,
    retryAfterMs: retryAfter(a),
  };
}

// --- Splunk HEC -----------------------------------------------------------------------------------

/** HEC `code`s that mean the data itself is bad (a resend cannot help): 5 no data, 6 invalid data format, 12 event field required, 13 event field blank. */
const HEC_DATA_ERRORS = new Set([5, 6, 12, 13]);

export async function sendHec(
  c: z.infer<typeof SplunkHecConfig>,
  token: string,
  channel: string,
  records: readonly SiemRecord[],
  host: string,
  ack: { timeoutMs: number; pollMs: number },
): Promise<DeliveryResult> {
  const base = c.url.replace(/\/+$/, '');
  const headers: Record<string, string> = { authorization: `Splunk ${token}`, 'content-type': 'application/json' };
  if (c.useAck) headers['x-splunk-request-channel'] = channel;
  let a: HttpAnswer;
  try {
    a = await httpsCall(`${base}/services/collector/event`, { method: 'POST', headers, body: hecBody(records, c, host), caPem: c.caPem });
  } catch (e) {
    return netError(e);
  }
  let parsed: { code?: number; text?: string; ackId?: number } = {};
  try {
    parsed = JSON.parse(a.body) as typeof parsed;
  } catch {
    // not JSON (a proxy's error page): classified by status alone
  }
  if (a.status !== 200 || parsed.code !== 0) {
    const error = `splunk: HTTP ${a.status} code ${parsed.code ?? '-'} ${short(parsed.text ?? a.body)}`;
    const permanent = a.status === 400 && HEC_DATA_ERRORS.has(parsed.code ?? -1);
    return { ok: false, permanent: permanent || a.status === 413, error, retryAfterMs: retryAfter(a) };
  }
  if (!c.useAck) return { ok: true };
  if (typeof parsed.ackId !== 'number')
    return { ok: false, permanent: false, error: 'splunk: acknowledgement requested but no ackId answered' };
  // Indexer acknowledgement: the batch counts once the indexers say it is written.
  const deadline = Date.now() + ack.timeoutMs;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, ack.pollMs));
    try {
      const q = await httpsCall(`${base}/services/collector/ack?channel=${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ acks: [parsed.ackId] }),
        caPem: c.caPem,
      });
      if (q.status !== 200) continue;
      const acks = (JSON.parse(q.body) as { acks?: Record<string, boolean> }).acks;
      if (acks?.[String(parsed.ackId)] === true) return { ok: true };
    } catch {
      // poll again until the deadline
    }
  }
  return { ok: false, permanent: false, error: `splunk: ackId ${parsed.ackId} not acknowledged within ${ack.timeoutMs} ms` };
}

// --- Microsoft Sentinel (Logs Ingestion API) ------------------------------------------------------

export interface TokenCache {
  get(key: string): { token: string; expiresAt: number } | undefined;
  set(key: string, v: { token: string; expiresAt: number }): void;
  delete(key: string): void;
}

export async function sendSentinel(
  c: z.infer<typeof SentinelConfig>,
  clientSecret: string,
  records: readonly SiemRecord[],
  tokens: TokenCache,
  cacheKey: string,
): Promise<DeliveryResult> {
  let cached = tokens.get(cacheKey);
  if (!cached || cached.expiresAt < Date.now() + 60_000) {
    const form = new URLSearchParams({
      client_id: c.clientId,
      client_secret: clientSecret,
      grant_type: 'client_credentials',
      scope: 'https://monitor.azure.com//.default',
    }).toString();
    let a: HttpAnswer;
    try {
      a = await httpsCall(`${c.authorityHost.replace(/\/+$/, '')}/${encodeURIComponent(c.directoryId)}/oauth2/v2.0/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form,
        caPem: c.caPem,
      });
    } catch (e) {
      return netError(e);
    }
    if (a.status !== 200) return { ok: false, permanent: false, error: `entra token: HTTP ${a.status} ${short(a.body)}` };
    const t = JSON.parse(a.body) as { access_token?: string; expires_in?: number | string; token_type?: string };
    if (!t.access_token) return { ok: false, permanent: false, error: 'entra token: no access_token in the answer' };
    cached = { token: t.access_token, expiresAt: Date.now() + Number(t.expires_in ?? 3599) * 1000 };
    tokens.set(cacheKey, cached);
  }
  const url = `${c.endpoint.replace(/\/+$/, '')}/dataCollectionRules/${c.dcrImmutableId}/streams/${encodeURIComponent(c.streamName)}?api-version=2023-01-01`;
  let a: HttpAnswer;
  try {
    a = await httpsCall(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${cached.token}`, 'content-type': 'application/json' },
      body: sentinelBody(records),
      caPem: c.caPem,
    });
  } catch (e) {
    return netError(e);
  }
  // An expired or revoked token: fetch a new one next time.
  if (a.status === 401 || a.status === 403) tokens.delete(cacheKey);
  return classify('sentinel', a);
}

// --- Webhook --------------------------------------------------------------------------------------

export async function sendWebhook(
  c: z.infer<typeof WebhookConfig>,
  hmacKey: string,
  records: readonly SiemRecord[],
): Promise<DeliveryResult> {
  const { body, headers } = webhookRequest(records, hmacKey, new Date());
  try {
    return classify(
      'webhook',
      await httpsCall(c.url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body, caPem: c.caPem }),
    );
  } catch (e) {
    return netError(e);
  }
}

// --- Syslog ---------------------------------------------------------------------------------------

/**
 * Writes the batch as octet-counted frames on one connection and closes it. TCP syslog has no
 * application acknowledgement: the batch counts as delivered when the peer accepted the whole
 * stream and the connection closed cleanly (docs/siem.md says what that means for loss).
 */
export function sendSyslog(c: z.infer<typeof SyslogConfig>, records: readonly SiemRecord[], hostname: string): Promise<DeliveryResult> {
  const data = Buffer.concat(records.map((r) => octetFrame(syslogMessage(r, c, hostname))));
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: DeliveryResult) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(r);
    };
    const socket = c.tls
      ? tlsConnect({ host: c.host, port: c.port, ca: c.caPem, servername: /^[\d.:]+$/.test(c.host) ? undefined : c.host })
      : netConnect({ host: c.host, port: c.port });
    socket.setTimeout(TIMEOUT_MS, () => done({ ok: false, permanent: false, error: 'syslog: timed out' }));
    socket.on('error', (e) => done(netError(e)));
    socket.once(c.tls ? 'secureConnect' : 'connect', () => {
      socket.end(data, () => {
        // Everything is handed to the kernel and FIN sent; wait for the peer to close its side.
      });
    });
    socket.on('close', (hadError) => done(hadError ? { ok: false, permanent: false, error: 'syslog: connection failed' } : { ok: true }));
    // A peer that sends anything back is ignored (syslog receivers do not answer).
    socket.on('data', () => {});
  });
}
