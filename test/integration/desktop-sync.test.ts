import { execFile, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent } from '../../desktop/core/agent.ts';
import { readConfig } from '../../desktop/core/config.ts';
import { DiscoveryReporter } from '../../desktop/core/discovery/report.ts';
import { defaultPolicy, type PolicyDocumentInput } from '../../shared/policy/schema.ts';
import { startDesktopEnv, type DesktopEnv } from './desktop-harness.ts';
import { call, DEVICE_FACTS, enroll, newTenant } from './harness/api.ts';
import { STORES } from './harness/stores.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'desktop/core/cli.ts');

/**
 * Runs the agent's command line as a separate process, as MDM or a user would. Asynchronous: the
 * server answering it runs in this process.
 */
function agentCli(env: DesktopEnv, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return agentCliWith({}, env, ...args);
}

function agentCliWith(
  extraEnv: NodeJS.ProcessEnv,
  env: DesktopEnv,
  ...args: string[]
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', CLI, ...args, '--config', env.configPath, '--state-dir', env.stateDir],
      { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...extraEnv } },
      (err, stdout, stderr) => {
        if (err && typeof err.code !== 'number') fail(err);
        else done({ status: err ? (err.code as number) : 0, stdout, stderr });
      },
    );
  });
}

const REDACT_EMAILS: PolicyDocumentInput = {
  schemaVersion: 1,
  name: 'Desktop test',
  data: { rules: [{ types: ['email'], action: 'redact' }] },
};

describe.each(STORES)('desktop agent core against the real server on %s', (kind) => {
  let env: DesktopEnv;
  beforeAll(async () => {
    env = await startDesktopEnv(kind);
  });
  afterAll(async () => {
    await env?.close();
  });

  it('enrolls from the managed configuration, syncs the signed policy and keeps it on disk', async () => {
    const first = await agentCli(env, 'sync', '--json');
    expect(first.status, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ enrolled: true, policyVersion: 1, queue: { queued: 0 } });
    const [device] = await env.api.db.query<{ agent: string; os: string }>('SELECT agent, os FROM devices WHERE tenant_id = $1', [
      env.tenant.tenantId,
    ]);
    expect(device).toEqual({ agent: 'desktop', os: 'linux' });

    const version = await env.publish(REDACT_EMAILS);
    const second = await agentCli(env, 'sync', '--json');
    expect(JSON.parse(second.stdout)).toMatchObject({ enrolled: true, policyVersion: version });
    const stored = JSON.parse(readFileSync(join(env.stateDir, 'policy.json'), 'utf8')) as {
      signed: { version: number; policy: { name: string } };
    };
    expect(stored.signed).toMatchObject({ version, policy: { name: 'Desktop test' } });

    // The same device on the next run: no second enrollment.
    const devices = await env.api.db.query('SELECT 1 FROM devices WHERE tenant_id = $1', [env.tenant.tenantId]);
    expect(devices).toHaveLength(1);

    const status = await agentCli(env, 'status');
    expect(status.stdout).toContain(`policy version: ${version}`);
  });

  it('keeps the last good policy when the server answers with a forged, foreign or older one', async () => {
    const agent = new Agent({ config: readConfig(env.configPath)!, stateDir: env.stateDir, log: () => undefined });
    try {
      const good = agent.policy();
      expect(good.document.name).toBe('Desktop test');
      const e = agent.sync.enrollment()!;
      const current = (await call(env.api.app, 'GET', '/v1/policy', { token: e.enrollment.credential })).json<Record<string, unknown>>();

      // Another tenant's validly signed policy.
      const other = await newTenant(env.api, 'Other');
      const otherCredential = (
        await call(env.api.app, 'POST', '/v1/enroll', {
          token: other.enrollmentToken,
          body: { agent: 'desktop', agentVersion: '0.1.0', os: 'linux' },
        })
      ).json<{ credential: string }>().credential;
      const foreign = (await call(env.api.app, 'GET', '/v1/policy', { token: otherCredential })).body;
      const older = (await call(env.api.app, 'GET', '/v1/policies/1', { token: env.tenant.tokens.admin })).body;
      const forged = JSON.stringify({ ...current, policy: { ...defaultPolicy(), name: 'Forged' } });
      const bodies = [foreign, older, forged, '{"not":"a policy"}'];
      for (const body of bodies) {
        env.proxy.policyBody = body;
        expect(await agent.sync.syncPolicy(e)).toBe(false);
        expect(agent.policy()).toMatchObject({ version: good.version, document: { name: 'Desktop test' } });
      }
    } finally {
      env.proxy.policyBody = undefined;
      agent.close();
    }
    // A policy file edited on disk is not trusted either: the agent falls back to the built-in default.
    const path = join(env.stateDir, 'policy.json');
    const original = readFileSync(path, 'utf8');
    writeFileSync(path, original.replace('"Desktop test"', '"Edited"'));
    const reread = new Agent({ config: readConfig(env.configPath)!, stateDir: env.stateDir, log: () => undefined });
    expect(reread.policy().version).toBeUndefined();
    reread.close();
    writeFileSync(path, original);
  });

  it('delivers every event queued while offline exactly once after a kill -9 and a restart', async () => {
    env.proxy.mode = 'offline';
    const script = join(env.dir, 'writer.mts');
    writeFileSync(
      script,
      `import { Agent } from ${JSON.stringify(join(ROOT, 'desktop/core/agent.ts'))};
import { readConfig } from ${JSON.stringify(join(ROOT, 'desktop/core/config.ts'))};
const agent = new Agent({ config: readConfig(process.argv[2])!, stateDir: process.argv[3], log: () => undefined });
for (let i = 0; ; i++) {
  const e = agent.record({ app: 'aider', host: 'localhost', surface: 'cli', action: 'visit', decision: 'monitored' });
  process.stdout.write(e.id + '\\n');
  // Delivery attempts against the offline server, as the daemon would make them.
  if (i % 25 === 0) await agent.syncNow();
  else await new Promise((r) => setImmediate(r));
}
`,
    );
    const child = spawn(process.execPath, ['--import', 'tsx', script, env.configPath, env.stateDir], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    await new Promise<void>((done) => {
      child.stdout.on('data', (d: string) => {
        out += d;
        if (out.split('\n').length > 300) done();
      });
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    // Only ids printed in full were certainly queued; the kill may have come between queueing and printing.
    const printed = out.split('\n').slice(0, -1);
    expect(printed.length).toBeGreaterThanOrEqual(300);

    env.proxy.mode = 'pass';
    const restarted = await agentCli(env, 'sync', '--json');
    expect(restarted.status, restarted.stderr).toBe(0);
    expect(JSON.parse(restarted.stdout)).toMatchObject({ queue: { queued: 0, dropped: 0, skippedLines: expect.any(Number) } });

    const rows = await env.events();
    const ids = rows.map((r) => r.event_id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of printed) expect(ids).toContain(id);
    // At most the one event queued but not yet printed when the kill came.
    expect(ids.length - printed.length).toBeLessThanOrEqual(1);
    expect(rows.every((r) => r.app === 'aider' && r.surface === 'cli')).toBe(true);
    // Every stored event counted once in the rollups.
    const [usage] = await env.api.db.query<{ n: number }>(
      'SELECT sum(events)::int AS n FROM usage_daily WHERE tenant_id = $1 AND app = $2',
      [env.tenant.tenantId, 'aider'],
    );
    expect(usage!.n).toBe(ids.length);

    // A second restart has nothing left to send.
    await agentCli(env, 'sync');
    expect(await env.events()).toHaveLength(ids.length);
  });

  it('sends a heartbeat with the browser profiles it found and whether each has the extension', async () => {
    env.writeConfig({
      extension: {
        chromiumIds: ['pdlhgfkjmmnaakkbebcdocbmaaocepjn', 'oimhbhfjkkgpjdjmeaegnnhkkkcgpmoa'],
        firefoxIds: ['agent@daylight.example'],
      },
    });
    const r = await agentCliWith({ HOME: join(ROOT, 'test/fixtures/browsers/linux/home') }, env, 'sync');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('heartbeat not sent');
    const res = await call(env.api.app, 'GET', '/v1/devices', { token: env.tenant.tokens.admin });
    const device = res
      .json<{
        devices: {
          agent: string;
          coverage: {
            surface: string;
            browsers: { covered: { name: string; profile: string }[]; uncovered: { name: string; profile: string }[] };
          };
        }[];
      }>()
      .devices.find((d) => d.agent === 'desktop')!;
    expect(device.coverage.surface).toBe('desktop');
    const names = (l: { name: string; profile: string }[]) => l.map((b) => `${b.name}/${b.profile}`).sort();
    expect(names(device.coverage.browsers.covered)).toEqual([
      'Brave/Default',
      'Chromium/Default',
      'Firefox/default-release',
      'Google Chrome/Default',
    ]);
    expect(names(device.coverage.browsers.uncovered)).toEqual([
      'Firefox/default',
      'Firefox/work',
      'Google Chrome/Profile 1',
      'Google Chrome/Profile 2',
      'Microsoft Edge/Default',
    ]);
    env.writeConfig();
  });

  it("shows the administrators' decision on a justification as a desktop notification, once", async () => {
    env.writeConfig({ userId: 'Kim.Lee@example.test' });
    const shown: [string, string][] = [];
    const agent = new Agent({ config: readConfig(env.configPath)!, stateDir: join(env.dir, 'state-notices'), log: () => undefined });
    try {
      agent.notifier = (title, body) => shown.push([title, body]);
      await agent.syncNow();
      expect(shown).toEqual([]);
      // The same user justified a paste in the browser; a reviewer declines it.
      const browser = await enroll(env.api, env.tenant.enrollmentToken, {
        ...DEVICE_FACTS,
        user: { id: 'kim.lee@example.test', source: 'mdm' },
      });
      const justified = {
        id: 'kim-justified-0001',
        at: new Date().toISOString(),
        app: 'chatgpt',
        host: 'chatgpt.com',
        surface: 'browser',
        action: 'paste',
        decision: 'justify',
        justification: 'other: testing',
      };
      expect((await call(env.api.app, 'POST', '/v1/events', { token: browser.credential, body: { events: [justified] } })).statusCode).toBe(
        200,
      );
      const queue = await call(env.api.app, 'GET', '/v1/justifications?status=pending', { token: env.tenant.tokens.reviewer });
      const item = queue.json<{ items: { id: string; text: string | null }[] }>().items.find((i) => i.text === 'other: testing');
      expect(item, queue.body).toBeDefined();
      const deny = await call(env.api.app, 'POST', `/v1/justifications/${item!.id}/deny`, {
        token: env.tenant.tokens.reviewer,
        body: { message: 'Please use the approved Copilot tenant for customer data.' },
      });
      expect(deny.statusCode, deny.body).toBe(200);

      await agent.syncNow();
      expect(shown).toEqual([['Daylight: request declined', 'chatgpt: Please use the approved Copilot tenant for customer data.']]);
      await agent.syncNow();
      expect(shown).toHaveLength(1);
    } finally {
      agent.close();
      env.writeConfig();
    }
  });

  it("decides for the user's MDM and directory (SCIM) groups: a rule for a group applies to its members", async () => {
    const scim = (await call(env.api.app, 'POST', '/v1/scim-tokens', { token: env.tenant.tokens.owner, body: { name: 'Okta' } })).json<{
      token: string;
    }>().token;
    const scimCall = (url: string, body: unknown) =>
      call(env.api.app, 'POST', url, { token: scim, body, headers: { 'content-type': 'application/scim+json' } });
    const user = await scimCall('/scim/v2/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'Pat.Kim@example.test',
    });
    expect(user.statusCode, user.body).toBe(201);
    const group = await scimCall('/scim/v2/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'Contractors',
      members: [{ value: user.json<{ id: string }>().id }],
    });
    expect(group.statusCode, group.body).toBe(201);
    await env.publish({
      schemaVersion: 1,
      name: 'Groups',
      apps: { rules: [{ apps: ['aider'], groups: ['Contractors'], action: 'block' }] },
    });

    env.writeConfig({ userId: 'Pat.Kim@example.test', groups: ['Engineering'] });
    const agent = new Agent({ config: readConfig(env.configPath)!, stateDir: join(env.dir, 'state-groups'), log: () => undefined });
    try {
      await agent.syncNow();
      expect(agent.subject()).toEqual({ userId: 'pat.kim@example.test', groups: ['Engineering', 'Contractors'] });
      const decisions: string[] = [];
      const reporter = new DiscoveryReporter({
        policy: () => agent.policy().document,
        subject: () => agent.subject(),
        record: (e) => {
          decisions.push(e.decision);
          return agent.record(e);
        },
      });
      const aider = { app: 'aider', kind: 'cli' as const, running: true, evidence: ['process 1 aider'], pids: [1], ports: [] };
      reporter.report([aider]);
      expect(decisions).toEqual(['block']);
      // Without the directory's word, Pat is only in Engineering: the rule does not apply.
      const other = new DiscoveryReporter({
        policy: () => agent.policy().document,
        subject: () => ({ userId: 'pat.kim@example.test', groups: ['Engineering'] }),
        record: (e) => {
          decisions.push(e.decision);
          return agent.record(e);
        },
      });
      other.report([aider]);
      expect(decisions[1]).not.toBe('block');
    } finally {
      agent.close();
      env.writeConfig();
    }
  });

  it('refuses an invalid managed configuration with a message naming the field', async () => {
    writeFileSync(env.configPath, JSON.stringify({ serverUrl: env.url, enrollmentToken: 'wrong' }));
    const r = await agentCli(env, 'sync');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/enrollmentToken: an enrollment token/);
    env.writeConfig();
  });
});
