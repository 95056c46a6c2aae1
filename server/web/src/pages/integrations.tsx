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

function Integration({
  title,
  path,
  what,
  next,
  summary,
}: {
  title: string;
  path: string;
  what: string;
  next: preact.ComponentChildren;
  summary: (data: never) => preact.ComponentChildren;
}) {
  const { data, error, loading } = useLoad(() => probe(path), [path]);
  return (
    <Section title={title}>
      <p class="muted">{what}</p>
      {loading && <Loading />}
      {error && <ErrorNote error={error} />}
      {!loading && !error && (data === null ? <Empty title="Not configured.">{next}</Empty> : summary(data as never))}
    </Section>
  );
}

interface OidcInfo {
  issuer: string;
  clientId: string;
  enabled: boolean;
  roleMapping: { group: string; role: string }[];
}
interface ScimTokens {
  tokens: { id: string; name: string; revokedAt: string | null; lastUsedAt: string | null }[];
}
interface Destinations {
  destinations: { id: string; name: string; kind: string; enabled?: boolean; lagSeconds?: number | null; errors?: number }[];
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
          path="/v1/sso/oidc"
          what="Admins sign in through your identity provider (Okta, Entra ID, any OpenID provider); its groups give their roles."
          next={
            <>
              Set the issuer, client and group-to-role mapping with <code>PUT /v1/sso/oidc</code> (docs/sso-scim.md). Until then admins sign
              in with one-time links.
            </>
          }
          summary={(d: OidcInfo) => (
            <div>
              <Badge tone={d.enabled ? 'good' : 'muted'}>{d.enabled ? 'enabled' : 'disabled'}</Badge>
              <p class="small">
                Issuer <code>{d.issuer}</code>, client <code>{d.clientId}</code>; {d.roleMapping.length} group-to-role mapping
                {d.roleMapping.length === 1 ? '' : 's'}.
              </p>
            </div>
          )}
        />
        <Integration
          title="User provisioning (SCIM)"
          path="/v1/scim-tokens"
          what="Your directory provides users, departments and groups at /scim/v2, so reports and group rules use them."
          next="Only owners see SCIM tokens."
          summary={(d: ScimTokens) => {
            const active = d.tokens.filter((t) => !t.revokedAt);
            return active.length ? (
              <div>
                <Badge tone="good">connected</Badge>
                <p class="small">
                  {active.length} active token{active.length === 1 ? '' : 's'} ({active.map((t) => t.name).join(', ')}); base URL{' '}
                  <code>{location.origin}/scim/v2</code>.
                </p>
              </div>
            ) : (
              <Empty title="Not configured.">
                Create a token with <code>POST /v1/scim-tokens</code> and give your IdP the base URL <code>{location.origin}/scim/v2</code>.
              </Empty>
            );
          }}
        />
        <Integration
          title="SIEM export"
          path="/v1/siem/destinations"
          what="Events, alerts and the audit log streamed to Splunk, Sentinel, a webhook or syslog/CEF (docs/siem.md)."
          next="Only owners, admins and auditors see SIEM destinations."
          summary={(d: Destinations) =>
            d.destinations.length ? (
              <ul class="small">
                {d.destinations.map((x) => (
                  <li key={x.id}>
                    <strong>{x.name}</strong> ({x.kind}){x.enabled === false ? ', paused' : ''}
                  </li>
                ))}
              </ul>
            ) : (
              <Empty title="No destinations.">
                Add one with <code>POST /v1/siem/destinations</code> (Splunk HEC, Sentinel, webhook or syslog).
              </Empty>
            )
          }
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
