import { useState } from 'preact/hooks';
import { api, ApiError } from '../api.ts';
import { fmtTime } from '../format.ts';
import { Badge, CsvButton, Empty, ErrorNote, Loading, PageHeader, Section, Table, useApp, useLoad } from '../ui.tsx';

interface EnrollToken {
  id: string;
  name: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

export function RolloutPage() {
  const { can, tz, toast } = useApp();
  const [name, setName] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const tokens = useLoad(() => api<{ tokens: EnrollToken[] }>('/v1/enrollment-tokens'), []);
  const kit = useLoad(async () => {
    try {
      return await api<unknown>('/v1/rollout');
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }
  }, []);
  const create = async (e: Event) => {
    e.preventDefault();
    try {
      const out = await api<{ token: string }>('/v1/enrollment-tokens', { method: 'POST', body: { name: name || 'MDM rollout' } });
      setCreated(out.token);
      setName('');
      tokens.reload();
      toast('Enrollment token created. Copy it now: it is shown once.');
    } catch (err) {
      toast(`Could not create: ${(err as Error).message}`);
    }
  };
  return (
    <>
      <PageHeader title="Rollout" intro="Put the browser extension and the desktop agent on every managed device." />
      <Section title="MDM packages">
        {kit.loading && <Loading />}
        {kit.error && <ErrorNote error={kit.error} />}
        {!kit.loading &&
          !kit.error &&
          (kit.data === null ? (
            <Empty title="MDM downloads not configured on this server.">
              Until they are: force-install the extension by policy (Chrome/Edge <code>ExtensionInstallForcelist</code>) with the managed
              settings <code>serverUrl</code> and <code>enrollmentToken</code> (a token below), and give the desktop agent the same two keys
              in its <code>agent.json</code> (docs/desktop.md).
            </Empty>
          ) : (
            <pre class="mono small">{JSON.stringify(kit.data, null, 2).slice(0, 1500)}</pre>
          ))}
      </Section>
      <Section
        title="Enrollment tokens"
        actions={
          tokens.data && (
            <CsvButton
              name="enrollment-tokens"
              header={['name', 'created', 'expires', 'revoked']}
              rows={() => tokens.data!.tokens.map((t) => [t.name, t.createdAt, t.expiresAt, t.revokedAt])}
            />
          )
        }
      >
        {can('POST /v1/enrollment-tokens') && (
          <form class="filters" onSubmit={(e) => void create(e)}>
            <label>
              New token name
              <input value={name} placeholder="e.g. Intune, all laptops" onInput={(e) => setName((e.target as HTMLInputElement).value)} />
            </label>
            <button class="btn" type="submit">
              Create token
            </button>
          </form>
        )}
        {created && (
          <div class="secret" role="status">
            <strong>Shown once:</strong> <code>{created}</code>
          </div>
        )}
        {tokens.loading && <Loading />}
        {tokens.error && <ErrorNote error={tokens.error} />}
        {tokens.data &&
          (tokens.data.tokens.length ? (
            <Table
              caption="Enrollment tokens"
              rows={tokens.data.tokens}
              rowKey={(t) => t.id}
              columns={[
                { label: 'Name', cell: (t) => t.name },
                { label: 'Created', cell: (t) => fmtTime(t.createdAt, tz) },
                { label: 'Expires', cell: (t) => (t.expiresAt ? fmtTime(t.expiresAt, tz) : 'never') },
                { label: 'State', cell: (t) => (t.revokedAt ? <Badge tone="muted">revoked</Badge> : <Badge tone="good">active</Badge>) },
              ]}
            />
          ) : (
            <Empty title="No enrollment tokens.">Create one above and put it in your MDM's managed configuration.</Empty>
          ))}
      </Section>
    </>
  );
}
