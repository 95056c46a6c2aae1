import { useState } from 'preact/hooks';
import { api, qs } from '../api.ts';
import { fmtNum, fmtTime } from '../format.ts';
import { Badge, CsvLink, DECISION_TONE, Empty, ErrorNote, Loading, PageHeader, Section, Table, useApp, useLoad } from '../ui.tsx';

interface Row {
  at: string;
  deviceId: string;
  hostname: string | null;
  eventId: string;
  userId: string | null;
  app: string;
  host: string;
  surface: string;
  action: string;
  decision: string;
  accountType: string | null;
  dataTypes: { type: string; count: number }[];
  textLength: number | null;
  values: number;
  justified: boolean;
}
interface Filters {
  type: string;
  app: string;
  decision: string;
  user: string;
  surface: string;
}
const EMPTY: Filters = { type: '', app: '', decision: '', user: '', surface: '' };
const DECISIONS = ['allow', 'warn', 'justify', 'redact', 'pseudonymize', 'block'];

export function DataEventsPage() {
  const { range, tz } = useApp();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [pages, setPages] = useState<Row[][]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [selected, setSelected] = useState<Row | null>(null);
  const query = { ...range, ...filters };
  const first = useLoad(async () => {
    const p = await api<{ rows: Row[]; next: string | null }>(`/v1/reports/events${qs({ ...query, limit: 50 })}`);
    setPages([p.rows]);
    setNext(p.next);
    setSelected(null);
    return p;
  }, [JSON.stringify(query)]);
  const more = async () => {
    if (!next) return;
    const p = await api<{ rows: Row[]; next: string | null }>(`/v1/reports/events${qs({ ...query, limit: 50, after: next })}`);
    setPages((x) => [...x, p.rows]);
    setNext(p.next);
  };
  const rows = pages.flat();
  const drill = (patch: Partial<Filters>) => {
    const f = { ...filters, ...patch };
    setDraft(f);
    setFilters(f);
  };
  const field = (k: keyof Filters, label: string, placeholder: string) => (
    <label>
      {label}
      <input
        value={draft[k]}
        placeholder={placeholder}
        onInput={(e) => setDraft({ ...draft, [k]: (e.target as HTMLInputElement).value.trim() })}
      />
    </label>
  );
  return (
    <>
      <PageHeader
        title="Data events"
        intro="Every time sensitive data was about to reach an AI app: the types and counts found, never the values."
      >
        <CsvLink href={`/v1/reports/events${qs({ ...query, limit: 500, format: 'csv' })}`} />
      </PageHeader>
      <Section title="Filter">
        <form
          class="filters"
          onSubmit={(e) => {
            e.preventDefault();
            setFilters(draft);
          }}
        >
          {field('type', 'Data type', 'e.g. credit_card')}
          {field('app', 'App', 'e.g. chatgpt')}
          {field('user', 'User', 'e-mail')}
          <label>
            Decision
            <select value={draft.decision} onChange={(e) => setDraft({ ...draft, decision: (e.target as HTMLSelectElement).value })}>
              <option value="">Any</option>
              {DECISIONS.map((d) => (
                <option key={d}>{d}</option>
              ))}
            </select>
          </label>
          <label>
            Surface
            <select value={draft.surface} onChange={(e) => setDraft({ ...draft, surface: (e.target as HTMLSelectElement).value })}>
              <option value="">Any</option>
              <option>browser</option>
              <option>desktop</option>
              <option>cli</option>
            </select>
          </label>
          <button class="btn" type="submit">
            Apply
          </button>
          <button
            class="btn btn-secondary"
            type="button"
            onClick={() => {
              setDraft(EMPTY);
              setFilters(EMPTY);
            }}
          >
            Clear
          </button>
        </form>
      </Section>
      {first.error && <ErrorNote error={first.error} />}
      {first.loading && !rows.length && <Loading />}
      <div class={selected ? 'grid-detail' : ''}>
        <Section title={`Events${rows.length ? ` (${fmtNum(rows.length)}${next ? '+' : ''})` : ''}`}>
          {rows.length ? (
            <>
              <Table
                caption="Sensitive-data events, newest first"
                rows={rows}
                rowKey={(r) => `${r.deviceId}/${r.eventId}`}
                selected={selected ? `${selected.deviceId}/${selected.eventId}` : null}
                onRow={setSelected}
                columns={[
                  { label: 'When', cell: (r) => fmtTime(r.at, tz) },
                  { label: 'User', cell: (r) => r.userId ?? '(unknown)' },
                  { label: 'App', cell: (r) => r.app },
                  { label: 'Data', cell: (r) => r.dataTypes.map((t) => `${t.type} ×${t.count}`).join(', ') },
                  { label: 'Decision', cell: (r) => <Badge tone={DECISION_TONE[r.decision] ?? 'muted'}>{r.decision}</Badge> },
                  {
                    label: 'Details',
                    cell: (r) => (
                      <button
                        type="button"
                        class="btn btn-small btn-secondary"
                        aria-label={`Open details of the ${r.app} event of ${fmtTime(r.at, tz)}`}
                        onClick={(e) => {
                          e.stopPropagation();
                          setSelected(r);
                        }}
                      >
                        Open
                      </button>
                    ),
                  },
                ]}
              />
              {next && (
                <button type="button" class="btn btn-secondary more" onClick={() => void more()}>
                  Load more
                </button>
              )}
            </>
          ) : (
            !first.loading && (
              <Empty title="No sensitive-data events match.">
                Widen the range or clear the filters. Events appear when a data rule of the policy finds something.
              </Empty>
            )
          )}
        </Section>
        {selected && (
          <Section
            title="Event details"
            actions={
              <button type="button" class="btn btn-small btn-secondary" onClick={() => setSelected(null)}>
                Close
              </button>
            }
          >
            <dl class="details">
              <dt>When</dt>
              <dd>{fmtTime(selected.at, tz)}</dd>
              <dt>User</dt>
              <dd>
                {selected.userId ?? '(unknown)'}{' '}
                {selected.userId && (
                  <button type="button" class="btn btn-link" onClick={() => drill({ user: selected.userId! })}>
                    all events of this user
                  </button>
                )}
              </dd>
              <dt>App</dt>
              <dd>
                {selected.app} ({selected.host}){' '}
                <button type="button" class="btn btn-link" onClick={() => drill({ app: selected.app })}>
                  all events on this app
                </button>
              </dd>
              <dt>Device</dt>
              <dd>{selected.hostname ?? selected.deviceId}</dd>
              <dt>Surface / action</dt>
              <dd>
                {selected.surface} / {selected.action}
              </dd>
              <dt>Account</dt>
              <dd>{selected.accountType ?? 'unknown'}</dd>
              <dt>Decision</dt>
              <dd>
                <Badge tone={DECISION_TONE[selected.decision] ?? 'muted'}>{selected.decision}</Badge>
                {selected.justified && ' (user gave a justification)'}
              </dd>
              <dt>Found</dt>
              <dd>
                <ul class="plain">
                  {selected.dataTypes.map((t) => (
                    <li key={t.type}>
                      <button type="button" class="btn btn-link" onClick={() => drill({ type: t.type })}>
                        {t.type}
                      </button>{' '}
                      × {t.count}
                    </li>
                  ))}
                </ul>
              </dd>
              <dt>Distinct values</dt>
              <dd>{selected.values} (only keyed hashes are stored; values never leave the device)</dd>
              <dt>Text length</dt>
              <dd>{selected.textLength ?? '—'} characters</dd>
            </dl>
          </Section>
        )}
      </div>
    </>
  );
}
