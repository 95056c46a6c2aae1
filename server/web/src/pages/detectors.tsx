import { useEffect, useMemo, useState } from 'preact/hooks';
import { createScanner } from '../../../../shared/detect/engine.ts';
import type { Finding } from '../../../../shared/detect/types.ts';
import { CLASSIFIERS, RECOGNIZERS } from '../../../../shared/detect/registry.ts';
import { buildExactDataDetector, compileTenantDetectors } from '../../../../shared/detect/tenant/index.ts';
import type { TenantDetector } from '../../../../shared/detect/tenant/schema.ts';
import { PolicyDocument } from '../../../../shared/policy/schema.ts';
import { currentPolicy, publish, type Current } from '../policy-api.ts';
import { Badge, CsvButton, Empty, ErrorNote, Loading, PageHeader, Section, Table, useApp, useLoad } from '../ui.tsx';

type Kind = 'keywords' | 'regex' | 'edm';

const size = (d: TenantDetector) =>
  d.kind === 'keywords' ? `${d.words.length} words` : d.kind === 'regex' ? `/${d.pattern}/` : `${d.hashes.length} hashed values`;

export function DetectorsPage() {
  const { can, toast } = useApp();
  const cur = useLoad(currentPolicy, []);
  const [base, setBase] = useState<Current | null>(null);
  const [detectors, setDetectors] = useState<TenantDetector[]>([]);
  const [kind, setKind] = useState<Kind>('keywords');
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [body, setBody] = useState('');
  const [normalize, setNormalize] = useState<'casefold' | 'exact' | 'alnum'>('casefold');
  const [formError, setFormError] = useState<string | null>(null);
  const [sample, setSample] = useState('Send the Blue Falcon roadmap to jane.doe@example.com, card 4539 1488 0343 6467.');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (cur.data) {
      setBase(cur.data);
      setDetectors(cur.data.policy.detectors);
    }
  }, [cur.data]);

  // The shared engine, with the built-in recognizers and the detectors as edited: runs here, in the browser.
  const scanner = useMemo(() => {
    try {
      return { ok: createScanner({ recognizers: RECOGNIZERS, classifiers: CLASSIFIERS, extraPasses: compileTenantDetectors(detectors) }) };
    } catch (e) {
      return { error: (e as Error).message };
    }
  }, [detectors]);
  const findings: Finding[] = useMemo(() => (scanner.ok ? scanner.ok.scan(sample) : []), [scanner, sample]);

  const add = (e: Event) => {
    e.preventDefault();
    setFormError(null);
    try {
      let d: TenantDetector;
      if (kind === 'keywords') {
        d = {
          kind,
          id,
          name,
          confidence: 0.9,
          words: body
            .split('\n')
            .map((w) => w.trim())
            .filter(Boolean),
          caseSensitive: false,
          wholeWord: true,
        };
      } else if (kind === 'regex') {
        d = { kind, id, name, confidence: 0.9, pattern: body.trim(), caseInsensitive: false };
      } else {
        // Exact data match: values are hashed here with a fresh salt; only hashes leave this page.
        const values = body
          .split('\n')
          .map((v) => v.trim())
          .filter(Boolean);
        d = buildExactDataDetector({ id, name, values, normalize });
      }
      const next = [...detectors.filter((x) => x.id !== id), d];
      compileTenantDetectors(next);
      setDetectors(next);
      setBody('');
      setId('');
      setName('');
    } catch (err) {
      setFormError((err as Error).message);
    }
  };

  const loadFile = async (f: File | undefined) => {
    if (!f) return;
    const text = await f.text();
    // One value per line; a CSV's first column.
    setBody(
      text
        .split(/\r?\n/)
        .map((l) => l.split(',')[0]!.replace(/^"|"$/g, '').trim())
        .filter(Boolean)
        .join('\n'),
    );
  };

  const save = async () => {
    if (!base) return;
    const parsed = PolicyDocument.safeParse({ ...base.policy, detectors });
    if (!parsed.success) {
      toast(`Not valid: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
      return;
    }
    setBusy(true);
    try {
      const v = await publish(parsed.data, base.version);
      toast(`Detectors saved in policy version ${v}. Use them in a data rule as tenant:<id>.`);
      cur.reload();
    } catch (err) {
      toast(`Could not publish: ${(err as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  if (cur.error) return <ErrorNote error={cur.error} />;
  if (!base)
    return (
      <>
        <PageHeader title="Detectors" />
        <Loading />
      </>
    );
  const editable = can('POST /v1/policies');
  const dirty = JSON.stringify(detectors) !== JSON.stringify(base.policy.detectors);
  return (
    <>
      <PageHeader
        title="Detectors"
        intro="Your own sensitive data: keywords, patterns, and exact values (hashed in this browser before upload)."
      >
        {editable && (
          <button type="button" class="btn" disabled={!dirty || busy} onClick={() => void save()}>
            {busy ? 'Publishing…' : 'Publish detectors'}
          </button>
        )}
      </PageHeader>
      <Section
        title="Tenant detectors"
        actions={
          <CsvButton
            name="detectors"
            header={['id', 'name', 'kind', 'size']}
            rows={() => detectors.map((d) => [d.id, d.name, d.kind, size(d)])}
          />
        }
      >
        {detectors.length ? (
          <Table
            caption="Tenant detectors in the policy"
            rows={detectors}
            rowKey={(d) => d.id}
            columns={[
              { label: 'Id', cell: (d) => <code>tenant:{d.id}</code> },
              { label: 'Name', cell: (d) => d.name },
              { label: 'Kind', cell: (d) => <Badge tone="info">{d.kind}</Badge> },
              { label: 'Content', cell: (d) => <span class="small">{size(d).slice(0, 80)}</span> },
              {
                label: 'Remove',
                cell: (d) =>
                  editable && (
                    <button
                      type="button"
                      class="btn btn-small btn-secondary"
                      aria-label={`Remove detector ${d.id}`}
                      onClick={() => setDetectors(detectors.filter((x) => x.id !== d.id))}
                    >
                      Remove
                    </button>
                  ),
              },
            ]}
          />
        ) : (
          <Empty title="No tenant detectors yet.">
            Add project code names, customer lists or ticket patterns below; then name them in a data rule under Policy.
          </Empty>
        )}
      </Section>
      <div class="grid-2">
        {editable && (
          <Section title="Add a detector">
            <form class="stack" onSubmit={add}>
              <div class="form-row">
                <label>
                  Kind
                  <select value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value as Kind)}>
                    <option value="keywords">Keywords</option>
                    <option value="regex">Regular expression (RE2)</option>
                    <option value="edm">Exact data match (hashed)</option>
                  </select>
                </label>
                <label>
                  Id
                  <input value={id} required placeholder="codenames" onInput={(e) => setId((e.target as HTMLInputElement).value.trim())} />
                </label>
                <label>
                  Name
                  <input
                    value={name}
                    required
                    placeholder="Project code names"
                    onInput={(e) => setName((e.target as HTMLInputElement).value)}
                  />
                </label>
              </div>
              {kind === 'edm' && (
                <div class="form-row">
                  <label>
                    Normalize
                    <select value={normalize} onChange={(e) => setNormalize((e.target as HTMLSelectElement).value as typeof normalize)}>
                      <option value="casefold">casefold (case and spacing ignored)</option>
                      <option value="exact">exact</option>
                      <option value="alnum">alnum (only letters and digits)</option>
                    </select>
                  </label>
                  <label>
                    Values file (CSV or one per line)
                    <input
                      type="file"
                      accept=".csv,.txt,text/plain,text/csv"
                      onChange={(e) => void loadFile((e.target as HTMLInputElement).files?.[0])}
                    />
                  </label>
                </div>
              )}
              <label class="wide">
                {kind === 'keywords'
                  ? 'Words or phrases, one per line'
                  : kind === 'regex'
                    ? 'Pattern'
                    : 'Values, one per line (never uploaded: only salted SHA-256 hashes are)'}
                <textarea rows={5} value={body} required onInput={(e) => setBody((e.target as HTMLTextAreaElement).value)} />
              </label>
              {formError && (
                <div class="error-note" role="alert">
                  {formError}
                </div>
              )}
              <div>
                <button class="btn" type="submit">
                  {kind === 'edm' ? 'Hash and add' : 'Add'}
                </button>
              </div>
            </form>
          </Section>
        )}
        <Section title="Test box">
          <p class="muted small">
            Runs the same engine as the devices, here in your browser, with the detectors above (saved or not). Nothing is sent.
          </p>
          <label class="wide">
            Sample text
            <textarea rows={5} value={sample} onInput={(e) => setSample((e.target as HTMLTextAreaElement).value)} />
          </label>
          {scanner.error ? (
            <div class="error-note" role="alert">
              {scanner.error}
            </div>
          ) : findings.length ? (
            <ul class="plain findings" aria-live="polite">
              {findings.map((f, i) => (
                <li key={i}>
                  <Badge tone={f.type.startsWith('tenant:') ? 'info' : 'warn'}>{f.type}</Badge> <mark>{sample.slice(f.start, f.end)}</mark>{' '}
                  <span class="muted small">confidence {f.confidence.toFixed(2)}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted" aria-live="polite">
              Nothing found.
            </p>
          )}
        </Section>
      </div>
    </>
  );
}
