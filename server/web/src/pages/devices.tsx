import { useState } from 'preact/hooks';
import type { DeviceWithCoverage } from '../../../../shared/contracts/heartbeat.ts';
import { api } from '../api.ts';
import { fmtNum, fmtTime } from '../format.ts';
import { Badge, CsvButton, Empty, ErrorNote, Kpi, Loading, PageHeader, Section, Table, useApp, useLoad } from '../ui.tsx';

const ISSUE_TEXT: Record<string, string> = {
  no_heartbeat: 'never reported',
  stale_heartbeat: 'silent for over 24 h',
  browser_without_extension: 'browser without the extension',
  adapter_unhealthy: 'site adapter not working',
  events_dropped: 'events dropped',
  clipboard_guard_off: 'clipboard guard off',
};

async function allDevices(): Promise<DeviceWithCoverage[]> {
  const out: DeviceWithCoverage[] = [];
  let after: string | null = null;
  for (let i = 0; i < 50; i++) {
    const page: { devices: DeviceWithCoverage[]; next: string | null } = await api(
      `/v1/devices?limit=1000${after ? `&after=${after}` : ''}`,
    );
    out.push(...page.devices);
    after = page.next;
    if (!after) break;
  }
  return out;
}

export function DevicesPage() {
  const { tz } = useApp();
  const [only, setOnly] = useState<'all' | 'gaps'>('all');
  const [open, setOpen] = useState<DeviceWithCoverage | null>(null);
  const [shown, setShown] = useState(100);
  const { data, error } = useLoad(allDevices, []);
  // Devices with gaps first (most issues first), then by host name.
  const devices = (data ?? [])
    .filter((d) => !d.revokedAt)
    .sort((a, b) => b.coverage.issues.length - a.coverage.issues.length || (a.hostname ?? a.id).localeCompare(b.hostname ?? b.id));
  const gaps = devices.filter((d) => d.coverage.issues.length > 0);
  const rows = only === 'gaps' ? gaps : devices;
  const csv = () =>
    rows.map((d) => [
      d.hostname,
      d.userId,
      d.agent,
      d.agentVersion,
      d.os,
      d.coverage.policyVersion,
      d.coverage.lastHeartbeatAt,
      d.coverage.browsers.covered.length,
      d.coverage.browsers.uncovered.length,
      d.coverage.adapters.unhealthy.map((a) => a.id).join(' '),
      d.coverage.issues.join(' '),
    ]);
  return (
    <>
      <PageHeader title="Devices & coverage" intro="Every enrolled device, what protects it, and where protection has gaps.">
        <CsvButton
          name="devices"
          header={[
            'hostname',
            'user',
            'agent',
            'version',
            'os',
            'policy_version',
            'last_heartbeat',
            'browsers_covered',
            'browsers_uncovered',
            'unhealthy_adapters',
            'issues',
          ]}
          rows={csv}
        />
      </PageHeader>
      {error && <ErrorNote error={error} />}
      {!data && !error && <Loading />}
      {data && (
        <>
          <div class="kpis">
            <Kpi label="Devices" value={fmtNum(devices.length)} />
            <Kpi label="Fully covered" value={fmtNum(devices.length - gaps.length)} tone="good" />
            <Kpi label="With gaps" value={fmtNum(gaps.length)} tone={gaps.length ? 'bad' : undefined} />
            <Kpi
              label="Browsers without the extension"
              value={fmtNum(devices.reduce((n, d) => n + d.coverage.browsers.uncovered.length, 0))}
              tone="warn"
            />
          </div>
          <div class={open ? 'grid-detail' : ''}>
            <Section
              title="Devices"
              actions={
                <label>
                  Show{' '}
                  <select value={only} onChange={(e) => setOnly((e.target as HTMLSelectElement).value as typeof only)}>
                    <option value="all">All devices</option>
                    <option value="gaps">Only devices with gaps</option>
                  </select>
                </label>
              }
            >
              {rows.length ? (
                <Table
                  caption="Enrolled devices with coverage"
                  rows={rows.slice(0, shown)}
                  rowKey={(d) => d.id}
                  selected={open?.id ?? null}
                  onRow={setOpen}
                  columns={[
                    {
                      label: 'Device',
                      cell: (d) => (
                        <div>
                          <div class="strong">{d.hostname ?? d.id.slice(0, 8)}</div>
                          <div class="muted small">{d.userId ?? 'no user'}</div>
                        </div>
                      ),
                    },
                    { label: 'Agent', cell: (d) => `${d.agent} ${d.agentVersion}` },
                    { label: 'OS', cell: (d) => `${d.os}${d.osVersion ? ` ${d.osVersion}` : ''}` },
                    { label: 'Policy', cell: (d) => (d.coverage.policyVersion ? `v${d.coverage.policyVersion}` : '—') },
                    { label: 'Last heartbeat', cell: (d) => fmtTime(d.coverage.lastHeartbeatAt, tz) },
                    {
                      label: 'Coverage',
                      cell: (d) =>
                        d.coverage.issues.length ? (
                          <div class="issues">
                            {d.coverage.issues.map((i) => (
                              <Badge key={i} tone={i === 'events_dropped' || i === 'stale_heartbeat' ? 'warn' : 'bad'}>
                                {ISSUE_TEXT[i] ?? i}
                              </Badge>
                            ))}
                          </div>
                        ) : (
                          <Badge tone="good">covered</Badge>
                        ),
                    },
                    {
                      label: 'Details',
                      cell: (d) => (
                        <button
                          type="button"
                          class="btn btn-small btn-secondary"
                          aria-label={`Open details of ${d.hostname ?? d.id}`}
                          onClick={(e) => {
                            e.stopPropagation();
                            setOpen(d);
                          }}
                        >
                          Open
                        </button>
                      ),
                    },
                  ]}
                />
              ) : null}
              {rows.length > shown && (
                <button type="button" class="btn btn-secondary more" onClick={() => setShown((n) => n + 200)}>
                  Show more ({rows.length - shown} more)
                </button>
              )}
              {rows.length ? null : (
                <Empty title={only === 'gaps' ? 'No coverage gaps.' : 'No devices enrolled yet.'}>
                  {only === 'gaps'
                    ? 'Every device reports full coverage.'
                    : 'Create an enrollment token under Rollout and push it with your MDM.'}
                </Empty>
              )}
            </Section>
            {open && (
              <Section
                title={open.hostname ?? open.id}
                actions={
                  <button type="button" class="btn btn-small btn-secondary" onClick={() => setOpen(null)}>
                    Close
                  </button>
                }
              >
                <dl class="details">
                  <dt>User</dt>
                  <dd>{open.userId ?? '—'}</dd>
                  <dt>Agent</dt>
                  <dd>
                    {open.agent} {open.agentVersion} ({open.coverage.surface ?? 'no heartbeat'})
                  </dd>
                  <dt>Enrolled</dt>
                  <dd>{fmtTime(open.enrolledAt, tz)}</dd>
                  <dt>Policy version</dt>
                  <dd>{open.coverage.policyVersion ?? '—'}</dd>
                  <dt>Outbound queue</dt>
                  <dd>{open.coverage.queue ? `${open.coverage.queue.queued} waiting, ${open.coverage.queue.dropped} dropped` : '—'}</dd>
                </dl>
                <h3>Browsers and profiles</h3>
                {open.coverage.browsers.covered.length + open.coverage.browsers.uncovered.length ? (
                  <ul class="plain">
                    {open.coverage.browsers.uncovered.map((b) => (
                      <li key={`u-${b.name}-${b.profile}`} class="gap">
                        <Badge tone="bad">{b.extensionInstalled ? 'extension disabled' : 'no extension'}</Badge> {b.name} · {b.profile}
                      </li>
                    ))}
                    {open.coverage.browsers.covered.map((b) => (
                      <li key={`c-${b.name}-${b.profile}`}>
                        <Badge tone="good">protected</Badge> {b.name} · {b.profile}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p class="muted">
                    {open.agent === 'extension'
                      ? 'This is a browser extension; its own profile is covered.'
                      : 'No browser profiles reported.'}
                  </p>
                )}
                <h3>Site adapters</h3>
                <p>
                  {open.coverage.adapters.total} checked, {open.coverage.adapters.unhealthy.length} not working
                </p>
                {open.coverage.adapters.unhealthy.length > 0 && (
                  <ul class="plain">
                    {open.coverage.adapters.unhealthy.map((a) => (
                      <li key={a.id} class="gap">
                        <Badge tone="bad">{a.id}</Badge> {a.composerFound ? 'composer found' : 'composer not found'},{' '}
                        {a.sendHooked ? 'send hooked' : 'send not hooked'}
                      </li>
                    ))}
                  </ul>
                )}
              </Section>
            )}
          </div>
        </>
      )}
    </>
  );
}
