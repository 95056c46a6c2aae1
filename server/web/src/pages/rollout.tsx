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

interface RolloutFile {
  name: string;
  platform: string;
  target: string;
  description: string;
  downloadUrl: string;
}
interface RolloutInfo {
  options: { disablePrivateBrowsing: boolean; disableGuestMode: boolean; lockSettings: boolean; pinToolbar: boolean };
  serverUrl: string;
  chromium: { extensionId: string; updateUrl: string };
  enrollmentToken: { id: string; createdAt: string; revokedAt: string | null } | null;
  releases: { version: string; file: string }[];
  files: RolloutFile[];
}
type Toggle = 'disablePrivateBrowsing' | 'disableGuestMode' | 'lockSettings' | 'pinToolbar';
const TOGGLES: [Toggle, string][] = [
  ['disablePrivateBrowsing', 'Turn off Incognito / InPrivate / private browsing'],
  ['disableGuestMode', 'Turn off Guest mode'],
  ['lockSettings', 'Users cannot change the server in the extension'],
  ['pinToolbar', 'Pin the Daylight button to the toolbar'],
];

/** The MDM kit (GET/PUT /v1/rollout): deployment choices, the rollout token, and a download per file. */
function MdmKit({ kit, reload }: { kit: RolloutInfo; reload: () => void }) {
  const { toast, tz } = useApp();
  const [opts, setOpts] = useState(kit.options);
  const save = async (rotateToken: boolean) => {
    try {
      await api('/v1/rollout', { method: 'PUT', body: { options: { ...kit.options, ...opts }, rotateToken } });
      toast(rotateToken ? 'A new rollout token is in the files.' : 'Rollout settings saved; the files below use them.');
      reload();
    } catch (err) {
      toast(`Could not save: ${(err as Error).message}`);
    }
  };
  const ready = kit.enrollmentToken !== null && kit.enrollmentToken.revokedAt === null;
  return (
    <>
      <p class="small">
        Devices connect to <code>{kit.serverUrl}</code>; Chrome and Edge install extension <code>{kit.chromium.extensionId}</code> from{' '}
        <code>{kit.chromium.updateUrl}</code>
        {kit.releases[0] ? ` (newest release ${kit.releases[0].version})` : ' (no self-hosted release yet: npm run mdm -- package)'}.
      </p>
      <fieldset class="filters">
        <legend>Deployment choices</legend>
        {TOGGLES.map(([k, label]) => (
          <label key={k}>
            <input type="checkbox" checked={opts[k]} onChange={(e) => setOpts({ ...opts, [k]: (e.target as HTMLInputElement).checked })} />{' '}
            {label}
          </label>
        ))}
        <button class="btn" type="button" onClick={() => void save(false)}>
          {ready ? 'Save settings' : 'Set up rollout files'}
        </button>
        {ready && (
          <button class="btn btn-secondary" type="button" onClick={() => void save(true)}>
            New rollout token
          </button>
        )}
      </fieldset>
      {ready ? (
        <>
          <p class="small">
            Rollout token created {fmtTime(kit.enrollmentToken!.createdAt, tz)}; it is written into every file. Files hold it: keep them in
            your MDM, not in e-mail.
          </p>
          <Table
            caption="MDM files"
            rows={kit.files}
            rowKey={(f) => f.name}
            columns={[
              { label: 'File', cell: (f) => <code>{f.name}</code> },
              { label: 'Platform', cell: (f) => f.platform },
              { label: 'For', cell: (f) => f.target },
              { label: 'What it does', wrap: true, cell: (f) => f.description },
              {
                label: 'Download',
                cell: (f) => (
                  <a class="btn btn-small" href={f.downloadUrl} download={f.name} aria-label={`Download ${f.name}`}>
                    Download
                  </a>
                ),
              },
            ]}
          />
        </>
      ) : (
        <Empty title="No rollout files yet.">
          Choose the settings above and set up the rollout: it creates the enrollment token the files carry. Step by step for Intune, Jamf,
          Google Admin, GPO and Firefox: docs/rollout.md.
        </Empty>
      )}
    </>
  );
}

export function RolloutPage() {
  const { can, tz, toast } = useApp();
  const [name, setName] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const tokens = useLoad(() => api<{ tokens: EnrollToken[] }>('/v1/enrollment-tokens'), []);
  const kit = useLoad(async () => {
    try {
      return await api<RolloutInfo>('/v1/rollout');
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
          (kit.data ? (
            <MdmKit kit={kit.data} reload={kit.reload} />
          ) : (
            <Empty title="MDM downloads are not available to your role.">Owners and admins set up the rollout files.</Empty>
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
