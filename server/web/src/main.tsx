import 'uplot/dist/uPlot.min.css';
import './style.css';
import { render } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ROUTES } from '../../src/auth/roles.ts';
import type { MeResponse } from '../../../shared/contracts/dashboard.ts';
import { api, ApiError, setCsrf } from './api.ts';
import { AuditPage } from './pages/audit.tsx';
import { DataEventsPage } from './pages/data-events.tsx';
import { DetectorsPage } from './pages/detectors.tsx';
import { DevicesPage } from './pages/devices.tsx';
import { IntegrationsPage } from './pages/integrations.tsx';
import { JustificationsPage } from './pages/justifications.tsx';
import { OverviewPage } from './pages/overview.tsx';
import { PolicyPage } from './pages/policy.tsx';
import { RolloutPage } from './pages/rollout.tsx';
import { ShadowAiPage } from './pages/shadow-ai.tsx';
import { AppCtx, defaultRange, type Ctx } from './ui.tsx';

interface PageDef {
  path: string;
  label: string;
  /** The route the page needs; the page is listed only for roles that may call it. */
  needs: keyof typeof ROUTES;
  view: () => preact.JSX.Element;
}

const PAGES: PageDef[] = [
  { path: 'overview', label: 'Overview', needs: 'GET /v1/reports/usage/days', view: OverviewPage },
  { path: 'shadow-ai', label: 'Shadow AI', needs: 'GET /v1/reports/apps-seen', view: ShadowAiPage },
  { path: 'data-events', label: 'Data events', needs: 'GET /v1/reports/events', view: DataEventsPage },
  { path: 'justifications', label: 'Justifications', needs: 'GET /v1/reports/justifications', view: JustificationsPage },
  { path: 'devices', label: 'Devices & coverage', needs: 'GET /v1/devices', view: DevicesPage },
  { path: 'policy', label: 'Policy', needs: 'GET /v1/policies', view: PolicyPage },
  { path: 'detectors', label: 'Detectors', needs: 'GET /v1/policies', view: DetectorsPage },
  { path: 'audit', label: 'Audit log', needs: 'GET /v1/audit', view: AuditPage },
  { path: 'integrations', label: 'Integrations', needs: 'GET /v1/tenant', view: IntegrationsPage },
  { path: 'rollout', label: 'Rollout', needs: 'GET /v1/enrollment-tokens', view: RolloutPage },
];

const RANGES = [7, 30, 90];

function canCall(role: string, key: string): boolean {
  const access = (ROUTES as Record<string, { auth: string; roles?: readonly string[] }>)[key];
  return !!access && (access.auth === 'public' || (access.auth === 'admin' && !!access.roles?.includes(role)));
}

function currentPage(): string {
  const m = /^\/app\/([a-z-]+)/.exec(location.pathname);
  return m ? m[1]! : 'overview';
}

function SignIn({ onDone }: { onDone: () => void }) {
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const token = new URLSearchParams(location.hash.slice(1)).get('token');
    // The token is one-time: drop it from the address bar and history at once.
    history.replaceState(null, '', '/sign-in');
    if (!token) {
      setError('This sign-in link has no token. Open the full link you were given.');
      return;
    }
    api('/v1/auth/sign-in', { method: 'POST', body: { token } }).then(
      () => {
        history.replaceState(null, '', '/app/overview');
        onDone();
      },
      (e: Error) => setError(e.message),
    );
  }, []);
  return (
    <main class="signin">
      <div class="signin-card">
        <div class="brand-big">Daylight</div>
        {error ? (
          <>
            <h1>Sign-in failed</h1>
            <p role="alert">{error}</p>
            <p>Sign-in links work once and for 24 hours. Ask an owner to invite you again, or use the link printed at first start.</p>
          </>
        ) : (
          <p role="status">Signing you in…</p>
        )}
      </div>
    </main>
  );
}

function SignedOut({ message }: { message: string }) {
  return (
    <main class="signin">
      <div class="signin-card">
        <div class="brand-big">Daylight</div>
        <h1>Sign in to the dashboard</h1>
        <p>{message}</p>
        <p>
          Open the one-time sign-in link you were given (<code>…/sign-in#token=dlo_…</code>). The server prints the owner's link at first
          start; owners invite others under Integrations.
        </p>
      </div>
    </main>
  );
}

function Shell({ me }: { me: MeResponse }) {
  const browserTz = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const [page, setPage] = useState(currentPage());
  const [tz, setTz] = useState(localStorage.getItem('daylight.tz') ?? browserTz);
  const [days, setDays] = useState(Number(localStorage.getItem('daylight.days') ?? 30) || 30);
  const [toast, setToast] = useState<string | null>(null);
  useEffect(() => {
    const onPop = () => setPage(currentPage());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const visible = PAGES.filter((p) => canCall(me.role, p.needs));
  const r = useMemo(() => defaultRange(tz, days), [tz, days]);
  const ctx: Ctx = {
    me,
    tz,
    from: r.from,
    to: r.to,
    range: { from: r.from, to: r.to, tz },
    navigate(path) {
      history.pushState(null, '', path);
      setPage(currentPage());
    },
    can: (key) => canCall(me.role, key),
    toast(msg) {
      setToast(msg);
      setTimeout(() => setToast(null), 4000);
    },
  };
  const active = visible.find((p) => p.path === page) ?? visible[0];
  const firstView = useRef(true);
  useEffect(() => {
    document.title = `${active?.label ?? 'Dashboard'} · Daylight`;
    // After a navigation (not the first load), move focus to the new page's heading, as a page load would.
    if (firstView.current) firstView.current = false;
    else document.getElementById('page-title')?.focus({ preventScroll: true });
  }, [active?.path]);
  const zones = [
    ...new Set([browserTz, 'UTC', 'America/New_York', 'America/Los_Angeles', 'Europe/London', 'Europe/Berlin', 'Asia/Tokyo', tz]),
  ];
  const signOut = async () => {
    try {
      await api('/v1/auth/sign-out', { method: 'POST' });
    } finally {
      location.href = '/app/overview';
    }
  };
  const View = active?.view;
  return (
    <AppCtx.Provider value={ctx}>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <div class="layout">
        <nav class="sidebar" aria-label="Dashboard pages">
          <div class="brand">
            <span class="brand-mark" aria-hidden="true" />
            Daylight
          </div>
          <div class="tenant">{me.tenantName}</div>
          <ul>
            {visible.map((p) => (
              <li key={p.path}>
                <a
                  href={`/app/${p.path}`}
                  aria-current={p.path === active?.path ? 'page' : undefined}
                  onClick={(e) => {
                    e.preventDefault();
                    ctx.navigate(`/app/${p.path}`);
                  }}
                >
                  {p.label}
                </a>
              </li>
            ))}
          </ul>
          <div class="who">
            <div class="email" title={me.email ?? me.actor}>
              {me.email ?? me.actor}
            </div>
            <div class="role">{me.role}</div>
            {me.csrfToken && (
              <button type="button" class="btn btn-link" onClick={() => void signOut()}>
                Sign out
              </button>
            )}
          </div>
        </nav>
        <div class="main-col">
          <div class="topbar">
            <label>
              Range{' '}
              <select
                value={days}
                onChange={(e) => {
                  const v = Number((e.target as HTMLSelectElement).value);
                  setDays(v);
                  localStorage.setItem('daylight.days', String(v));
                }}
              >
                {RANGES.map((d) => (
                  <option key={d} value={d}>
                    Last {d} days
                  </option>
                ))}
              </select>
            </label>
            <label>
              Time zone{' '}
              <select
                value={tz}
                onChange={(e) => {
                  const v = (e.target as HTMLSelectElement).value;
                  setTz(v);
                  localStorage.setItem('daylight.tz', v);
                }}
              >
                {zones.map((z) => (
                  <option key={z} value={z}>
                    {z}
                  </option>
                ))}
              </select>
            </label>
            <span class="range-note">
              {r.from} – {r.to}
            </span>
          </div>
          <main id="main" class="content" data-page={active?.path}>
            {View ? <View key={`${active.path}-${tz}-${days}`} /> : <SignedOut message="Your role has no dashboard pages." />}
          </main>
        </div>
      </div>
      <div class="toast" role="status" aria-live="polite">
        {toast}
      </div>
    </AppCtx.Provider>
  );
}

function App() {
  const [state, setState] = useState<{ me?: MeResponse; error?: string; signingIn: boolean }>({
    signingIn: location.pathname === '/sign-in',
  });
  const loadMe = () =>
    api<MeResponse>('/v1/auth/me').then(
      (me) => {
        setCsrf(me.csrfToken);
        setState({ me, signingIn: false });
      },
      (e: Error) =>
        setState({
          signingIn: false,
          error: e instanceof ApiError && e.status === 401 ? 'You are signed out (or your session ended).' : e.message,
        }),
    );
  useEffect(() => {
    if (!state.signingIn) void loadMe();
  }, []);
  if (state.signingIn) return <SignIn onDone={() => void loadMe()} />;
  if (state.me) return <Shell me={state.me} />;
  if (state.error) return <SignedOut message={state.error} />;
  return <div class="loading">Loading…</div>;
}

render(<App />, document.getElementById('root')!);
