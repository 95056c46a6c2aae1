import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { HealthResponse } from '../../shared/contracts/health.ts';
import { PRODUCT } from '../../shared/version.ts';
import type { Db } from './db/db.ts';

export interface AppOptions {
  db: Db;
  logLevel?: string;
}

/**
 * Composes the server from plugins and routes. Tests call this and use `app.inject`;
 * `server.ts` is the only place that listens.
 */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: { level: opts.logLevel ?? 'silent' } }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.get('/healthz', { schema: { response: { 200: HealthResponse } } }, async () => ({
    status: 'ok' as const,
    name: PRODUCT.name,
    version: PRODUCT.version,
    storage: opts.db.kind,
  }));

  return app;
}
