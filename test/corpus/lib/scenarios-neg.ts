/**
 * Hard negatives: look-alikes each type must NOT report. A few also contain true values of other
 * types (labelled), e.g. a connection string next to a `git@github.com` remote.
 */
import { luhnCheckDigit } from './checksums.ts';
import { ALNUM, type Rng, UPPER } from './prng.ts';
import { type Built, L, P, t, whole } from './text.ts';
import * as v from './values.ts';

export interface NegativeKind {
  /** The type this case is a trap for. */
  target: string;
  kind: string;
  count: number;
  make: (rng: Rng) => Built;
}

const s = P;

/** Puts a placeholder line where such lines really live: example env files, READMEs, shell snippets. */
function ctx(r: Rng, line: string): Built {
  return P(
    r.pick([
      line,
      line,
      `# .env.example (copy to .env and fill in)\n${line}\nLOG_LEVEL=info`,
      `## Configuration\n\nSet the following before starting the app:\n\n    ${line}\n`,
      `\`\`\`bash\n${line}\n\`\`\``,
      `From the setup guide: ${line}`,
      `${line}  # TODO fill in`,
    ]),
  );
}

function imei(rng: Rng): string {
  const body = String(rng.int(30, 99)) + rng.digits(12);
  const d = body + luhnCheckDigit(body);
  return `${d.slice(0, 2)}-${d.slice(2, 8)}-${d.slice(8, 14)}-${d.slice(14)}`;
}

export const NEGATIVES: NegativeKind[] = [
  // ---------------------------------------------------------------- credit_card
  {
    target: 'credit_card',
    kind: 'luhn-invalid',
    count: 14,
    make: (r) =>
      s(
        r.pick([
          `Card ${v.badLuhnCard(r)} was declined, please re-enter it.`,
          `test fixture: const pan = "${v.badLuhnCard(r)}"; // intentionally invalid`,
          `Kartennummer ${v.badLuhnCard(r)} ungültig (Prüfziffer falsch).`,
        ]),
      ),
  },
  {
    target: 'credit_card',
    kind: 'order-number',
    count: 8,
    make: (r) => s(`Your order ${r.digits(3)}-${r.digits(7)}-${r.digits(7)} has shipped. Order total: $${r.int(10, 400)}.${r.digits(2)}`),
  },
  {
    target: 'credit_card',
    kind: 'tracking',
    count: 10,
    make: (r) =>
      s(
        r.pick([
          `FedEx tracking number: ${v.fedexTracking(r)}`,
          `UPS ${v.upsTracking(r)} – out for delivery`,
          `USPS tracking ${v.uspsTracking(r)}, expected ${v.isoDate(r)}`,
        ]),
      ),
  },
  {
    target: 'credit_card',
    kind: 'imei',
    count: 6,
    make: (r) => s(`Device IMEI: ${imei(r)}\nSerial: ${r.str(UPPER, 2)}${r.digits(8)}\nOS: Android 14`),
  },
  {
    target: 'credit_card',
    kind: 'epoch-ms',
    count: 5,
    make: (r) => s(`{"event":"checkout","ts":${1_700_000_000_000 + r.int(0, 90_000_000_000)},"session":"${v.uuid(r)}"}`),
  },
  {
    target: 'credit_card',
    kind: 'masked',
    count: 6,
    make: (r) =>
      s(
        r.pick([
          `Paid with Visa **** **** **** ${r.digits(4)}`,
          `card: 411111******${r.digits(4)}`,
          `PAN (masked): XXXX-XXXX-XXXX-${r.digits(4)}`,
        ]),
      ),
  },
  {
    target: 'credit_card',
    kind: 'isbn',
    count: 5,
    make: (r) =>
      s(
        `ISBN ${v.isbn13(r)} — ${r.pick(['Designing Data-Intensive Applications', 'Clean Architecture', 'The Pragmatic Programmer'])}, 2nd edition`,
      ),
  },
  // ---------------------------------------------------------------- iban
  {
    target: 'iban',
    kind: 'bad-checksum',
    count: 14,
    make: (r) =>
      s(r.pick([`IBAN: ${v.badIban(r)}`, `Bitte überweisen an ${v.badIban(r, 'DE')} (Prüfsumme?)`, `Rekening ${v.badIban(r, 'NL')}`])),
  },
  {
    target: 'iban',
    kind: 'format-description',
    count: 4,
    make: (r) =>
      s(
        r.pick([
          'German IBANs look like DEkk bbbb bbbb cccc cccc cc (22 characters).',
          'The IBAN field accepts up to 34 alphanumeric characters, e.g. CCkk followed by the BBAN.',
          'Format: GBkk BBBB SSSS SSCC CCCC CC',
        ]),
      ),
  },
  {
    target: 'iban',
    kind: 'bic-and-account',
    count: 5,
    make: (r) => s(`BIC ${r.str(UPPER, 6)}${r.str(UPPER + '0123456789', 2)}, Kontonummer ${r.digits(10)}, BLZ ${r.digits(8)}`),
  },
  // ---------------------------------------------------------------- us_ssn
  {
    target: 'us_ssn',
    kind: 'invalid-area-group-serial',
    count: 14,
    make: (r) =>
      s(r.pick([`SSN: ${v.badSsn(r)}`, `applicant ssn ${v.badSsn(r)} (rejected by validation)`, `Social Security No. ${v.badSsn(r)}`])),
  },
  {
    target: 'us_ssn',
    kind: 'bare-9-digits',
    count: 10,
    make: (r) =>
      s(
        r.pick([
          `Ticket ${r.int(100000000, 899999999)} was closed as duplicate.`,
          `Shipment ref ${r.int(100000000, 899999999)} left the warehouse.`,
          `row 42: id=${r.int(100000000, 899999999)}, status=active`,
          `Confirmation code ${r.int(100000000, 899999999)}`,
        ]),
      ),
  },
  {
    target: 'us_ssn',
    kind: 'zip-plus-4',
    count: 4,
    make: (r) => s(`Mail to 1 Market St, San Francisco, CA ${r.digits(5)}-${r.digits(4)}`),
  },
  // ---------------------------------------------------------------- email
  {
    target: 'email',
    kind: 'git-remote',
    count: 10,
    make: (r) =>
      s(
        r.pick([
          `git clone git@github.com:${r.pick(['acme', 'platform'])}/${r.pick(['api', 'web'])}.git`,
          `[remote "origin"]\n\turl = git@gitlab.com:${r.pick(['group', 'team'])}/service.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*`,
          `ssh://git@bitbucket.org/${r.pick(['acme', 'ops'])}/infra.git`,
        ]),
      ),
  },
  { target: 'email', kind: 'uri-credentials', count: 8, make: (r) => t`DATABASE_URL=${L('connection_string', v.connectionUri(r))}` },
  {
    target: 'email',
    kind: 'token-in-url',
    count: 5,
    make: (r) => t`https://x-access-token:${L('github_token', v.githubToken(r))}@github.com/acme/private-repo.git`,
  },
  {
    target: 'email',
    kind: 'retina-asset',
    count: 5,
    make: (r) => s(`<img src="/static/${r.pick(['logo', 'hero', 'icon-cart'])}@2x.png" srcset="/static/logo@3x.png 3x">`),
  },
  {
    target: 'email',
    kind: 'decorators-and-scopes',
    count: 8,
    make: (r) =>
      s(
        r.pick([
          'npm install @types/node@20.11.5 @vitejs/plugin-react@4.2.1',
          '@Override\npublic String toString() { return name; }',
          '@media (max-width: 600px) { .nav { display: none; } }',
          `docker pull nginx@sha256:${v.sha256(r)}`,
          'Follow us @acme_support for status updates',
          `SENTRY_DSN=https://${v.md5(r)}@o${r.digits(6)}.ingest.sentry.io/${r.digits(7)}`,
        ]),
      ),
  },
  // ---------------------------------------------------------------- phone
  {
    target: 'phone',
    kind: 'versions-dates-ips',
    count: 16,
    make: (r) =>
      s(
        r.pick([
          `Release ${v.semver(r)} (build ${v.isoDate(r).replace(/-/g, '')}.${r.int(1, 9)}) fixes ${r.int(3, 30)} bugs.`,
          `Server ${v.ipv4(r)} responded at ${v.time(r)} on ${v.isoDate(r)}`,
          `Meeting moved to ${r.int(1, 28)}/${r.int(1, 12)}/2025 ${r.int(9, 17)}:30`,
          `node v${r.int(18, 22)}.${r.int(0, 12)}.${r.int(0, 9)}, npm ${r.int(9, 10)}.${r.int(0, 9)}.${r.int(0, 9)}`,
          `lat/long: ${r.int(-80, 80)}.${r.digits(4)}, ${r.int(-170, 170)}.${r.digits(4)}`,
        ]),
      ),
  },
  {
    target: 'phone',
    kind: 'ids-and-amounts',
    count: 12,
    make: (r) =>
      s(
        r.pick([
          `Invoice INV-${r.digits(4)}-${r.digits(5)} total €${r.int(1, 99)}.${r.digits(3)},${r.digits(2)}`,
          `Order ${v.orderNumber(r)} / SKU ${r.digits(3)}-${r.digits(3)}-${r.digits(4)}`,
          `Revenue: 1,${r.digits(3)},${r.digits(3)} USD`,
          `Sort code ${r.digits(2)}-${r.digits(2)}-${r.digits(2)}, account ${r.digits(8)}`,
          `Ports ${r.int(8000, 8100)}-${r.int(8101, 8999)} are open`,
          `OID 1.2.840.113549.1.1.${r.int(1, 14)}`,
        ]),
      ),
  },
  // ---------------------------------------------------------------- uk_nino
  {
    target: 'uk_nino',
    kind: 'invalid-prefix',
    count: 14,
    make: (r) => s(r.pick([`NI number: ${v.badNino(r)}`, `National Insurance No ${v.badNino(r)}`, `nino=${v.badNino(r)}`])),
  },
  // ---------------------------------------------------------------- ca_sin
  {
    target: 'ca_sin',
    kind: 'invalid',
    count: 16,
    make: (r) => s(r.pick([`SIN: ${v.badSin(r)}`, `Social Insurance Number ${v.badSin(r)}`, `NAS : ${v.badSin(r)}`])),
  },
  // ---------------------------------------------------------------- in_aadhaar
  {
    target: 'in_aadhaar',
    kind: 'invalid',
    count: 12,
    make: (r) => s(r.pick([`Aadhaar: ${v.badAadhaar(r)}`, `UID ${v.badAadhaar(r)} (verification failed)`, `आधार ${v.badAadhaar(r)}`])),
  },
  {
    target: 'in_aadhaar',
    kind: 'no-context',
    count: 6,
    make: (r) =>
      s(r.pick([`Order ${r.int(2, 9)}${r.digits(11)} dispatched`, `Txn ID ${r.int(2, 9)}${r.digits(11)} – UPI payment received`])),
  },
  // ---------------------------------------------------------------- br_cpf
  {
    target: 'br_cpf',
    kind: 'invalid',
    count: 12,
    make: (r) => s(r.pick([`CPF: ${v.badCpf(r)}`, `CPF do titular ${v.badCpf(r)} inválido`])),
  },
  {
    target: 'br_cpf',
    kind: 'cnpj',
    count: 5,
    make: (r) => s(`CNPJ ${r.digits(2)}.${r.digits(3)}.${r.digits(3)}/0001-${r.digits(2)} – razão social ${r.pick(v.COMPANIES)} Ltda.`),
  },
  // ---------------------------------------------------------------- nl_bsn
  {
    target: 'nl_bsn',
    kind: 'invalid',
    count: 12,
    make: (r) => s(r.pick([`BSN: ${v.badBsn(r)}`, `burgerservicenummer ${v.badBsn(r)} (11-proef mislukt)`])),
  },
  {
    target: 'nl_bsn',
    kind: 'kvk-and-ids',
    count: 5,
    make: (r) => s(r.pick([`KvK ${r.digits(8)}, btw NL${r.digits(9)}B01`, `Klantnummer ${r.digits(9)}`])),
  },
  // ---------------------------------------------------------------- es_dni
  {
    target: 'es_dni',
    kind: 'wrong-letter',
    count: 12,
    make: (r) => s(r.pick([`DNI: ${v.badDni(r)}`, `NIF ${v.badDni(r)} (letra incorrecta)`])),
  },
  { target: 'es_dni', kind: 'cif', count: 5, make: (r) => s(`CIF ${r.pick(['B', 'A', 'G'])}${r.digits(8)} – ${r.pick(v.COMPANIES)} S.L.`) },
  // ---------------------------------------------------------------- us_npi
  {
    target: 'us_npi',
    kind: 'invalid',
    count: 12,
    make: (r) => s(r.pick([`NPI: ${v.badNpi(r)}`, `provider npi ${v.badNpi(r)} not found in NPPES`])),
  },
  { target: 'us_npi', kind: 'ten-digit-ids', count: 5, make: (r) => s(`Claim #${r.int(1, 2)}${r.digits(9)} received ${v.isoDate(r)}`) },
  // ---------------------------------------------------------------- aba_routing
  {
    target: 'aba_routing',
    kind: 'bad-checksum',
    count: 12,
    make: (r) => s(r.pick([`Routing number: ${v.badAba(r)}`, `ABA ${v.badAba(r)} / account ${v.accountNumber(r)}`])),
  },
  { target: 'aba_routing', kind: 'no-context', count: 6, make: (r) => s(`Batch ${v.abaDigits(r)} processed, ${r.int(10, 999)} records`) },
  // ---------------------------------------------------------------- aws_access_key
  {
    target: 'aws_access_key',
    kind: 'documented-example',
    count: 12,
    make: (r) =>
      ctx(
        r,
        r.pick([
          'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
          'AWS_ACCESS_KEY_ID=AKIAI44QH8DHBEXAMPLE',
          '"AccessKeyId": "AKIAIOSFODNN7EXAMPLE"',
          'export AWS_ACCESS_KEY_ID=AKIAXXXXXXXXXXXXXXXX',
        ]),
      ),
  },
  {
    target: 'aws_access_key',
    kind: 'lookalike',
    count: 5,
    make: (r) =>
      s(
        r.pick([
          `TODAYINASIAASACKOFRICEFELLOVER`,
          `key_id: akia${r.str('abcdefghijklmnopqrstuvwxyz234567', 16)}`,
          `AKIA${r.str(UPPER, 8)} (truncated in the log)`,
        ]),
      ),
  },
  // ---------------------------------------------------------------- aws_secret_key
  {
    target: 'aws_secret_key',
    kind: 'documented-example',
    count: 8,
    make: (r) =>
      ctx(
        r,
        r.pick([
          'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
          'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
          '"SecretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"',
        ]),
      ),
  },
  {
    target: 'aws_secret_key',
    kind: 'git-sha',
    count: 10,
    make: (r) =>
      s(
        r.pick([
          `commit ${v.gitSha(r)}\nAuthor: ${v.person(r).full}\nDate:   ${v.isoDate(r)}\n\n    fix: handle empty cart`,
          `Merge ${v.gitSha(r)} into main`,
          `"resolved": "git+ssh://git@github.com/acme/lib.git#${v.gitSha(r)}"`,
        ]),
      ),
  },
  {
    target: 'aws_secret_key',
    kind: 'random-40-no-context',
    count: 10,
    make: (r) =>
      s(r.pick([`cache key: ${v.random40(r)}`, `nonce=${v.random40(r)}`, `${v.random40(r)}`, `Upload id ${v.random40(r)} completed`])),
  },
  // ---------------------------------------------------------------- github_token
  {
    target: 'github_token',
    kind: 'placeholder',
    count: 12,
    make: (r) =>
      ctx(
        r,
        r.pick([
          'GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
          'token: ${{ secrets.GITHUB_TOKEN }}',
          'export GH_TOKEN=<your-github-token>',
          'github_pat_XXXXXXXXXXXXXXXXXXXXXX_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
          'Set GITHUB_TOKEN to a token starting with ghp_ (classic) or github_pat_ (fine-grained).',
          'GH_TOKEN=ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
          'git clone https://<token>@github.com/acme/api.git',
        ]),
      ),
  },
  // ---------------------------------------------------------------- gitlab_token
  {
    target: 'gitlab_token',
    kind: 'placeholder',
    count: 12,
    make: (r) =>
      ctx(
        r,
        r.pick([
          'GITLAB_TOKEN=glpat-xxxxxxxxxxxxxxxxxxxx',
          'glpat-XXXXXXXXXXX-XXXXXXXX',
          'PRIVATE-TOKEN: $CI_JOB_TOKEN',
          'curl --header "PRIVATE-TOKEN: <your_access_token>" https://gitlab.example.com/api/v4/projects',
          'GITLAB_TOKEN=glpat-<redacted>',
        ]),
      ),
  },
  // ---------------------------------------------------------------- slack_token
  {
    target: 'slack_token',
    kind: 'placeholder',
    count: 12,
    make: (r) =>
      ctx(
        r,
        r.pick([
          'SLACK_BOT_TOKEN=xoxb-your-bot-token',
          'xoxb-xxxxxxxxx-xxxxxxxxxx-xxxxxxxxxxxx',
          '"token": "xoxp-1234567890"',
          'Bot tokens start with xoxb-, user tokens with xoxp-.',
          'SLACK_TOKEN=xoxp-0000000000-0000000000-0000000000-00000000000000000000000000000000',
          'slack_token: "xoxb-***"',
        ]),
      ),
  },
  // ---------------------------------------------------------------- slack_webhook
  {
    target: 'slack_webhook',
    kind: 'placeholder',
    count: 12,
    make: (r) =>
      ctx(
        r,
        r.pick([
          'SLACK_WEBHOOK_URL=https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
          'webhook: https://hooks.slack.com/services/YOUR/WEBHOOK/URL',
          'See https://api.slack.com/messaging/webhooks for how to create an incoming webhook.',
          'POST to hooks.slack.com/services/... with a JSON body {"text": "hi"}',
          'webhook_url: "${SLACK_WEBHOOK_URL}"',
        ]),
      ),
  },
  // ---------------------------------------------------------------- stripe_key
  {
    target: 'stripe_key',
    kind: 'publishable',
    count: 10,
    make: (r) =>
      s(
        r.pick([
          `const stripe = Stripe('pk_live_${r.str(ALNUM, 24)}');`,
          `STRIPE_PUBLISHABLE_KEY=pk_test_${r.str(ALNUM, 24)}`,
          `data-key="pk_live_51${r.str(ALNUM, 97)}"`,
        ]),
      ),
  },
  {
    target: 'stripe_key',
    kind: 'placeholder',
    count: 12,
    make: (r) =>
      ctx(
        r,
        r.pick([
          'STRIPE_SECRET_KEY=sk_live_...',
          'stripe.api_key = "sk_test_xxx"',
          'Your secret key starts with sk_live_ in live mode.',
          'STRIPE_SECRET_KEY=sk_test_XXXXXXXXXXXXXXXXXXXXXXXX',
          'stripe.api_key = os.getenv("STRIPE_SECRET_KEY")',
        ]),
      ),
  },
  // ---------------------------------------------------------------- openai_key
  {
    target: 'openai_key',
    kind: 'placeholder',
    count: 12,
    make: (r) =>
      ctx(
        r,
        r.pick([
          'OPENAI_API_KEY=sk-...',
          'openai.api_key = "sk-xxxxxxxxxxxxxxxxxxxxxxxx"',
          'export OPENAI_API_KEY=your-api-key-here',
          'client = OpenAI(api_key="sk-proj-...")',
          'Keys look like sk-proj-… and are shown only once.',
          'OPENAI_API_KEY=sk-proj-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
          'api_key=os.environ.get("OPENAI_API_KEY", "sk-dummy")',
        ]),
      ),
  },
  {
    target: 'openai_key',
    kind: 'sk-words',
    count: 6,
    make: (r) =>
      s(
        r.pick([
          `helm upgrade disk-usage-exporter ./chart --set risk-assessment.enabled=true`,
          `task-${r.digits(6)}: desk-booking-service timed out`,
          `npm run lint && npm run risk-scan`,
        ]),
      ),
  },
  // ---------------------------------------------------------------- anthropic_key
  {
    target: 'anthropic_key',
    kind: 'placeholder',
    count: 12,
    make: (r) =>
      ctx(
        r,
        r.pick([
          'ANTHROPIC_API_KEY=sk-ant-...',
          'api_key="sk-ant-api03-xxxxxxxx"',
          'export ANTHROPIC_API_KEY=<your key>',
          'Claude keys start with sk-ant-api03-.',
          'client = anthropic.Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])',
        ]),
      ),
  },
  // ---------------------------------------------------------------- google_api_key
  {
    target: 'google_api_key',
    kind: 'placeholder',
    count: 12,
    make: (r) =>
      ctx(
        r,
        r.pick([
          'GOOGLE_API_KEY=AIzaSyXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
          'apiKey: "AIza..."',
          'key=YOUR_API_KEY&libraries=places',
          'apiKey: "AIzaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"',
          'GOOGLE_MAPS_API_KEY=<restricted key from the console>',
        ]),
      ),
  },
  // ---------------------------------------------------------------- huggingface_token
  {
    target: 'huggingface_token',
    kind: 'identifiers',
    count: 12,
    make: (r) =>
      ctx(
        r,
        r.pick([
          'from huggingface_hub import hf_hub_download\npath = hf_hub_download(repo_id="bert-base-uncased", filename="config.json")',
          'HF_TOKEN=hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
          'pip install hf_transfer && export HF_HUB_ENABLE_HF_TRANSFER=1',
          'token = os.environ["HF_TOKEN"]  # starts with hf_',
        ]),
      ),
  },
  // ---------------------------------------------------------------- npm_token
  {
    target: 'npm_token',
    kind: 'identifiers',
    count: 12,
    make: (r) =>
      ctx(
        r,
        r.pick([
          'echo $npm_config_registry $npm_lifecycle_event',
          '//registry.npmjs.org/:_authToken=${NPM_TOKEN}',
          'NPM_TOKEN=npm_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
          'process.env.npm_package_version',
        ]),
      ),
  },
  // ---------------------------------------------------------------- sendgrid_key
  {
    target: 'sendgrid_key',
    kind: 'placeholder',
    count: 12,
    make: (r) =>
      ctx(
        r,
        r.pick([
          'SENDGRID_API_KEY=SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
          'sgMail.setApiKey("SG.YOUR_API_KEY")',
          'The key begins with SG. and is shown once.',
          'SENDGRID_API_KEY=${SENDGRID_API_KEY}',
          'Thanks, see you in Singapore (SG.) next week.',
        ]),
      ),
  },
  // ---------------------------------------------------------------- jwt
  {
    target: 'jwt',
    kind: 'partial',
    count: 8,
    make: (r) =>
      s(
        r.pick([
          'Authorization: Bearer <token>',
          'header: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9',
          'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0',
          'Paste your JWT (xxxxx.yyyyy.zzzzz) into the debugger.',
        ]),
      ),
  },
  {
    target: 'jwt',
    kind: 'base64-json',
    count: 5,
    make: (r) =>
      s(
        `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${r.pick(['regcred', 'pull-secret', 'ghcr-auth'])}\ndata:\n  .dockerconfigjson: ${Buffer.from(JSON.stringify({ auths: { [`registry.${r.pick(v.DOMAINS)}`]: { auth: '${REGISTRY_AUTH}' } } })).toString('base64')}\ntype: kubernetes.io/dockerconfigjson`,
      ),
  },
  // ---------------------------------------------------------------- private_key
  { target: 'private_key', kind: 'public-key', count: 6, make: (r) => s(v.publicKeyPem(r)) },
  { target: 'private_key', kind: 'certificate', count: 6, make: (r) => s(`ssl_certificate.pem:\n${v.certificatePem(r)}`) },
  { target: 'private_key', kind: 'ssh-public-key', count: 6, make: (r) => s(`# ~/.ssh/authorized_keys\n${v.sshPublicKey(r)}`) },
  {
    target: 'private_key',
    kind: 'placeholder',
    count: 5,
    make: (r) =>
      s(
        r.pick([
          '-----BEGIN PRIVATE KEY-----\n<paste your key here>\n-----END PRIVATE KEY-----',
          'Generate one with: openssl genpkey -algorithm RSA -out private.pem',
          'PRIVATE_KEY="-----BEGIN RSA PRIVATE KEY-----\\n...\\n-----END RSA PRIVATE KEY-----"',
        ]),
      ),
  },
  // ---------------------------------------------------------------- connection_string
  {
    target: 'connection_string',
    kind: 'no-password',
    count: 12,
    make: (r) =>
      s(
        r.pick([
          `DATABASE_URL=postgres://${v.dbUser(r)}@${r.pick(v.HOSTS)}:5432/${v.dbName(r)}`,
          'MONGO_URI=mongodb://localhost:27017/test',
          'REDIS_URL=redis://localhost:6379/0',
          `spring.datasource.url=jdbc:mysql://${r.pick(v.HOSTS)}:3306/${v.dbName(r)}`,
          `Server=${r.pick(['db.internal', 'SQLPROD01'])};Database=${v.dbName(r)};Integrated Security=True;`,
          `amqp://${r.pick(v.HOSTS)}:5672/`,
        ]),
      ),
  },
  {
    target: 'connection_string',
    kind: 'placeholder',
    count: 12,
    make: (r) =>
      ctx(
        r,
        r.pick([
          'DATABASE_URL=postgres://${DB_USER}:${DB_PASS}@${DB_HOST}:5432/app',
          'postgresql://user:password@localhost:5432/mydb',
          `mysql://root:****@${r.pick(v.HOSTS)}/app`,
          'MONGO_URI=mongodb+srv://<username>:<password>@cluster0.example.mongodb.net/',
          'url: "postgres://app:{{ .Values.db.password }}@db:5432/app"',
          'Server=db;Database=app;User Id=sa;Password=;',
        ]),
      ),
  },
  // ---------------------------------------------------------------- password
  {
    target: 'password',
    kind: 'placeholder',
    count: 20,
    make: (r) =>
      ctx(
        r,
        r.pick([
          'DB_PASSWORD=changeme',
          'password: <password>',
          'POSTGRES_PASSWORD=${DB_PASS}',
          'password = "****"',
          'ADMIN_PASSWORD=your-password-here',
          'password: "{{ vault_db_password }}"',
          "password => ENV['DB_PASSWORD'],",
          'spring.datasource.password=${SPRING_DATASOURCE_PASSWORD}',
          'db_password = os.environ["DB_PASSWORD"]',
          'password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  66386439653236336462626566653063336164663966303231363934653561363964363833313662',
          'smtp_password=REPLACE_ME',
          'PASSWORD=xxx',
        ]),
      ),
  },
  {
    target: 'password',
    kind: 'prose',
    count: 12,
    make: (r) =>
      s(
        r.pick([
          'Forgot your password? Click the link to start a password reset.',
          'The password must be at least 12 characters and contain a digit.',
          'Enter your password:',
          'We never ask for your password by e-mail.',
          'Passwort vergessen? Wir senden Ihnen einen Link zum Zurücksetzen.',
          'Votre mot de passe a été modifié avec succès.',
          'password reset requested for account #' + r.digits(6),
          'Use a password manager instead of reusing passwords.',
        ]),
      ),
  },
  // ---------------------------------------------------------------- source_code
  {
    target: 'source_code',
    kind: 'prose-with-code-words',
    count: 18,
    make: (r) =>
      s(
        r.pick([
          'Can we refactor the onboarding process? Right now every class of user goes through the same function, and the return rate is terrible. Let me import the notes from last week.',
          'Release notes: fixed a bug where the export button did nothing; improved loading speed of the dashboard; new filter for invoices.',
          'I pushed the changes to the branch and opened a merge request, can you review it when you have a minute?',
          'The public API will return a 404 when the object is missing; clients should retry with exponential backoff.',
          'To install, run npm install and then npm start. The app listens on port 3000.',
          'Our string quartet will perform at the gala; the program includes a variable set of pieces depending on the venue.',
          'Wir sollten die Schnittstelle dokumentieren, bevor wir die Klasse umbauen.',
          'Le serveur renvoie une erreur quand la fonction d’export est appelée deux fois.',
        ]),
      ),
  },
  {
    target: 'source_code',
    kind: 'logs-and-traces',
    count: 8,
    make: (r) =>
      s(
        `${v.timestamp(r)} ERROR worker: job failed\njava.lang.IllegalStateException: queue closed\n\tat com.acme.jobs.Queue.take(Queue.java:88)\n\tat com.acme.jobs.Worker.run(Worker.java:41)\n\tat java.base/java.lang.Thread.run(Thread.java:1583)`,
      ),
  },
  // ---------------------------------------------------------------- confidential_marking
  {
    target: 'confidential_marking',
    kind: 'prose',
    count: 22,
    make: (r) =>
      s(
        r.pick([
          'Is salary data considered confidential under GDPR, or only sensitive?',
          'In the film, the confidential informant turns out to be the detective’s brother.',
          'Keep it a secret, the party is a surprise!',
          'We run the enclave on confidential computing instances (AMD SEV-SNP).',
          'The Internal Revenue Service sent a letter about last year’s return.',
          'This information is not confidential and can be shared with customers.',
          'Top Secret Recipes is my favourite cooking blog.',
          'How do I mark a Word document as confidential?',
          'Restricted parking area behind the building is for deliveries.',
          'The NDA covers confidential information exchanged during the talks.',
          'Ist das vertraulich oder darf ich das weiterleiten?',
          'Le secret professionnel s’applique aux avocats.',
          'this endpoint is internal only for now, we will expose it later',
          'Our secret sauce is the onboarding flow.',
        ]),
      ),
  },
];

/** Negatives built from the generic look-alike values, one per line, for volume. */
export function lookalikeSoup(rng: Rng): Built {
  const lines = [
    `commit ${v.gitSha(rng)}`,
    `request-id: ${v.uuid(rng)}`,
    `md5 ${v.md5(rng)}  release.tar.gz`,
    `sha256:${v.sha256(rng)}`,
    `version ${v.semver(rng)}`,
    `date ${v.isoDate(rng)} ${v.time(rng)}`,
    `client ${v.ipv4(rng)}`,
    `tracking ${v.upsTracking(rng)}`,
    `order ${v.orderNumber(rng)}`,
  ];
  return s(rng.sample(lines, rng.int(3, 6)).join('\n'));
}

export { whole };
