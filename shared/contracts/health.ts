import { z } from 'zod';

/** `GET /healthz`: liveness plus what is running, for load balancers and for humans. */
export const HealthResponse = z.object({
  status: z.literal('ok'),
  name: z.string(),
  version: z.string(),
  storage: z.enum(['pglite', 'postgres']),
});
export type HealthResponse = z.infer<typeof HealthResponse>;
