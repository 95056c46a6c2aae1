/**
 * Texts carrying credentials: .env files, YAML/JSON/INI configs, code, chat prompts, logs, stack
 * traces, shell history and CI files. Placeholders and public values sit next to real-format
 * secrets in the same files, unlabelled, as they do in real repositories.
 */
import type { Rng } from './prng.ts';
import { type Built, join, L, P, t } from './text.ts';
import * as v from './values.ts';
import { codeWithAssignments, type Assign } from './scenarios-code.ts';

export const SECRET_TYPES = [
  'aws_access_key',
  'aws_secret_key',
  'github_token',
  'gitlab_token',
  'slack_token',
  'slack_webhook',
  'stripe_key',
  'openai_key',
  'anthropic_key',
  'google_api_key',
  'huggingface_token',
  'npm_token',
  'sendgrid_key',
  'jwt',
  'connection_string',
  'password',
] as const;
export type SecretType = (typeof SECRET_TYPES)[number];

export interface Secret {
  type: SecretType;
  value: string;
  /** Conventional environment / config key for it. */
  env: string;
}

const ENV_NAMES: Record<SecretType, string[]> = {
  aws_access_key: ['AWS_ACCESS_KEY_ID'],
  aws_secret_key: ['AWS_SECRET_ACCESS_KEY'],
  github_token: ['GITHUB_TOKEN', 'GH_TOKEN', 'GITHUB_PAT'],
  gitlab_token: ['GITLAB_TOKEN', 'GL_TOKEN', 'GITLAB_PRIVATE_TOKEN'],
  slack_token: ['SLACK_BOT_TOKEN', 'SLACK_TOKEN', 'SLACK_USER_TOKEN'],
  slack_webhook: ['SLACK_WEBHOOK_URL', 'SLACK_ALERTS_WEBHOOK'],
  stripe_key: ['STRIPE_SECRET_KEY', 'STRIPE_API_KEY'],
  openai_key: ['OPENAI_API_KEY'],
  anthropic_key: ['ANTHROPIC_API_KEY', 'CLAUDE_API_KEY'],
  google_api_key: ['GOOGLE_API_KEY', 'GOOGLE_MAPS_API_KEY', 'FIREBASE_API_KEY', 'GEMINI_API_KEY'],
  huggingface_token: ['HF_TOKEN', 'HUGGINGFACEHUB_API_TOKEN', 'HUGGING_FACE_HUB_TOKEN'],
  npm_token: ['NPM_TOKEN', 'NODE_AUTH_TOKEN'],
  sendgrid_key: ['SENDGRID_API_KEY'],
  jwt: ['ACCESS_TOKEN', 'AUTH_TOKEN', 'API_BEARER_TOKEN', 'SERVICE_JWT'],
  connection_string: ['DATABASE_URL', 'MONGO_URI', 'REDIS_URL', 'BROKER_URL', 'DB_DSN'],
  password: [
    'DB_PASSWORD',
    'POSTGRES_PASSWORD',
    'MYSQL_ROOT_PASSWORD',
    'REDIS_PASSWORD',
    'SMTP_PASSWORD',
    'ADMIN_PASSWORD',
    'LDAP_BIND_PASSWORD',
    'KEYSTORE_PASSWORD',
  ],
};

const MAKERS: Record<SecretType, (rng: Rng) => string> = {
  aws_access_key: v.awsAccessKey,
  aws_secret_key: v.awsSecretKey,
  github_token: v.githubToken,
  gitlab_token: v.gitlabToken,
  slack_token: v.slackToken,
  slack_webhook: v.slackWebhook,
  stripe_key: v.stripeKey,
  openai_key: v.openaiKey,
  anthropic_key: v.anthropicKey,
  google_api_key: v.googleApiKey,
  huggingface_token: v.huggingfaceToken,
  npm_token: v.npmToken,
  sendgrid_key: v.sendgridKey,
  jwt: (r) => v.jwt(r),
  connection_string: v.connectionUri,
  password: v.password,
};

export function secret(rng: Rng, type: SecretType): Secret {
  return { type, value: MAKERS[type](rng), env: rng.pick(ENV_NAMES[type]) };
}

export function anySecret(rng: Rng, exclude: readonly string[] = []): Secret {
  return secret(rng, rng.pick(SECRET_TYPES.filter((x) => !exclude.includes(x))));
}

/** Some secrets of distinct types; AWS ids and secrets travel together. */
export function secrets(rng: Rng, n: number): Secret[] {
  const types = rng.sample(
    SECRET_TYPES.filter((x) => x !== 'aws_secret_key'),
    n,
  );
  const out: Secret[] = [];
  for (const ty of types) {
    out.push(secret(rng, ty));
    if (ty === 'aws_access_key' && rng.chance(0.85)) out.push(secret(rng, 'aws_secret_key'));
  }
  return out;
}

/** Unlabelled config lines that look like settings but hold nothing secret. */
export function benignEnv(rng: Rng): string {
  return rng.pick([
    'NODE_ENV=production',
    `PORT=${rng.pick([3000, 8080, 8000, 5000])}`,
    'LOG_LEVEL=info',
    `APP_URL=https://app.${rng.pick(v.DOMAINS)}`,
    `DB_HOST=${rng.pick(v.HOSTS)}`,
    `DB_PORT=${rng.pick([5432, 3306, 27017])}`,
    `DB_USER=${v.dbUser(rng)}`,
    `DB_NAME=${v.dbName(rng)}`,
    'REDIS_HOST=localhost',
    'TZ=UTC',
    `FEATURE_FLAGS=new_checkout,${rng.pick(['beta_search', 'dark_mode', 'ai_assist'])}`,
    'CACHE_TTL_SECONDS=300',
    `AWS_REGION=${rng.pick(['eu-west-1', 'us-east-1', 'ap-south-1'])}`,
    `S3_BUCKET=${rng.pick(['acme-uploads', 'prod-assets', 'invoices-archive'])}`,
    'STRIPE_PUBLISHABLE_KEY=pk_live_' + rng.str('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 24),
    `SENTRY_DSN=https://${rng.str('0123456789abcdef', 32)}@o${rng.digits(6)}.ingest.sentry.io/${rng.digits(7)}`,
    'MAILGUN_API_KEY=changeme',
    'SMTP_PASSWORD=',
    'JWT_ISSUER=https://auth.example.com/',
    `BUILD_SHA=${v.gitSha(rng)}`,
    `RELEASE=${v.semver(rng)}`,
    'OPENAI_MODEL=gpt-4o-mini',
    '# ADMIN_PASSWORD=<set in vault>',
  ]);
}

/** The `.env` form of a value: quoted when the shell or dotenv parser would otherwise mangle it. */
export function envValue(type: string, value: string, rng: Rng): Built {
  const risky = /[\s#$'"`\\!&*?;|<>(){}]/.test(value);
  if (risky) return t`'${L(type, value)}'`;
  const q = rng.pick(['', '', '"']);
  return t`${q}${L(type, value)}${q}`;
}

export function envFile(rng: Rng): Built {
  const lines: Built[] = [];
  for (const s of secrets(rng, rng.int(1, 4))) lines.push(t`${s.env}=${envValue(s.type, s.value, rng)}`);
  for (let i = rng.int(2, 6); i > 0; i--) lines.push(P(benignEnv(rng)));
  const body = join(rng.shuffle(lines), '\n');
  const header = rng.pick(['', '', '# .env.production\n', '# generated by setup.sh - do not commit\n', '### backend\n']);
  const prompt = rng.pick([
    '',
    '',
    '',
    "Here's my .env, why can't the app connect to the database?\n\n",
    'Convert this .env into a Kubernetes secret manifest:\n```\n',
    'Welche Variablen fehlen hier?\n',
  ]);
  const close = prompt.endsWith('```\n') ? '\n```' : '';
  return t`${prompt}${header}${body}${close}`;
}

function yq(type: string, value: string): Built {
  return t`"${L(type, value)}"`;
}

export function yamlConfig(rng: Rng): Built {
  const kind = rng.int(0, 5);
  if (kind === 0) {
    const lines: Built[] = [
      P(`server:\n  port: ${rng.pick([8080, 3000])}\n  host: 0.0.0.0`),
      t`database:\n  host: ${rng.pick(v.HOSTS)}\n  port: 5432\n  user: ${v.dbUser(rng)}\n  password: ${yq('password', v.password(rng))}\n  name: ${v.dbName(rng)}\n  pool: 10`,
    ];
    if (rng.chance(0.6))
      lines.push(t`cache:\n  url: ${L('connection_string', `redis://:${v.uriPassword(rng)}@${rng.pick(v.HOSTS)}:6379/0`)}`);
    const extra = secrets(rng, rng.int(1, 3)).filter((s) => s.type !== 'password' && s.type !== 'connection_string');
    if (extra.length)
      lines.push(
        t`integrations:\n${join(
          extra.map((s) => t`  ${s.env.toLowerCase()}: ${L(s.type, s.value)}`),
          '\n',
        )}`,
      );
    return join(lines, '\n');
  }
  if (kind === 1) {
    const svc = [
      t`  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: ${v.dbUser(rng)}\n      POSTGRES_PASSWORD: ${yq('password', v.password(rng))}\n      POSTGRES_DB: ${v.dbName(rng)}\n    volumes:\n      - pgdata:/var/lib/postgresql/data`,
    ];
    const env = secrets(rng, rng.int(1, 3)).map((s) => t`      - ${s.env}=${L(s.type, s.value)}`);
    svc.push(t`  api:\n    build: .\n    depends_on: [db]\n    environment:\n${join(env, '\n')}\n    ports:\n      - "8080:8080"`);
    return t`version: "3.9"\nservices:\n${join(svc, '\n')}\nvolumes:\n  pgdata: {}`;
  }
  if (kind === 2) {
    const data = secrets(rng, rng.int(1, 3)).map((s) =>
      s.type === 'password' ? t`  ${s.env}: ${yq(s.type, s.value)}` : t`  ${s.env}: ${L(s.type, s.value)}`,
    );
    if (rng.chance(0.3)) {
      const key = v.privateKey(rng, rng.pick(['rsa', 'pkcs8', 'ec'] as const)).replace(/\n/g, '\n    ');
      data.push(t`  tls.key: |\n    ${L('private_key', key)}`);
    }
    return t`apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${rng.pick(['api-secrets', 'backend-env', 'payments-creds'])}\n  namespace: ${rng.pick(['prod', 'default', 'payments'])}\ntype: Opaque\nstringData:\n${join(data, '\n')}`;
  }
  if (kind === 3) {
    const host = rng.pick(v.HOSTS);
    return t`spring:\n  datasource:\n    url: jdbc:mysql://${host}:3306/${v.dbName(rng)}?useSSL=true\n    username: ${v.dbUser(rng)}\n    password: ${yq('password', v.password(rng))}\n  jpa:\n    hibernate:\n      ddl-auto: validate\n  mail:\n    host: smtp.${rng.pick(v.DOMAINS)}\n    username: ${L('email', v.roleEmail(rng))}\n    password: ${yq('password', v.password(rng))}`;
  }
  if (kind === 4) {
    const s = secrets(rng, rng.int(1, 2)).filter((x) => x.type !== 'password');
    const env = s.map((x) => t`      ${x.env}: ${L(x.type, x.value)}`);
    return t`name: release\non:\n  push:\n    tags: ["v*"]\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    env:\n${env.length ? join(env, '\n') : P(`      NODE_VERSION: "20"`)}\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci\n      - run: npm publish`;
  }
  const s = secrets(rng, rng.int(1, 3));
  const vars = s.map((x) =>
    x.type === 'password' ? t`${x.env.toLowerCase()}: ${yq(x.type, x.value)}` : t`${x.env.toLowerCase()}: ${L(x.type, x.value)}`,
  );
  return t`# group_vars/production.yml\napp_user: deploy\napp_dir: /srv/app\n${join(vars, '\n')}\nntp_servers:\n  - 0.pool.ntp.org`;
}

export function jsonConfig(rng: Rng): Built {
  const kind = rng.int(0, 4);
  if (kind === 0) {
    return t`{\n  "ConnectionStrings": {\n    "DefaultConnection": "${L('connection_string', v.adoString(rng).replace(/\\/g, '\\\\'))}"\n  },\n  "Logging": {\n    "LogLevel": { "Default": "Information", "Microsoft.AspNetCore": "Warning" }\n  },\n  "AllowedHosts": "*"\n}`;
  }
  if (kind === 1) {
    const project = `${rng.pick(['acme', 'orders', 'ml-platform', 'data-eng'])}-${rng.digits(6)}`;
    const sa = `${rng.pick(['deployer', 'ci-bot', 'etl'])}@${project}.iam.gserviceaccount.com`;
    const key = v.privateKey(rng, 'pkcs8', '\\n');
    return t`{\n  "type": "service_account",\n  "project_id": "${project}",\n  "private_key_id": "${v.gitSha(rng)}",\n  "private_key": "${L('private_key', key)}\\n",\n  "client_email": "${L('email', sa)}",\n  "client_id": "${rng.digits(21)}",\n  "auth_uri": "https://accounts.google.com/o/oauth2/auth",\n  "token_uri": "https://oauth2.googleapis.com/token"\n}`;
  }
  if (kind === 2) {
    const vals = secrets(rng, rng.int(1, 3)).map(
      (s) => t`    { "key": "${s.env.toLowerCase()}", "value": "${L(s.type, s.value)}", "enabled": true }`,
    );
    return t`{\n  "name": "${rng.pick(['Production', 'Staging'])} API",\n  "values": [\n    { "key": "base_url", "value": "https://api.${rng.pick(v.DOMAINS)}", "enabled": true },\n${join(vals, ',\n')}\n  ]\n}`;
  }
  if (kind === 3) {
    return t`{\n  "Credentials": {\n    "AccessKeyId": "${L('aws_access_key', 'ASIA' + rng.str('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16))}",\n    "SecretAccessKey": "${L('aws_secret_key', v.awsSecretKey(rng))}",\n    "SessionToken": "${rng.str('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', 356)}",\n    "Expiration": "${v.isoDate(rng)}T${v.time(rng)}+00:00"\n  }\n}`;
  }
  return t`{\n  "project_info": { "project_number": "${rng.digits(12)}", "project_id": "${rng.pick(['shop-app', 'fit-tracker', 'chat-demo'])}-${rng.digits(4)}" },\n  "client": [{\n    "client_info": { "mobilesdk_app_id": "1:${rng.digits(12)}:android:${rng.str('0123456789abcdef', 16)}" },\n    "api_key": [{ "current_key": "${L('google_api_key', v.googleApiKey(rng))}" }]\n  }]\n}`;
}

export function iniConfig(rng: Rng): Built {
  const kind = rng.int(0, 6);
  if (kind === 0) {
    const profiles = [
      t`[default]\naws_access_key_id = ${L('aws_access_key', v.awsAccessKey(rng))}\naws_secret_access_key = ${L('aws_secret_key', v.awsSecretKey(rng))}\nregion = ${rng.pick(['eu-west-1', 'us-east-1'])}`,
    ];
    if (rng.chance(0.4))
      profiles.push(
        t`[${rng.pick(['prod', 'staging', 'billing'])}]\naws_access_key_id = ${L('aws_access_key', v.awsAccessKey(rng))}\naws_secret_access_key = ${L('aws_secret_key', v.awsSecretKey(rng))}`,
      );
    return join(profiles, '\n\n');
  }
  if (kind === 1) {
    const lines = [t`//registry.npmjs.org/:_authToken=${L('npm_token', v.npmToken(rng))}`, P('save-exact=true')];
    if (rng.chance(0.5))
      lines.push(
        P('@acme:registry=https://npm.pkg.github.com/'),
        t`//npm.pkg.github.com/:_authToken=${L('github_token', v.githubToken(rng))}`,
      );
    return join(lines, '\n');
  }
  if (kind === 2) {
    return t`[client]\nuser=${v.dbUser(rng)}\npassword=${L('password', v.password(rng).replace(/[#;'"\s]/g, 'x'))}\nhost=${rng.pick(v.HOSTS)}\n\n[mysqld]\nmax_connections=200`;
  }
  if (kind === 3) {
    return t`[database]\nurl = "${L('connection_string', v.connectionUri(rng))}"\npool_size = 10\n\n[server]\nbind = "0.0.0.0:8080"\nworkers = 4`;
  }
  if (kind === 4) {
    const user = v
      .person(rng)
      .first.toLowerCase()
      .replace(/[^a-z]/g, '');
    const tok = rng.chance(0.5)
      ? L('github_token', v.githubToken(rng))
      : L('gitlab_token', 'glpat-' + rng.str('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 20));
    const host = tok.expect[0]?.type === 'github_token' ? 'github.com' : 'gitlab.com';
    return t`https://${user}:${tok}@${host}`;
  }
  if (kind === 5) {
    return t`spring.datasource.url=jdbc:postgresql://${rng.pick(v.HOSTS)}:5432/${v.dbName(rng)}\nspring.datasource.username=${v.dbUser(rng)}\nspring.datasource.password=${L('password', v.password(rng))}\nmail.smtp.host=smtp.${rng.pick(v.DOMAINS)}\nmail.smtp.port=587`;
  }
  return t`# ~/.pgpass\n${rng.pick(v.HOSTS)}:5432:${v.dbName(rng)}:${v.dbUser(rng)}:${L('password', v.uriPassword(rng))}`;
}

/** Code that hard-codes secrets (labelled as source code too). */
export function codeWithSecret(rng: Rng): Built {
  const ss = secrets(rng, rng.int(1, 2));
  const assigns: Assign[] = ss.map((s) => ({ name: s.env, value: L(s.type, s.value), kind: s.type }));
  return codeWithAssignments(rng, assigns);
}

/** Chat prompts where someone pastes a credential while asking for help. */
export function chatSecret(rng: Rng): Built {
  const s = anySecret(rng);
  const val = L(s.type, s.value);
  const pw = () => L('password', v.password(rng));
  const forms: (() => Built)[] = [
    () =>
      t`can you fix this query, the prod password is ${pw()} and it keeps timing out:\nSELECT id, total FROM orders WHERE created_at > now() - interval '1 day'`,
    () =>
      t`Why does this return 401? I'm sending Authorization: Bearer ${L('jwt', v.jwt(rng))} to https://api.${rng.pick(v.DOMAINS)}/v1/me`,
    () => t`my ${s.env} is ${val}, how do I set it in GitHub Actions without committing it?`,
    () => t`I keep getting "invalid api key" with ${val} — is the format wrong?`,
    () => t`Warum schlägt die Verbindung fehl? Mein Connection-String ist ${L('connection_string', v.connectionUri(rng))}`,
    () => t`Das Passwort für den Testserver lautet ${pw()}, kannst du das Deploy-Skript so anpassen, dass es nicht mehr fragt?`,
    () => t`Le mot de passe de la base est ${pw()}, peux-tu m'écrire la commande pg_dump complète ?`,
    () => t`La contraseña del servidor de staging es ${pw()}. ¿Cómo la guardo en un secreto de Kubernetes?`,
    () => t`A senha do banco é ${pw()} e o usuário é admin, por que o Django não conecta?`,
    () => t`Het wachtwoord van de router is ${pw()}, hoe zet ik port forwarding aan?`,
    () => t`ステージングのパスワードは ${pw()} です。この設定ファイルを直してください。`,
    () =>
      t`Here is the webhook we use for alerts: ${L('slack_webhook', v.slackWebhook(rng))} — write me a Python function that posts a message to it.`,
    () => t`login: admin / pw: ${pw()} — write a Selenium test that logs in with these.`,
    () => t`Use this key for the examples please: ${val}`,
    () => t`Quick question, is it safe to rotate ${val} while jobs are running? It's our ${s.env}.`,
    () => t`the test account is ${L('email', `qa@${rng.pick(v.DOMAINS)}`)} with password ${pw()} - why does the login form reject it?`,
    () => t`Our SMTP creds: user ${L('email', v.roleEmail(rng))}, password: ${pw()}. Write a nodemailer config.`,
    () => t`ssh into the box with root / ${pw()} and run the migration, what's the one-liner?`,
  ];
  return rng.pick(forms)();
}

/** Application and HTTP logs that leak credentials. */
export function secretLog(rng: Rng): Built {
  const lines: Built[] = [];
  const n = rng.int(3, 6);
  let labelled = 0;
  for (let i = 0; i < n || labelled === 0; i++) {
    const ts = v.timestamp(rng);
    const k = rng.int(0, 8);
    if (k === 0) lines.push(t`${ts} DEBUG http > Authorization: Bearer ${L('jwt', v.jwt(rng))}`);
    else if (k === 1) lines.push(t`${ts} INFO notifier: POST ${L('slack_webhook', v.slackWebhook(rng))} -> 200`);
    else if (k === 2) lines.push(t`${ts} INFO db: connecting to ${L('connection_string', v.connectionUri(rng))}`);
    else if (k === 3)
      lines.push(
        t`${ts} DEBUG git: clone https://oauth2:${L('gitlab_token', 'glpat-' + rng.str('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-', 19) + rng.str('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 1))}@gitlab.com/${rng.pick(['platform', 'data'])}/${rng.pick(['api', 'etl', 'infra'])}.git`,
      );
    else if (k === 4) lines.push(t`${ts} WARN config: env dump ${L('openai_key', v.openaiKey(rng))} loaded from OPENAI_API_KEY`);
    else if (k === 5) lines.push(t`${ts} DEBUG slack: auth.test token=${L('slack_token', v.slackToken(rng))} ok=true`);
    else {
      lines.push(
        P(
          `${ts} INFO http: ${rng.pick(['GET', 'POST'])} /api/${rng.pick(['orders', 'users', 'health'])} ${rng.pick([200, 201, 404, 500])} ${rng.int(2, 900)}ms trace=${v.md5(rng)}`,
        ),
      );
      continue;
    }
    labelled++;
  }
  return join(lines, '\n');
}

/** Stack traces whose messages include a DSN or connection settings. */
export function stackTrace(rng: Rng): Built {
  const k = rng.int(0, 2);
  if (k === 0) {
    const uri = v.connectionUri(rng);
    return t`Traceback (most recent call last):\n  File "/srv/app/db.py", line 42, in connect\n    return create_engine(settings.DATABASE_URL).connect()\n  File "/usr/lib/python3.11/site-packages/sqlalchemy/engine/base.py", line 3268, in connect\n    return self._connection_cls(self)\nsqlalchemy.exc.OperationalError: (psycopg2.OperationalError) could not connect to server: Connection refused\n  Is the server running on host "${rng.pick(v.HOSTS)}" and accepting TCP/IP connections on port 5432?\n(Background on this error at: https://sqlalche.me/e/20/e3q8)\nDATABASE_URL=${L('connection_string', uri)}`;
  }
  if (k === 1) {
    return t`Exception in thread "main" java.sql.SQLException: Access denied for user '${v.dbUser(rng)}'@'${v.ipv4(rng)}' (using password: YES)\n\tat com.mysql.cj.jdbc.exceptions.SQLError.createSQLException(SQLError.java:129)\n\tat com.mysql.cj.jdbc.ConnectionImpl.createNewIO(ConnectionImpl.java:825)\n\tat com.acme.orders.Db.open(Db.java:57)\nCaused by: config {url=jdbc:mysql://${rng.pick(v.HOSTS)}:3306/${v.dbName(rng)}, user=${v.dbUser(rng)}, password=${L('password', v.password(rng).replace(/[,}]/g, 'x'))}}`;
  }
  const s = secret(
    rng,
    rng.pick([
      'jwt',
      'jwt',
      'stripe_key',
      'openai_key',
      'anthropic_key',
      'github_token',
      'gitlab_token',
      'slack_token',
      'huggingface_token',
      'sendgrid_key',
      'npm_token',
    ] as const),
  );
  return t`Error: Request failed with status code 401\n    at createError (/app/node_modules/axios/lib/core/createError.js:16:15)\n    at settle (/app/node_modules/axios/lib/core/settle.js:17:12)\n    at IncomingMessage.handleStreamEnd (/app/node_modules/axios/lib/adapters/http.js:269:11) {\n  config: {\n    url: 'https://api.${rng.pick(v.DOMAINS)}/v1/charges',\n    headers: { Authorization: 'Bearer ${L(s.type, s.value)}', 'User-Agent': 'axios/1.6.2' }\n  }\n}`;
}

/** Private keys pasted on their own, into chat, or inside other files. */
export function privateKeyPaste(rng: Rng): Built {
  const key = L('private_key', v.privateKey(rng));
  return rng.pick([
    () => key,
    () => t`ssh keeps saying "invalid format" for this key, what's wrong?\n\n${key}`,
    () => t`Kannst du mir sagen, welcher Schlüsseltyp das ist?\n${key}\n`,
    () => t`# deploy key for ${rng.pick(['infra', 'website', 'backups'])} (read-only)\n${key}\n`,
    () => t`DEPLOY_KEY="${L('private_key', v.privateKey(rng, rng.pick(['rsa', 'ec', 'openssh'] as const), '\\n'))}"`,
    () => t`Convert this to PKCS#8 please:\n\`\`\`\n${key}\n\`\`\``,
  ])();
}

/** Shell history and CLI sessions. */
export function shellHistory(rng: Rng): Built {
  const cmds: Built[] = [];
  const n = rng.int(3, 7);
  let labelled = 0;
  for (let i = 0; i < n || labelled === 0; i++) {
    const k = rng.int(0, 13);
    const add = (b: Built, lab = true) => {
      cmds.push(b);
      if (lab) labelled++;
    };
    if (k === 0) add(t`export GITHUB_TOKEN=${L('github_token', v.githubToken(rng))}`);
    else if (k === 1) add(t`npm config set //registry.npmjs.org/:_authToken ${L('npm_token', v.npmToken(rng))}`);
    else if (k === 2)
      add(t`mysql -u root -p'${L('password', v.password(rng).replace(/'/g, 'x'))}' -h ${rng.pick(v.HOSTS)} ${v.dbName(rng)}`);
    else if (k === 3) add(t`docker login -u ${v.dbUser(rng)} -p ${L('password', v.uriPassword(rng))} registry.${rng.pick(v.DOMAINS)}`);
    else if (k === 4) add(t`curl -H "Authorization: Bearer ${L('jwt', v.jwt(rng))}" https://api.${rng.pick(v.DOMAINS)}/v2/users`);
    else if (k === 5)
      add(
        t`psql "${L('connection_string', `postgresql://${v.dbUser(rng)}:${v.uriPassword(rng)}@${rng.pick(v.HOSTS)}:5432/${v.dbName(rng)}`)}"`,
      );
    else if (k === 6) add(t`aws configure set aws_secret_access_key ${L('aws_secret_key', v.awsSecretKey(rng))}`);
    else if (k === 7) add(t`huggingface-cli login --token ${L('huggingface_token', v.huggingfaceToken(rng))}`);
    else if (k === 8) add(t`export ANTHROPIC_API_KEY=${L('anthropic_key', v.anthropicKey(rng))}`);
    else if (k === 9) add(t`curl https://api.stripe.com/v1/charges -u ${L('stripe_key', v.stripeKey(rng))}:`);
    else if (k === 10)
      add(P(`git remote add origin git@github.com:${rng.pick(['acme', 'platform-team'])}/${rng.pick(['api', 'web', 'infra'])}.git`), false);
    else if (k === 11) add(t`ssh-keygen -t ed25519 -C "${L('email', v.email(rng))}"`);
    else if (k === 12) add(P(`kubectl -n ${rng.pick(['prod', 'staging'])} rollout restart deploy/${rng.pick(['api', 'worker'])}`), false);
    else add(P(`git log --oneline -3  # ${v.shortSha(rng)} ${v.shortSha(rng)}`), false);
  }
  const prefix = rng.pick(['$ ', '$ ', '  ']);
  return join(
    cmds.map((c, i) => (prefix === '  ' ? t`  ${500 + i}  ${c}` : t`${prefix}${c}`)),
    '\n',
  );
}

/** A secret hard-coded in a GitLab CI file. */
export function ciFile(rng: Rng): Built {
  const ss = secrets(rng, rng.int(1, 2)).filter((s) => s.type !== 'password');
  if (!ss.length) ss.push(secret(rng, 'gitlab_token'));
  return t`stages: [test, deploy]\nvariables:\n${join(
    ss.map((s) => t`  ${s.env}: "${L(s.type, s.value)}"`),
    '\n',
  )}\ndeploy:\n  stage: deploy\n  image: alpine:3.19\n  script:\n    - ./scripts/deploy.sh\n  only: [main]`;
}
