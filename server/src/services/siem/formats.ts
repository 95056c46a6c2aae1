/**
 * Wire formats of the SIEM destinations (docs/siem.md, "Wire formats"). Pure functions: the
 * transports (transports.ts) only move what these build.
 */
import { createHash, createHmac } from 'node:crypto';
import { PRODUCT } from '../../../../shared/version.ts';
import { ocsfClass, recordName, toOcsf, type SiemRecord } from './ocsf.ts';

/**
 * Splunk HEC `/services/collector/event` batch: JSON event objects one after the other (HEC
 * accepts them concatenated; we separate them with `\n`). `time` is epoch seconds with
 * milliseconds. The Daylight id is in `event.metadata.uid` and as the indexed field `daylight_id`.
 */
export function hecBody(records: readonly SiemRecord[], c: { index?: string; source: string; sourcetype: string }, host: string): string {
  return records
    .map((r) =>
      JSON.stringify({
        time: r.time.getTime() / 1000,
        host,
        source: c.source,
        sourcetype: c.sourcetype,
        ...(c.index ? { index: c.index } : {}),
        fields: { daylight_id: r.id, daylight_kind: r.kind },
        event: toOcsf(r),
      }),
    )
    .join('\n');
}

/**
 * Logs Ingestion API body: a JSON array of rows for the DCR stream. The stream declares these
 * columns (docs/siem.md): TimeGenerated (datetime), DaylightId, Kind, ClassUid (int), ClassName,
 * SeverityId (int), Ocsf (dynamic).
 */
export function sentinelBody(records: readonly SiemRecord[]): string {
  return JSON.stringify(
    records.map((r) => {
      const o = toOcsf(r);
      return {
        TimeGenerated: r.time.toISOString(),
        DaylightId: r.id,
        Kind: r.kind,
        ClassUid: o.class_uid,
        ClassName: o.class_name,
        SeverityId: o.severity_id,
        Ocsf: o,
      };
    }),
  );
}

/** Header names of the webhook (lower case, as Node sends them). */
export const WEBHOOK_HEADERS = {
  timestamp: 'daylight-timestamp',
  signature: 'daylight-signature',
  idempotency: 'idempotency-key',
} as const;

/** The batch id: the same records give the same id, so a resent batch can be recognized as a whole. */
export function batchId(records: readonly SiemRecord[]): string {
  return createHash('sha256')
    .update(records.map((r) => r.id).join('\n'))
    .digest('hex')
    .slice(0, 32);
}

/**
 * Webhook request: body `{"records": [{"id", "kind", "time", "ocsf"}]}`; headers
 * `Daylight-Timestamp: <unix seconds>`, `Daylight-Signature: v1=<hex HMAC-SHA-256(key, "<timestamp>.<body>")>`,
 * `Idempotency-Key: <batch id>`.
 */
export function webhookRequest(
  records: readonly SiemRecord[],
  hmacKey: string,
  now: Date,
): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify({
    records: records.map((r) => ({ id: r.id, kind: r.kind, time: r.time.toISOString(), ocsf: toOcsf(r) })),
  });
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return {
    body,
    headers: {
      [WEBHOOK_HEADERS.timestamp]: timestamp,
      [WEBHOOK_HEADERS.signature]: `v1=${webhookSignature(hmacKey, timestamp, body)}`,
      [WEBHOOK_HEADERS.idempotency]: batchId(records),
    },
  };
}

export function webhookSignature(hmacKey: string, timestamp: string, body: string): string {
  return createHmac('sha256', hmacKey).update(`${timestamp}.${body}`).digest('hex');
}

// --- syslog: RFC 5424 message, CEF payload, RFC 6587 octet counting -------------------------------

/** CEF header field: `\` and `|` escaped. */
export function cefHeader(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ');
}

/** CEF extension value: `\`, `=` escaped, line breaks as `\n` / `\r`. */
export function cefValue(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/=/g, '\\=').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** RFC 5424 SD-PARAM value: `"`, `\` and `]` escaped. */
function sdValue(s: string): string {
  return s.replace(/[\\"\]]/g, (c) => `\\${c}`);
}

/** RFC 5424 severity of a record (0 emergency .. 7 debug). */
function syslogSeverity(r: SiemRecord): number {
  if (r.kind === 'alert') return r.alert.severity === 'high' ? 3 : r.alert.severity === 'medium' ? 4 : 5;
  if (r.kind === 'event') return r.event.decision === 'block' ? 4 : r.event.dataTypes.length > 0 ? 5 : 6;
  return r.kind === 'audit' ? 5 : 6;
}

/** CEF severity 0-10. */
function cefSeverity(r: SiemRecord): number {
  if (r.kind === 'alert') return r.alert.severity === 'high' ? 8 : r.alert.severity === 'medium' ? 6 : 4;
  if (r.kind === 'event') return r.event.decision === 'block' ? 6 : r.event.dataTypes.length > 0 ? 5 : 2;
  return 3;
}

function signatureId(r: SiemRecord): string {
  switch (r.kind) {
    case 'event':
      return r.event.dataTypes.length > 0 ? `data:${r.event.action}` : `usage:${r.event.action}`;
    case 'alert':
      return `alert:${r.alert.kind}`;
    case 'audit':
      return `audit:${r.audit.action}`;
    case 'test':
      return 'test';
  }
}

const CEF_PRODUCT = `${cefHeader(PRODUCT.name)}|${cefHeader(PRODUCT.name)}|${cefHeader(PRODUCT.version)}`;

/** The CEF line of a record (docs/siem.md lists the extension keys). */
export function cefMessage(r: SiemRecord): string {
  const o = ocsfClass(r);
  const ext: [string, string | number | null | undefined][] = [
    ['rt', r.time.getTime()],
    ['externalId', r.id],
    ['cat', o.name],
    ['cn1Label', 'ocsfClassUid'],
    ['cn1', o.uid],
  ];
  if (r.kind === 'event') {
    const e = r.event;
    ext.push(
      ['suser', e.userId],
      ['deviceExternalId', e.deviceId],
      ['dvchost', e.hostname],
      ['dhost', e.host],
      ['app', e.app],
      ['act', e.decision],
      ['cs1Label', 'action'],
      ['cs1', e.action],
      ['cs2Label', 'dataTypes'],
      ['cs2', e.dataTypes.map((d) => `${d.type}:${d.count}`).join(',')],
      ['cs3Label', 'surface'],
      ['cs3', e.surface],
    );
  } else if (r.kind === 'alert') {
    const a = r.alert;
    ext.push(
      ['start', a.windowStart.getTime()],
      ['end', a.windowEnd.getTime()],
      ['cs1Label', 'alertKind'],
      ['cs1', a.kind],
      ['cs2Label', 'subject'],
      ['cs2', a.subject],
      ['msg', JSON.stringify(a.evidence)],
    );
  } else if (r.kind === 'audit') {
    const a = r.audit;
    ext.push(['suser', a.actor], ['act', a.action], ['cs1Label', 'target'], ['cs1', a.target], ['cs2Label', 'auditHash'], ['cs2', a.hash]);
  }
  const extension = ext
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${cefValue(String(v))}`)
    .join(' ');
  return `CEF:0|${CEF_PRODUCT}|${cefHeader(signatureId(r))}|${cefHeader(recordName(r))}|${cefSeverity(r)}|${extension}`;
}

/** One RFC 5424 message: `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [daylight@32473 ...] CEF:...`. */
export function syslogMessage(r: SiemRecord, c: { facility: number; appName: string }, hostname: string): string {
  const pri = c.facility * 8 + syslogSeverity(r);
  // 32473: the example private enterprise number (RFC 5612) until the project registers one.
  const sd = `[daylight@32473 id="${sdValue(r.id)}" kind="${r.kind}"]`;
  return `<${pri}>1 ${r.time.toISOString()} ${hostname} ${c.appName} - ${r.kind} ${sd} ${cefMessage(r)}`;
}

/** RFC 6587 octet counting: `MSG-LEN SP SYSLOG-MSG`, the length in bytes of the UTF-8 message. */
export function octetFrame(msg: string): Buffer {
  const b = Buffer.from(msg, 'utf8');
  return Buffer.concat([Buffer.from(`${b.length} `, 'ascii'), b]);
}

/** A syslog host name: printable US-ASCII without spaces, at most 255 characters (RFC 5424 6.2.4). */
export function syslogHostname(name: string): string {
  const h = name.replace(/[^!-~]/g, '').slice(0, 255);
  return h || '-';
}
