import { z } from 'zod';

/** Where an AI app is used: in a browser tab, a desktop application, or a command-line tool. */
export const Surface = z.enum(['browser', 'desktop', 'cli']);
export type Surface = z.infer<typeof Surface>;

export const AppCategory = z.enum([
  'chat',
  'coding',
  'search',
  'image',
  'video',
  'audio',
  'writing',
  'productivity',
  'agent',
  'local-model',
  'developer-platform',
  'other',
]);
export type AppCategory = z.infer<typeof AppCategory>;

/** One generative-AI application of the catalog. Data, not code: tenants may override entries. */
export const AiApp = z.object({
  /** Stable id, kebab-case, never reused. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  name: z.string().min(1),
  vendor: z.string().min(1),
  category: AppCategory,
  /** Registrable host names; a host matches when it equals one or is a subdomain of one. */
  domains: z.array(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/)).min(1),
  risk: z.enum(['low', 'medium', 'high']),
  /** Why the risk is what it is: training on inputs, retention, jurisdiction, account types. */
  notes: z.string(),
});
export type AiApp = z.infer<typeof AiApp>;
