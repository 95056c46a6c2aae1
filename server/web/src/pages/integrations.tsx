import { api, ApiError } from '../api.ts';
import { fmtTime } from '../format.ts';
import { Badge, CsvButton, Empty, ErrorNote, Loading, PageHeader, Section, Table, useApp, useLoad } from '../ui.tsx';

/** Asks the server for an integration's configuration; null when this server does not offer it (404). */
async function probe(path: string): Promise<unknown | null> {
  try {
    return await api(path);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

function Integration({ title, path, what, next }: { title: string; path: string; what: string; next: string }) {
  const { data, error, loading } = useLoad(() => probe(path), [path]);
  return (
    <Section title={title}>
      <p class="muted">{what}</p>
      {loading && <Loading />}
      {error && <ErrorNote error={error} />}
      {!loading &&
        !error &&
        (data === null ? (
          <Empty title="Not configured.">{next}</Empty>
        ) : (
          <div>
            <Badge tone="good">available</Badge>
            <pre class="mono small">{JSON.stringify(data, null, 2).slice(0, 1200)}</pre>
          </div>
        ))}
    </Section>
  );
}

interface Token {
  id: string;
  name: string;
  role: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}
interface Admin {
  id: string;
  email: string;
  role: string;
  createdAt: string;
}

export function IntegrationsPage() {
  const { can, tz } = useApp();
  const admins = useLoad(() => (can('GET /v1/admins') ? api<{ admins: Admin[] }>('/v1/admins') : Promise.resolve(null)), []);
  const tokens = useLoad(() => (can('GET /v1/tokens') ? api<{ tokens: Token[] }>('/v1/tokens') : Promise.resolve(null)), []);
  return (
    <>
      <PageHeader title="Integrations" intro="Single sign-on, user provisioning, SIEM export, and who can reach this tenant." />
      <div class="grid-3">
        <Integration
          title="Single sign-on (OIDC)"
          path="/v1/sso"
          what="Admins sign in through your identity provider instead of one-time links."
          next="This server does not offer SSO yet; admins sign in with one-time links (invite them below)."
        />
        <Integration
          title="User provisioning (SCIM)"
          path="/v1/scim/config"
          what="Your directory provides names, departments and groups, so reports and group rules use them."
          next="This server does not offer SCIM yet; reports show users by e-mail and group rules use MDM-reported groups."
        />
        <Integration
          title="SIEM export"
          path="/v1/siem/destinations"
          what="Events, alerts and the audit log streamed to Splunk, Sentinel or any syslog/HTTP collector."
          next="This server does not offer SIEM destinations yet; export CSV from each page, or read the API (/docs)."
        />
      </div>
      {admins.data && (
        <Section
          title="Admins"
          actions={
            <CsvButton
              name="admins"
              header={['email', 'role', 'created']}
              rows={() => admins.data!.admins.map((a) => [a.email, a.role, a.createdAt])}
            />
          }
        >
          <Table
            caption="Admins of this tenant"
            rows={admins.data.admins}
            rowKey={(a) => a.id}
            columns={[
              { label: 'E-mail', cell: (a) => a.email },
              { label: 'Role', cell: (a) => <Badge tone="info">{a.role}</Badge> },
              { label: 'Since', cell: (a) => fmtTime(a.createdAt, tz) },
            ]}
          />
        </Section>
      )}
      {admins.error && <ErrorNote error={admins.error} />}
      {tokens.data && (
        <Section
          title="API tokens"
          actions={
            <CsvButton
              name="api-tokens"
              header={['name', 'role', 'created', 'last_used', 'revoked']}
              rows={() => tokens.data!.tokens.map((t) => [t.name, t.role, t.createdAt, t.lastUsedAt, t.revokedAt])}
            />
          }
        >
          {tokens.data.tokens.length ? (
            <Table
              caption="API tokens for automation"
              rows={tokens.data.tokens}
              rowKey={(t) => t.id}
              columns={[
                { label: 'Name', cell: (t) => t.name },
                { label: 'Role', cell: (t) => t.role },
                { label: 'Created', cell: (t) => fmtTime(t.createdAt, tz) },
                { label: 'Last used', cell: (t) => fmtTime(t.lastUsedAt, tz) },
                { label: 'State', cell: (t) => (t.revokedAt ? <Badge tone="muted">revoked</Badge> : <Badge tone="good">active</Badge>) },
              ]}
            />
          ) : (
            <Empty title="No API tokens.">Owners create them with POST /v1/tokens for scripts and SIEM pulls.</Empty>
          )}
        </Section>
      )}
    </>
  );
}
