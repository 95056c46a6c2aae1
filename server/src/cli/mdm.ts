/**
 * `npm run mdm -- ...`: the MDM rollout kit from the command line (docs/rollout.md).
 *
 * - `npm run mdm -- [generate] --out DIR [--platform windows|macos|linux|all] [--tenant ID]`
 *   writes the tenant's rollout files from the configured store (DATABASE_URL, else PGlite in
 *   DATA_DIR; stop a PGlite server first). Or without a store:
 *   `--server-url URL --enrollment-token dle_... [--tenant-name NAME]`. `--options JSON` overrides
 *   the stored options (`RolloutOptions`).
 * - `npm run mdm -- keygen --out FILE`: a new RSA key for signing the extension (keep it secret).
 * - `npm run mdm -- package --key FILE [--dir dist/extension] --out RELEASES_DIR`: signs the built
 *   extension as `daylight-VERSION.crx` into the releases directory the server offers
 *   (`--key` defaults to `EXTENSION_SIGNING_KEY_FILE`).
 *
 * Exit codes: 0 done, 1 bad arguments or input, 2 failed.
 */
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { RolloutOptions } from '../../../shared/contracts/rollout.ts';
import { loadConfig } from '../config.ts';
import { KeyRing, loadMasterKey } from '../crypto.ts';
import type { Db } from '../db/db.ts';
import { openPglite } from '../db/pglite.ts';
import { openPostgres } from '../db/postgres.ts';
import { entriesOfDir, packCrx3, zip } from '../mdm/crx.ts';
import { fileBytes, rolloutFiles, type RolloutInput } from '../mdm/generate.ts';
import { extensionSources, loadRollout } from '../services/rollout.ts';

/** A mistake in the arguments or input: printed without a stack, exit code 1. */
export class UsageError extends Error {}

const HttpUrl = z.url({ protocol: /^https?$/, error: 'an http:// or https:// URL' }).transform((u) => u.replace(/\/+$/, ''));

const GenerateArgs = z
  .strictObject({
    out: z.string().min(1, 'the output directory'),
    platform: z.enum(['windows', 'macos', 'linux', 'all']).default('all'),
    tenant: z.uuid().optional(),
    'server-url': HttpUrl.optional(),
    'enrollment-token': z
      .string()
      .regex(/^dle_[A-Za-z0-9_-]{16,200}$/, 'an enrollment token (dle_...)')
      .optional(),
    'tenant-name': z.string().trim().min(1).max(200).optional(),
    'releases-dir': z.string().min(1).optional(),
    options: z.string().optional(),
  })
  .refine((a) => !a['enrollment-token'] || a['server-url'], { message: '--enrollment-token needs --server-url', path: ['server-url'] });

const PackageArgs = z.strictObject({
  key: z.string().min(1, 'the signing key file (PEM)'),
  dir: z.string().min(1).default('dist/extension'),
  out: z.string().min(1, 'the releases directory'),
});

const KeygenArgs = z.strictObject({ out: z.string().min(1, 'where to write the key') });

function parse<T extends z.ZodType>(schema: T, values: unknown): z.infer<T> {
  const r = schema.safeParse(values);
  if (!r.success) throw new UsageError(r.error.issues.map((i) => `--${i.path.join('.') || '(arguments)'}: ${i.message}`).join('\n'));
  return r.data;
}

function parseOptions(json: string | undefined): RolloutOptions | undefined {
  if (json === undefined) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (e) {
    throw new UsageError(`--options: not valid JSON (${(e as Error).message})`);
  }
  const r = RolloutOptions.safeParse(raw);
  if (!r.success)
    throw new UsageError(`--options: ${r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  return r.data;
}

/** Which files a platform gets (files for every OS come with each). */
const forPlatform = (p: string, filePlatform: string): boolean => p === 'all' || filePlatform === p || filePlatform === 'all';

/** Writes the files; answers their paths. */
export function writeFiles(input: RolloutInput, platform: string, out: string): string[] {
  mkdirSync(out, { recursive: true });
  const written: string[] = [];
  for (const f of rolloutFiles(input)) {
    if (!forPlatform(platform, f.platform)) continue;
    const path = join(out, f.name);
    // The files hold the enrollment token: readable by the operator only.
    writeFileSync(path, fileBytes(f), { mode: 0o600 });
    written.push(path);
  }
  return written;
}

/** `generate`: from explicit values, or from the configured store. */
export async function runGenerate(
  argv: string[],
  out: (l: string) => void,
  openStore?: () => Promise<{ db: Db; keys: KeyRing }>,
): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      out: { type: 'string' },
      platform: { type: 'string' },
      tenant: { type: 'string' },
      'server-url': { type: 'string' },
      'enrollment-token': { type: 'string' },
      'tenant-name': { type: 'string' },
      'releases-dir': { type: 'string' },
      options: { type: 'string' },
    },
  });
  const a = parse(GenerateArgs, values);
  const overrides = parseOptions(a.options);
  let input: RolloutInput;
  if (a['enrollment-token']) {
    const options = overrides ?? RolloutOptions.parse({});
    const serverUrl = a['server-url']!;
    input = {
      tenantId: a.tenant ?? '00000000-0000-0000-0000-000000000000',
      tenantName: a['tenant-name'] ?? 'Daylight',
      serverUrl,
      enrollmentToken: a['enrollment-token'],
      options,
      ...extensionSources({ publicUrl: serverUrl, releasesDir: a['releases-dir'] }, options),
    };
  } else {
    const config = loadConfig();
    const { db, keys } = openStore
      ? await openStore()
      : {
          db: config.storage.kind === 'postgres' ? await openPostgres(config.storage.url, 2) : await openPglite(config.storage.dataDir),
          keys: new KeyRing(loadMasterKey({ masterKey: config.masterKey, keyFile: config.masterKeyFile })),
        };
    try {
      // Operator tool: without --tenant, the only tenant (like audit:verify, it may list tenants).
      const tenants = await db.query<{ tenant_id: string }>(
        a.tenant ? 'SELECT tenant_id FROM tenants WHERE tenant_id = $1' : 'SELECT tenant_id FROM tenants ORDER BY tenant_id LIMIT 2',
        a.tenant ? [a.tenant] : [],
      );
      if (tenants.length === 0) throw new UsageError(a.tenant ? `no tenant ${a.tenant}` : 'no tenant in the configured store');
      if (tenants.length > 1) throw new UsageError('several tenants in the store: pick one with --tenant ID');
      const tenantId = tenants[0]!.tenant_id;
      const state = await loadRollout(db, keys, tenantId);
      if (!state.token)
        throw new UsageError(
          'this tenant has no rollout enrollment token yet: save the rollout settings in the dashboard (PUT /v1/rollout) or pass --enrollment-token',
        );
      if (state.token.revokedAt)
        throw new UsageError('the rollout enrollment token was revoked: rotate it (PUT /v1/rollout with rotateToken: true)');
      const options = overrides ?? state.options;
      const serverUrl = a['server-url'] ?? config.publicUrl;
      input = {
        tenantId,
        tenantName: state.tenantName,
        serverUrl,
        enrollmentToken: state.token.token,
        options,
        ...extensionSources({ publicUrl: serverUrl, releasesDir: a['releases-dir'] ?? config.extensionReleasesDir }, options),
      };
    } finally {
      if (!openStore) await db.close();
    }
  }
  const written = writeFiles(input, a.platform, resolve(a.out));
  for (const p of written) out(`wrote ${p}`);
  out(
    `${written.length} file(s) for ${input.tenantName}: extension ${input.chromium.extensionId} from ${input.chromium.updateUrl}. They hold the enrollment token: distribute only through MDM.`,
  );
  return 0;
}

/** `package`: signs the built extension into `RELEASES_DIR/daylight-VERSION.crx`. */
export function runPackage(argv: string[], out: (l: string) => void): number {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: { key: { type: 'string' }, dir: { type: 'string' }, out: { type: 'string' } },
  });
  // The signing key: --key, else EXTENSION_SIGNING_KEY_FILE (a deployment secret, never in the repository).
  const a = parse(PackageArgs, { ...values, key: values.key ?? process.env['EXTENSION_SIGNING_KEY_FILE'] });
  const manifestPath = join(a.dir, 'manifest.json');
  if (!existsSync(manifestPath)) throw new UsageError(`--dir: no manifest.json in ${a.dir} (run \`npm run build\` first)`);
  const manifest = z
    .object({ version: z.string().regex(/^\d{1,5}(\.\d{1,5}){0,3}$/, 'a dotted version') })
    .safeParse(JSON.parse(readFileSync(manifestPath, 'utf8')));
  if (!manifest.success) throw new UsageError(`${manifestPath}: version: ${manifest.error.issues[0]?.message}`);
  let pem: string;
  try {
    pem = readFileSync(a.key, 'utf8');
  } catch (e) {
    throw new UsageError(`--key: cannot read ${a.key} (${(e as Error).message})`);
  }
  const { crx, extensionId } = packCrx3(zip(entriesOfDir(a.dir)), pem);
  mkdirSync(a.out, { recursive: true });
  const path = join(a.out, `daylight-${manifest.data.version}.crx`);
  writeFileSync(path, crx);
  out(`wrote ${path} (extension id ${extensionId}, ${crx.length} bytes)`);
  return 0;
}

/** `keygen`: a new 2048-bit RSA signing key (PKCS#8 PEM, mode 0600); refuses to overwrite. */
export function runKeygen(argv: string[], out: (l: string) => void): number {
  const { values } = parseArgs({ args: argv, strict: true, options: { out: { type: 'string' } } });
  const a = parse(KeygenArgs, values);
  if (existsSync(a.out)) throw new UsageError(`--out: ${a.out} exists; refusing to overwrite a signing key`);
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(a.out, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  out(`wrote ${a.out}; keep it secret and backed up: it fixes the extension id`);
  return 0;
}

export async function runMdm(argv: string[], out: (l: string) => void): Promise<number> {
  const [first, ...rest] = argv;
  if (first === 'keygen') return runKeygen(rest, out);
  if (first === 'package') return runPackage(rest, out);
  if (first === 'generate') return runGenerate(rest, out);
  return runGenerate(argv, out);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runMdm(process.argv.slice(2), (l) => console.log(l)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      const usage = e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
      console.error(`mdm: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(usage ? 1 : 2);
    },
  );
}
