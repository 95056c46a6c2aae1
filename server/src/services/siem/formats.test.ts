import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { batchId, cefHeader, cefMessage, cefValue, hecBody, octetFrame, syslogHostname, syslogMessage, webhookRequest } from './formats.ts';
import { ocsfClass, toOcsf, type SiemRecord } from './ocsf.ts';
import { backoffMs } from './worker.ts';

const event: SiemRecord = {
  kind: 'event',
  id: 'd1:e1',
  time: new Date('2025-03-04T10:00:00.123Z'),
  event: {
    deviceId: 'd1',
    eventId: 'e1',
    hostname: 'mbp|01',
    userId: 'a=b\\c@example.test',
    app: 'chatgpt',
    host: 'chatgpt.com',
    surface: 'browser',
    action: 'paste',
    decision: 'block',
    accountType: null,
    dataTypes: [{ type: 'email', count: 2 }],
    textLength: 10,
  },
};

describe('SIEM wire formats', () => {
  it('escapes CEF header and extension values', () => {
    expect(cefHeader('a|b\\c')).toBe('a\\|b\\\\c');
    expect(cefValue('x=y\\z\nw\r')).toBe('x\\=y\\\\z\\nw\\r');
    const m = cefMessage(event);
    expect(m.startsWith('CEF:0|Daylight|Daylight|')).toBe(true);
    expect(m).toContain('suser=a\\=b\\\\c@example.test');
    expect(m).toContain('externalId=d1:e1');
    expect(m).toContain('cs2=email:2');
  });

  it('frames RFC 5424 messages by their UTF-8 byte length', () => {
    const msg = syslogMessage(
      { ...event, event: { ...event.event, userId: 'zoë@example.test' } },
      { facility: 16, appName: 'daylight' },
      'srv',
    );
    expect(msg).toMatch(/^<132>1 2025-03-04T10:00:00\.123Z srv daylight - event \[daylight@32473 id="d1:e1" kind="event"\] CEF:0\|/);
    const frame = octetFrame(msg);
    const sp = frame.indexOf(0x20);
    expect(Number(frame.subarray(0, sp).toString())).toBe(Buffer.byteLength(msg));
    expect(Buffer.byteLength(msg)).toBeGreaterThan(msg.length);
    expect(syslogHostname('my host\u00e9')).toBe('myhost');
  });

  it('builds HEC batches of JSON objects with epoch-second times', () => {
    const lines = hecBody([event, event], { source: 's', sourcetype: 't' }, 'h').split('\n');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      time: 1741082400.123,
      host: 'h',
      source: 's',
      sourcetype: 't',
      fields: { daylight_id: 'd1:e1' },
    });
  });

  it('signs webhook bodies over timestamp and body', () => {
    const { body, headers } = webhookRequest([event], 'k'.repeat(32), new Date('2025-03-04T10:00:00Z'));
    expect(headers['daylight-timestamp']).toBe('1741082400');
    expect(headers['daylight-signature']).toBe(`v1=${createHmac('sha256', 'k'.repeat(32)).update(`1741082400.${body}`).digest('hex')}`);
    expect(headers['idempotency-key']).toBe(batchId([event]));
  });

  it('names the same OCSF class in CEF as in the OCSF event', () => {
    const records: SiemRecord[] = [
      event,
      { ...event, event: { ...event.event, dataTypes: [] } },
      {
        kind: 'audit',
        id: 'audit:1',
        time: new Date(),
        audit: { seq: 1, actor: 'a', action: 'admin.create', target: null, details: {}, hash: 'h' },
      },
      {
        kind: 'audit',
        id: 'audit:2',
        time: new Date(),
        audit: { seq: 2, actor: 'a', action: 'policy.publish', target: null, details: {}, hash: 'h' },
      },
      { kind: 'test', id: 'test:1', time: new Date() },
    ];
    for (const r of records) expect(ocsfClass(r)).toEqual({ uid: toOcsf(r).class_uid, name: toOcsf(r).class_name });
  });

  it('backs off exponentially with jitter, capped, and honours Retry-After', () => {
    const o = { baseDelayMs: 1000, maxDelayMs: 8000 };
    expect(backoffMs(1, o, 0, () => 0)).toBe(500);
    expect(backoffMs(3, o, 0, () => 0.999)).toBeLessThanOrEqual(4000);
    expect(backoffMs(3, o, 0, () => 0)).toBe(2000);
    expect(backoffMs(10, o, 0, () => 0.5)).toBe(6000);
    expect(backoffMs(1, o, 30_000, () => 0)).toBe(30_000);
  });
});
