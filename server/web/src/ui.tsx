import type { ComponentChildren } from 'preact';
import { createContext } from 'preact';
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import type { MeResponse } from '../../../shared/contracts/dashboard.ts';
import { ApiError } from './api.ts';
import { addDays, downloadCsv, todayIn } from './format.ts';

export interface Ctx {
  me: MeResponse;
  tz: string;
  from: string;
  to: string;
  /** Report query parameters for the chosen range. */
  range: { from: string; to: string; tz: string };
  navigate(path: string): void;
  can(routeKey: string): boolean;
  toast(msg: string): void;
}
export const AppCtx = createContext<Ctx>(null as unknown as Ctx);
export const useApp = () => useContext(AppCtx);

export function defaultRange(tz: string, days: number) {
  const to = todayIn(tz);
  return { from: addDays(to, -(days - 1)), to };
}

/** Loads `fn` whenever `deps` change: { data, error, loading, reload }. */
export function useLoad<T>(fn: () => Promise<T>, deps: unknown[]) {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>({ loading: true });
  const [n, setN] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    fn().then(
      (data) => live && setState({ data, loading: false }),
      (error: Error) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...deps, n]);
  return { ...state, reload: () => setN((x) => x + 1) };
}

export function PageHeader({ title, intro, children }: { title: string; intro?: string; children?: ComponentChildren }) {
  return (
    <header class="page-header">
      <div>
        <h1 tabIndex={-1} id="page-title">
          {title}
        </h1>
        {intro && <p class="intro">{intro}</p>}
      </div>
      <div class="actions">{children}</div>
    </header>
  );
}

export function Section({ title, children, actions }: { title: string; children: ComponentChildren; actions?: ComponentChildren }) {
  const id = `s-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <section class="card" aria-labelledby={id}>
      <div class="card-head">
        <h2 id={id}>{title}</h2>
        {actions && <div class="actions">{actions}</div>}
      </div>
      {children}
    </section>
  );
}

export function Kpi({ label, value, sub, tone }: { label: string; value: string; sub?: string; tone?: 'good' | 'bad' | 'warn' }) {
  return (
    <div class={`kpi ${tone ?? ''}`}>
      <div class="kpi-label">{label}</div>
      <div class="kpi-value">{value}</div>
      {sub && <div class="kpi-sub">{sub}</div>}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="empty" role="status">
      <strong>{title}</strong>
      {children && <div>{children}</div>}
    </div>
  );
}

export function Loading() {
  return (
    <div class="loading" role="status" aria-live="polite">
      Loading…
    </div>
  );
}

export function ErrorNote({ error }: { error: Error }) {
  const forbidden = error instanceof ApiError && error.status === 403;
  return (
    <div class="error-note" role="alert">
      {forbidden ? 'Your role cannot see this. Ask an owner for access.' : `Could not load: ${error.message}`}
    </div>
  );
}

export function Badge({ tone, children }: { tone: string; children: ComponentChildren }) {
  return <span class={`badge badge-${tone}`}>{children}</span>;
}

/** A link to a server CSV export (report routes answer `format=csv`). */
export function CsvLink({ href }: { href: string }) {
  return (
    <a class="btn btn-secondary" href={href} download>
      Export CSV
    </a>
  );
}

export function CsvButton({ name, header, rows }: { name: string; header: string[]; rows: () => (string | number | boolean | null)[][] }) {
  return (
    <button type="button" class="btn btn-secondary" onClick={() => downloadCsv(name, header, rows())}>
      Export CSV
    </button>
  );
}

export interface Column<T> {
  label: string;
  cell: (row: T) => ComponentChildren;
  num?: boolean;
  /** Long text that may wrap (cells stay on one line otherwise). */
  wrap?: boolean;
}

export function Table<T>({
  caption,
  columns,
  rows,
  rowKey,
  onRow,
  selected,
}: {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (r: T) => string;
  onRow?: (r: T) => void;
  selected?: string | null;
}) {
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table>
        <caption class="sr-only">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" class={c.num ? 'num' : ''} key={c.label}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const k = rowKey(r);
            return (
              <tr
                key={k}
                class={`${onRow ? 'clickable' : ''} ${selected === k ? 'selected' : ''}`}
                onClick={onRow ? () => onRow(r) : undefined}
              >
                {columns.map((c) => (
                  <td class={`${c.num ? 'num' : ''} ${c.wrap ? 'wrap' : ''}`} key={c.label}>
                    {c.cell(r)}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** A uPlot line/area chart over days. */
export function DayChart({
  days,
  series,
  label,
}: {
  days: string[];
  series: { label: string; values: number[]; color: string }[];
  label: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const host = el.current;
    if (!host) return;
    const xs = days.map((d) => Date.parse(`${d}T00:00:00Z`) / 1000);
    const width = Math.max(300, host.clientWidth);
    const plot = new uPlot(
      {
        width,
        height: 240,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'UTC'),
        legend: { show: true },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true } },
        axes: [
          { stroke: '#5b6474', grid: { stroke: '#eef0f4' } },
          { stroke: '#5b6474', grid: { stroke: '#eef0f4' }, size: 60 },
        ],
        series: [
          { label: 'Day' },
          ...series.map((s) => ({ label: s.label, stroke: s.color, width: 2, fill: `${s.color}22`, points: { show: false } })),
        ],
      },
      [xs, ...series.map((s) => s.values)],
      host,
    );
    const onResize = () => plot.setSize({ width: Math.max(300, host.clientWidth), height: 240 });
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      plot.destroy();
    };
  }, [days, series]);
  return <div class="chart" ref={el} role="img" aria-label={label} />;
}

/** Horizontal bars, plain HTML (accessible, no canvas). */
export function Bars({ rows, label }: { rows: { label: string; value: number; tone?: string }[]; label: string }) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <ul class="bars" aria-label={label}>
      {rows.map((r) => (
        <li key={r.label}>
          <span class="bar-label">{r.label}</span>
          <span class="bar-track" aria-hidden="true">
            <span class={`bar-fill ${r.tone ?? ''}`} style={{ width: `${(100 * r.value) / max}%` }} />
          </span>
          <span class="bar-value">{new Intl.NumberFormat().format(r.value)}</span>
        </li>
      ))}
    </ul>
  );
}

export const RISK_TONE: Record<string, string> = { high: 'bad', medium: 'warn', low: 'good', unknown: 'muted' };
export const STATUS_TONE: Record<string, string> = { sanctioned: 'good', monitored: 'muted', warn: 'warn', justify: 'warn', block: 'bad' };
export const DECISION_TONE: Record<string, string> = {
  allow: 'muted',
  warn: 'warn',
  justify: 'warn',
  redact: 'info',
  pseudonymize: 'info',
  block: 'bad',
  sanctioned: 'good',
  monitored: 'muted',
};
