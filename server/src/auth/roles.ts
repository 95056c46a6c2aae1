import type { Role } from '../../../shared/contracts/admin.ts';

/**
 * Who may call each route, in one place. The auth hook (`plugin.ts`) enforces it, the server
 * refuses to start with a route missing from it (fail closed), and the integration table test
 * (`test/integration/roles.test.ts`) sends every role to every route.
 *
 * - `public`: no credential (health, docs, sign-in by one-time token)
 * - `enrollment`: a tenant enrollment token (`dle_`)
 * - `device`: a device credential (`dld_`)
 * - `admin`: an admin session (`dls_`) or API token (`dlt_`) whose role is listed
 * - `scim`: a SCIM provisioning token (`dlp_`)
 */
export type RouteAccess =
  { auth: 'public' } | { auth: 'enrollment' } | { auth: 'device' } | { auth: 'scim' } | { auth: 'admin'; roles: readonly Role[] };

const ALL: readonly Role[] = ['owner', 'admin', 'analyst', 'reviewer', 'auditor'];
/** Reports: analysts, and the admins who run the deployment. */
const REPORTS: readonly Role[] = ['owner', 'admin', 'analyst'];

export const ROUTES = {
  'GET /healthz': { auth: 'public' },
  'GET /openapi.json': { auth: 'public' },
  'POST /v1/auth/sign-in': { auth: 'public' },
  'GET /v1/auth/oidc/:tenant/start': { auth: 'public' },
  'GET /v1/auth/oidc/callback': { auth: 'public' },

  'POST /v1/auth/sign-out': { auth: 'admin', roles: ALL },
  'GET /v1/tenant': { auth: 'admin', roles: ALL },
  'GET /v1/admins': { auth: 'admin', roles: ['owner', 'admin', 'auditor'] },
  'POST /v1/admins': { auth: 'admin', roles: ['owner'] },
  'GET /v1/tokens': { auth: 'admin', roles: ['owner', 'auditor'] },
  'POST /v1/tokens': { auth: 'admin', roles: ['owner'] },
  'DELETE /v1/tokens/:id': { auth: 'admin', roles: ['owner'] },
  'GET /v1/enrollment-tokens': { auth: 'admin', roles: ['owner', 'admin', 'auditor'] },
  'POST /v1/enrollment-tokens': { auth: 'admin', roles: ['owner', 'admin'] },
  'DELETE /v1/enrollment-tokens/:id': { auth: 'admin', roles: ['owner', 'admin'] },
  'GET /v1/devices': { auth: 'admin', roles: ['owner', 'admin', 'analyst', 'auditor'] },
  'GET /v1/devices/:id': { auth: 'admin', roles: ['owner', 'admin', 'analyst', 'auditor'] },
  'DELETE /v1/devices/:id': { auth: 'admin', roles: ['owner', 'admin'] },
  'GET /v1/policies': { auth: 'admin', roles: ['owner', 'admin', 'analyst', 'auditor'] },
  'GET /v1/policies/:version': { auth: 'admin', roles: ['owner', 'admin', 'analyst', 'auditor'] },
  'POST /v1/policies': { auth: 'admin', roles: ['owner', 'admin'] },
  'GET /v1/audit': { auth: 'admin', roles: ['owner', 'auditor'] },
  'GET /v1/audit/verify': { auth: 'admin', roles: ['owner', 'auditor'] },
  'GET /v1/reports/usage/apps': { auth: 'admin', roles: REPORTS },
  'GET /v1/reports/usage/users': { auth: 'admin', roles: REPORTS },
  'GET /v1/reports/usage/groups': { auth: 'admin', roles: REPORTS },
  'GET /v1/reports/usage/days': { auth: 'admin', roles: REPORTS },
  'GET /v1/reports/data': { auth: 'admin', roles: REPORTS },
  'GET /v1/reports/top-users': { auth: 'admin', roles: REPORTS },
  'GET /v1/reports/top-apps': { auth: 'admin', roles: REPORTS },
  'GET /v1/reports/justifications': { auth: 'admin', roles: [...REPORTS, 'reviewer'] },
  'GET /v1/rollout': { auth: 'admin', roles: ['owner', 'admin'] },
  'PUT /v1/rollout': { auth: 'admin', roles: ['owner', 'admin'] },
  'GET /v1/rollout/files/:name': { auth: 'admin', roles: ['owner', 'admin'] },
  // Self-hosted extension distribution: browsers fetch these without credentials.
  'GET /extension/update.xml': { auth: 'public' },
  'GET /extension/:file': { auth: 'public' },

  'GET /v1/auth/session': { auth: 'admin', roles: ALL },
  'GET /v1/sso/oidc': { auth: 'admin', roles: ['owner', 'admin', 'auditor'] },
  'PUT /v1/sso/oidc': { auth: 'admin', roles: ['owner'] },
  'GET /v1/justifications': { auth: 'admin', roles: ['owner', 'admin', 'analyst', 'reviewer'] },
  'POST /v1/justifications/:id/approve': { auth: 'admin', roles: ['owner', 'admin', 'reviewer'] },
  'POST /v1/justifications/:id/deny': { auth: 'admin', roles: ['owner', 'admin', 'reviewer'] },
  'GET /v1/exceptions': { auth: 'admin', roles: ['owner', 'admin', 'analyst', 'reviewer', 'auditor'] },
  'DELETE /v1/exceptions/:id': { auth: 'admin', roles: ['owner', 'admin', 'reviewer'] },
  'GET /v1/siem/destinations': { auth: 'admin', roles: ['owner', 'admin', 'auditor'] },
  'POST /v1/siem/destinations': { auth: 'admin', roles: ['owner', 'admin'] },
  'GET /v1/siem/destinations/:id': { auth: 'admin', roles: ['owner', 'admin', 'auditor'] },
  'PATCH /v1/siem/destinations/:id': { auth: 'admin', roles: ['owner', 'admin'] },
  'DELETE /v1/siem/destinations/:id': { auth: 'admin', roles: ['owner', 'admin'] },
  'POST /v1/siem/destinations/:id/test': { auth: 'admin', roles: ['owner', 'admin'] },
  'GET /v1/siem/destinations/:id/dead-letters': { auth: 'admin', roles: ['owner', 'admin', 'auditor'] },
  'POST /v1/siem/destinations/:id/requeue': { auth: 'admin', roles: ['owner', 'admin'] },
  'GET /v1/alerts': { auth: 'admin', roles: REPORTS },
  'GET /v1/reports/alerts': { auth: 'admin', roles: REPORTS },
  'GET /v1/auth/me': { auth: 'admin', roles: ALL },
  'GET /v1/reports/apps-seen': { auth: 'admin', roles: REPORTS },
  'GET /v1/reports/events': { auth: 'admin', roles: REPORTS },
  'GET /': { auth: 'public' },
  'GET /sign-in': { auth: 'public' },

  'POST /v1/enroll': { auth: 'enrollment' },
  'POST /v1/device/rotate': { auth: 'device' },
  'POST /v1/device/heartbeat': { auth: 'device' },
  'GET /v1/policy': { auth: 'device' },
  'POST /v1/events': { auth: 'device' },
  'GET /v1/device/notices': { auth: 'device' },
  'GET /v1/device/directory': { auth: 'device' },

  'GET /v1/scim-tokens': { auth: 'admin', roles: ['owner', 'auditor'] },
  'POST /v1/scim-tokens': { auth: 'admin', roles: ['owner'] },
  'DELETE /v1/scim-tokens/:id': { auth: 'admin', roles: ['owner'] },
  'GET /scim/v2/ServiceProviderConfig': { auth: 'scim' },
  'GET /scim/v2/ResourceTypes': { auth: 'scim' },
  'GET /scim/v2/Schemas': { auth: 'scim' },
  'GET /scim/v2/Users': { auth: 'scim' },
  'POST /scim/v2/Users': { auth: 'scim' },
  'GET /scim/v2/Users/:id': { auth: 'scim' },
  'PUT /scim/v2/Users/:id': { auth: 'scim' },
  'PATCH /scim/v2/Users/:id': { auth: 'scim' },
  'DELETE /scim/v2/Users/:id': { auth: 'scim' },
  'GET /scim/v2/Groups': { auth: 'scim' },
  'POST /scim/v2/Groups': { auth: 'scim' },
  'GET /scim/v2/Groups/:id': { auth: 'scim' },
  'PUT /scim/v2/Groups/:id': { auth: 'scim' },
  'PATCH /scim/v2/Groups/:id': { auth: 'scim' },
  'DELETE /scim/v2/Groups/:id': { auth: 'scim' },
} as const satisfies Record<string, RouteAccess>;

export type RouteKey = keyof typeof ROUTES;

/** Routes under these prefixes are public static pages (the API docs UI, the dashboard's pages and assets). */
export const PUBLIC_PREFIXES = ['/docs', '/app', '/assets'] as const;

/** The access rule of a registered route; HEAD shares its GET's rule. Undefined = not in the table. */
export function accessFor(method: string, url: string): RouteAccess | undefined {
  if (PUBLIC_PREFIXES.some((p) => url === p || url.startsWith(`${p}/`))) return { auth: 'public' };
  // CORS preflights (answered by @fastify/cors for extension origins only) never carry credentials.
  if (method === 'OPTIONS' && url === '*') return { auth: 'public' };
  const m = method === 'HEAD' ? 'GET' : method;
  return (ROUTES as Record<string, RouteAccess>)[`${m} ${url}`];
}
