/**
 * `npm run audit:verify [-- --tenant <id>]`: recomputes every tenant's audit hash chain straight
 * from the database the server is configured with (DATABASE_URL, else the PGlite store in
 * DATA_DIR; stop the server first, PGlite allows one process) and names the first broken link.
 * Exit code 0 = all chains intact, 1 = a chain is broken, 2 = could not check.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import type { Db } from '../db/db.ts';
import { openPglite } from '../db/pglite.ts';
import { openPostgres } from '../db/postgres.ts';
import { verifyAuditChain } from '../services/audit.ts';

/** Verifies one tenant or all; writes one line per tenant; answers the exit code. */
export async function runAuditVerify(db: Pick<Db, 'query'>, out: (line: string) => void, tenantId?: string): Promise<number> {
  // Operator tool: the one place besides bootstrap that lists tenants.
  const tenants = await db.query<{ tenant_id: string; name: string }>(
    tenantId ? 'SELECT tenant_id, name FROM tenants WHERE tenant_id = $1' : 'SELECT tenant_id, name FROM tenants ORDER BY tenant_id',
    tenantId ? [tenantId] : [],
  );
  if (tenantId && tenants.length === 0) {
    out(`no tenant ${tenantId}`);
    return 2;
  }
  let broken = 0;
  for (const t of tenants) {
    const r = await verifyAuditChain(db, t.tenant_id);
    if (r.ok) {
      out(`ok      tenant ${t.tenant_id} (${t.name}): ${r.records} records, head ${r.head}`);
    } else {
      broken++;
      out(`BROKEN  tenant ${t.tenant_id} (${t.name}): first broken link at record ${r.brokenAt.seq}: ${r.brokenAt.reason}`);
    }
  }
  out(broken === 0 ? `${tenants.length} audit chain(s) intact.` : `${broken} of ${tenants.length} audit chain(s) broken.`);
  return broken === 0 ? 0 : 1;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { tenant: { type: 'string' } } });
  const config = loadConfig();
  // Read-only: no migrations here, unlike the server's openDb.
  const db = config.storage.kind === 'postgres' ? await openPostgres(config.storage.url, 2) : await openPglite(config.storage.dataDir);
  try {
    return await runAuditVerify(db, (l) => console.log(l), values.tenant);
  } finally {
    await db.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error('audit:verify failed:', e instanceof Error ? e.message : e);
      process.exit(2);
    },
  );
}
