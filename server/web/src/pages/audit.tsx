import { useState } from 'preact/hooks';
import type { AuditRecord } from '../../../../shared/contracts/audit.ts';
import { api } from '../api.ts';
import { fmtNum, fmtTime } from '../format.ts';
import { Badge, CsvButton, Empty, ErrorNote, Loading, PageHeader, Section, Table, useApp, useLoad } from '../ui.tsx';

type Verify = { ok: true; records: number; head: string } | { ok: false; records: number; brokenAt: { seq: number; reason: string } };

/** The audit log, newest first (the whole chain is read in pages of 5,000), with the chain check. */
export function AuditPage() {
  const { tz } = useApp();
  const [shown, setShown] = useState(100);
  const verify = useLoad(() => api<Verify>('/v1/audit/verify'), []);
  const log = useLoad(async () => {
    const out: AuditRecord[] = [];
    let after = 0;
    for (let i = 0; i < 200; i++) {
      const p = await api<{ records: AuditRecord[]; next: number | null }>(`/v1/audit?after=${after}&limit=5000`);
      out.push(...p.records);
      if (p.next === null) break;
      after = p.next;
    }
    return out.reverse();
  }, []);
  const admins = useLoad(async () => {
    try {
      const out = await api<{ admins: { id: string; email: string }[] }>('/v1/admins');
      return new Map(out.admins.map((a) => [`admin:${a.id}`, a.email]));
    } catch {
      return new Map<string, string>();
    }
  }, []);
  /** `admin:<id>` as the admin's e-mail where known. */
  const who = (actor: string) => admins.data?.get(actor) ?? actor;
  const v = verify.data;
  return (
    <>
      <PageHeader
        title="Audit log"
        intro="Every admin action, policy publication and enrollment, hash-chained so changes to the record show."
      >
        {log.data && (
          <CsvButton
            name="audit"
            header={['seq', 'at', 'actor', 'action', 'target', 'details', 'prev_hash', 'hash']}
            rows={() => log.data!.map((r) => [r.seq, r.at, r.actor, r.action, r.target, JSON.stringify(r.details), r.prevHash, r.hash])}
          />
        )}
      </PageHeader>
      <Section title="Chain verification">
        {verify.loading && <Loading />}
        {verify.error && <ErrorNote error={verify.error} />}
        {v &&
          (v.ok ? (
            <div class="verify ok" role="status">
              <Badge tone="good">verified</Badge> All {fmtNum(v.records)} records link up and hash correctly. Head hash{' '}
              <code>{v.head.slice(0, 16)}…</code> (keep it elsewhere, such as in your SIEM, to detect removal of the newest records).
            </div>
          ) : (
            <div class="verify broken" role="alert">
              <Badge tone="bad">broken</Badge> The chain breaks at record {v.brokenAt.seq}: {v.brokenAt.reason}. Records from there on
              cannot be trusted.
            </div>
          ))}
      </Section>
      <Section title={`Records${log.data ? ` (${fmtNum(log.data.length)})` : ''}`}>
        {log.loading && <Loading />}
        {log.error && <ErrorNote error={log.error} />}
        {log.data &&
          (log.data.length ? (
            <>
              <Table
                caption="Audit records, newest first"
                rows={log.data.slice(0, shown)}
                rowKey={(r) => String(r.seq)}
                columns={[
                  { label: '#', num: true, cell: (r) => r.seq },
                  { label: 'When', cell: (r) => fmtTime(r.at, tz) },
                  { label: 'Who', cell: (r) => who(r.actor) },
                  { label: 'Action', cell: (r) => <code>{r.action}</code> },
                  { label: 'Target', cell: (r) => (r.target ? who(r.target) : '—') },
                  {
                    label: 'Details',
                    wrap: true,
                    cell: (r) => (
                      <span class="small mono">{Object.keys(r.details).length ? JSON.stringify(r.details).slice(0, 120) : ''}</span>
                    ),
                  },
                ]}
              />
              {shown < log.data.length && (
                <button type="button" class="btn btn-secondary more" onClick={() => setShown((n) => n + 100)}>
                  Show more
                </button>
              )}
            </>
          ) : (
            <Empty title="No records yet." />
          ))}
      </Section>
    </>
  );
}
