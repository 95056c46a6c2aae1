import { useState } from 'preact/hooks';
import { api, ApiError, qs } from '../api.ts';
import { fmtTime } from '../format.ts';
import {
  Badge,
  CsvButton,
  CsvLink,
  DECISION_TONE,
  Empty,
  ErrorNote,
  Loading,
  PageHeader,
  Section,
  Table,
  useApp,
  useLoad,
} from '../ui.tsx';

interface Review {
  id: string;
  status: 'pending' | 'approved' | 'denied';
  at: string;
  userId: string | null;
  app: string;
  action: string;
  decision: string;
  dataTypes: { type: string; count: number }[];
  /** The user's justification (null under the minimal privacy tier). */
  text: string | null;
  decidedBy: string | null;
  message: string | null;
}
const DURATIONS: [number, string][] = [
  [60, '1 hour'],
  [8 * 60, '8 hours'],
  [24 * 60, '1 day'],
  [7 * 24 * 60, '7 days'],
  [30 * 24 * 60, '30 days'],
];
interface Said {
  at: string;
  deviceId: string;
  eventId: string;
  userId: string | null;
  app: string;
  decision: string;
  dataTypes: { type: string; count: number }[];
  justification: string;
}

/**
 * The review queue (GET /v1/justifications; approve grants a time-limited exception carried in the
 * next signed policy, deny sends the user a message) and the justifications users typed.
 */
export function JustificationsPage() {
  const { range, tz, toast } = useApp();
  const [status, setStatus] = useState<'pending' | 'approved' | 'denied'>('pending');
  const [minutes, setMinutes] = useState(60);
  const queue = useLoad(async () => {
    try {
      return await api<{ items: Review[]; next: string | null }>(`/v1/justifications${qs({ status })}`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }
  }, [status]);
  const said = useLoad(
    () => api<{ rows: Said[] }>(`/v1/reports/justifications${qs({ ...range, limit: 100 })}`),
    [range.from, range.to, range.tz],
  );

  async function decide(r: Review, approve: boolean) {
    try {
      if (approve) await api(`/v1/justifications/${r.id}/approve`, { method: 'POST', body: { scope: 'user', durationMinutes: minutes } });
      else
        await api(`/v1/justifications/${r.id}/deny`, { method: 'POST', body: { message: 'Not approved. Please use a sanctioned app.' } });
      const label = DURATIONS.find(([m]) => m === minutes)?.[1] ?? `${minutes} minutes`;
      toast(approve ? `Approved for ${label}; a policy exception was published.` : 'Denied; the user is told.');
      queue.reload();
    } catch (e) {
      toast(`Could not record the review: ${(e as Error).message}`);
    }
  }

  const reviewRows = queue.data?.items ?? [];
  return (
    <>
      <PageHeader
        title="Justifications"
        intro="Why people said they needed to share sensitive data with an AI app, and the review of each request."
      />
      <Section
        title="Review queue"
        actions={
          queue.data && (
            <>
              <label>
                Status{' '}
                <select value={status} onChange={(e) => setStatus((e.target as HTMLSelectElement).value as typeof status)}>
                  <option value="pending">Pending</option>
                  <option value="approved">Approved</option>
                  <option value="denied">Denied</option>
                </select>
              </label>
              {status === 'pending' && (
                <label>
                  Approve for{' '}
                  <select value={minutes} onChange={(e) => setMinutes(Number((e.target as HTMLSelectElement).value))}>
                    {DURATIONS.map(([m, l]) => (
                      <option value={m} key={m}>
                        {l}
                      </option>
                    ))}
                  </select>
                </label>
              )}
              <CsvButton
                name={`justifications-${status}`}
                header={['at', 'user', 'app', 'data_types', 'justification', 'status']}
                rows={() =>
                  reviewRows.map((r) => [r.at, r.userId, r.app, r.dataTypes.map((t) => `${t.type}:${t.count}`).join(' '), r.text, r.status])
                }
              />
            </>
          )
        }
      >
        {queue.loading && <Loading />}
        {queue.error && <ErrorNote error={queue.error} />}
        {queue.data === null && <Empty title="No review queue on this server.">The justifications users typed are listed below.</Empty>}
        {queue.data &&
          (reviewRows.length ? (
            <Table
              caption="Justification review queue"
              rows={reviewRows}
              rowKey={(r) => r.id}
              columns={[
                { label: 'When', cell: (r) => fmtTime(r.at, tz) },
                { label: 'User', cell: (r) => r.userId ?? '(unknown)' },
                { label: 'App', cell: (r) => (r.action === 'visit' ? `${r.app} (access request)` : r.app) },
                { label: 'Data', cell: (r) => r.dataTypes.map((t) => `${t.type} ×${t.count}`).join(', ') || '—' },
                {
                  label: 'Reason given',
                  wrap: true,
                  cell: (r) => <span class="quote">{r.text ?? '(not kept: minimal privacy tier)'}</span>,
                },
                {
                  label: 'Review',
                  cell: (r) =>
                    status === 'pending' ? (
                      <div class="btn-group">
                        <button
                          type="button"
                          class="btn btn-small"
                          onClick={() => void decide(r, true)}
                          aria-label={`Approve request of ${r.userId ?? 'unknown user'}`}
                        >
                          Approve
                        </button>
                        <button
                          type="button"
                          class="btn btn-small btn-danger"
                          onClick={() => void decide(r, false)}
                          aria-label={`Deny request of ${r.userId ?? 'unknown user'}`}
                        >
                          Deny
                        </button>
                      </div>
                    ) : (
                      <Badge tone={r.status === 'approved' ? 'good' : 'bad'}>{r.status}</Badge>
                    ),
                },
              ]}
            />
          ) : (
            <Empty title={`No ${status} requests.`}>Requests appear when a user justifies sharing data that a rule set to justify.</Empty>
          ))}
      </Section>
      <Section
        title="What users said"
        actions={<CsvLink href={`/v1/reports/justifications${qs({ ...range, limit: 500, format: 'csv' })}`} />}
      >
        {said.loading && <Loading />}
        {said.error && <ErrorNote error={said.error} />}
        {said.data &&
          (said.data.rows.length ? (
            <Table
              caption="Justifications users typed, newest first"
              rows={said.data.rows}
              rowKey={(r) => `${r.deviceId}/${r.eventId}`}
              columns={[
                { label: 'When', cell: (r) => fmtTime(r.at, tz) },
                { label: 'User', cell: (r) => r.userId ?? '(unknown)' },
                { label: 'App', cell: (r) => r.app },
                { label: 'Data', cell: (r) => r.dataTypes.map((t) => `${t.type} ×${t.count}`).join(', ') },
                { label: 'Decision', cell: (r) => <Badge tone={DECISION_TONE[r.decision] ?? 'muted'}>{r.decision}</Badge> },
                { label: 'Reason given', wrap: true, cell: (r) => <span class="quote">{r.justification}</span> },
              ]}
            />
          ) : (
            <Empty title="No justifications in this range.">They appear when a data rule asks users to justify (action justify).</Empty>
          ))}
      </Section>
    </>
  );
}
