/**
 * Justification review: justified events land in the queue, a reviewer approves (a time-limited
 * exception in the next signed policy) or denies (a notice on the user's devices), all audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorResponse } from '../../shared/contracts/errors.ts';
import type { ApproveResponse, ReviewItem } from '../../shared/contracts/review.ts';
import { decideData, verifyPolicy } from '../../shared/policy/index.ts';
import type { SignedPolicy } from '../../shared/policy/sign.ts';
import type { z } from 'zod';
import { call, DEVICE_FACTS, enroll, newTenant, startApi, type Api, type TestTenant } from './harness/api.ts';
import { STORES } from './harness/stores.ts';

const CARD = { type: 'credit_card' as const, start: 0, end: 19, confidence: 0.99 };

function event(id: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    at: new Date().toISOString(),
    app: 'chatgpt',
    host: 'chatgpt.com',
    surface: 'browser',
    action: 'paste',
    decision: 'justify',
    dataTypes: [{ type: 'credit_card', count: 1 }],
    textLength: 40,
    ...extra,
  };
}

describe.each(STORES)('justification review on %s', (kind) => {
  let api: Api;
  let a: TestTenant;
  let b: TestTenant;
  let ana: { credential: string; deviceId: string; user: { id: string } | null };
  let bob: { credential: string; deviceId: string };
  /** The server clock: tests move it. */
  let clock = Date.now();

  async function queue(t: TestTenant, status = 'pending', token = t.tokens.reviewer): Promise<ReviewItem[]> {
    const res = await call(api.app, 'GET', `/v1/justifications?status=${status}`, { token });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: ReviewItem[] }>().items;
  }

  async function devicePolicy(credential: string): Promise<SignedPolicy> {
    const res = await call(api.app, 'GET', '/v1/policy', { token: credential });
    expect(res.statusCode).toBe(200);
    return res.json<SignedPolicy>();
  }

  beforeAll(async () => {
    api = await startApi(kind, { now: () => new Date(clock) });
    a = await newTenant(api, 'Alpha');
    b = await newTenant(api, 'Bravo');
    ana = await enroll(api, a.enrollmentToken, { ...DEVICE_FACTS, user: { id: 'Ana.Silva@Alpha.test', source: 'mdm' } });
    bob = await enroll(api, a.enrollmentToken, { ...DEVICE_FACTS, user: { id: 'bob@alpha.test', source: 'mdm' } });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('queues one item per justified event, once, with user, app, data types, decision and text', async () => {
    const batch = {
      events: [
        event('evt-justified-0001', { justification: 'business: ticket 4411, test card from the vendor' }),
        event('evt-plain-000002', { decision: 'allow' }),
        event('evt-access-000003', {
          action: 'visit',
          decision: 'block',
          app: 'deepseek',
          host: 'chat.deepseek.com',
          dataTypes: [],
          justification: 'access-request business: vendor evaluation',
        }),
      ],
    };
    expect((await call(api.app, 'POST', '/v1/events', { token: ana.credential, body: batch })).statusCode).toBe(200);
    // A retried batch adds nothing to the queue.
    expect((await call(api.app, 'POST', '/v1/events', { token: ana.credential, body: batch })).json()).toMatchObject({ duplicates: 3 });
    const items = await queue(a);
    expect(items).toHaveLength(2);
    const paste = items.find((i) => i.eventId === 'evt-justified-0001')!;
    expect(paste).toMatchObject({
      status: 'pending',
      deviceId: ana.deviceId,
      userId: 'ana.silva@alpha.test',
      app: 'chatgpt',
      host: 'chatgpt.com',
      action: 'paste',
      decision: 'justify',
      dataTypes: [{ type: 'credit_card', count: 1 }],
      text: 'business: ticket 4411, test card from the vendor',
      decidedBy: null,
    });
    // Analysts read the queue; auditors do not; tenant B sees none of it.
    expect(await queue(a, 'pending', a.tokens.analyst)).toHaveLength(2);
    expect((await call(api.app, 'GET', '/v1/justifications', { token: a.tokens.auditor })).statusCode).toBe(403);
    expect(await queue(b)).toEqual([]);
  });

  it('pages newest first with the after cursor', async () => {
    const first = (await call(api.app, 'GET', '/v1/justifications?limit=1', { token: a.tokens.reviewer })).json<{
      items: ReviewItem[];
      next: string;
    }>();
    expect(first.items).toHaveLength(1);
    expect(first.next).toBe(first.items[0]!.id);
    const second = (await call(api.app, 'GET', `/v1/justifications?limit=1&after=${first.next}`, { token: a.tokens.reviewer })).json<{
      items: ReviewItem[];
      next: string | null;
    }>();
    expect(second.items).toHaveLength(1);
    expect(second.items[0]!.id).not.toBe(first.items[0]!.id);
    expect(second.next).toBeNull();
    const bad = await call(api.app, 'GET', '/v1/justifications?status=maybe', { token: a.tokens.reviewer });
    expect(bad.statusCode).toBe(400);
  });

  it('approve grants a one-hour user exception carried in the next signed policy, and it expires by itself', async () => {
    const paste = (await queue(a)).find((i) => i.eventId === 'evt-justified-0001')!;
    const before = await devicePolicy(ana.credential);

    // Role and body checks first: analysts may not decide, a group scope needs a group.
    const asAnalyst = await call(api.app, 'POST', `/v1/justifications/${paste.id}/approve`, {
      token: a.tokens.analyst,
      body: { scope: 'user', durationMinutes: 60 },
    });
    expect(asAnalyst.statusCode).toBe(403);
    for (const body of [
      { scope: 'group', durationMinutes: 60 },
      { scope: 'user', durationMinutes: 4 },
      { scope: 'user', durationMinutes: 43_201 },
    ]) {
      const res = await call(api.app, 'POST', `/v1/justifications/${paste.id}/approve`, { token: a.tokens.reviewer, body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(ErrorResponse.parse(res.json()).error.code).toBe('bad_request');
    }
    // Tenant B cannot decide tenant A's item.
    const cross = await call(api.app, 'POST', `/v1/justifications/${paste.id}/approve`, {
      token: b.tokens.owner,
      body: { scope: 'user', durationMinutes: 60 },
    });
    expect(cross.statusCode).toBe(404);

    const res = await call(api.app, 'POST', `/v1/justifications/${paste.id}/approve`, {
      token: a.tokens.reviewer,
      body: { scope: 'user', durationMinutes: 60, note: 'Vendor test cards, this week' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json<z.infer<typeof ApproveResponse>>();
    const until = new Date(clock + 3600_000).toISOString();
    expect(out.policyVersion).toBe(before.version + 1);
    expect(out.item).toMatchObject({ status: 'approved', exceptionId: out.exception.id, note: 'Vendor test cards, this week' });
    expect(out.exception).toEqual({
      id: `jit-${paste.id.replace(/-/g, '')}`,
      users: ['ana.silva@alpha.test'],
      apps: ['chatgpt'],
      types: ['credit_card'],
      until,
      reason: 'Vendor test cards, this week',
    });

    // The device gets the new version, signed by the tenant key, carrying the exception.
    const signed = await devicePolicy(ana.credential);
    const tenantInfo = (await call(api.app, 'GET', '/v1/tenant', { token: a.tokens.owner })).json<{ policyPublicKey: string }>();
    const verified = verifyPolicy(signed, tenantInfo.policyPublicKey, a.tenantId, before.version);
    expect(verified.ok).toBe(true);
    expect(signed.version).toBe(out.policyVersion);
    expect(signed.policy.exceptions).toEqual([out.exception]);
    // The card paste is now allowed for Ana on ChatGPT, not for Bob, not on other apps, and not after the hour.
    const subject = { appId: 'chatgpt', userId: 'ana.silva@alpha.test', now: new Date(clock + 60_000) };
    expect(decideData(signed.policy, [CARD], subject)).toMatchObject({ action: 'allow', exception: out.exception.id });
    expect(decideData(signed.policy, [CARD], { ...subject, userId: 'bob@alpha.test' }).action).toBe('justify');
    expect(decideData(signed.policy, [CARD], { ...subject, appId: 'gemini' }).action).toBe('justify');
    expect(decideData(signed.policy, [CARD], { ...subject, now: new Date(clock + 3600_001) }).action).toBe('justify');

    // Deciding twice is a conflict; the item left the pending queue.
    const again = await call(api.app, 'POST', `/v1/justifications/${paste.id}/approve`, {
      token: a.tokens.reviewer,
      body: { scope: 'user', durationMinutes: 60 },
    });
    expect(again.statusCode).toBe(409);
    expect((await queue(a)).map((i) => i.id)).not.toContain(paste.id);
    expect((await queue(a, 'approved')).map((i) => i.id)).toEqual([paste.id]);

    // An admin publishing a policy without it does not take it away...
    const republish = await call(api.app, 'POST', '/v1/policies', {
      token: a.tokens.admin,
      body: { policy: { ...signed.policy, exceptions: [], name: 'Edited' } },
    });
    expect(republish.statusCode, republish.body).toBe(201);
    expect(republish.json<SignedPolicy>().policy.exceptions).toEqual([out.exception]);
    // ...and once the hour has passed the next publication drops it.
    clock += 3600_000 + 1000;
    const later = await call(api.app, 'POST', '/v1/policies', { token: a.tokens.admin, body: { policy: signed.policy } });
    expect(later.statusCode).toBe(201);
    expect(later.json<SignedPolicy>().policy.exceptions).toEqual([]);
  });

  it('approve for a group without data types allows the app for the group (access request)', async () => {
    const access = (await queue(a)).find((i) => i.eventId === 'evt-access-000003')!;
    const res = await call(api.app, 'POST', `/v1/justifications/${access.id}/approve`, {
      token: a.tokens.owner,
      body: { scope: 'group', group: 'Research', durationMinutes: 120 },
    });
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json<z.infer<typeof ApproveResponse>>();
    expect(out.exception).toMatchObject({ groups: ['Research'], apps: ['deepseek'] });
    expect(out.exception.types).toBeUndefined();
    expect((await devicePolicy(bob.credential)).policy.exceptions.map((e) => e.id)).toEqual([out.exception.id]);
  });

  it('lists granted exceptions and ends one early with a new policy version', async () => {
    const listed = (await call(api.app, 'GET', '/v1/exceptions', { token: a.tokens.auditor })).json<{
      exceptions: { id: string; groups?: string[]; reviewId: string }[];
    }>();
    // The user exception expired with the clock; the group one is active.
    expect(listed.exceptions).toHaveLength(1);
    const ex = listed.exceptions[0]!;
    expect(ex).toMatchObject({ groups: ['Research'], reviewId: expect.any(String) });
    expect((await call(api.app, 'GET', '/v1/exceptions', { token: b.tokens.owner })).json()).toEqual({ exceptions: [] });
    expect((await call(api.app, 'DELETE', `/v1/exceptions/${ex.id}`, { token: a.tokens.analyst })).statusCode).toBe(403);
    expect((await call(api.app, 'DELETE', `/v1/exceptions/${ex.id}`, { token: b.tokens.owner })).statusCode).toBe(404);
    const before = await devicePolicy(bob.credential);
    const res = await call(api.app, 'DELETE', `/v1/exceptions/${ex.id}`, { token: a.tokens.reviewer });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ id: ex.id, policyVersion: before.version + 1 });
    expect((await devicePolicy(bob.credential)).policy.exceptions).toEqual([]);
    expect((await call(api.app, 'GET', '/v1/exceptions', { token: a.tokens.reviewer })).json()).toEqual({ exceptions: [] });
    expect((await call(api.app, 'DELETE', `/v1/exceptions/${ex.id}`, { token: a.tokens.reviewer })).statusCode).toBe(404);
  });

  it("deny sends the reviewer's message to the user's devices only", async () => {
    const batch = { events: [event('evt-justified-0004', { justification: 'other: just trying' })] };
    expect((await call(api.app, 'POST', '/v1/events', { token: ana.credential, body: batch })).statusCode).toBe(200);
    const item = (await queue(a)).find((i) => i.eventId === 'evt-justified-0004')!;
    const noticesBefore = (await call(api.app, 'GET', '/v1/device/notices', { token: ana.credential })).json<{
      notices: { seq: number }[];
    }>();
    const lastSeq = noticesBefore.notices.at(-1)?.seq ?? 0;

    const empty = await call(api.app, 'POST', `/v1/justifications/${item.id}/deny`, { token: a.tokens.reviewer, body: { message: ' ' } });
    expect(empty.statusCode).toBe(400);
    const res = await call(api.app, 'POST', `/v1/justifications/${item.id}/deny`, {
      token: a.tokens.reviewer,
      body: { message: 'Card numbers stay out of AI apps. Use the masked export instead.' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ item: ReviewItem }>().item).toMatchObject({
      status: 'denied',
      message: 'Card numbers stay out of AI apps. Use the masked export instead.',
      exceptionId: null,
    });
    expect(
      (await call(api.app, 'POST', `/v1/justifications/${item.id}/deny`, { token: a.tokens.reviewer, body: { message: 'x' } })).statusCode,
    ).toBe(409);

    const got = (await call(api.app, 'GET', `/v1/device/notices?after=${lastSeq}`, { token: ana.credential })).json<{
      notices: { kind: string; message: string; app: string; seq: number }[];
    }>();
    expect(got.notices).toEqual([
      expect.objectContaining({
        kind: 'justification_denied',
        app: 'chatgpt',
        message: 'Card numbers stay out of AI apps. Use the masked export instead.',
      }),
    ]);
    const next = (await call(api.app, 'GET', `/v1/device/notices?after=${got.notices[0]!.seq}`, { token: ana.credential })).json<{
      notices: unknown[];
    }>();
    expect(next.notices).toEqual([]);
    // Bob (same tenant, other user) gets nothing of Ana's.
    const bobs = (await call(api.app, 'GET', '/v1/device/notices', { token: bob.credential })).json<{ notices: unknown[] }>();
    expect(bobs.notices).toEqual([]);
    expect((await call(api.app, 'GET', '/v1/device/notices?after=-1', { token: ana.credential })).statusCode).toBe(400);
  });

  it('records every decision in the audit chain, which still verifies', async () => {
    const log = (await call(api.app, 'GET', '/v1/audit?limit=1000', { token: a.tokens.owner })).json<{
      records: { action: string; actor: string; target: string; details: Record<string, unknown> }[];
    }>();
    const actions = log.records.map((r) => r.action);
    expect(actions.filter((x) => x === 'justification.approve')).toHaveLength(2);
    expect(actions.filter((x) => x === 'justification.deny')).toHaveLength(1);
    expect(actions.filter((x) => x === 'exception.revoke')).toHaveLength(1);
    const approve = log.records.find((r) => r.action === 'justification.approve')!;
    expect(approve.details).toMatchObject({ scope: 'user', app: 'chatgpt', types: ['credit_card'], policyVersion: expect.any(Number) });
    // The approval's policy publication is in the chain too, by the reviewer.
    expect(log.records.some((r) => r.action === 'policy.publish' && r.actor === approve.actor)).toBe(true);
    const verify = (await call(api.app, 'GET', '/v1/audit/verify', { token: a.tokens.owner })).json<{ ok: boolean }>();
    expect(verify.ok).toBe(true);
  });
});
