import { z } from 'zod';

/** A PEM bundle of CA certificates to trust for a destination with a private CA. */
const CaPem = z
  .string()
  .max(64 * 1024)
  .regex(/-----BEGIN CERTIFICATE-----/, 'PEM certificates')
  .optional();

const HttpsUrl = z.url({ protocol: /^https$/, error: 'an https:// URL' }).max(2048);

/** Splunk HTTP Event Collector. `url`: the HEC base, e.g. `https://splunk.example.com:8088`. */
export const SplunkHecConfig = z.strictObject({
  url: HttpsUrl,
  index: z
    .string()
    .regex(/^[a-z0-9_][a-z0-9_-]{0,79}$/)
    .optional(),
  source: z.string().min(1).max(200).default('daylight'),
  sourcetype: z.string().min(1).max(200).default('daylight:ocsf'),
  /** The HEC token has indexer acknowledgement on: wait for `/services/collector/ack` before counting a batch as delivered. */
  useAck: z.boolean().default(false),
  caPem: CaPem,
});
export const SplunkHecSecret = z.strictObject({ token: z.string().min(8).max(200) });

/** Microsoft Sentinel through the Azure Monitor Logs Ingestion API (a DCE/DCR pair). */
export const SentinelConfig = z.strictObject({
  /** Data collection endpoint (or DCR ingestion endpoint), e.g. `https://my-dce-abcd.westeurope-1.ingest.monitor.azure.com`. */
  endpoint: HttpsUrl,
  dcrImmutableId: z.string().regex(/^dcr-[0-9a-f]{32}$/, 'a DCR immutable id (dcr-<32 hex>)'),
  streamName: z.string().regex(/^Custom-[A-Za-z0-9_]{1,100}$/, 'a custom stream name (Custom-...)'),
  /** Entra ID (Azure AD) directory: tenant id or domain. */
  directoryId: z.string().regex(/^[A-Za-z0-9.-]{1,253}$/),
  clientId: z.uuid(),
  /** Where tokens come from; only change it for sovereign clouds (or tests). */
  authorityHost: HttpsUrl.default('https://login.microsoftonline.com'),
  caPem: CaPem,
});
export const SentinelSecret = z.strictObject({ clientSecret: z.string().min(8).max(500) });

/** Any HTTPS endpoint; requests are signed (docs/siem.md, "Webhook"). */
export const WebhookConfig = z.strictObject({ url: HttpsUrl, caPem: CaPem });
export const WebhookSecret = z.strictObject({ hmacKey: z.string().min(32).max(500) });

/** Syslog (RFC 5424, CEF payload) over TCP with octet-counting framing (RFC 6587), optionally TLS (RFC 5425). */
export const SyslogConfig = z.strictObject({
  host: z.string().regex(/^[A-Za-z0-9.:-]{1,253}$/, 'a host name or IP address'),
  port: z.number().int().min(1).max(65535),
  tls: z.boolean().default(true),
  caPem: CaPem,
  /** Syslog facility (0-23); default 16 (local0). */
  facility: z.number().int().min(0).max(23).default(16),
  appName: z
    .string()
    .regex(/^[!-~]{1,48}$/)
    .default('daylight'),
});

export const DestinationKind = z.enum(['splunk_hec', 'sentinel', 'webhook', 'syslog']);
export type DestinationKind = z.infer<typeof DestinationKind>;

const name = z.string().trim().min(1).max(200);

/** `POST /v1/siem/destinations` */
export const CreateDestinationRequest = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('splunk_hec'),
    name,
    enabled: z.boolean().default(true),
    config: SplunkHecConfig,
    secret: SplunkHecSecret,
  }),
  z.strictObject({ kind: z.literal('sentinel'), name, enabled: z.boolean().default(true), config: SentinelConfig, secret: SentinelSecret }),
  z.strictObject({ kind: z.literal('webhook'), name, enabled: z.boolean().default(true), config: WebhookConfig, secret: WebhookSecret }),
  z.strictObject({ kind: z.literal('syslog'), name, enabled: z.boolean().default(true), config: SyslogConfig }),
]);
export type CreateDestinationRequest = z.infer<typeof CreateDestinationRequest>;

/** The config and secret schema of each kind (updates are checked against the destination's kind). */
export const DESTINATION_SCHEMAS = {
  splunk_hec: { config: SplunkHecConfig, secret: SplunkHecSecret },
  sentinel: { config: SentinelConfig, secret: SentinelSecret },
  webhook: { config: WebhookConfig, secret: WebhookSecret },
  syslog: { config: SyslogConfig, secret: null },
} as const;

/** `PATCH /v1/siem/destinations/:id`: what is given replaces what is stored (config as a whole). */
export const UpdateDestinationRequest = z
  .strictObject({
    name: name.optional(),
    enabled: z.boolean().optional(),
    config: z.record(z.string(), z.unknown()).optional(),
    secret: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');
export type UpdateDestinationRequest = z.infer<typeof UpdateDestinationRequest>;

/** Delivery state of a destination. */
export const DestinationStatus = z.object({
  delivered: z.number().int(),
  /** Failed delivery attempts so far. */
  failures: z.number().int(),
  /** Records moved to dead letters so far. */
  deadLettered: z.number().int(),
  /** Dead letters waiting (not requeued). */
  deadLetters: z.number().int(),
  /** Failed attempts at the batch now at the head of the queue. */
  attempts: z.number().int(),
  nextAttemptAt: z.string(),
  /** When the oldest record not yet delivered was written; null when nothing waits. */
  oldestUndeliveredAt: z.string().nullable(),
  /** Seconds since then (0 when nothing waits). */
  lagSeconds: z.number(),
  lastError: z.string().nullable(),
  lastErrorAt: z.string().nullable(),
  lastDeliveredAt: z.string().nullable(),
});

/** A destination as routes show it: never its secret. */
export const DestinationInfo = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: DestinationKind,
  enabled: z.boolean(),
  config: z.record(z.string(), z.unknown()),
  /** A secret is stored (sealed); its value is never shown. */
  hasSecret: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  status: DestinationStatus,
});
export type DestinationInfo = z.infer<typeof DestinationInfo>;
export const DestinationList = z.object({ destinations: z.array(DestinationInfo) });

export const DestinationTestResponse = z.object({ ok: z.boolean(), error: z.string().nullable(), id: z.string() });

export const DeadLetterQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  /** Paging cursor: dead letters with a greater sequence number. */
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
});
export const DeadLetter = z.object({
  seq: z.number().int(),
  kind: z.enum(['event', 'alert', 'audit']),
  /** The Daylight record id (the same id every destination gets, for dedupe). */
  id: z.string(),
  createdAt: z.string(),
  deadAt: z.string(),
  attempts: z.number().int(),
  error: z.string(),
  requeuedAt: z.string().nullable(),
});
export const DeadLetterPage = z.object({ deadLetters: z.array(DeadLetter), next: z.number().int().nullable() });

/** `POST /v1/siem/destinations/:id/requeue`: the given dead letters (by seq), or all. */
export const RequeueRequest = z.strictObject({ seqs: z.array(z.number().int().min(1)).min(1).max(10_000).optional() });
export const RequeueResponse = z.object({ requeued: z.number().int() });
