import { useState } from 'preact/hooks';
import type { AppSeenRow } from '../../../../shared/contracts/dashboard.ts';
import type { AppAction } from '../../../../shared/policy/schema.ts';
import { api, qs } from '../api.ts';
import { fmtDay, fmtNum } from '../format.ts';
import { currentPolicy, publish, withAppAction } from '../policy-api.ts';
import { Badge, CsvLink, Empty, ErrorNote, Loading, PageHeader, RISK_TONE, STATUS_TONE, Section, Table, useApp, useLoad } from '../ui.tsx';

const ACTIONS: { action: AppAction; label: string }[] = [
  { action: 'sanctioned', label: 'Sanction' },
  { action: 'monitored', label: 'Monitor' },
  { action: 'block', label: 'Block' },
];

export function ShadowAiPage() {
  const { range, can, toast } = useApp();
  const [filter, setFilter] = useState<'all' | 'unsanctioned' | 'high'>('all');
  const [busy, setBusy] = useState<string | null>(null);
  const { data, error, reload } = useLoad(
    () => api<{ rows: AppSeenRow[] }>(`/v1/reports/apps-seen${qs(range)}`),
    [range.from, range.to, range.tz],
  );
  const canPublish = can('POST /v1/policies');

  async function act(row: AppSeenRow, action: AppAction) {
    setBusy(`${row.app}:${action}`);
    try {
      const cur = await currentPolicy();
      const version = await publish(withAppAction(cur.policy, row.app, action), cur.version);
      toast(`${row.name ?? row.app} is now ${action}: policy version ${version} published and signed.`);
      reload();
    } catch (e) {
      toast(`Could not publish: ${(e as Error).message}`);
    } finally {
      setBusy(null);
    }
  }

  const rows = (data?.rows ?? []).filter((r) =>
    filter === 'all' ? true : filter === 'unsanctioned' ? r.status !== 'sanctioned' : r.risk === 'high',
  );
  return (
    <>
      <PageHeader
        title="Shadow AI"
        intro="Every AI app your people used in the range, who and how much, and what the policy says about it."
      >
        <CsvLink href={`/v1/reports/apps-seen${qs({ ...range, format: 'csv' })}`} />
      </PageHeader>
      {error && <ErrorNote error={error} />}
      {!data && !error && <Loading />}
      {data && (
        <Section
          title={`Apps seen (${rows.length})`}
          actions={
            <label>
              Show{' '}
              <select value={filter} onChange={(e) => setFilter((e.target as HTMLSelectElement).value as typeof filter)}>
                <option value="all">All apps</option>
                <option value="unsanctioned">Not sanctioned</option>
                <option value="high">High risk</option>
              </select>
            </label>
          }
        >
          {!canPublish && <p class="note">Your role can read this list; owners and admins change what the policy says.</p>}
          {rows.length ? (
            <Table
              caption="AI apps seen"
              rows={rows}
              rowKey={(r) => r.app}
              columns={[
                {
                  label: 'App',
                  cell: (r) => (
                    <div>
                      <div class="strong">{r.name ?? r.app}</div>
                      <div class="muted small">{r.vendor ? `${r.vendor} · ${r.category}` : 'not in the catalog'}</div>
                    </div>
                  ),
                },
                { label: 'Risk', cell: (r) => <Badge tone={RISK_TONE[r.risk] ?? 'muted'}>{r.risk}</Badge> },
                { label: 'Status', cell: (r) => <Badge tone={STATUS_TONE[r.status] ?? 'muted'}>{r.status}</Badge> },
                { label: 'Users', num: true, cell: (r) => fmtNum(r.users) },
                { label: 'Events', num: true, cell: (r) => fmtNum(r.events) },
                { label: 'Blocked', num: true, cell: (r) => fmtNum(r.decisions.block) },
                { label: 'First seen', cell: (r) => fmtDay(r.firstSeen) },
                { label: 'Last seen', cell: (r) => fmtDay(r.lastSeen) },
                {
                  label: 'Set policy',
                  cell: (r) =>
                    canPublish ? (
                      <div class="btn-group" role="group" aria-label={`Policy for ${r.name ?? r.app}`}>
                        {ACTIONS.map((a) => (
                          <button
                            type="button"
                            key={a.action}
                            class={`btn btn-small ${r.status === a.action ? 'btn-current' : 'btn-secondary'}`}
                            aria-pressed={r.status === a.action}
                            disabled={busy !== null}
                            aria-label={`${a.label} ${r.name ?? r.app}`}
                            onClick={() => void act(r, a.action)}
                          >
                            {busy === `${r.app}:${a.action}` ? '…' : a.label}
                          </button>
                        ))}
                      </div>
                    ) : (
                      <span class="muted">—</span>
                    ),
                },
              ]}
            />
          ) : (
            <Empty title="No AI apps seen in this range.">
              Devices report visits as soon as they are enrolled (see Rollout). Try a longer range.
            </Empty>
          )}
        </Section>
      )}
    </>
  );
}
