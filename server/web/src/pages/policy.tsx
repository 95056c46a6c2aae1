import { useEffect, useMemo, useState } from 'preact/hooks';
import { AppCategory } from '../../../../shared/catalog/schema.ts';
import { AppAction, DataAction, PolicyDocument, PrivacyTier, type PolicyDocumentInput } from '../../../../shared/policy/schema.ts';
import { api } from '../api.ts';
import { hunks, lineDiff, policyLines } from '../diff.ts';
import { fmtTime } from '../format.ts';
import { currentPolicy, publish, type Current } from '../policy-api.ts';
import { CsvButton, ErrorNote, Loading, PageHeader, Section, Table, useApp, useLoad } from '../ui.tsx';

type Draft = {
  name: string;
  appDefault: string;
  appRules: { apps: string; categories: string; groups: string; action: string; message: string }[];
  dataDefault: string;
  dataRules: { types: string; apps: string; groups: string; action: string; minConfidence: string; minCount: string; message: string }[];
  tier: string;
  pseudonymize: boolean;
  retention: string;
  messages: Record<string, string>;
};

const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
const opt = (s: string) => (list(s).length ? list(s) : undefined);
const join = (a?: readonly string[]) => (a ?? []).join(', ');

function toDraft(p: PolicyDocument): Draft {
  return {
    name: p.name,
    appDefault: p.apps.defaultAction,
    appRules: p.apps.rules.map((r) => ({
      apps: join(r.apps),
      categories: join(r.categories),
      groups: join(r.groups),
      action: r.action,
      message: r.message ?? '',
    })),
    dataDefault: p.data.defaultAction,
    dataRules: p.data.rules.map((r) => ({
      types: join(r.types),
      apps: join(r.apps),
      groups: join(r.groups),
      action: r.action,
      minConfidence: String(r.minConfidence),
      minCount: String(r.minCount),
      message: r.message ?? '',
    })),
    tier: p.privacy.tier,
    pseudonymize: p.privacy.pseudonymizeUsers,
    retention: String(p.privacy.snippetRetentionDays),
    messages: { ...p.messages },
  };
}

/** The edited document: everything the form does not show (detectors, catalog, exceptions) is kept as it is. */
function fromDraft(d: Draft, base: PolicyDocument): PolicyDocumentInput {
  return {
    ...base,
    name: d.name,
    apps: {
      defaultAction: d.appDefault as PolicyDocument['apps']['defaultAction'],
      rules: d.appRules.map((r) => ({
        apps: opt(r.apps),
        categories: opt(r.categories) as PolicyDocument['apps']['rules'][number]['categories'],
        groups: opt(r.groups),
        action: r.action as PolicyDocument['apps']['defaultAction'],
        message: r.message.trim() || undefined,
      })),
    },
    data: {
      defaultAction: d.dataDefault as PolicyDocument['data']['defaultAction'],
      rules: d.dataRules.map((r) => ({
        types: list(r.types) as PolicyDocument['data']['rules'][number]['types'],
        apps: opt(r.apps),
        groups: opt(r.groups),
        action: r.action as PolicyDocument['data']['defaultAction'],
        minConfidence: Number(r.minConfidence),
        minCount: Number(r.minCount),
        message: r.message.trim() || undefined,
      })),
    },
    privacy: {
      tier: d.tier as PolicyDocument['privacy']['tier'],
      pseudonymizeUsers: d.pseudonymize,
      snippetRetentionDays: Number(d.retention),
    },
    messages: d.messages as PolicyDocument['messages'],
  };
}

function Select({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: readonly string[];
  onChange: (v: string) => void;
}) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange((e.target as HTMLSelectElement).value)}>
        {options.map((o) => (
          <option key={o}>{o}</option>
        ))}
      </select>
    </label>
  );
}

function Text({
  label,
  value,
  onChange,
  placeholder,
  wide,
  narrow,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
  wide?: boolean;
  narrow?: boolean;
}) {
  return (
    <label class={wide ? 'wide' : narrow ? 'narrow' : ''}>
      {label}
      <input value={value} placeholder={placeholder} onInput={(e) => onChange((e.target as HTMLInputElement).value)} />
    </label>
  );
}

export function PolicyPage() {
  const { can, tz, toast } = useApp();
  const cur = useLoad(currentPolicy, []);
  const versions = useLoad(
    () => api<{ current: number; versions: { version: number; issuedAt: string; createdBy: string }[] }>('/v1/policies'),
    [],
  );
  const [draft, setDraft] = useState<Draft | null>(null);
  const [base, setBase] = useState<Current | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (cur.data) {
      setBase(cur.data);
      setDraft(toDraft(cur.data.policy));
    }
  }, [cur.data]);
  const parsed = useMemo(() => (draft && base ? PolicyDocument.safeParse(fromDraft(draft, base.policy)) : null), [draft, base]);
  const diff = useMemo(() => {
    if (!parsed?.success || !base) return [];
    return hunks(lineDiff(policyLines(base.policy), policyLines(parsed.data)));
  }, [parsed, base]);
  const editable = can('POST /v1/policies');
  if (cur.error) return <ErrorNote error={cur.error} />;
  if (!draft || !base)
    return (
      <>
        <PageHeader title="Policy" />
        <Loading />
      </>
    );
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const changed = diff.some((l) => l && l.kind !== ' ');
  const doPublish = async () => {
    if (!parsed?.success) return;
    setBusy(true);
    try {
      const v = await publish(parsed.data, base.version);
      toast(`Policy version ${v} published and signed. Devices pick it up on their next sync.`);
      cur.reload();
      versions.reload();
    } catch (e) {
      toast(`Could not publish: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <PageHeader
        title="Policy"
        intro={`Version ${base.version}, published ${fmtTime(base.issuedAt, tz)}. Rules run top to bottom; the first that matches decides.`}
      >
        {editable && (
          <button type="button" class="btn" disabled={!changed || !parsed?.success || busy} onClick={() => void doPublish()}>
            {busy ? 'Publishing…' : 'Publish new version'}
          </button>
        )}
      </PageHeader>
      {!editable && <p class="note">Your role can read the policy; owners and admins publish changes.</p>}
      <fieldset disabled={!editable} class="plain-fieldset">
        <Section title="General">
          <div class="form-row">
            <Text label="Policy name" value={draft.name} onChange={(v) => set({ name: v })} />
            <Select label="Privacy tier" value={draft.tier} options={PrivacyTier.options} onChange={(v) => set({ tier: v })} />
            <label class="check">
              <input
                type="checkbox"
                checked={draft.pseudonymize}
                onChange={(e) => set({ pseudonymize: (e.target as HTMLInputElement).checked })}
              />{' '}
              Pseudonymize users
            </label>
          </div>
        </Section>
        <Section title="AI apps">
          <div class="form-row">
            <Select
              label="When no rule matches"
              value={draft.appDefault}
              options={AppAction.options}
              onChange={(v) => set({ appDefault: v })}
            />
          </div>
          {draft.appRules.map((r, i) => (
            <div class="rule" key={i}>
              <span class="rule-n">{i + 1}</span>
              <Text
                label="Apps (ids, comma-separated)"
                value={r.apps}
                placeholder="any app"
                onChange={(v) => set({ appRules: draft.appRules.map((x, k) => (k === i ? { ...x, apps: v } : x)) })}
              />
              <Text
                label="Categories"
                value={r.categories}
                placeholder={`any (${AppCategory.options.slice(0, 3).join(', ')}…)`}
                onChange={(v) => set({ appRules: draft.appRules.map((x, k) => (k === i ? { ...x, categories: v } : x)) })}
              />
              <Text
                label="Groups"
                value={r.groups}
                placeholder="everyone"
                onChange={(v) => set({ appRules: draft.appRules.map((x, k) => (k === i ? { ...x, groups: v } : x)) })}
              />
              <Select
                label="Action"
                value={r.action}
                options={AppAction.options}
                onChange={(v) => set({ appRules: draft.appRules.map((x, k) => (k === i ? { ...x, action: v } : x)) })}
              />
              <button
                type="button"
                class="btn btn-small btn-secondary"
                aria-label={`Remove app rule ${i + 1}`}
                onClick={() => set({ appRules: draft.appRules.filter((_, k) => k !== i) })}
              >
                Remove
              </button>
            </div>
          ))}
          <button
            type="button"
            class="btn btn-secondary"
            onClick={() =>
              set({ appRules: [...draft.appRules, { apps: '', categories: '', groups: '', action: 'monitored', message: '' }] })
            }
          >
            Add app rule
          </button>
        </Section>
        <Section title="Sensitive data">
          <div class="form-row">
            <Select
              label="When no rule matches"
              value={draft.dataDefault}
              options={DataAction.options}
              onChange={(v) => set({ dataDefault: v })}
            />
          </div>
          {draft.dataRules.map((r, i) => {
            const upd = (patch: Partial<Draft['dataRules'][number]>) =>
              set({ dataRules: draft.dataRules.map((x, k) => (k === i ? { ...x, ...patch } : x)) });
            return (
              <div class="rule" key={i}>
                <span class="rule-n">{i + 1}</span>
                <Text label="Data types" value={r.types} wide onChange={(v) => upd({ types: v })} />
                <Text label="Apps" value={r.apps} placeholder="any app" onChange={(v) => upd({ apps: v })} />
                <Text label="Groups" value={r.groups} placeholder="everyone" onChange={(v) => upd({ groups: v })} />
                <Select label="Action" value={r.action} options={DataAction.options} onChange={(v) => upd({ action: v })} />
                <Text label="Min confidence" narrow value={r.minConfidence} onChange={(v) => upd({ minConfidence: v })} />
                <Text label="Min count" narrow value={r.minCount} onChange={(v) => upd({ minCount: v })} />
                <button
                  type="button"
                  class="btn btn-small btn-secondary"
                  aria-label={`Remove data rule ${i + 1}`}
                  onClick={() => set({ dataRules: draft.dataRules.filter((_, k) => k !== i) })}
                >
                  Remove
                </button>
              </div>
            );
          })}
          <button
            type="button"
            class="btn btn-secondary"
            onClick={() =>
              set({
                dataRules: [
                  ...draft.dataRules,
                  { types: 'email', apps: '', groups: '', action: 'warn', minConfidence: '0.5', minCount: '1', message: '' },
                ],
              })
            }
          >
            Add data rule
          </button>
        </Section>
        <Section title="Messages shown to users">
          <div class="form-grid">
            {Object.keys(draft.messages).map((k) => (
              <label key={k} class="wide">
                {k}
                <textarea
                  rows={2}
                  value={draft.messages[k]}
                  onInput={(e) => set({ messages: { ...draft.messages, [k]: (e.target as HTMLTextAreaElement).value } })}
                />
              </label>
            ))}
          </div>
        </Section>
      </fieldset>
      <Section title="Check and preview">
        {parsed && !parsed.success ? (
          <div class="error-note" role="alert">
            <strong>Fix before publishing:</strong>
            <ul>
              {parsed.error.issues.slice(0, 20).map((x, i) => (
                <li key={i}>
                  <code>{x.path.join('.')}</code>: {x.message}
                </li>
              ))}
            </ul>
          </div>
        ) : changed ? (
          <pre class="diff" tabIndex={0} aria-label="Changes against the published version">
            {diff.map((l, i) =>
              l ? (
                <div key={i} class={l.kind === '+' ? 'add' : l.kind === '-' ? 'del' : ''}>
                  {l.kind} {l.text}
                </div>
              ) : (
                <div key={i} class="skip-line">
                  …
                </div>
              ),
            )}
          </pre>
        ) : (
          <p class="muted" role="status">
            Valid. No changes against version {base.version}.
          </p>
        )}
      </Section>
      <Section
        title="Versions"
        actions={
          versions.data && (
            <CsvButton
              name="policy-versions"
              header={['version', 'issued_at', 'created_by']}
              rows={() => versions.data!.versions.map((v) => [v.version, v.issuedAt, v.createdBy])}
            />
          )
        }
      >
        {versions.data && (
          <Table
            caption="Published policy versions"
            rows={[...versions.data.versions].sort((a, b) => b.version - a.version).slice(0, 20)}
            rowKey={(v) => String(v.version)}
            columns={[
              { label: 'Version', num: true, cell: (v) => v.version },
              { label: 'Published', cell: (v) => fmtTime(v.issuedAt, tz) },
              { label: 'By', cell: (v) => v.createdBy },
            ]}
          />
        )}
      </Section>
    </>
  );
}
