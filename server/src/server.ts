import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openDb } from './db/open.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  const db = await openDb(config.storage);
  const app = await buildApp({ db, logLevel: config.logLevel });
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
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError) console.error(e.message);
  else console.error('Daylight server failed to start:', e instanceof Error ? e.message : e);
  process.exit(1);
});
