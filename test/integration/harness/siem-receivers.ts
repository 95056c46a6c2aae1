/**
 * Local stand-ins for SIEM receivers, speaking their documented protocols and checking the wire
 * format strictly (a malformed request fails the test through `problems`):
 * - Splunk HEC (`/services/collector/event`, `Authorization: Splunk <token>`, optional indexer ack)
 * - Entra ID client-credentials token endpoint + Azure Monitor Logs Ingestion API
 * - an HTTPS webhook checking the HMAC signature
 * - a syslog TCP / TLS listener parsing RFC 6587 octet-counted RFC 5424 messages with CEF payloads
 */
import { execFileSync } from 'node:child_process';
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';

/** A self-signed certificate for localhost / 127.0.0.1, made now with openssl. */
export function makeCert(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'daylight-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One record as a receiver saw it: the Daylight id and the OCSF event. */
export interface Received {
  id: string;
  ocsf: Record<string, unknown>;
  raw: unknown;
}

abstract class Receiver {
  readonly records: Received[] = [];
  readonly problems: string[] = [];
  /** Requests/connections seen (including refused ones). */
  requests = 0;
  ids(): string[] {
    return this.records.map((r) => r.id);
  }
  problem(p: string): void {
    this.problems.push(p);
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** Splits HEC's batch format: JSON objects one after another, optionally separated by whitespace. */
export function splitConcatenatedJson(s: string): unknown[] {
  const out: unknown[] = [];
  let i = 0;
  while (i < s.length) {
    while (i < s.length && /\s/.test(s[i]!)) i++;
    if (i >= s.length) break;
    if (s[i] !== '{') throw new Error(`expected { at ${i}`);
    let depth = 0;
    let inString = false;
    let j = i;
    for (; j < s.length; j++) {
      const c = s[j];
      if (inString) {
        if (c === '\\') j++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) break;
    }
    out.push(JSON.parse(s.slice(i, j + 1)));
    i = j + 1;
  }
  return out;
}

function checkOcsf(r: Receiver, o: unknown, id: string): o is Record<string, unknown> {
  const e = o as Record<string, unknown> & { metadata?: { uid?: unknown; version?: unknown } };
  if (typeof e !== 'object' || e === null) return (r.problem(`${id}: OCSF event is not an object`), false);
  for (const k of ['class_uid', 'category_uid', 'activity_id', 'type_uid', 'severity_id', 'time'])
    if (typeof e[k] !== 'number') r.problem(`${id}: OCSF ${k} is not a number`);
  if (e.type_uid !== (e.class_uid as number) * 100 + (e.activity_id as number))
    r.problem(`${id}: type_uid is not class_uid*100+activity_id`);
  if (e.metadata?.uid !== id) r.problem(`${id}: metadata.uid ${String(e.metadata?.uid)} differs from the record id`);
  if (e.metadata?.version !== '1.4.0') r.problem(`${id}: metadata.version`);
  return true;
}

async function listen(server: HttpsServer | NetServer, port = 0): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return (server.address() as { port: number }).port;
}

async function close(server: HttpsServer | NetServer, sockets?: Set<Socket>): Promise<void> {
  for (const s of sockets ?? []) s.destroy();
  if ('closeAllConnections' in server) server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

// --- Splunk HEC -----------------------------------------------------------------------------------

export class HecReceiver extends Receiver {
  server!: HttpsServer;
  port = 0;
  /** Answer 503 "Server is busy" (code 9), as HEC does under load. */
  down = false;
  /** Answer 400 "Invalid data format" (code 6). */
  refuseData = false;
  /** Indexer acknowledgement: this many batches are indexed but their ack never turns true (the sender resends them). */
  indexedButUnacked = 0;
  #nextAck = 0;
  readonly #acked = new Map<string, Set<number>>();
  readonly #pending = new Map<number, Received[]>();

  constructor(
    private readonly tls: { key: string; cert: string },
    readonly token: string,
    readonly useAck = false,
  ) {
    super();
  }

  async start(): Promise<this> {
    this.server = createHttpsServer(this.tls, (req, res) => void this.#handle(req, res));
    this.port = await listen(this.server, this.port);
    return this;
  }

  async stop(): Promise<void> {
    await close(this.server);
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.requests++;
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'https://localhost');
    // https://docs.splunk.com/Documentation/Splunk/latest/Data/TroubleshootHTTPEventCollector
    if (req.method !== 'POST') return json(res, 405, { text: 'Method not allowed', code: 8 });
    const auth = req.headers.authorization;
    if (!auth) return json(res, 401, { text: 'Token is required', code: 2 });
    if (auth !== `Splunk ${this.token}`) return json(res, 403, { text: 'Invalid token', code: 4 });
    const channel = req.headers['x-splunk-request-channel'] ?? url.searchParams.get('channel');
    if (url.pathname === '/services/collector/ack') {
      if (!this.useAck) return json(res, 400, { text: 'ACK is disabled', code: 14 });
      if (typeof channel !== 'string') return json(res, 400, { text: 'Data channel is missing', code: 10 });
      const asked = (JSON.parse(body) as { acks: number[] }).acks;
      const acks: Record<string, boolean> = {};
      for (const a of asked) {
        const ok = this.#pending.has(a);
        if (ok) {
          this.records.push(...this.#pending.get(a)!);
          this.#pending.delete(a);
          (this.#acked.get(channel) ?? this.#acked.set(channel, new Set()).get(channel)!).add(a);
        }
        acks[String(a)] = ok || (this.#acked.get(channel)?.has(a) ?? false);
      }
      return json(res, 200, { acks });
    }
    if (url.pathname !== '/services/collector/event') return json(res, 404, { text: 'Not found', code: 404 });
    if (this.down) return json(res, 503, { text: 'Server is busy', code: 9 });
    if (this.refuseData) return json(res, 400, { text: 'Invalid data format', code: 6, 'invalid-event-number': 0 });
    if (this.useAck && typeof channel !== 'string') return json(res, 400, { text: 'Data channel is missing', code: 10 });
    let objects: unknown[];
    try {
      objects = splitConcatenatedJson(body);
    } catch {
      this.problem('HEC body is not concatenated JSON objects');
      return json(res, 400, { text: 'Invalid data format', code: 6, 'invalid-event-number': 0 });
    }
    if (objects.length === 0) return json(res, 400, { text: 'No data', code: 5 });
    const got: Received[] = [];
    for (const [i, o] of objects.entries()) {
      const e = o as {
        time?: unknown;
        host?: unknown;
        source?: unknown;
        sourcetype?: unknown;
        event?: unknown;
        fields?: { daylight_id?: unknown };
      };
      if (e.event === undefined) return json(res, 400, { text: 'Event field is required', code: 12, 'invalid-event-number': i });
      if (typeof e.time !== 'number' || !(e.time > 1e9 && e.time < 1e10)) this.problem(`HEC time is not epoch seconds: ${String(e.time)}`);
      for (const k of ['host', 'source', 'sourcetype'] as const) if (typeof e[k] !== 'string' || !e[k]) this.problem(`HEC ${k} missing`);
      const id = String(e.fields?.daylight_id);
      if (checkOcsf(this, e.event, id)) got.push({ id, ocsf: e.event as Record<string, unknown>, raw: e });
    }
    if (this.useAck) {
      const ackId = this.#nextAck++;
      if (this.indexedButUnacked > 0) {
        this.indexedButUnacked--;
        this.records.push(...got);
        return json(res, 200, { text: 'Success', code: 0, ackId });
      }
      this.#pending.set(ackId, got);
      return json(res, 200, { text: 'Success', code: 0, ackId });
    }
    this.records.push(...got);
    return json(res, 200, { text: 'Success', code: 0 });
  }
}

// --- Entra ID + Logs Ingestion API ------------------------------------------------------------------

export class SentinelReceiver extends Receiver {
  server!: HttpsServer;
  port = 0;
  down = false;
  tokensIssued = 0;
  readonly #tokens = new Set<string>();
  readonly directoryId = 'contoso.onmicrosoft.com';
  readonly clientId = randomUUID();
  readonly clientSecret = `secret-${randomUUID()}`;
  readonly dcr = `dcr-${randomUUID().replace(/-/g, '')}`;
  readonly stream = 'Custom-DaylightOcsf';

  constructor(private readonly tls: { key: string; cert: string }) {
    super();
  }

  async start(): Promise<this> {
    this.server = createHttpsServer(this.tls, (req, res) => void this.#handle(req, res));
    this.port = await listen(this.server, this.port);
    return this;
  }

  async stop(): Promise<void> {
    await close(this.server);
  }

  /** Forget issued tokens (as if they expired): the next ingestion call gets a 401. */
  expireTokens(): void {
    this.#tokens.clear();
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.requests++;
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'https://localhost');
    if (req.method === 'POST' && url.pathname === `/${this.directoryId}/oauth2/v2.0/token`) {
      // https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow
      if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')) {
        this.problem('token request is not form-encoded');
        return json(res, 400, { error: 'invalid_request' });
      }
      const f = new URLSearchParams(body);
      if (f.get('grant_type') !== 'client_credentials') return json(res, 400, { error: 'unsupported_grant_type' });
      if (f.get('scope') !== 'https://monitor.azure.com//.default') {
        this.problem(`token scope ${f.get('scope')}`);
        return json(res, 400, { error: 'invalid_scope' });
      }
      if (f.get('client_id') !== this.clientId || f.get('client_secret') !== this.clientSecret)
        return json(res, 401, { error: 'invalid_client' });
      const token = `eyJ0eXAi.${randomUUID()}`;
      this.#tokens.add(token);
      this.tokensIssued++;
      return json(res, 200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token });
    }
    // https://learn.microsoft.com/azure/azure-monitor/logs/logs-ingestion-api-overview
    const m = /^\/dataCollectionRules\/([^/]+)\/streams\/([^/]+)$/.exec(url.pathname);
    if (req.method !== 'POST' || !m) return json(res, 404, { error: { code: 'NotFound' } });
    if (url.searchParams.get('api-version') !== '2023-01-01') {
      this.problem(`api-version ${url.searchParams.get('api-version')}`);
      return json(res, 400, { error: { code: 'InvalidApiVersion' } });
    }
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || !this.#tokens.has(bearer))
      return json(res, 401, { error: { code: 'InvalidToken', message: 'The token is invalid or expired' } });
    if (m[1] !== this.dcr || decodeURIComponent(m[2]!) !== this.stream) return json(res, 404, { error: { code: 'NotFound' } });
    if (this.down) {
      res.writeHead(503, { 'retry-after': '1' }).end();
      return;
    }
    if (!String(req.headers['content-type']).startsWith('application/json')) this.problem('ingestion body is not JSON');
    const rows = JSON.parse(body) as unknown;
    if (!Array.isArray(rows)) {
      this.problem('ingestion body is not a JSON array');
      return json(res, 400, { error: { code: 'InvalidPayload' } });
    }
    for (const row of rows as Record<string, unknown>[]) {
      if (typeof row.TimeGenerated !== 'string' || Number.isNaN(Date.parse(row.TimeGenerated))) this.problem('TimeGenerated missing');
      for (const k of ['DaylightId', 'Kind', 'ClassName']) if (typeof row[k] !== 'string') this.problem(`${k} missing`);
      const id = String(row.DaylightId);
      if (checkOcsf(this, row.Ocsf, id)) this.records.push({ id, ocsf: row.Ocsf as Record<string, unknown>, raw: row });
    }
    res.writeHead(204).end();
  }
}

// --- Webhook --------------------------------------------------------------------------------------

export class WebhookReceiver extends Receiver {
  server!: HttpsServer;
  port = 0;
  status = 200;
  readonly idempotencyKeys: string[] = [];

  constructor(
    private readonly tls: { key: string; cert: string },
    readonly hmacKey: string,
  ) {
    super();
  }

  async start(): Promise<this> {
    this.server = createHttpsServer(this.tls, (req, res) => void this.#handle(req, res));
    this.port = await listen(this.server, this.port);
    return this;
  }

  async stop(): Promise<void> {
    await close(this.server);
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.requests++;
    const body = await readBody(req);
    if (this.status !== 200) return json(res, this.status, { error: 'refused' });
    const ts = req.headers['daylight-timestamp'];
    const sig = req.headers['daylight-signature'];
    const key = req.headers['idempotency-key'];
    if (typeof ts !== 'string' || !/^\d+$/.test(ts) || Math.abs(Date.now() / 1000 - Number(ts)) > 300)
      this.problem(`timestamp ${String(ts)}`);
    const expected = `v1=${createHmac('sha256', this.hmacKey)
      .update(`${String(ts)}.${body}`)
      .digest('hex')}`;
    if (typeof sig !== 'string' || sig.length !== expected.length || !timingSafeEqual(Buffer.from(sig), Buffer.from(expected))) {
      this.problem('bad signature');
      return json(res, 401, { error: 'bad signature' });
    }
    if (typeof key !== 'string' || !/^[0-9a-f]{32}$/.test(key)) this.problem(`idempotency key ${String(key)}`);
    else this.idempotencyKeys.push(key);
    const parsed = JSON.parse(body) as { records?: { id: string; kind: string; time: string; ocsf: unknown }[] };
    for (const r of parsed.records ?? [])
      if (checkOcsf(this, r.ocsf, r.id)) this.records.push({ id: r.id, ocsf: r.ocsf as Record<string, unknown>, raw: r });
    return json(res, 200, { ok: true });
  }
}

// --- Syslog ---------------------------------------------------------------------------------------

export interface SyslogMessage {
  pri: number;
  timestamp: string;
  hostname: string;
  appName: string;
  procId: string;
  msgId: string;
  sd: Record<string, Record<string, string>>;
  cef: Cef;
}

export interface Cef {
  version: string;
  vendor: string;
  product: string;
  productVersion: string;
  signatureId: string;
  name: string;
  severity: string;
  extension: Record<string, string>;
}

/** RFC 5424 HEADER SP STRUCTURED-DATA SP MSG, strictly. */
export function parse5424(msg: string): SyslogMessage {
  const m = /^<(\d{1,3})>1 (\S+) (\S{1,255}) (\S{1,48}) (\S{1,128}) (\S{1,32}) (.*)$/s.exec(msg);
  if (!m) throw new Error(`not an RFC 5424 header: ${msg.slice(0, 80)}`);
  const pri = Number(m[1]);
  if (pri > 191) throw new Error('PRI out of range');
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?(Z|[+-]\d\d:\d\d)$/.test(m[2]!)) throw new Error(`bad TIMESTAMP ${m[2]}`);
  for (const f of [m[3], m[4], m[5], m[6]]) if (!/^[!-~]+$/.test(f!)) throw new Error(`non-printable header field ${f}`);
  let rest = m[7]!;
  const sd: SyslogMessage['sd'] = {};
  if (rest.startsWith('-')) rest = rest.slice(1);
  else {
    while (rest.startsWith('[')) {
      const id = /^\[([^\s\]="]{1,32})/.exec(rest);
      if (!id) throw new Error('bad SD-ID');
      let i = id[0].length;
      const params: Record<string, string> = {};
      while (rest[i] === ' ') {
        const pm = /^ ([^\s\]="]{1,32})="/.exec(rest.slice(i));
        if (!pm) throw new Error('bad SD-PARAM');
        i += pm[0].length;
        let v = '';
        for (;;) {
          const c = rest[i++];
          if (c === undefined) throw new Error('unterminated SD-PARAM');
          if (c === '\\' && ['"', '\\', ']'].includes(rest[i]!)) v += rest[i++];
          else if (c === '"') break;
          else if (c === ']') throw new Error('unescaped ] in PARAM-VALUE');
          else v += c;
        }
        params[pm[1]!] = v;
      }
      if (rest[i] !== ']') throw new Error('SD-ELEMENT not closed');
      sd[id[1]!] = params;
      rest = rest.slice(i + 1);
    }
  }
  if (!rest.startsWith(' ')) throw new Error('no SP before MSG');
  return { pri, timestamp: m[2]!, hostname: m[3]!, appName: m[4]!, procId: m[5]!, msgId: m[6]!, sd, cef: parseCef(rest.slice(1)) };
}

/** CEF:Version|Device Vendor|Device Product|Device Version|Signature ID|Name|Severity|Extension, strictly. */
export function parseCef(s: string): Cef {
  if (!s.startsWith('CEF:')) throw new Error('MSG is not CEF');
  const fields: string[] = [];
  let cur = '';
  let i = 4;
  for (; i < s.length && fields.length < 7; i++) {
    const c = s[i]!;
    if (c === '\\') {
      const n = s[++i];
      if (n !== '\\' && n !== '|') throw new Error(`bad escape \\${n} in CEF header`);
      cur += n;
    } else if (c === '|') {
      fields.push(cur);
      cur = '';
    } else cur += c;
  }
  if (fields.length !== 7) throw new Error('CEF header needs 7 fields');
  const ext = s.slice(i);
  const extension: Record<string, string> = {};
  // key=value pairs; a key is [A-Za-z0-9_.]+ right after a space (or at the start); values escape \ = and line breaks.
  const re = /(?:^| )([A-Za-z0-9_.]+)=/g;
  const starts: { key: string; at: number; valueAt: number }[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(ext))) {
    // An '=' preceded by an odd number of backslashes is escaped: not a key.
    let bs = 0;
    for (let k = m.index + m[0].length - 2; k >= 0 && ext[k] === '\\'; k--) bs++;
    if (bs % 2 === 1) continue;
    starts.push({ key: m[1]!, at: m.index, valueAt: m.index + m[0].length });
  }
  starts.forEach((st, k) => {
    const raw = ext.slice(st.valueAt, k + 1 < starts.length ? starts[k + 1]!.at : ext.length);
    let v = '';
    for (let j = 0; j < raw.length; j++) {
      const c = raw[j]!;
      if (c === '\\') {
        const n = raw[++j];
        if (n === '\\' || n === '=') v += n;
        else if (n === 'n') v += '\n';
        else if (n === 'r') v += '\r';
        else throw new Error(`bad escape \\${n} in CEF extension ${st.key}`);
      } else if (c === '=') throw new Error(`unescaped = in CEF extension ${st.key}`);
      else if (c === '\n' || c === '\r') throw new Error('raw line break in CEF extension');
      else v += c;
    }
    if (st.key in extension) throw new Error(`duplicate CEF key ${st.key}`);
    extension[st.key] = v;
  });
  if (ext.trim() && starts.length === 0) throw new Error('CEF extension without key=value pairs');
  const [version, vendor, product, productVersion, signatureId, name, severity] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (version !== '0') throw new Error('CEF version');
  if (!/^(\d|10)$/.test(severity)) throw new Error(`CEF severity ${severity}`);
  return { version, vendor, product, productVersion, signatureId, name, severity, extension };
}

export class SyslogReceiver extends Receiver {
  server!: NetServer;
  port = 0;
  readonly messages: SyslogMessage[] = [];
  readonly #sockets = new Set<Socket>();

  constructor(private readonly tls?: { key: string; cert: string }) {
    super();
  }

  async start(): Promise<this> {
    const onSocket = (socket: Socket) => {
      this.requests++;
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
      let buf = Buffer.alloc(0);
      socket.on('data', (c: Buffer) => {
        buf = Buffer.concat([buf, c]);
        // RFC 6587 3.4.1: MSG-LEN SP SYSLOG-MSG, MSG-LEN = NONZERO-DIGIT *DIGIT (octets).
        for (;;) {
          const sp = buf.indexOf(0x20);
          if (sp < 0) break;
          const len = buf.subarray(0, sp).toString('ascii');
          if (!/^[1-9]\d{0,8}$/.test(len)) {
            this.problem(`bad MSG-LEN ${JSON.stringify(len.slice(0, 20))}`);
            socket.destroy();
            return;
          }
          const n = Number(len);
          if (buf.length < sp + 1 + n) break;
          const msg = buf.subarray(sp + 1, sp + 1 + n).toString('utf8');
          buf = buf.subarray(sp + 1 + n);
          try {
            const parsed = parse5424(msg);
            this.messages.push(parsed);
            const id = parsed.sd['daylight@32473']?.id ?? '';
            if (parsed.cef.extension.externalId !== id)
              this.problem(`CEF externalId ${parsed.cef.extension.externalId} differs from SD id ${id}`);
            this.records.push({ id, ocsf: {}, raw: parsed });
          } catch (e) {
            this.problem(`syslog: ${(e as Error).message}`);
          }
        }
      });
      socket.on('end', () => {
        if (buf.length) this.problem(`trailing bytes after last frame: ${buf.length}`);
        socket.end();
      });
      socket.on('error', () => {});
    };
    this.server = this.tls ? createTlsServer(this.tls, onSocket) : createNetServer(onSocket);
    this.port = await listen(this.server, this.port);
    return this;
  }

  async stop(): Promise<void> {
    await close(this.server, this.#sockets);
  }
}
