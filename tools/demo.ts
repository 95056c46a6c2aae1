/**
 * `npm run demo`: the server on embedded PGlite in a fresh demo data directory, seeded with a
 * realistic tenant (tools/demo-seed.ts), listening on http://localhost:PORT (default 8787). Prints
 * the owner's sign-in link. DEMO_DIR keeps the data somewhere else; DEMO_USERS sets the head count.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../server/src/app.ts';
import { KeyRing } from '../server/src/crypto.ts';
import { migrate } from '../server/src/db/migrate.ts';
import { openPglite } from '../server/src/db/pglite.ts';
import { createTenant } from '../server/src/services/tenants.ts';
import { seedDemo } from './demo-seed.ts';

const port = Number(process.env.PORT ?? 8787);
const dir = process.env.DEMO_DIR ?? mkdtempSync(join(tmpdir(), 'daylight-demo-'));
const users = Number(process.env.DEMO_USERS ?? 400);

const started = Date.now();
const db = await openPglite(dir);
await migrate(db);
const keys = KeyRing.random();
const tenant = await createTenant(db, keys, { name: 'Northwind (demo)', ownerEmail: 'owner@northwind.example' });
console.log(`Seeding a demo tenant in ${dir} ...`);
const s = await seedDemo(db, keys, tenant.tenantId, { users });
console.log(
  `Seeded ${s.users} users, ${s.devices} devices, ${s.events.toLocaleString('en')} events over 30 days, ${s.justifications} justifications ` +
    `(${((Date.now() - started) / 1000).toFixed(1)} s). Look for the spike of card numbers from ${s.anomalyUser}.`,
);
// Plain-http localhost: the session cookie goes without Secure (as INSECURE_DEV_COOKIES=true would).
const app = await buildApp({ db, keys, cookieSecure: false, logLevel: 'warn' });
await app.listen({ host: '127.0.0.1', port });
console.log(
  `\nDaylight demo on http://localhost:${port}\n  Sign in (one use, 24 h): http://localhost:${port}/sign-in#token=${tenant.signInToken}\n  Stop with Ctrl+C.`,
);
const stop = async () => {
  await app.close();
  await db.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
