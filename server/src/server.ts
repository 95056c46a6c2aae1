import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { KeyRing, loadMasterKey } from './crypto.ts';
import { openDb } from './db/open.ts';
import { bootstrap } from './services/tenants.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  const keys = new KeyRing(loadMasterKey({ masterKey: config.masterKey, keyFile: config.masterKeyFile }));
  const db = await openDb(config.storage);
  const first = await bootstrap(db, keys, config.bootstrap);
  const app = await buildApp({
    db,
    keys,
    logLevel: config.logLevel,
    rateLimits: config.rateLimits,
    cookieSecure: config.cookieSecure,
    rollout: { publicUrl: config.publicUrl, releasesDir: config.extensionReleasesDir },
    publicUrl: config.publicUrl,
  });
  const close = async (): Promise<void> => {
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void close());
  process.once('SIGTERM', () => void close());
  const address = await app.listen({ port: config.port, host: config.host });
  const where = config.storage.kind === 'pglite' ? `embedded PGlite in ${config.storage.dataDir}` : 'PostgreSQL (DATABASE_URL)';
  console.log(`Daylight server listening on ${address} (storage: ${where})`);
  if (first.created) {
    // Shown once: only hashes are stored, so these cannot be printed again.
    console.log(
      [
        '',
        `First start: created tenant "${config.bootstrap.name}" (${first.tenantId}) with owner ${config.bootstrap.ownerEmail}.`,
        `  Owner sign-in link (one use, 24 h): ${config.publicUrl}/sign-in#token=${first.signInToken}`,
        `  Enrollment token (MDM managed config): ${first.enrollmentToken}`,
        'Both are shown only now.',
        '',
      ].join('\n'),
    );
  }
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError) console.error(e.message);
  else console.error('Daylight server failed to start:', e instanceof Error ? e.message : e);
  process.exit(1);
});
