/**
 * A realistic demo tenant: people in departments (in `directory_users`, as SCIM would fill it),
 * their browser extensions and desktop agents (with coverage heartbeats, some with gaps), 30 days
 * of AI use with sensitive-data findings and justifications, stored through the real ingest
 * (`ingestEvents`, so rollups match the events), and a few policy versions published by an admin.
 * Deterministic for a given seed, so tests can rely on what it makes.
 */
import { randomUUID } from 'node:crypto';
import type { ClientEvent } from '../shared/contracts/events.ts';
import { defaultPolicy, type PolicyDocument } from '../shared/policy/schema.ts';
import type { KeyRing } from '../server/src/crypto.ts';
import { mintCredential } from '../server/src/crypto.ts';
import type { Db } from '../server/src/db/db.ts';
import { ingestEvents } from '../server/src/services/ingest.ts';
import { appendAudit } from '../server/src/services/audit.ts';
import { publishPolicy } from '../server/src/services/policy.ts';
import { createEnrollmentToken } from '../server/src/services/tenants.ts';

export interface DemoOptions {
  users?: number;
  days?: number;
  /** Mean events per user per working day. */
  eventsPerUserDay?: number;
  seed?: number;
  now?: Date;
}

export interface DemoSummary {
  users: number;
  devices: number;
  events: number;
  justifications: number;
  /** The user whose sensitive pastes spike on one day (the anomaly to find). */
  anomalyUser: string;
}

const DEPARTMENTS = [
  { name: 'Engineering', share: 0.3, apps: ['github-copilot', 'chatgpt', 'claude', 'cursor', 'deepseek', 'perplexity', 'ollama'] },
  { name: 'Sales', share: 0.15, apps: ['chatgpt', 'copilot', 'gemini', 'perplexity', 'grammarly'] },
  { name: 'Marketing', share: 0.12, apps: ['chatgpt', 'midjourney', 'jasper', 'gemini', 'copy-ai'] },
  { name: 'Finance', share: 0.1, apps: ['chatgpt', 'copilot', 'claude'] },
  { name: 'Support', share: 0.13, apps: ['chatgpt', 'deepl', 'grammarly', 'character-ai'] },
  { name: 'HR', share: 0.06, apps: ['chatgpt', 'gemini', 'otter'] },
  { name: 'Legal', share: 0.05, apps: ['claude', 'harvey', 'chatgpt', 'deepl'] },
  { name: 'Product', share: 0.09, apps: ['claude', 'chatgpt', 'perplexity', 'gamma', 'notta'] },
];
const HOSTS: Record<string, string> = {
  chatgpt: 'chatgpt.com',
  claude: 'claude.ai',
  gemini: 'gemini.google.com',
  copilot: 'copilot.microsoft.com',
  'github-copilot': 'github.com',
  cursor: 'cursor.com',
  deepseek: 'chat.deepseek.com',
  perplexity: 'www.perplexity.ai',
  ollama: 'localhost',
  grammarly: 'app.grammarly.com',
  midjourney: 'www.midjourney.com',
  jasper: 'app.jasper.ai',
  'copy-ai': 'app.copy.ai',
  deepl: 'www.deepl.com',
  'character-ai': 'character.ai',
  otter: 'otter.ai',
  harvey: 'app.harvey.ai',
  gamma: 'gamma.app',
  notta: 'app.notta.ai',
  unknown: 'chat.some-new-ai.example',
};
const FIRST = [
  'Ana',
  'Ben',
  'Chen',
  'Dana',
  'Eli',
  'Fatima',
  'Gus',
  'Hana',
  'Ivan',
  'Jia',
  'Kofi',
  'Lena',
  'Marco',
  'Nina',
  'Omar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sam',
  'Tariq',
  'Uma',
  'Vik',
  'Wen',
  'Yara',
  'Zoe',
];
const LAST = [
  'Silva',
  'Novak',
  'Okafor',
  'Schmidt',
  'Tanaka',
  'Haddad',
  'Kowalski',
  'Moreau',
  'Rossi',
  'Nguyen',
  'Patel',
  'Garcia',
  'Larsen',
  'Kim',
  'Byrne',
  'Costa',
  'Ivanova',
  'Mensah',
  'Lindqvist',
  'Cohen',
];
const JUSTIFICATIONS = [
  'Customer asked for a summary of their own invoice, approved by my manager.',
  'Debugging a failed payment for ticket SUP-4821; the card is a test card.',
  'Translating the contract annex for the Lisbon office, client consented.',
  'Need to draft a reply to the customer with their account details.',
  'Analysing payroll anomalies for the quarterly close.',
  'Preparing the onboarding letter for a new hire.',
];

function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}

const hex64 = (r: ReturnType<typeof rng>) => Array.from({ length: 64 }, () => '0123456789abcdef'[r.int(16)]).join('');

/** The demo policy: work assistants sanctioned, companions blocked, card numbers justified, secrets blocked. */
export function demoPolicy(): PolicyDocument {
  const p = defaultPolicy();
  return {
    ...p,
    name: 'Northwind AI policy',
    apps: {
      defaultAction: 'monitored',
      rules: [
        { apps: ['copilot', 'github-copilot', 'claude'], action: 'sanctioned' },
        { categories: ['companion'], action: 'block' },
        { apps: ['deepseek'], action: 'warn' },
      ],
    },
  };
}

export async function seedDemo(db: Db, keys: KeyRing, tenantId: string, o: DemoOptions = {}): Promise<DemoSummary> {
  const r = rng(o.seed ?? 42);
  const nUsers = o.users ?? 400;
  const days = o.days ?? 30;
  const perDay = o.eventsPerUserDay ?? 6;
  const now = o.now ?? new Date();
  const [tok] = await db.query<{ token_id: string }>('SELECT token_id FROM enrollment_tokens WHERE tenant_id = $1 LIMIT 1', [tenantId]);
  const [owner] = await db.query<{ admin_id: string }>("SELECT admin_id FROM admins WHERE tenant_id = $1 AND role = 'owner' LIMIT 1", [
    tenantId,
  ]);

  // The admin team (invited by the owner) and an MDM enrollment token, audited as the routes do.
  const ownerActor = `admin:${owner!.admin_id}`;
  await db.transaction(async (tx) => {
    for (const [email, role] of [
      ['it-admin@northwind.example', 'admin'],
      ['security-analyst@northwind.example', 'analyst'],
      ['compliance@northwind.example', 'auditor'],
      ['team-lead@northwind.example', 'reviewer'],
    ] as const) {
      const adminId = randomUUID();
      await tx.query('INSERT INTO admins (tenant_id, admin_id, email, role) VALUES ($1, $2, $3, $4)', [tenantId, adminId, email, role]);
      await appendAudit(tx, tenantId, { actor: ownerActor, action: 'admin.create', target: `admin:${adminId}`, details: { role } });
    }
    const t = await createEnrollmentToken(tx, tenantId, 'Intune - all laptops', ownerActor);
    await appendAudit(tx, tenantId, {
      actor: ownerActor,
      action: 'enrollment_token.create',
      target: `enrollment_token:${t.id}`,
      details: { name: 'Intune - all laptops' },
    });
  });
  // Policy history: v2, the demo policy, published by the owner (audited like any publication).
  await db.transaction((tx) => publishPolicy(tx, keys, tenantId, demoPolicy(), ownerActor));

  // People and their directory entries.
  const users: { id: string; name: string; dept: (typeof DEPARTMENTS)[number]; heavy: number }[] = [];
  const dirRows: unknown[] = [];
  for (let i = 0; i < nUsers; i++) {
    const f = r.pick(FIRST);
    const l = r.pick(LAST);
    let x = r.next();
    let dept = DEPARTMENTS[0]!;
    for (const d of DEPARTMENTS) {
      if (x < d.share) {
        dept = d;
        break;
      }
      x -= d.share;
    }
    const id = `${f}.${l}${i}@northwind.example`.toLowerCase();
    users.push({ id, name: `${f} ${l}`, dept, heavy: 0.2 + r.next() * 1.8 });
    dirRows.push({
      user_id: id,
      display_name: `${f} ${l}`,
      department: dept.name,
      groups: [dept.name.toLowerCase(), ...(r.chance(0.1) ? ['managers'] : [])],
    });
  }
  await db.query(
    `INSERT INTO directory_users (tenant_id, user_id, display_name, department, groups)
     SELECT $1, x.user_id, x.display_name, x.department, ARRAY(SELECT jsonb_array_elements_text(x.groups))
       FROM jsonb_to_recordset($2::jsonb) AS x(user_id text, display_name text, department text, groups jsonb)`,
    [tenantId, JSON.stringify(dirRows)],
  );

  // Devices: a browser extension per person, a desktop agent for ~45%; heartbeats with some gaps.
  const devices: { id: string; user: (typeof users)[number]; agent: 'extension' | 'desktop' }[] = [];
  const devRows: unknown[] = [];
  const hbRows: unknown[] = [];
  const nowMs = now.getTime();
  for (const u of users) {
    const kinds: ('extension' | 'desktop')[] = r.chance(0.45) ? ['extension', 'desktop'] : ['extension'];
    for (const agent of kinds) {
      const id = randomUUID();
      devices.push({ id, user: u, agent });
      const os = r.pick(['macos', 'windows', 'windows', 'linux']);
      const host = `${u.dept.name.slice(0, 3).toLowerCase()}-${u.name.split(' ')[0]!.toLowerCase()}-${devices.length}`;
      const lastSeen = new Date(nowMs - (r.chance(0.05) ? 3 * 86_400_000 : r.int(6 * 3600_000)));
      devRows.push({
        device_id: id,
        credential_hash: mintCredential('dld', tenantId).hash,
        agent,
        agent_version: agent === 'extension' ? '0.1.0' : '0.1.0',
        os,
        os_version: os === 'macos' ? '15.1' : os === 'windows' ? '11 23H2' : '24.04',
        hostname: host,
        browser: agent === 'extension' ? r.pick(['chrome', 'chrome', 'edge', 'firefox']) : null,
        user_id: u.id,
        enrolled_at: new Date(nowMs - (days + 5) * 86_400_000).toISOString(),
        last_seen_at: lastSeen.toISOString(),
      });
      if (r.chance(0.03)) continue; // never sent a heartbeat
      const body =
        agent === 'extension'
          ? {
              at: lastSeen.toISOString(),
              surface: 'browser',
              versions: { product: '0.1.0', policyVersion: r.chance(0.9) ? 2 : 1 },
              extension: {
                browser: 'chrome',
                browserVersion: '131.0',
                profile: r.pick(['Work', 'Default', 'Profile 1']),
                incognitoAllowed: r.chance(0.3),
                adapters: ['chatgpt', 'claude', 'gemini', 'copilot'].map((a) => ({
                  id: a,
                  composerFound: !(a === 'gemini' && r.chance(0.08)),
                  sendHooked: true,
                  checkedAt: lastSeen.toISOString(),
                })),
                queue: { queued: r.int(3), dropped: r.chance(0.02) ? 12 : 0 },
              },
            }
          : {
              at: lastSeen.toISOString(),
              surface: 'desktop',
              versions: { product: '0.1.0', policyVersion: 2 },
              agent: {
                os: 'macos',
                clipboardGuard: !r.chance(0.05),
                browsers: [
                  { family: 'chrome', name: 'Google Chrome', profile: 'Work', extensionInstalled: true, extensionEnabled: true },
                  ...(r.chance(0.25)
                    ? [{ family: 'other', name: 'Brave', profile: 'Default', extensionInstalled: false, extensionEnabled: false }]
                    : []),
                  ...(r.chance(0.08)
                    ? [
                        {
                          family: 'firefox',
                          name: 'Firefox',
                          profile: 'default-release',
                          extensionInstalled: true,
                          extensionEnabled: false,
                        },
                      ]
                    : []),
                ],
                apps: u.dept.name === 'Engineering' ? [{ id: 'ollama', kind: 'server', running: r.chance(0.5) }] : [],
              },
            };
      hbRows.push({ device_id: id, at: lastSeen.toISOString(), body });
    }
  }
  await db.query(
    `INSERT INTO devices (tenant_id, device_id, credential_hash, enrollment_token_id, agent, agent_version, os, os_version, hostname, browser,
                          user_id, enrolled_at, last_seen_at)
     SELECT $1, x.device_id, x.credential_hash, $3, x.agent, x.agent_version, x.os, x.os_version, x.hostname, x.browser, x.user_id,
            x.enrolled_at, x.last_seen_at
       FROM jsonb_to_recordset($2::jsonb) AS x(device_id uuid, credential_hash text, agent text, agent_version text, os text, os_version text,
            hostname text, browser text, user_id text, enrolled_at timestamptz, last_seen_at timestamptz)`,
    [tenantId, JSON.stringify(devRows), tok!.token_id],
  );
  await db.query(
    `INSERT INTO device_heartbeats (tenant_id, device_id, at, received_at, body)
     SELECT $1, x.device_id, x.at, x.at, x.body FROM jsonb_to_recordset($2::jsonb) AS x(device_id uuid, at timestamptz, body jsonb)`,
    [tenantId, JSON.stringify(hbRows)],
  );
  await db.transaction(async (tx) => {
    for (const d of devices) {
      await appendAudit(tx, tenantId, {
        actor: `enrollment:${tok!.token_id}`,
        action: 'device.enroll',
        target: `device:${d.id}`,
        details: { agent: d.agent, os: 'managed' },
      });
    }
  });

  // 30 days of events, per device, through the real ingest.
  const policy = demoPolicy();
  const sanctioned = new Set(policy.apps.rules[0]!.apps);
  const anomaly = users.find((u) => u.dept.name === 'Finance') ?? users[0]!;
  const anomalyDay = 3;
  let total = 0;
  let justified = 0;
  let seq = 0;
  for (const d of devices) {
    const events: ClientEvent[] = [];
    for (let day = days - 1; day >= 0; day--) {
      const date = new Date(nowMs - day * 86_400_000);
      const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
      const n = Math.round(
        (weekend ? 0.15 : 1) *
          perDay *
          d.user.heavy *
          (0.5 + r.next()) *
          (d.agent === 'desktop' ? 0.3 : 1) *
          (1 + (days - day) / (2 * days)),
      );
      const burst = d.user === anomaly && day === anomalyDay && d.agent === 'extension' ? 60 : 0;
      for (let k = 0; k < n + burst; k++) {
        const app = k >= n ? 'chatgpt' : r.chance(0.004) ? 'unknown' : r.pick(d.user.dept.apps.filter((a) => a in HOSTS));
        const at = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), 7 + r.int(11), r.int(60), r.int(60)));
        if (at.getTime() > nowMs) continue;
        const id = `demo${(++seq).toString(36).padStart(8, '0')}`;
        const surface = d.agent === 'desktop' ? 'desktop' : 'browser';
        const appStatus = sanctioned.has(app) ? 'sanctioned' : app === 'character-ai' ? 'block' : app === 'deepseek' ? 'warn' : 'monitored';
        if (r.chance(0.35) || appStatus === 'block') {
          events.push({ id, at: at.toISOString(), app, host: HOSTS[app]!, surface, action: 'visit', decision: appStatus, dataTypes: [] });
          continue;
        }
        const action = d.agent === 'desktop' ? 'clipboard' : r.pick(['paste', 'paste', 'submit', 'upload', 'drop'] as const);
        let dataTypes: { type: string; count: number }[] = [];
        let decision: ClientEvent['decision'] = 'allow';
        let justification: string | undefined;
        const x = k >= n ? 0.1 : r.next();
        if (x < 0.025) {
          dataTypes = [{ type: r.pick(['aws_access_key', 'github_token', 'password', 'private_key', 'openai_key']), count: 1 }];
          decision = 'block';
        } else if (x < 0.06 || k >= n) {
          dataTypes = [{ type: r.pick(['credit_card', 'iban', 'us_ssn']), count: k >= n ? 20 + r.int(40) : 1 + r.int(3) }];
          decision = 'justify';
          if (r.chance(0.6)) {
            justification = r.pick(JUSTIFICATIONS);
            justified++;
          } else decision = 'block';
        } else if (x < 0.12) {
          dataTypes = [{ type: 'email', count: 5 + r.int(20) }, ...(r.chance(0.4) ? [{ type: 'phone', count: 1 + r.int(5) }] : [])];
          decision = r.chance(0.5) ? 'warn' : 'redact';
        } else if (x < 0.14) {
          dataTypes = [{ type: 'email', count: 1 + r.int(3) }];
          decision = 'allow';
        }
        events.push({
          id,
          at: at.toISOString(),
          app,
          host: HOSTS[app]!,
          surface,
          action,
          decision,
          accountType: r.chance(0.7) ? 'corporate' : 'personal',
          dataTypes: dataTypes as ClientEvent['dataTypes'],
          textLength: 40 + r.int(4000),
          ...(dataTypes.length ? { valueHashes: dataTypes.slice(0, 1).map(() => hex64(r)) } : {}),
          ...(justification ? { justification } : {}),
        });
      }
    }
    for (let i = 0; i < events.length; i += 2000) total += await ingestEvents(db, tenantId, d.id, d.user.id, events.slice(i, i + 2000));
  }
  return { users: users.length, devices: devices.length, events: total, justifications: justified, anomalyUser: anomaly.id };
}
