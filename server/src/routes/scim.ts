import { randomUUID } from 'node:crypto';
import type { FastifyError } from 'fastify';
import { hasZodFastifySchemaValidationErrors, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse } from '../../../shared/contracts/errors.ts';
import { IdParams } from '../../../shared/contracts/admin.ts';
import {
  CreateScimTokenRequest,
  CreateScimTokenResponse,
  SCIM_ERROR,
  SCIM_LIST,
  ScimError,
  ScimGroupInput,
  ScimIdParams,
  ScimListQuery,
  ScimListResponse,
  ScimPatchRequest,
  ScimResource,
  ScimTokenInfo,
  ScimTokenList,
  ScimUserInput,
} from '../../../shared/contracts/scim.ts';
import type { RouteContext, ZApp } from '../app.ts';
import { adminOf, scimOf } from '../auth/plugin.ts';
import { mintCredential } from '../crypto.ts';
import type { Db } from '../db/db.ts';
import { ApiError, notFound } from '../errors.ts';
import { appendAudit, audited, lockTenant } from '../services/audit.ts';
import {
  applyPatch,
  CORE_GROUP,
  CORE_USER,
  ENTERPRISE_USER,
  parseFilterEq,
  ScimPatchError,
  scimBool,
  type PatchOp,
} from '../services/scim-patch.ts';
import { pseudonymAad } from '../services/tenants.ts';
import { pseudonymize } from './device.ts';
import { AUTH_ERRORS, iso, isUniqueViolation, SECURITY } from './util.ts';

type Tx = Pick<Db, 'query'>;
type Obj = Record<string, unknown>;

const SCIM_TYPE = 'application/scim+json; charset=utf-8';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A client error in SCIM's terms (RFC 7644 3.12). */
class ScimApiError extends ApiError {
  constructor(
    status: number,
    readonly scimType: string | undefined,
    message: string,
  ) {
    super(status, status === 404 ? 'not_found' : status === 409 ? 'conflict' : 'bad_request', message);
  }
}
const scimNotFound = (what: string) => new ScimApiError(404, undefined, `${what} not found.`);

type UserRow = {
  scim_id: string;
  user_name: string;
  active: boolean;
  resource: Obj | string | null;
  created_at: Date;
  updated_at: Date;
};
type GroupRow = { group_id: string; display_name: string; external_id: string | null; created_at: Date; updated_at: Date };

const json = (v: Obj | string | null): Obj => (typeof v === 'string' ? (JSON.parse(v) as Obj) : (v ?? {}));
const keyOf = (o: Obj, name: string) => Object.keys(o).find((k) => k.toLowerCase() === name.toLowerCase());
const get = (o: Obj, name: string): unknown => {
  const k = keyOf(o, name);
  return k === undefined ? undefined : o[k];
};

/** Columns Daylight uses, read from a SCIM user resource. */
function userFields(r: Obj) {
  const userName = get(r, 'userName');
  if (typeof userName !== 'string' || !userName.trim() || userName.length > 320)
    throw new ScimApiError(400, 'invalidValue', 'userName is required (a string of at most 320 characters).');
  const activeRaw = get(r, 'active');
  const active = activeRaw === undefined ? true : scimBool(activeRaw);
  if (active === undefined) throw new ScimApiError(400, 'invalidValue', 'active must be a boolean.');
  const name = get(r, 'name');
  const n = typeof name === 'object' && name !== null ? (name as Obj) : {};
  const given = get(n, 'givenName');
  const family = get(n, 'familyName');
  const displayName =
    [get(r, 'displayName'), get(n, 'formatted'), [given, family].filter((x) => typeof x === 'string').join(' ')].find(
      (x): x is string => typeof x === 'string' && x.trim() !== '',
    ) ?? null;
  const ext = get(r, ENTERPRISE_USER);
  const department = typeof ext === 'object' && ext !== null ? get(ext as Obj, 'department') : undefined;
  const externalId = get(r, 'externalId');
  const emails = get(r, 'emails');
  const addresses = Array.isArray(emails)
    ? emails
        .map((e) => (typeof e === 'object' && e !== null ? get(e as Obj, 'value') : undefined))
        .filter((v): v is string => typeof v === 'string')
    : [];
  return {
    userName: userName.trim(),
    active,
    displayName: displayName?.slice(0, 256) ?? null,
    department: typeof department === 'string' ? department.slice(0, 256) : null,
    externalId: typeof externalId === 'string' ? externalId : null,
    identities: [...new Set([userName.trim(), ...addresses].map((s) => s.toLowerCase()))],
  };
}

/** The resource as stored: what the IdP sent, without server-owned attributes and never a password. */
function storable(r: Obj): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(r)) if (!['id', 'meta', 'groups', 'password', 'schemas'].includes(k.toLowerCase())) out[k] = v;
  return out;
}

/** Sign-in consequences of (de)activation: sessions revoked and the admin disabled, or re-enabled. */
async function applyActive(tx: Tx, tenantId: string, identities: string[], active: boolean): Promise<void> {
  if (!active) {
    await tx.query(
      `UPDATE sessions s SET revoked_at = now() FROM admins a
        WHERE a.tenant_id = $1 AND a.email = ANY($2::text[]) AND s.tenant_id = a.tenant_id AND s.admin_id = a.admin_id
          AND s.revoked_at IS NULL`,
      [tenantId, identities],
    );
    await tx.query('UPDATE admins SET disabled_at = coalesce(disabled_at, now()) WHERE tenant_id = $1 AND email = ANY($2::text[])', [
      tenantId,
      identities,
    ]);
  } else {
    await tx.query('UPDATE admins SET disabled_at = NULL WHERE tenant_id = $1 AND email = ANY($2::text[])', [tenantId, identities]);
  }
}

/** Keeps directory_users.groups (group display names, for reports and policy) in step with membership. */
async function refreshUserGroups(tx: Tx, tenantId: string, userIds: string[]): Promise<void> {
  if (!userIds.length) return;
  await tx.query(
    `UPDATE directory_users u SET updated_at = now(), groups = coalesce((
        SELECT array_agg(g.display_name ORDER BY g.display_name) FROM directory_group_members m
          JOIN directory_groups g ON g.tenant_id = m.tenant_id AND g.group_id = m.group_id
         WHERE m.tenant_id = u.tenant_id AND m.user_scim_id = u.scim_id), '{}')
      WHERE u.tenant_id = $1 AND u.scim_id = ANY($2::uuid[])`,
    [tenantId, userIds],
  );
}

/** SCIM 2.0 provisioning at /scim/v2 (SCIM bearer tokens) and its tokens (owner). */
export function scimRoutes(app: ZApp, { db, keys, publicUrl }: RouteContext): void {
  const base = `${publicUrl}/scim/v2`;

  // ---- Provisioning tokens (admin API) ----
  type TokenRow = { token_id: string; name: string; created_at: Date; last_used_at: Date | null; revoked_at: Date | null };
  const tokenInfo = (r: TokenRow): z.infer<typeof ScimTokenInfo> => ({
    id: r.token_id,
    name: r.name,
    createdAt: iso(r.created_at),
    lastUsedAt: iso(r.last_used_at),
    revokedAt: iso(r.revoked_at),
  });
  app.get(
    '/v1/scim-tokens',
    { schema: { tags: ['scim'], security: SECURITY, response: { 200: ScimTokenList, ...AUTH_ERRORS } } },
    async (req) => {
      const { tenantId } = adminOf(req);
      const rows = await db.query<TokenRow>(
        'SELECT token_id, name, created_at, last_used_at, revoked_at FROM scim_tokens WHERE tenant_id = $1 ORDER BY created_at, token_id',
        [tenantId],
      );
      return { tokens: rows.map(tokenInfo) };
    },
  );
  app.post(
    '/v1/scim-tokens',
    {
      schema: {
        tags: ['scim'],
        summary: "Create a SCIM provisioning token for the IdP's connector; shown once",
        security: SECURITY,
        body: CreateScimTokenRequest,
        response: { 201: CreateScimTokenResponse, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => {
      const { tenantId, actor } = adminOf(req);
      const id = randomUUID();
      const t = mintCredential('dlp', tenantId);
      const row = await audited(db, tenantId, async (tx) => {
        const [r] = await tx.query<TokenRow>(
          `INSERT INTO scim_tokens (tenant_id, token_id, name, token_hash, created_by) VALUES ($1, $2, $3, $4, $5)
           RETURNING token_id, name, created_at, last_used_at, revoked_at`,
          [tenantId, id, req.body.name, t.hash, actor],
        );
        return { result: r!, audit: { actor, action: 'scim_token.create', target: `scim_token:${id}`, details: { name: req.body.name } } };
      });
      reply.header('cache-control', 'no-store');
      return reply.code(201).send({ ...tokenInfo(row), token: t.token, baseUrl: base });
    },
  );
  app.delete(
    '/v1/scim-tokens/:id',
    {
      schema: {
        tags: ['scim'],
        summary: 'Revoke a SCIM provisioning token',
        security: SECURITY,
        params: IdParams,
        response: { 200: ScimTokenInfo, 404: ErrorResponse, ...AUTH_ERRORS },
      },
    },
    async (req) => {
      const { tenantId, actor } = adminOf(req);
      const row = await audited(db, tenantId, async (tx) => {
        const [r] = await tx.query<TokenRow>(
          `UPDATE scim_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE tenant_id = $1 AND token_id = $2
           RETURNING token_id, name, created_at, last_used_at, revoked_at`,
          [tenantId, req.params.id],
        );
        if (!r) throw notFound('SCIM token');
        return { result: r, audit: { actor, action: 'scim_token.revoke', target: `scim_token:${r.token_id}` } };
      });
      return tokenInfo(row);
    },
  );

  // ---- SCIM protocol, in its own scope: SCIM content type and SCIM error format ----
  void app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    // SCIM bodies come as application/scim+json (or json); an empty body (a DELETE that still
    // names a content type) is no body, not an error.
    const parseJson = scope.getDefaultJsonParser('error', 'error');
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser(['application/json', 'application/scim+json'], { parseAs: 'string' }, (req, body, done) =>
      body === '' ? done(null, undefined) : parseJson(req, String(body), done),
    );
    scope.setErrorHandler((err: FastifyError | ApiError | ScimPatchError, req, reply) => {
      let status = 500;
      let scimType: string | undefined;
      let detail = 'Internal server error.';
      if (err instanceof ScimPatchError) [status, scimType, detail] = [400, err.scimType, err.message];
      else if (err instanceof ApiError) {
        [status, detail] = [err.statusCode, err.message];
        scimType = err instanceof ScimApiError ? err.scimType : undefined;
        void reply.headers(err.headers);
      } else if (hasZodFastifySchemaValidationErrors(err)) {
        status = 400;
        scimType = 'invalidValue';
        detail = `Invalid ${err.validationContext ?? 'request'}: ${err.validation
          .slice(0, 5)
          .map((v) => `${v.instancePath.replace(/^\//, '').replace(/\//g, '.') || '(root)'}: ${v.message}`)
          .join('; ')}`;
      } else if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
        status = err.statusCode;
        scimType = status === 400 ? 'invalidSyntax' : undefined;
        detail = err.message.slice(0, 500);
      } else req.log.error({ err }, 'SCIM request failed');
      return reply
        .code(status)
        .type(SCIM_TYPE)
        .send({ schemas: [SCIM_ERROR], status: String(status), ...(scimType ? { scimType } : {}), detail });
    });

    const errors = { 400: ScimError, 401: ScimError, 403: ScimError, 404: ScimError, 409: ScimError };
    const common = { tags: ['scim'], security: SECURITY };
    const meta = (type: 'User' | 'Group', id: string, created: Date, updated: Date) => ({
      resourceType: type,
      created: iso(created),
      lastModified: iso(updated),
      location: `${base}/${type}s/${id}`,
      version: `W/"${new Date(updated).getTime()}"`,
    });

    async function userOut(tx: Tx, tenantId: string, r: UserRow): Promise<Obj> {
      const groups = await tx.query<{ group_id: string; display_name: string }>(
        `SELECT g.group_id, g.display_name FROM directory_group_members m
           JOIN directory_groups g ON g.tenant_id = m.tenant_id AND g.group_id = m.group_id
          WHERE m.tenant_id = $1 AND m.user_scim_id = $2 ORDER BY g.display_name`,
        [tenantId, r.scim_id],
      );
      const res = json(r.resource);
      return {
        schemas: get(res, ENTERPRISE_USER) !== undefined ? [CORE_USER, ENTERPRISE_USER] : [CORE_USER],
        id: r.scim_id,
        ...res,
        userName: r.user_name,
        active: r.active,
        groups: groups.map((g) => ({ value: g.group_id, display: g.display_name, $ref: `${base}/Groups/${g.group_id}` })),
        meta: meta('User', r.scim_id, r.created_at, r.updated_at),
      };
    }

    /** The answer and audit record of a user replaced or patched: a deactivation says so. */
    async function userUpdated(tx: Tx, tenantId: string, before: UserRow, row: UserRow) {
      return {
        result: await userOut(tx, tenantId, row),
        action: before.active && !row.active ? 'scim.user.deactivate' : 'scim.user.update',
        target: `scim_user:${row.scim_id}`,
        details: { active: row.active },
      };
    }

    async function groupOut(tx: Tx, tenantId: string, g: GroupRow, withMembers = true): Promise<Obj> {
      const members = withMembers
        ? await tx.query<{ user_scim_id: string; user_name: string | null }>(
            `SELECT m.user_scim_id, u.user_name FROM directory_group_members m
               LEFT JOIN directory_users u ON u.tenant_id = m.tenant_id AND u.scim_id = m.user_scim_id
              WHERE m.tenant_id = $1 AND m.group_id = $2 ORDER BY m.user_scim_id`,
            [tenantId, g.group_id],
          )
        : [];
      return {
        schemas: [CORE_GROUP],
        id: g.group_id,
        displayName: g.display_name,
        ...(g.external_id ? { externalId: g.external_id } : {}),
        ...(withMembers
          ? {
              members: members.map((m) => ({
                value: m.user_scim_id,
                ...(m.user_name ? { display: m.user_name } : {}),
                $ref: `${base}/Users/${m.user_scim_id}`,
              })),
            }
          : {}),
        meta: meta('Group', g.group_id, g.created_at, g.updated_at),
      };
    }

    const USER_COLS = 'scim_id, user_name, active, resource, created_at, updated_at';
    const GROUP_COLS = 'group_id, display_name, external_id, created_at, updated_at';

    async function findUser(tx: Tx, tenantId: string, id: string, lock = false): Promise<UserRow> {
      if (!UUID.test(id)) throw scimNotFound('User');
      const [r] = await tx.query<UserRow>(
        `SELECT ${USER_COLS} FROM directory_users WHERE tenant_id = $1 AND scim_id = $2${lock ? ' FOR UPDATE' : ''}`,
        [tenantId, id],
      );
      if (!r) throw scimNotFound('User');
      return r;
    }
    async function findGroup(tx: Tx, tenantId: string, id: string, lock = false): Promise<GroupRow> {
      if (!UUID.test(id)) throw scimNotFound('Group');
      const [g] = await tx.query<GroupRow>(
        `SELECT ${GROUP_COLS} FROM directory_groups WHERE tenant_id = $1 AND group_id = $2${lock ? ' FOR UPDATE' : ''}`,
        [tenantId, id],
      );
      if (!g) throw scimNotFound('Group');
      return g;
    }

    /** The user id events carry for this userName: lower case, or the tenant's pseudonym of it. */
    async function eventUserId(tx: Tx, tenantId: string, userName: string): Promise<string> {
      const [t] = await tx.query<{ pseudonym_key_sealed: string; pseudonymize: boolean | null }>(
        `SELECT t.pseudonym_key_sealed,
                (SELECT p.pseudonymize_users FROM policies p WHERE p.tenant_id = t.tenant_id ORDER BY p.version DESC LIMIT 1) AS pseudonymize
           FROM tenants t WHERE t.tenant_id = $1`,
        [tenantId],
      );
      return t?.pseudonymize ? pseudonymize(keys.open(t.pseudonym_key_sealed, pseudonymAad(tenantId)), userName) : userName.toLowerCase();
    }

    /** Writes a user (create when `id` is null); answers the row. 409 when the userName is taken. */
    async function saveUser(tx: Tx, tenantId: string, id: string | null, resource: Obj, wasActive: boolean | null): Promise<UserRow> {
      const f = userFields(resource);
      const userId = await eventUserId(tx, tenantId, f.userName);
      const stored = JSON.stringify(storable(resource));
      let row: UserRow | undefined;
      try {
        if (id === null) {
          [row] = await tx.query<UserRow>(
            `INSERT INTO directory_users (tenant_id, user_id, scim_id, user_name, external_id, display_name, department, active, resource, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, now())
             ON CONFLICT (tenant_id, user_id) DO UPDATE SET scim_id = excluded.scim_id, user_name = excluded.user_name,
               external_id = excluded.external_id, display_name = excluded.display_name, department = excluded.department,
               active = excluded.active, resource = excluded.resource, updated_at = now()
               WHERE directory_users.scim_id IS NULL
             RETURNING ${USER_COLS}`,
            [tenantId, userId, randomUUID(), f.userName, f.externalId, f.displayName, f.department, f.active, stored],
          );
        } else {
          [row] = await tx.query<UserRow>(
            `UPDATE directory_users SET user_id = $3, user_name = $4, external_id = $5, display_name = $6, department = $7, active = $8,
                    resource = $9::jsonb, updated_at = now()
              WHERE tenant_id = $1 AND scim_id = $2 RETURNING ${USER_COLS}`,
            [tenantId, id, userId, f.userName, f.externalId, f.displayName, f.department, f.active, stored],
          );
        }
      } catch (e) {
        if (isUniqueViolation(e)) throw new ScimApiError(409, 'uniqueness', 'A user with this userName exists.');
        throw e;
      }
      if (!row) throw new ScimApiError(409, 'uniqueness', 'A user with this userName exists.');
      if (wasActive === null ? !f.active : wasActive !== f.active) await applyActive(tx, tenantId, f.identities, f.active);
      return row;
    }

    /** Runs a SCIM write under the tenant lock and appends it to the audit chain. */
    async function write<R>(
      tenantId: string,
      actor: string,
      fn: (tx: Tx) => Promise<{ result: R; action: string; target: string; details?: Obj }>,
    ) {
      return db.transaction(async (tx) => {
        await lockTenant(tx, tenantId);
        const out = await fn(tx);
        await appendAudit(tx, tenantId, { actor, action: out.action, target: out.target, details: out.details ?? {} });
        return out.result;
      });
    }

    function filterOf(q: { filter?: string }, allowed: Record<string, string>): { column: string; value: string } | null {
      if (!q.filter) return null;
      const f = parseFilterEq(q.filter);
      const column = f ? allowed[f.attr.toLowerCase()] : undefined;
      if (!f || !column) throw new ScimApiError(400, 'invalidFilter', `Supported filters: ${Object.keys(allowed).join(', ')} eq "value".`);
      return { column, value: String(f.value) };
    }

    const list = (resources: Obj[], total: number, startIndex: number) => ({
      schemas: [SCIM_LIST],
      totalResults: total,
      startIndex,
      itemsPerPage: resources.length,
      Resources: resources,
    });

    // ---- Users ----
    scope.get(
      '/scim/v2/Users',
      {
        schema: {
          ...common,
          summary: 'SCIM: list users (filter userName/externalId/id eq)',
          querystring: ScimListQuery,
          response: { 200: ScimListResponse, ...errors },
        },
      },
      async (req, reply) => {
        const { tenantId } = scimOf(req);
        const f = filterOf(req.query, { username: 'lower(user_name)', externalid: 'external_id', id: 'scim_id::text' });
        const value = f?.column === 'lower(user_name)' ? f.value.toLowerCase() : f?.value;
        const where = `tenant_id = $1 AND scim_id IS NOT NULL${f ? ` AND ${f.column} = $2` : ''}`;
        const params: unknown[] = f ? [tenantId, value] : [tenantId];
        const [{ n } = { n: 0 }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM directory_users WHERE ${where}`, params);
        const rows = await db.query<UserRow>(
          `SELECT ${USER_COLS} FROM directory_users WHERE ${where} ORDER BY created_at, scim_id OFFSET ${req.query.startIndex - 1} LIMIT ${req.query.count}`,
          params,
        );
        const resources = [];
        for (const r of rows) resources.push(await userOut(db, tenantId, r));
        return reply.type(SCIM_TYPE).send(list(resources, n, req.query.startIndex));
      },
    );

    scope.post(
      '/scim/v2/Users',
      { schema: { ...common, summary: 'SCIM: create a user', body: ScimUserInput, response: { 201: ScimResource, ...errors } } },
      async (req, reply) => {
        const { tenantId, tokenId } = scimOf(req);
        const out = await write(tenantId, `scim:${tokenId}`, async (tx) => {
          const row = await saveUser(tx, tenantId, null, req.body, null);
          return {
            result: await userOut(tx, tenantId, row),
            action: 'scim.user.create',
            target: `scim_user:${row.scim_id}`,
            details: { active: row.active },
          };
        });
        return reply
          .code(201)
          .type(SCIM_TYPE)
          .header('location', `${base}/Users/${String(out.id)}`)
          .send(out as z.infer<typeof ScimResource>);
      },
    );

    scope.get(
      '/scim/v2/Users/:id',
      { schema: { ...common, summary: 'SCIM: one user', params: ScimIdParams, response: { 200: ScimResource, ...errors } } },
      async (req, reply) => {
        const { tenantId } = scimOf(req);
        return reply
          .type(SCIM_TYPE)
          .send((await userOut(db, tenantId, await findUser(db, tenantId, req.params.id))) as z.infer<typeof ScimResource>);
      },
    );

    scope.put(
      '/scim/v2/Users/:id',
      {
        schema: {
          ...common,
          summary: 'SCIM: replace a user',
          params: ScimIdParams,
          body: ScimUserInput,
          response: { 200: ScimResource, ...errors },
        },
      },
      async (req, reply) => {
        const { tenantId, tokenId } = scimOf(req);
        const out = await write(tenantId, `scim:${tokenId}`, async (tx) => {
          const before = await findUser(tx, tenantId, req.params.id, true);
          const row = await saveUser(tx, tenantId, before.scim_id, req.body, before.active);
          return userUpdated(tx, tenantId, before, row);
        });
        return reply.type(SCIM_TYPE).send(out as z.infer<typeof ScimResource>);
      },
    );

    scope.patch(
      '/scim/v2/Users/:id',
      {
        schema: {
          ...common,
          summary: 'SCIM: patch a user (Okta and Entra operations)',
          params: ScimIdParams,
          body: ScimPatchRequest,
          response: { 200: ScimResource, ...errors },
        },
      },
      async (req, reply) => {
        const { tenantId, tokenId } = scimOf(req);
        const out = await write(tenantId, `scim:${tokenId}`, async (tx) => {
          const before = await findUser(tx, tenantId, req.params.id, true);
          const current = { ...json(before.resource), userName: before.user_name, active: before.active };
          const patched = applyPatch(current, req.body.Operations as PatchOp[], CORE_USER);
          const row = await saveUser(tx, tenantId, before.scim_id, patched, before.active);
          return userUpdated(tx, tenantId, before, row);
        });
        return reply.type(SCIM_TYPE).send(out as z.infer<typeof ScimResource>);
      },
    );

    scope.delete(
      '/scim/v2/Users/:id',
      {
        schema: {
          ...common,
          summary: 'SCIM: delete a user (sessions revoked)',
          params: ScimIdParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (req, reply) => {
        const { tenantId, tokenId } = scimOf(req);
        await write(tenantId, `scim:${tokenId}`, async (tx) => {
          const before = await findUser(tx, tenantId, req.params.id, true);
          await applyActive(tx, tenantId, userFields({ ...json(before.resource), userName: before.user_name }).identities, false);
          await tx.query('DELETE FROM directory_group_members WHERE tenant_id = $1 AND user_scim_id = $2', [tenantId, before.scim_id]);
          await tx.query('DELETE FROM directory_users WHERE tenant_id = $1 AND scim_id = $2', [tenantId, before.scim_id]);
          return { result: null, action: 'scim.user.delete', target: `scim_user:${before.scim_id}` };
        });
        return reply.code(204).send(null);
      },
    );

    // ---- Groups ----
    /** Sets a group's members to exactly `ids` (known users only); refreshes every user whose groups changed. */
    async function setMembers(tx: Tx, tenantId: string, groupId: string, ids: string[], rename: boolean): Promise<void> {
      const wanted = [...new Set(ids.filter((i) => UUID.test(i)).map((i) => i.toLowerCase()))];
      const known = wanted.length
        ? (
            await tx.query<{ scim_id: string }>('SELECT scim_id FROM directory_users WHERE tenant_id = $1 AND scim_id = ANY($2::uuid[])', [
              tenantId,
              wanted,
            ])
          ).map((r) => r.scim_id)
        : [];
      const before = (
        await tx.query<{ user_scim_id: string }>(
          'SELECT user_scim_id FROM directory_group_members WHERE tenant_id = $1 AND group_id = $2',
          [tenantId, groupId],
        )
      ).map((r) => r.user_scim_id);
      const gone = before.filter((b) => !known.includes(b));
      const added = known.filter((k) => !before.includes(k));
      if (gone.length)
        await tx.query('DELETE FROM directory_group_members WHERE tenant_id = $1 AND group_id = $2 AND user_scim_id = ANY($3::uuid[])', [
          tenantId,
          groupId,
          gone,
        ]);
      if (added.length)
        await tx.query(
          `INSERT INTO directory_group_members (tenant_id, group_id, user_scim_id) SELECT $1, $2, u FROM unnest($3::uuid[]) AS u
           ON CONFLICT DO NOTHING`,
          [tenantId, groupId, added],
        );
      await refreshUserGroups(tx, tenantId, rename ? [...new Set([...before, ...known])] : [...gone, ...added]);
    }

    const memberIds = (m: unknown): string[] =>
      Array.isArray(m)
        ? m
            .map((x) => (typeof x === 'object' && x !== null ? get(x as Obj, 'value') : undefined))
            .filter((v): v is string => typeof v === 'string')
        : [];

    scope.get(
      '/scim/v2/Groups',
      {
        schema: {
          ...common,
          summary: 'SCIM: list groups (filter displayName/externalId/id eq)',
          querystring: ScimListQuery,
          response: { 200: ScimListResponse, ...errors },
        },
      },
      async (req, reply) => {
        const { tenantId } = scimOf(req);
        const f = filterOf(req.query, { displayname: 'lower(display_name)', externalid: 'external_id', id: 'group_id::text' });
        const value = f?.column === 'lower(display_name)' ? f.value.toLowerCase() : f?.value;
        const where = `tenant_id = $1${f ? ` AND ${f.column} = $2` : ''}`;
        const params: unknown[] = f ? [tenantId, value] : [tenantId];
        const [{ n } = { n: 0 }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM directory_groups WHERE ${where}`, params);
        const rows = await db.query<GroupRow>(
          `SELECT ${GROUP_COLS} FROM directory_groups WHERE ${where} ORDER BY created_at, group_id OFFSET ${req.query.startIndex - 1} LIMIT ${req.query.count}`,
          params,
        );
        const withMembers = !/(^|,)\s*members\s*(,|$)/i.test(req.query.excludedAttributes ?? '');
        const resources = [];
        for (const g of rows) resources.push(await groupOut(db, tenantId, g, withMembers));
        return reply.type(SCIM_TYPE).send(list(resources, n, req.query.startIndex));
      },
    );

    scope.post(
      '/scim/v2/Groups',
      { schema: { ...common, summary: 'SCIM: create a group', body: ScimGroupInput, response: { 201: ScimResource, ...errors } } },
      async (req, reply) => {
        const { tenantId, tokenId } = scimOf(req);
        const out = await write(tenantId, `scim:${tokenId}`, async (tx) => {
          const id = randomUUID();
          const [g] = await tx.query<GroupRow>(
            `INSERT INTO directory_groups (tenant_id, group_id, display_name, external_id) VALUES ($1, $2, $3, $4) RETURNING ${GROUP_COLS}`,
            [tenantId, id, req.body.displayName, req.body.externalId ?? null],
          );
          await setMembers(tx, tenantId, id, memberIds(req.body.members), false);
          return { result: await groupOut(tx, tenantId, g!), action: 'scim.group.create', target: `scim_group:${id}` };
        });
        return reply
          .code(201)
          .type(SCIM_TYPE)
          .header('location', `${base}/Groups/${String(out.id)}`)
          .send(out as z.infer<typeof ScimResource>);
      },
    );

    scope.get(
      '/scim/v2/Groups/:id',
      {
        schema: {
          ...common,
          summary: 'SCIM: one group',
          params: ScimIdParams,
          querystring: ScimListQuery,
          response: { 200: ScimResource, ...errors },
        },
      },
      async (req, reply) => {
        const { tenantId } = scimOf(req);
        const withMembers = !/(^|,)\s*members\s*(,|$)/i.test(req.query.excludedAttributes ?? '');
        return reply
          .type(SCIM_TYPE)
          .send((await groupOut(db, tenantId, await findGroup(db, tenantId, req.params.id), withMembers)) as z.infer<typeof ScimResource>);
      },
    );

    async function saveGroup(tx: Tx, tenantId: string, before: GroupRow, displayName: unknown, externalId: unknown, members: string[]) {
      if (typeof displayName !== 'string' || !displayName.trim() || displayName.length > 256)
        throw new ScimApiError(400, 'invalidValue', 'displayName is required (at most 256 characters).');
      const [g] = await tx.query<GroupRow>(
        `UPDATE directory_groups SET display_name = $3, external_id = $4, updated_at = now() WHERE tenant_id = $1 AND group_id = $2
         RETURNING ${GROUP_COLS}`,
        [tenantId, before.group_id, displayName.trim(), typeof externalId === 'string' ? externalId : null],
      );
      await setMembers(tx, tenantId, before.group_id, members, g!.display_name !== before.display_name);
      return g!;
    }

    scope.put(
      '/scim/v2/Groups/:id',
      {
        schema: {
          ...common,
          summary: 'SCIM: replace a group',
          params: ScimIdParams,
          body: ScimGroupInput,
          response: { 200: ScimResource, ...errors },
        },
      },
      async (req, reply) => {
        const { tenantId, tokenId } = scimOf(req);
        const out = await write(tenantId, `scim:${tokenId}`, async (tx) => {
          const before = await findGroup(tx, tenantId, req.params.id, true);
          const g = await saveGroup(tx, tenantId, before, req.body.displayName, req.body.externalId, memberIds(req.body.members));
          return { result: await groupOut(tx, tenantId, g), action: 'scim.group.update', target: `scim_group:${g.group_id}` };
        });
        return reply.type(SCIM_TYPE).send(out as z.infer<typeof ScimResource>);
      },
    );

    scope.patch(
      '/scim/v2/Groups/:id',
      {
        schema: {
          ...common,
          summary: 'SCIM: patch a group (members add/remove, rename)',
          params: ScimIdParams,
          body: ScimPatchRequest,
          response: { 200: ScimResource, 204: z.null(), ...errors },
        },
      },
      async (req, reply) => {
        const { tenantId, tokenId } = scimOf(req);
        const out = await write(tenantId, `scim:${tokenId}`, async (tx) => {
          const before = await findGroup(tx, tenantId, req.params.id, true);
          const current = await groupOut(tx, tenantId, before);
          const patched = applyPatch(
            {
              displayName: current.displayName,
              externalId: current.externalId,
              members: (current.members as Obj[]).map((m) => ({ value: m.value })),
            },
            req.body.Operations as PatchOp[],
            CORE_GROUP,
          );
          const g = await saveGroup(
            tx,
            tenantId,
            before,
            get(patched, 'displayName'),
            get(patched, 'externalId'),
            memberIds(get(patched, 'members')),
          );
          return { result: await groupOut(tx, tenantId, g), action: 'scim.group.update', target: `scim_group:${g.group_id}` };
        });
        return reply.type(SCIM_TYPE).send(out as z.infer<typeof ScimResource>);
      },
    );

    scope.delete(
      '/scim/v2/Groups/:id',
      { schema: { ...common, summary: 'SCIM: delete a group', params: ScimIdParams, response: { 204: z.null(), ...errors } } },
      async (req, reply) => {
        const { tenantId, tokenId } = scimOf(req);
        await write(tenantId, `scim:${tokenId}`, async (tx) => {
          const before = await findGroup(tx, tenantId, req.params.id, true);
          const members = (
            await tx.query<{ user_scim_id: string }>(
              'SELECT user_scim_id FROM directory_group_members WHERE tenant_id = $1 AND group_id = $2',
              [tenantId, before.group_id],
            )
          ).map((r) => r.user_scim_id);
          await tx.query('DELETE FROM directory_groups WHERE tenant_id = $1 AND group_id = $2', [tenantId, before.group_id]);
          await refreshUserGroups(tx, tenantId, members);
          return { result: null, action: 'scim.group.delete', target: `scim_group:${before.group_id}` };
        });
        return reply.code(204).send(null);
      },
    );

    // ---- Discovery (RFC 7644 section 4) ----
    scope.get(
      '/scim/v2/ServiceProviderConfig',
      { schema: { ...common, summary: 'SCIM: what this service provider supports', response: { 200: ScimResource, ...errors } } },
      async (_req, reply) =>
        reply.type(SCIM_TYPE).send({
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
          documentationUri: 'https://github.com/daylight/daylight/blob/main/docs/sso-scim.md',
          patch: { supported: true },
          bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
          filter: { supported: true, maxResults: 1000 },
          changePassword: { supported: false },
          sort: { supported: false },
          etag: { supported: false },
          authenticationSchemes: [
            {
              type: 'oauthbearertoken',
              name: 'OAuth Bearer Token',
              description: 'A Daylight SCIM token (dlp_...) in Authorization: Bearer',
              primary: true,
            },
          ],
          meta: { resourceType: 'ServiceProviderConfig', location: `${base}/ServiceProviderConfig` },
        }),
    );

    const RESOURCE_TYPES = [
      { id: 'User', name: 'User', endpoint: '/Users', schema: CORE_USER, schemaExtensions: [{ schema: ENTERPRISE_USER, required: false }] },
      { id: 'Group', name: 'Group', endpoint: '/Groups', schema: CORE_GROUP, schemaExtensions: [] },
    ].map((r) => ({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
      ...r,
      meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/${r.id}` },
    }));
    scope.get(
      '/scim/v2/ResourceTypes',
      { schema: { ...common, summary: 'SCIM: resource types', response: { 200: ScimListResponse, ...errors } } },
      async (_req, reply) => reply.type(SCIM_TYPE).send(list(RESOURCE_TYPES, RESOURCE_TYPES.length, 1)),
    );

    const attr = (name: string, type = 'string', extra: Obj = {}) => ({
      name,
      type,
      multiValued: false,
      required: false,
      caseExact: false,
      mutability: 'readWrite',
      returned: 'default',
      uniqueness: 'none',
      ...extra,
    });
    const multi = (name: string, subs: Obj[]) => attr(name, 'complex', { multiValued: true, subAttributes: subs });
    const SCHEMAS = [
      {
        id: CORE_USER,
        name: 'User',
        description: 'User account',
        attributes: [
          attr('userName', 'string', { required: true, uniqueness: 'server' }),
          attr('name', 'complex', { subAttributes: ['formatted', 'familyName', 'givenName', 'middleName'].map((n) => attr(n)) }),
          attr('displayName'),
          attr('title'),
          attr('active', 'boolean'),
          multi('emails', [attr('value'), attr('type'), attr('primary', 'boolean')]),
          multi('groups', [attr('value', 'string', { mutability: 'readOnly' }), attr('display', 'string', { mutability: 'readOnly' })]),
        ],
      },
      {
        id: CORE_GROUP,
        name: 'Group',
        description: 'Group',
        attributes: [attr('displayName', 'string', { required: true }), multi('members', [attr('value'), attr('display')])],
      },
      {
        id: ENTERPRISE_USER,
        name: 'EnterpriseUser',
        description: 'Enterprise user',
        attributes: ['employeeNumber', 'costCenter', 'organization', 'division', 'department'].map((n) => attr(n)),
      },
    ].map((s) => ({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
      ...s,
      meta: { resourceType: 'Schema', location: `${base}/Schemas/${s.id}` },
    }));
    scope.get(
      '/scim/v2/Schemas',
      { schema: { ...common, summary: 'SCIM: schemas', response: { 200: ScimListResponse, ...errors } } },
      async (_req, reply) => reply.type(SCIM_TYPE).send(list(SCHEMAS, SCHEMAS.length, 1)),
    );
  });
}
