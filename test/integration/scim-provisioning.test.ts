/**
 * SCIM 2.0 provisioning with request bodies shaped exactly as Okta and Microsoft Entra ID send
 * them (from their SCIM documentation): users and groups created, updated, deactivated, deleted;
 * deactivation revokes the user's admin sessions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceDirectory } from '../../shared/contracts/enroll.ts';
import { call, DEVICE_FACTS, enroll, newTenant, startApi, type Api, type TestTenant } from './harness/api.ts';
import { STORES } from './harness/stores.ts';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const SCIM_JSON = { 'content-type': 'application/scim+json' };

type Res = Awaited<ReturnType<typeof call>>;

describe.each(STORES)('SCIM provisioning on %s', (kind) => {
  let api: Api;
  let t: TestTenant;
  let other: TestTenant;
  let scim: string;
  let otherScim: string;

  const s = (method: string, url: string, body?: unknown, token = scim) => call(api.app, method, url, { token, body, headers: SCIM_JSON });
  const expectScimError = (res: Res, status: number, scimType?: string) => {
    expect(res.statusCode, res.body).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
    const e = res.json<{ schemas: string[]; status: string; scimType?: string; detail: string }>();
    expect(e.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
    expect(e.status).toBe(String(status));
    if (scimType) expect(e.scimType).toBe(scimType);
    expect(e.detail).toEqual(expect.any(String));
  };
  const dirUser = async (userId: string) =>
    (
      await api.db.query<{ active: boolean; groups: string[] | string; department: string | null; display_name: string | null }>(
        'SELECT active, groups, department, display_name FROM directory_users WHERE tenant_id = $1 AND user_id = $2',
        [t.tenantId, userId],
      )
    )[0];
  const groupsOf = (g: string[] | string | undefined) =>
    typeof g === 'string' ? g.replace(/[{}"]/g, '').split(',').filter(Boolean) : (g ?? []);

  beforeAll(async () => {
    api = await startApi(kind, { publicUrl: 'https://daylight.acme.test' });
    t = await newTenant(api, 'Acme');
    other = await newTenant(api, 'Other');
    expect((await call(api.app, 'POST', '/v1/scim-tokens', { token: t.tokens.admin, body: { name: 'Okta' } })).statusCode).toBe(403);
    const created = await call(api.app, 'POST', '/v1/scim-tokens', { token: t.tokens.owner, body: { name: 'Okta' } });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ baseUrl: 'https://daylight.acme.test/scim/v2', token: expect.stringMatching(/^dlp_/) });
    scim = created.json<{ token: string }>().token;
    otherScim = (await call(api.app, 'POST', '/v1/scim-tokens', { token: other.tokens.owner, body: { name: 'Entra' } })).json<{
      token: string;
    }>().token;
  });
  afterAll(async () => {
    await api?.close();
  });

  it('authenticates with the SCIM token only, answering SCIM errors', async () => {
    expectScimError(await s('GET', '/scim/v2/Users', undefined, ''), 401);
    expectScimError(await s('GET', '/scim/v2/Users', undefined, t.tokens.owner), 403);
    expect((await call(api.app, 'GET', '/v1/tenant', { token: scim })).statusCode).toBe(403);
    const listed = await call(api.app, 'GET', '/v1/scim-tokens', { token: t.tokens.auditor });
    expect(listed.statusCode).toBe(200);
    expect(listed.body).not.toContain(scim);
  });

  it('serves ServiceProviderConfig, ResourceTypes and Schemas', async () => {
    const spc = await s('GET', '/scim/v2/ServiceProviderConfig');
    expect(spc.headers['content-type']).toMatch(/^application\/scim\+json/);
    expect(spc.json()).toMatchObject({ patch: { supported: true }, filter: { supported: true }, bulk: { supported: false } });
    expect(spc.json<{ authenticationSchemes: { type: string }[] }>().authenticationSchemes[0]!.type).toBe('oauthbearertoken');
    const types = (await s('GET', '/scim/v2/ResourceTypes')).json<{ Resources: { id: string; endpoint: string }[] }>();
    expect(types.Resources.map((r) => r.endpoint)).toEqual(['/Users', '/Groups']);
    const schemas = (await s('GET', '/scim/v2/Schemas')).json<{ Resources: { id: string }[] }>();
    expect(schemas.Resources.map((r) => r.id)).toEqual([USER, GROUP, ENTERPRISE]);
  });

  it('Okta: checks, creates, updates users and manages a group', async () => {
    // Okta first looks the user up by userName.
    const none = await s('GET', '/scim/v2/Users?filter=userName%20eq%20%22test.user%40okta.local%22&startIndex=1&count=100');
    expect(none.json()).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 0, Resources: [] });
    const okta = {
      schemas: [USER],
      userName: 'test.user@okta.local',
      name: { givenName: 'Test', familyName: 'User' },
      emails: [{ primary: true, value: 'test.user@okta.local', type: 'work' }],
      displayName: 'Test User',
      locale: 'en-US',
      externalId: '00ujl29u0le5T6Aj10h7',
      groups: [],
      password: '1mz050nq',
      active: true,
    };
    const created = await s('POST', '/scim/v2/Users', okta);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.headers['content-type']).toMatch(/^application\/scim\+json/);
    const user = created.json<{ id: string; password?: string; meta: { location: string } }>();
    expect(created.headers.location).toBe(`https://daylight.acme.test/scim/v2/Users/${user.id}`);
    expect(user).toMatchObject({ userName: 'test.user@okta.local', active: true, externalId: '00ujl29u0le5T6Aj10h7', groups: [] });
    expect(user.password).toBeUndefined();
    expect(created.body).not.toContain('1mz050nq');
    expectScimError(await s('POST', '/scim/v2/Users', { ...okta, userName: 'TEST.USER@okta.local' }), 409, 'uniqueness');
    const found = await s('GET', '/scim/v2/Users?filter=userName%20eq%20%22Test.User%40okta.local%22');
    expect(found.json()).toMatchObject({ totalResults: 1, Resources: [{ id: user.id }] });

    // A full replace (PUT), as Okta sends profile updates.
    const put = await s('PUT', `/scim/v2/Users/${user.id}`, {
      ...okta,
      id: user.id,
      name: { givenName: 'Tess', familyName: 'User' },
      displayName: 'Tess User',
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ name: { givenName: 'Tess' }, displayName: 'Tess User' });
    expect(await dirUser('test.user@okta.local')).toMatchObject({ active: true, display_name: 'Tess User' });

    // Groups: create empty, add the member, rename, remove the member.
    const g = await s('POST', '/scim/v2/Groups', { schemas: [GROUP], displayName: 'Test SCIMv2', members: [] });
    expect(g.statusCode, g.body).toBe(201);
    const groupId = g.json<{ id: string }>().id;
    const add = await s('PATCH', `/scim/v2/Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'add', path: 'members', value: [{ value: user.id, display: 'test.user@okta.local' }] }],
    });
    expect(add.statusCode, add.body).toBe(200);
    expect(add.json()).toMatchObject({ displayName: 'Test SCIMv2', members: [{ value: user.id, display: 'test.user@okta.local' }] });
    expect(groupsOf((await dirUser('test.user@okta.local'))?.groups)).toEqual(['Test SCIMv2']);
    const rename = await s('PATCH', `/scim/v2/Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', value: { id: groupId, displayName: 'Finance EU' } }],
    });
    expect(rename.json()).toMatchObject({ displayName: 'Finance EU' });
    expect(groupsOf((await dirUser('test.user@okta.local'))?.groups)).toEqual(['Finance EU']);
    expect((await s('GET', `/scim/v2/Users/${user.id}`)).json()).toMatchObject({ groups: [{ value: groupId, display: 'Finance EU' }] });
    // Policy groups and the group report read directory_users.groups.
    const report = await call(api.app, 'GET', '/v1/reports/usage/groups', { token: t.tokens.analyst });
    expect(report.statusCode).toBe(200);
    const remove = await s('PATCH', `/scim/v2/Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'remove', path: `members[value eq "${user.id}"]` }],
    });
    expect(remove.json()).toMatchObject({ members: [] });
    expect(groupsOf((await dirUser('test.user@okta.local'))?.groups)).toEqual([]);
  });

  it("Okta: deactivation revokes the user's admin sessions and disables sign-in; reactivation re-enables", async () => {
    const invite = await call(api.app, 'POST', '/v1/admins', {
      token: t.tokens.owner,
      body: { email: 'test.user@okta.local', role: 'analyst' },
    });
    const session = (
      await call(api.app, 'POST', '/v1/auth/sign-in', { body: { token: invite.json<{ signInToken: string }>().signInToken } })
    ).json<{
      sessionToken: string;
    }>().sessionToken;
    expect((await call(api.app, 'GET', '/v1/tenant', { token: session })).statusCode).toBe(200);
    const id = (await s('GET', '/scim/v2/Users?filter=userName%20eq%20%22test.user%40okta.local%22')).json<{
      Resources: { id: string }[];
    }>().Resources[0]!.id;

    const off = await s('PATCH', `/scim/v2/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', value: { active: false } }],
    });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ active: false, userName: 'test.user@okta.local', name: { givenName: 'Tess' } });
    expect((await call(api.app, 'GET', '/v1/tenant', { token: session })).statusCode).toBe(401);
    expect((await dirUser('test.user@okta.local'))?.active).toBe(false);
    const [admin] = await api.db.query<{ disabled_at: Date | null }>('SELECT disabled_at FROM admins WHERE tenant_id = $1 AND email = $2', [
      t.tenantId,
      'test.user@okta.local',
    ]);
    expect(admin!.disabled_at).not.toBeNull();

    const on = await s('PATCH', `/scim/v2/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: true } }] });
    expect(on.json()).toMatchObject({ active: true });
    const [again] = await api.db.query<{ disabled_at: Date | null }>('SELECT disabled_at FROM admins WHERE tenant_id = $1 AND email = $2', [
      t.tenantId,
      'test.user@okta.local',
    ]);
    expect(again!.disabled_at).toBeNull();
    // The revoked session stays revoked.
    expect((await call(api.app, 'GET', '/v1/tenant', { token: session })).statusCode).toBe(401);
  });

  it('Entra ID: creates with the enterprise extension, patches with capitalised ops and "False", manages members, deletes', async () => {
    const entra = {
      schemas: [USER, ENTERPRISE],
      externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      userName: 'Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1@contoso.test',
      active: true,
      emails: [{ primary: true, type: 'work', value: 'Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com' }],
      meta: { resourceType: 'User' },
      name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
      roles: [],
    };
    const created = await s('POST', '/scim/v2/Users', entra);
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ id: string }>().id;
    const userId = entra.userName.toLowerCase();
    expect(await dirUser(userId)).toMatchObject({ active: true, display_name: 'givenName familyName' });

    const patched = await s('PATCH', `/scim/v2/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'updatedEmail@microsoft.com' },
        { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
        { op: 'Add', path: `${ENTERPRISE}:department`, value: 'Finance' },
      ],
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({
      emails: [{ type: 'work', value: 'updatedEmail@microsoft.com', primary: true }],
      name: { familyName: 'updatedFamilyName' },
      [ENTERPRISE]: { department: 'Finance' },
    });
    expect(patched.json<{ schemas: string[] }>().schemas).toEqual([USER, ENTERPRISE]);
    expect((await dirUser(userId))?.department).toBe('Finance');

    // Groups as Entra sends them: extra schema, externalId, members added and removed by value.
    const g = await s('POST', '/scim/v2/Groups', {
      schemas: [GROUP, 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'],
      externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
      displayName: 'Finance Analysts',
      meta: { resourceType: 'Group' },
    });
    expect(g.statusCode, g.body).toBe(201);
    const gid = g.json<{ id: string }>().id;
    const lookup = await s('GET', '/scim/v2/Groups?excludedAttributes=members&filter=displayName%20eq%20%22Finance%20Analysts%22');
    expect(lookup.json()).toMatchObject({ totalResults: 1, Resources: [{ id: gid, displayName: 'Finance Analysts' }] });
    expect(lookup.json<{ Resources: { members?: unknown }[] }>().Resources[0]!.members).toBeUndefined();
    const add = await s('PATCH', `/scim/v2/Groups/${gid}`, {
      schemas: [PATCH_OP],
      Operations: [{ name: 'addMember', op: 'add', path: 'members', value: [{ $ref: null, value: id }] }],
    });
    expect(add.statusCode, add.body).toBe(200);
    expect(groupsOf((await dirUser(userId))?.groups)).toEqual(['Finance Analysts']);
    const remove = await s('PATCH', `/scim/v2/Groups/${gid}`, {
      schemas: [PATCH_OP],
      Operations: [{ name: 'removeMember', op: 'remove', path: 'members', value: [{ $ref: null, value: id }] }],
    });
    expect(remove.json()).toMatchObject({ members: [] });
    expect(groupsOf((await dirUser(userId))?.groups)).toEqual([]);

    // Entra's non-compliant boolean string.
    const off = await s('PATCH', `/scim/v2/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ active: false });
    expect((await dirUser(userId))?.active).toBe(false);

    const del = await s('DELETE', `/scim/v2/Users/${id}`);
    expect(del.statusCode).toBe(204);
    expectScimError(await s('GET', `/scim/v2/Users/${id}`), 404);
    expect(await dirUser(userId)).toBeUndefined();
    expect((await s('DELETE', `/scim/v2/Groups/${gid}`)).statusCode).toBe(204);
    expectScimError(await s('GET', `/scim/v2/Groups/${gid}`), 404);
  });

  it('answers bad requests with SCIM errors', async () => {
    expectScimError(await s('GET', '/scim/v2/Users?filter=userName%20sw%20%22t%22'), 400, 'invalidFilter');
    expectScimError(await s('GET', '/scim/v2/Users/not-an-id'), 404);
    expectScimError(await s('GET', '/scim/v2/Users/00000000-0000-4000-8000-000000000000'), 404);
    expectScimError(await s('POST', '/scim/v2/Users', { schemas: [USER] }), 400, 'invalidValue');
    expectScimError(await s('POST', '/scim/v2/Users', '{"userName": '), 400, 'invalidSyntax');
    const id = (await s('POST', '/scim/v2/Users', { schemas: [USER], userName: 'bad.patch@acme.test' })).json<{ id: string }>().id;
    expectScimError(await s('PATCH', `/scim/v2/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Move', path: 'active' }] }), 400);
    expectScimError(
      await s('PATCH', `/scim/v2/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: 'maybe' }] }),
      400,
      'invalidValue',
    );
    expectScimError(await s('PATCH', `/scim/v2/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'remove' }] }), 400, 'noTarget');
  });

  it("keeps tenants apart, and every change is in the tenant's audit chain", async () => {
    const mine = (await s('GET', '/scim/v2/Users')).json<{ totalResults: number; Resources: { id: string }[] }>();
    expect(mine.totalResults).toBeGreaterThan(0);
    const theirs = (await s('GET', '/scim/v2/Users', undefined, otherScim)).json<{ totalResults: number }>();
    expect(theirs.totalResults).toBe(0);
    const id = mine.Resources[0]!.id;
    expectScimError(await s('GET', `/scim/v2/Users/${id}`, undefined, otherScim), 404);
    expectScimError(
      await s('PATCH', `/scim/v2/Users/${id}`, { Operations: [{ op: 'replace', value: { active: false } }] }, otherScim),
      404,
    );
    expectScimError(await s('DELETE', `/scim/v2/Users/${id}`, undefined, otherScim), 404);

    const log = (await call(api.app, 'GET', '/v1/audit?limit=1000', { token: t.tokens.owner })).json<{
      records: { action: string; actor: string; target: string }[];
    }>();
    const actions = log.records.map((r) => r.action);
    for (const a of [
      'scim_token.create',
      'scim.user.create',
      'scim.user.update',
      'scim.user.deactivate',
      'scim.user.delete',
      'scim.group.create',
      'scim.group.update',
      'scim.group.delete',
    ])
      expect(actions, a).toContain(a);
    expect(log.records.find((r) => r.action === 'scim.user.create')!.actor).toMatch(/^scim:/);
    // No user names in the chain (it cannot be edited and outlives people).
    expect(JSON.stringify(log)).not.toContain('test.user@okta.local');
    expect((await call(api.app, 'GET', '/v1/audit/verify', { token: t.tokens.owner })).json()).toMatchObject({ ok: true });
  });

  it("devices learn their user's directory groups (for group rules), and none once the user is deactivated", async () => {
    const u = await s('POST', '/scim/v2/Users', { schemas: [USER], userName: 'Dana.Ng@acme.test', active: true });
    expect(u.statusCode, u.body).toBe(201);
    const userId = u.json<{ id: string }>().id;
    for (const name of ['Research', 'AI Pilot']) {
      const g = await s('POST', '/scim/v2/Groups', { schemas: [GROUP], displayName: name, members: [{ value: userId }] });
      expect(g.statusCode, g.body).toBe(201);
    }
    const device = await enroll(api, t.enrollmentToken, { ...DEVICE_FACTS, user: { id: 'dana.ng@acme.test', source: 'mdm' } });
    const stranger = await enroll(api, t.enrollmentToken, { ...DEVICE_FACTS, user: { id: 'nobody@acme.test', source: 'mdm' } });
    const dir = (token: string) => call(api.app, 'GET', '/v1/device/directory', { token });

    const got = await dir(device.credential);
    expect(got.statusCode, got.body).toBe(200);
    expect(DeviceDirectory.parse(got.json())).toEqual({ groups: ['AI Pilot', 'Research'], provisioned: true });
    expect((await dir(stranger.credential)).json()).toEqual({ groups: [], provisioned: false });
    expect((await dir(t.tokens.owner)).statusCode).toBe(403);

    const off = await s('PATCH', `/scim/v2/Users/${userId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', value: { active: false } }],
    });
    expect(off.statusCode, off.body).toBe(200);
    expect((await dir(device.credential)).json()).toEqual({ groups: [], provisioned: false });
  });
});
