import { api, qs } from '../api.ts';
import { addDays, fmtNum, fmtPct } from '../format.ts';
import {
  Bars,
  DayChart,
  Empty,
  ErrorNote,
  Kpi,
  Loading,
  PageHeader,
  Section,
  Table,
  useApp,
  useLoad,
  CsvLink,
  Badge,
  STATUS_TONE,
} from '../ui.tsx';

interface Day {
  day: string;
  events: number;
  sanctioned: number;
  unsanctioned: number;
  sensitive: number;
  decisions: Record<string, number>;
}
interface AppRow {
  app: string;
  name: string | null;
  status: string;
  sanctioned: boolean;
  events: number;
  decisions: Record<string, number>;
}
interface DataRow {
  type: string;
  decision: string;
  events: number;
  matches: number;
}
interface UserRow {
  userId: string | null;
  displayName: string | null;
  department: string | null;
  events: number;
  sensitive: number;
}

export function OverviewPage() {
  const { range, from, to, tz } = useApp();
  const span = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
  const prev = { from: addDays(from, -span), to: addDays(from, -1), tz };
  const { data, error } = useLoad(
    () =>
      Promise.all([
        api<{ rows: Day[] }>(`/v1/reports/usage/days${qs(range)}`),
        api<{ totals: { events: number; sanctioned: number; unsanctioned: number; apps: number }; rows: AppRow[] }>(
          `/v1/reports/usage/apps${qs({ ...range, limit: 10 })}`,
        ),
        api<{ rows: DataRow[] }>(`/v1/reports/data${qs({ ...range, limit: 200 })}`),
        api<{ rows: UserRow[] }>(`/v1/reports/top-users${qs({ ...range, limit: 5 })}`),
        api<{ rows: Day[] }>(`/v1/reports/usage/days${qs(prev)}`),
      ]),
    [range.from, range.to, range.tz],
  );
  if (error) return <ErrorNote error={error} />;
  if (!data)
    return (
      <>
        <PageHeader title="Overview" />
        <Loading />
      </>
    );
  const [days, apps, dataRows, users, prevDays] = data;
  const sum = (rows: Day[], k: 'events' | 'sensitive' | 'unsanctioned') => rows.reduce((n, d) => n + d[k], 0);
  const blocked = days.rows.reduce((n, d) => n + (d.decisions.block ?? 0), 0);
  const redacted = days.rows.reduce((n, d) => n + (d.decisions.redact ?? 0), 0);
  const trend = (now: number, before: number) =>
    before ? `${now >= before ? '+' : ''}${(((now - before) / before) * 100).toFixed(0)}% vs previous ${span} days` : 'no earlier data';
  const byType = new Map<string, number>();
  const byDecision = new Map<string, number>();
  for (const r of dataRows.rows) {
    byType.set(r.type, (byType.get(r.type) ?? 0) + r.events);
    byDecision.set(r.decision, (byDecision.get(r.decision) ?? 0) + r.events);
  }
  const total = apps.totals.events;
  return (
    <>
      <PageHeader title="Overview" intro={`Who uses which AI apps, what sensitive data was stopped, ${from} to ${to}.`} />
      {total === 0 ? (
        <Empty title="No AI use reported yet.">
          Enroll devices under <a href="/app/rollout">Rollout</a> (browser extension through MDM, or the desktop agent); their events appear
          here within a minute.
        </Empty>
      ) : null}
      <div class="kpis">
        <Kpi
          label="AI events"
          value={fmtNum(sum(days.rows, 'events'))}
          sub={trend(sum(days.rows, 'events'), sum(prevDays.rows, 'events'))}
        />
        <Kpi
          label="AI apps in use"
          value={fmtNum(apps.totals.apps)}
          sub={`${fmtPct(apps.totals.sanctioned, total)} of events on sanctioned apps`}
        />
        <Kpi
          label="Unsanctioned use"
          value={fmtNum(apps.totals.unsanctioned)}
          sub={trend(sum(days.rows, 'unsanctioned'), sum(prevDays.rows, 'unsanctioned'))}
          tone={apps.totals.unsanctioned > apps.totals.sanctioned ? 'warn' : undefined}
        />
        <Kpi
          label="Sensitive-data events"
          value={fmtNum(sum(days.rows, 'sensitive'))}
          sub={trend(sum(days.rows, 'sensitive'), sum(prevDays.rows, 'sensitive'))}
          tone="bad"
        />
        <Kpi
          label="Blocked / redacted"
          value={`${fmtNum(blocked)} / ${fmtNum(redacted)}`}
          sub="sends stopped or cleaned on the device"
          tone="good"
        />
      </div>
      <Section title="AI usage over time" actions={<CsvLink href={`/v1/reports/usage/days${qs({ ...range, format: 'csv' })}`} />}>
        <DayChart
          label="Events per day: sanctioned, unsanctioned and with sensitive data"
          days={days.rows.map((d) => d.day)}
          series={[
            { label: 'Sanctioned', values: days.rows.map((d) => d.sanctioned), color: '#1f8a5b' },
            { label: 'Unsanctioned', values: days.rows.map((d) => d.unsanctioned), color: '#d97706' },
            { label: 'Sensitive data', values: days.rows.map((d) => d.sensitive), color: '#c2410c' },
          ]}
        />
      </Section>
      <div class="grid-2">
        <Section title="Top apps" actions={<CsvLink href={`/v1/reports/usage/apps${qs({ ...range, format: 'csv' })}`} />}>
          {apps.rows.length ? (
            <Table
              caption="Top AI apps by events"
              rows={apps.rows}
              rowKey={(r) => r.app}
              columns={[
                { label: 'App', cell: (r) => r.name ?? r.app },
                { label: 'Status', cell: (r) => <Badge tone={STATUS_TONE[r.status] ?? 'muted'}>{r.status}</Badge> },
                { label: 'Events', num: true, cell: (r) => fmtNum(r.events) },
                { label: 'Share', num: true, cell: (r) => fmtPct(r.events, total) },
              ]}
            />
          ) : (
            <Empty title="No apps seen in this range." />
          )}
        </Section>
        <Section
          title="Sanctioned vs unsanctioned"
          actions={<CsvLink href={`/v1/reports/top-users${qs({ ...range, format: 'csv', limit: 100 })}`} />}
        >
          <Bars
            label="Events on sanctioned and unsanctioned apps"
            rows={[
              { label: 'Sanctioned', value: apps.totals.sanctioned, tone: 'good' },
              { label: 'Unsanctioned', value: apps.totals.unsanctioned, tone: 'warn' },
            ]}
          />
          <h3>Users with most sensitive-data events</h3>
          {users.rows.length ? (
            <Table
              caption="Top users by sensitive-data events"
              rows={users.rows}
              rowKey={(r) => r.userId ?? '(unknown)'}
              columns={[
                { label: 'User', cell: (r) => r.displayName ?? r.userId ?? '(unknown)' },
                { label: 'Department', cell: (r) => r.department ?? '—' },
                { label: 'Sensitive', num: true, cell: (r) => fmtNum(r.sensitive) },
              ]}
            />
          ) : (
            <Empty title="No users yet." />
          )}
        </Section>
      </div>
      <div class="grid-2">
        <Section
          title="Sensitive data by type"
          actions={<CsvLink href={`/v1/reports/data${qs({ ...range, format: 'csv', limit: 1000 })}`} />}
        >
          {byType.size ? (
            <Bars
              label="Sensitive-data events by finding type"
              rows={[...byType]
                .sort((a, b) => b[1] - a[1])
                .slice(0, 10)
                .map(([label, value]) => ({ label, value, tone: 'bad' }))}
            />
          ) : (
            <Empty title="No sensitive data seen.">Data rules are under Policy; add your own detectors under Detectors.</Empty>
          )}
        </Section>
        <Section title="Sensitive data by decision">
          {byDecision.size ? (
            <Bars
              label="Sensitive-data events by decision"
              rows={[...byDecision]
                .sort((a, b) => b[1] - a[1])
                .map(([label, value]) => ({ label, value, tone: label === 'block' ? 'bad' : label === 'allow' ? 'muted' : 'warn' }))}
            />
          ) : (
            <Empty title="No decisions yet." />
          )}
        </Section>
      </div>
    </>
  );
}
