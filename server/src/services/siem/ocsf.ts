/**
 * Daylight records as OCSF 1.4.0 events (https://schema.ocsf.io/1.4.0/). The mapping is documented
 * in docs/siem.md ("OCSF mapping"); keep the two in step.
 *
 * Every record carries its Daylight id in `metadata.uid` (and each wire format repeats it where
 * the receiver can dedupe on it): `<device id>:<event id>` for events, `alert:<id>`, `audit:<seq>`.
 */
import { PRODUCT } from '../../../../shared/version.ts';

export const OCSF_VERSION = '1.4.0';

/** What the exporter knows about one record, before formatting. */
export type SiemRecord =
  | { kind: 'event'; id: string; time: Date; event: EventFacts }
  | { kind: 'alert'; id: string; time: Date; alert: AlertFacts }
  | { kind: 'audit'; id: string; time: Date; audit: AuditFacts }
  | { kind: 'test'; id: string; time: Date };

export interface EventFacts {
  deviceId: string;
  eventId: string;
  hostname: string | null;
  userId: string | null;
  app: string;
  host: string;
  surface: string;
  action: string;
  decision: string;
  accountType: string | null;
  dataTypes: { type: string; count: number }[];
  textLength: number | null;
}

export interface AlertFacts {
  alertId: string;
  kind: string;
  severity: 'low' | 'medium' | 'high';
  subject: string;
  windowStart: Date;
  windowEnd: Date;
  evidence: Record<string, unknown>;
}

export interface AuditFacts {
  seq: number;
  actor: string;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
  hash: string;
}

export interface OcsfEvent {
  class_uid: number;
  class_name: string;
  category_uid: number;
  category_name: string;
  activity_id: number;
  activity_name: string;
  type_uid: number;
  severity_id: number;
  time: number;
  metadata: { version: string; uid: string; product: { name: string; vendor_name: string; version: string }; log_name: string };
  [k: string]: unknown;
}

const CATEGORY: Record<number, string> = { 2: 'Findings', 3: 'Identity & Access Management', 6: 'Application Activity' };

/** OCSF disposition of each Daylight decision. */
const DISPOSITION: Record<string, [number, string]> = {
  allow: [1, 'Allowed'],
  sanctioned: [1, 'Allowed'],
  block: [2, 'Blocked'],
  redact: [11, 'Corrected'],
  warn: [19, 'Alert'],
  justify: [23, 'Challenge'],
  monitored: [17, 'Logged'],
};

/** Web Resources Activity activity of each Daylight action (the AI app is the web resource). */
const WEB_ACTIVITY: Record<string, [number, string]> = {
  visit: [2, 'Read'],
  paste: [1, 'Create'],
  submit: [1, 'Create'],
  clipboard: [1, 'Create'],
  drop: [6, 'Import'],
  upload: [6, 'Import'],
};

const ALERT_SEVERITY = { low: 2, medium: 3, high: 4 } as const;

function base(r: SiemRecord, classUid: number, className: string, activity: [number, string], severityId: number): OcsfEvent {
  const category = Math.floor(classUid / 1000);
  return {
    class_uid: classUid,
    class_name: className,
    category_uid: category,
    category_name: CATEGORY[category] ?? 'Other',
    activity_id: activity[0],
    activity_name: activity[1],
    type_uid: classUid * 100 + activity[0],
    severity_id: severityId,
    time: r.time.getTime(),
    metadata: {
      version: OCSF_VERSION,
      uid: r.id,
      product: { name: PRODUCT.name, vendor_name: PRODUCT.name, version: PRODUCT.version },
      log_name: r.kind,
    },
  };
}

function user(id: string | null): { uid: string; email_addr?: string } | undefined {
  if (!id) return undefined;
  return id.includes('@') ? { uid: id, email_addr: id } : { uid: id };
}

/** The OCSF class of a record, without building the event (syslog/CEF needs only this). */
export function ocsfClass(r: SiemRecord): { uid: number; name: string } {
  switch (r.kind) {
    case 'event':
      return r.event.dataTypes.length > 0 ? { uid: 2006, name: 'Data Security Finding' } : { uid: 6001, name: 'Web Resources Activity' };
    case 'alert':
      return { uid: 2004, name: 'Detection Finding' };
    case 'audit':
      return r.audit.action === 'admin.create' ? { uid: 3001, name: 'Account Change' } : { uid: 6003, name: 'API Activity' };
    case 'test':
      return { uid: 6003, name: 'API Activity' };
  }
}

/** The OCSF event of a record. */
export function toOcsf(r: SiemRecord): OcsfEvent {
  switch (r.kind) {
    case 'event': {
      const e = r.event;
      const [dispositionId, disposition] = DISPOSITION[e.decision] ?? [99, 'Other'];
      const actionId = e.decision === 'block' ? 2 : 1;
      const common = {
        action_id: actionId,
        action: actionId === 2 ? 'Denied' : 'Allowed',
        disposition_id: dispositionId,
        disposition,
        actor: { user: user(e.userId) },
        device: { uid: e.deviceId, hostname: e.hostname ?? undefined, type_id: 0 },
        web_resources: [{ name: e.app, uid: e.host, type: e.surface }],
        unmapped: {
          daylight: {
            app: e.app,
            host: e.host,
            surface: e.surface,
            action: e.action,
            decision: e.decision,
            account_type: e.accountType,
            text_length: e.textLength,
          },
        },
      };
      if (e.dataTypes.length > 0) {
        const title = `Sensitive data (${e.dataTypes.map((d) => d.type).join(', ')}) ${e.action} to ${e.app}`;
        return {
          ...base(r, 2006, 'Data Security Finding', [1, 'Create'], e.decision === 'block' ? 3 : 2),
          ...common,
          finding_info: { uid: r.id, title, types: e.dataTypes.map((d) => d.type) },
          data_security: {
            detection_system_id: 1,
            detection_system: 'Endpoint',
            data_lifecycle_state_id: 2,
            data_lifecycle_state: 'Data in Transit',
            category_id: 99,
            category: 'Other',
          },
          count: e.dataTypes.reduce((n, d) => n + d.count, 0),
        };
      }
      return {
        ...base(r, 6001, 'Web Resources Activity', WEB_ACTIVITY[e.action] ?? [99, 'Other'], e.decision === 'block' ? 2 : 1),
        ...common,
      };
    }
    case 'alert': {
      const a = r.alert;
      return {
        ...base(r, 2004, 'Detection Finding', [1, 'Create'], ALERT_SEVERITY[a.severity]),
        finding_info: { uid: a.alertId, title: alertTitle(a), types: [a.kind], desc: alertTitle(a) },
        start_time: a.windowStart.getTime(),
        end_time: a.windowEnd.getTime(),
        is_alert: true,
        status_id: 1,
        status: 'New',
        unmapped: { daylight: { kind: a.kind, subject: a.subject, evidence: a.evidence } },
      };
    }
    case 'audit': {
      const a = r.audit;
      const verb = a.action.split('.').pop() ?? '';
      const activity: [number, string] = /^(create|publish|sign_in|enroll)$/.test(verb)
        ? [1, 'Create']
        : /^(update|rotate|requeue)$/.test(verb)
          ? [3, 'Update']
          : /^(revoke|delete)$/.test(verb)
            ? [4, 'Delete']
            : [99, 'Other'];
      if (a.action === 'admin.create') {
        return {
          ...base(r, 3001, 'Account Change', [1, 'Create'], 1),
          actor: { user: { uid: a.actor } },
          user: { uid: a.target ?? undefined },
          unmapped: { daylight: { seq: a.seq, action: a.action, details: a.details, hash: a.hash } },
        };
      }
      return {
        ...base(r, 6003, 'API Activity', activity, 1),
        actor: { user: { uid: a.actor } },
        api: { operation: a.action, service: { name: PRODUCT.name } },
        resources: a.target ? [{ uid: a.target }] : [],
        unmapped: { daylight: { seq: a.seq, action: a.action, details: a.details, hash: a.hash } },
      };
    }
    case 'test':
      return { ...base(r, 6003, 'API Activity', [99, 'Other'], 1), api: { operation: 'siem.test', service: { name: PRODUCT.name } } };
  }
}

export function alertTitle(a: AlertFacts): string {
  return `${a.kind.replace(/_/g, ' ')}: ${a.subject}`;
}

/** A one-line name for CEF and logs. */
export function recordName(r: SiemRecord): string {
  switch (r.kind) {
    case 'event':
      return r.event.dataTypes.length > 0
        ? `Sensitive data ${r.event.action} (${r.event.decision})`
        : `AI app ${r.event.action} (${r.event.decision})`;
    case 'alert':
      return `Anomaly: ${alertTitle(r.alert)}`;
    case 'audit':
      return `Admin action ${r.audit.action}`;
    case 'test':
      return 'Daylight SIEM test record';
  }
}
