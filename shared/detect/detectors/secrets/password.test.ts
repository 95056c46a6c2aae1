import { describe, expect, it } from 'vitest';
import { ADVERSARIAL_UNITS, adversarialText } from '../../adversarial.ts';
import { createScanner } from '../../engine.ts';
import { scanWith } from '../../testing.ts';
import { awsAccessKey } from './aws-access-key.ts';
import { awsSecretKey } from './aws-secret-key.ts';
import { connectionString } from './connection-string.ts';
import {
  KEYWORD_ANCHOR_I18N,
  keyStrength,
  PASSWORD_WORDS_ANCHOR,
  PASSWORD_LITERALS,
  password,
  SLASH_PAIR_ANCHOR,
  valueStrength,
} from './password.ts';
import { DASH_TOKEN } from './token-checks.ts';
import type { Recognizer } from '../../recognizer.ts';
import { email } from '../pii/email.ts';

const scan = scanWith(password);
const raw = createScanner({ recognizers: [password], classifiers: [] });
const together = createScanner({ recognizers: [email, awsAccessKey, password, connectionString, awsSecretKey], classifiers: [] });

/** `[type, value]` of the findings the full set of credential recognizers keeps. */
function kept(text: string): [string, string][] {
  return together.scan(text).map((f) => [f.type, text.slice(f.start, f.end)]);
}

describe('password', () => {
  it.each([
    // .env, shell, Dockerfile, compose
    ['DB_PASSWORD=Tr0ub4dor&3', 'Tr0ub4dor&3'],
    ['export PGPASSWORD=Zx81!secret', 'Zx81!secret'],
    ['  - POSTGRES_PASSWORD=pgS3cret99', 'pgS3cret99'],
    ['ENV MYSQL_ROOT_PASSWORD=R00t!pass2024', 'R00t!pass2024'],
    ['SMTP_PASS=m4il-Relay-77', 'm4il-Relay-77'],
    ['MYSQL_PWD="Qw3rty#2024"', 'Qw3rty#2024'],
    // code and JSON
    ['password = "hunter22x"', 'hunter22x'],
    ["conn = connect(host='db', user='app', password='Gr8!Pass#word')", 'Gr8!Pass#word'],
    ['"pwd": "S3cr3t!x"', 'S3cr3t!x'],
    ['{"user":"app","password":"Kq9$wL2!zP"}', 'Kq9$wL2!zP'],
    ["$config['db_password'] = 'Ph9!secret-42';", 'Ph9!secret-42'],
    ["'password' => 'Lar4vel!Pass',", 'Lar4vel!Pass'],
    ['dbPassword := "G0lang!Pass"', 'G0lang!Pass'],
    ['const adminPass = `Tmpl8!Pass`;', 'Tmpl8!Pass'],
    ['$Password = "P0wer!Shell1"', 'P0wer!Shell1'],
    ['if (password == "letmein99") {', 'letmein99'],
    // YAML, INI, properties, XML
    ['  password: s3cretPass9', 's3cretPass9'],
    ['password = Ini!F1le#pw', 'Ini!F1le#pw'],
    ['spring.datasource.password=Spr1ng!Boot', 'Spr1ng!Boot'],
    ['<password>Qw3rty!9</password>', 'Qw3rty!9'],
    ['<ns:DbPassword> Xml!Pass77 </ns:DbPassword>', 'Xml!Pass77'],
    ['<add key="DbPassword" value="Adm1n!2024x"/>', 'Adm1n!2024x'],
    // command lines
    ['psql --password=Xk9#mQ2!', 'Xk9#mQ2!'],
    ['tool --password Sup3r!S3cret --verbose', 'Sup3r!S3cret'],
    ["mysql -u root -p'S3cr3t!pw' app", 'S3cr3t!pw'],
    ['mysqldump -uroot -pDump!2024x app > a.sql', 'Dump!2024x'],
    ['sshpass -p Sup3rS3cret ssh deploy@host', 'Sup3rS3cret'],
    ['openssl enc -aes-256-cbc -pass pass:0pen!SSLpw -in a', '0pen!SSLpw'],
    // SQL
    ["CREATE USER 'app'@'%' IDENTIFIED BY 'S3cr3t!pw';", 'S3cr3t!pw'],
    ["CREATE ROLE app WITH LOGIN PASSWORD 'Pg#2024secret';", 'Pg#2024secret'],
    // chat
    ['my password is Tr0ub4dor&3', 'Tr0ub4dor&3'],
    ['the wifi password is Blue-Fish-42.', 'Blue-Fish-42'],
    ['The password for the staging VPN is Vpn!2024acme, thanks', 'Vpn!2024acme'],
    ['I changed my password to Winter2024!', 'Winter2024!'],
    ["my password is 'hunter22'", 'hunter22'],
    ['pw: hunter22', 'hunter22'],
    ['Username: alice\nPassword: Tr0ub4dor&3', 'Tr0ub4dor&3'],
    ['passphrase = "c0rrect-Horse-battery"', 'c0rrect-Horse-battery'],
    // generic secrets (lower confidence, still reported)
    ['client_secret=aB3dE5gH7jK9mN1p', 'aB3dE5gH7jK9mN1p'],
    ["SECRET_KEY = 'dj4ngo-k3y!x9z'", 'dj4ngo-k3y!x9z'],
    // other languages
    ['contraseña: "Cl4ve!segura"', 'Cl4ve!segura'],
    ['Passwort=Gehe1m!2024', 'Gehe1m!2024'],
    ['lösenord: "Hemligt!42x"', 'Hemligt!42x'],
    ['hasło=Tajne#2024x', 'Tajne#2024x'],
    ['PSWD=Kx8!mQ2zLp', 'Kx8!mQ2zLp'],
    // values that contain `=` but do not start with a name
    ['  password: "Qz7=Lm#x9Pw!"', 'Qz7=Lm#x9Pw!'],
    ['final String ADMIN_PASSWORD = "Wx4=Nb8!Rt2q";', 'Wx4=Nb8!Rt2q'],
    ['login: admin / pw: kT9=vB2&Lq8Zr', 'kT9=vB2&Lq8Zr'],
    // .pgpass lines
    ['# ~/.pgpass\ndb.example.internal:5432:sales:etl:Qm8vT2xLp4Ks', 'Qm8vT2xLp4Ks'],
    ['*:*:*:replicator:Rp7\\:Lk3Nq9', 'Rp7\\:Lk3Nq9'],
    ['10.0.4.2:6432:billing:svc:kMdTrzWQpxLcBvNfY', 'kMdTrzWQpxLcBvNfY'],
    ['pg.example.net:5432:app:app:Ab3.cdE9fgh', 'Ab3.cdE9fgh'],
    // key and value as call arguments
    ["define('DB_PASSWORD', 'Lemon2031#');", 'Lemon2031#'],
    ['config.set("smtp_password", "Mv8#Tq2!zLx")', 'Mv8#Tq2!zLx'],
    // registry logins
    ['docker login -u ci -p Nq4vXz81Lm0kRt registry.example.com', 'Nq4vXz81Lm0kRt'],
    ["podman login -u bot -p 'Zx8!Qw2#Er' quay.example.io", 'Zx8!Qw2#Er'],
    // chat without a verb, and values ending in symbols
    ['log in as qa@example.org with password Tulip2033! - it fails', 'Tulip2033!'],
    ['the prod password is Maple2031* and it times out', 'Maple2031*'],
    ['the staging password is Gx7!Kp2?. Thanks', 'Gx7!Kp2?'],
    ['can you check if my password is Tr0ub4dor&3?', 'Tr0ub4dor&3'],
    ['my password is **Kp9!zLm2q**', 'Kp9!zLm2q'],
    // random mixed case is not a PascalCase type name
    ['the password is Hq84TwPLsXI2OzKdJJ', 'Hq84TwPLsXI2OzKdJJ'],
  ])('finds %j', (text, value) => {
    expect(scan(text)).toEqual([value]);
  });

  it.each([
    ['placeholder word', 'password: changeme'],
    ['angle placeholder', 'password=<password>'],
    ['template', 'password = ${DB_PASS}'],
    ['shell variable', 'DB_PASSWORD=$PASS'],
    ['shell variable in double quotes', 'password="$DB_PASS"'],
    ['helm template', 'password: {{ .Values.pw }}'],
    ['github actions', 'password: ${{ secrets.DB_PASSWORD }}'],
    ['mask', 'password: "********"'],
    ['x mask', 'Password: xxxxxxxx'],
    ['your_password', 'password=your_password'],
    ['process.env', 'password: process.env.DB_PASS,'],
    ['os.environ', "password = os.environ['DB_PASS']"],
    ['getenv', 'password = getenv("DB_PASS")'],
    ['empty', 'DB_PASSWORD='],
    ['empty quotes', 'password = ""'],
    ['function call', 'password = get_password()'],
    ['member access', 'password=args.password'],
    ['camelCase variable', 'login({ password: hashedPassword, user })'],
    ['TS type', 'password: string;'],
    ['optional TS type', 'password?: string'],
    ['Python type', 'def login(user: str, password: str):'],
    ['label without value', 'Password:\n'],
    ['label followed by prose', 'Password: required'],
    ['prose about a reset', 'Click the password reset link to continue.'],
    ['prose verdict', 'Your password is incorrect.'],
    ['prose weak word', 'the password is sunshine'],
    ['password_hash key', 'password_hash = "Zq8!notTheRealOne"'],
    ['password_length key', 'password_length = 12'],
    ['policy key', 'min_password_length: 8'],
    ['label key', '"passwordLabel": "Enter your password"'],
    ['translation', '"password": "Passwort"'],
    ['k8s secret reference', 'secretKeyRef: db-credentials'],
    ['file key', 'PASSWORD_FILE=/run/secrets/db'],
    ['shell PWD', 'PWD=/home/alice'],
    ['boolean', 'use_password: true'],
    ['bypass', 'bypass=Xy12abc!'],
    ['YAML alias', 'password: *db_password'],
    ['ansible vault tag', 'password: !vault |'],
    ['truncated in a log', 'password=Tr0ub4dor...'],
    ['AWS secret key belongs to aws_secret_key', 'aws_secret_access_key = h7Kd9Lm2Qp4Rs6Tu8Vw0Xy1Za3Bc5De7Fg9Hi2Jk'],
    ['SecretAccessKey', '"SecretAccessKey": "h7Kd9Lm2Qp4Rs6Tu8Vw0Xy1Za3Bc5De7Fg9Hi2Jk"'],
    ['mkdir -p', 'mkdir -p build/output'],
    ['-p without mysql', 'docker run -pS3cr3t!pw'],
    ['api key is not a password', 'api_key=Zk29xLq81mNw0pRt'],
    ['the next assignment', 'password= user=admin'],
    ['the next assignment, quoted', 'password: "user=admin"'],
    ['a Stripe key under a secret key name', 'STRIPE_SECRET_KEY="sk_test_4eQ9aXbYcZd0e1F2g3H4i5J6"'],
    ['a GitHub token under a password key', 'password: ghp_Zq8mW3xT9kL2vB7nR4pY6sD1fH5jC0aE8uI2'],
    ['pgpass-like line with a path', 'https://h:8080:a:b:Xy12abc!9'],
    ['pgpass-like fields after text', 'key: host:5432:db:user:Xy12abc!9'],
    ['pgpass-like line without a port', 'host:port:db:user:Xy12abc!9'],
    ['too many fields for pgpass', 'a:1:b:c:d:Xy12abc!9'],
    ['pgpass line ending in a blank value', 'h:5432:d:u: Xy12abc!9'],
    ['translation call', "__('password', 'Mot de passe')"],
    ['call with a label', "define('RESET_PASSWORD', 'Reset your password')"],
    ['call with a non-literal second argument', "setPassword('password', pw)"],
    ['docker run port', 'docker run -p 8080:80 nginx'],
    ['docker login from stdin', 'docker login -u ci --password-stdin registry.example.com'],
    ['with password authentication', 'connect with password authentication enabled'],
    ['camelCase random letters are still checked as words', 'pass: hashedPassword'],
  ])('ignores %s', (_why, text) => {
    expect(scan(text)).toEqual([]);
  });

  it('reports password hashes below the default threshold', () => {
    const text = 'password: "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW"';
    const findings = raw.scanRaw(text);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.confidence).toBeLessThan(0.5);
    expect(scan(text)).toEqual([]);
  });

  it.each([
    ['weak key, weak value', 'pass: hunter', 0.5],
    ['unquoted word in code', 'f(password=hunter)', 0.5],
  ])('scores %s below the threshold', (_why, text, max) => {
    for (const f of raw.scanRaw(text)) expect(f.confidence).toBeLessThan(max);
  });

  it('scores strong keys and mixed values above weak ones', () => {
    const conf = (t: string): number => raw.scanRaw(t)[0]?.confidence ?? 0;
    expect(conf('DB_PASSWORD=Tr0ub4dor&3')).toBeGreaterThan(conf('DB_PASSWORD=hunter22'));
    expect(conf('DB_PASSWORD=hunter22')).toBeGreaterThan(conf('DB_PASSWORD=sunshine'));
    expect(conf('DB_PASSWORD=Tr0ub4dor&3')).toBeGreaterThan(conf('client_secret=Tr0ub4dor&3'));
    expect(conf('DB_PASSWORD=Tr0ub4dor&3')).toBeLessThanOrEqual(0.85);
  });

  it.each([
    ['DB_PASSWORD', 2],
    ['dbPassword', 2],
    ['DB_PASS', 2],
    ['PASS', 1],
    ['pw', 1],
    ['client_secret', 1],
    ['password_hash', 0],
    ['passwordLength', 0],
    ['aws_secret_access_key', 0],
    ['bypass', 0],
    ['username', 0],
  ] as const)('keyStrength(%j) = %i', (key, strength) => {
    expect(keyStrength(key)).toBe(strength);
  });

  it.each([
    ['Tr0ub4dor&3', 2],
    ['hunter22', 1],
    ['sunshine', 0],
    ['123456', 0],
    ['oublié', 0],
    ['Hq84TwPLsXI2OzKdJJ', 2],
  ] as const)('valueStrength(%j) = %i', (value, strength) => {
    expect(valueStrength(value)).toBe(strength);
  });
});

describe('password in other languages and user / password pairs', () => {
  it('registers the German, French, Spanish, Japanese and slash-pair anchors, and the Dutch and Portuguese words as literals', () => {
    for (const a of [KEYWORD_ANCHOR_I18N, PASSWORD_WORDS_ANCHOR, SLASH_PAIR_ANCHOR]) expect(password.anchors).toContain(a);
    expect(password.literals).toEqual(PASSWORD_LITERALS);
  });

  it.each([
    ['Das Passwort für den Testserver lautet Rb7!kXz2pQ, danke', 'Rb7!kXz2pQ'],
    ['Das Kennwort ist Wq4#Lm9zTx.', 'Wq4#Lm9zTx'],
    ['het wachtwoord van de router is Tulip-Mango-Kiwi-47, hoe', 'Tulip-Mango-Kiwi-47'],
    ['La contraseña del servidor de pruebas es Lx9#Vq2mZt. ¿Cómo', 'Lx9#Vq2mZt'],
    ['Le mot de passe de la base est !=4_Kq8Lmz2Xy, merci', '!=4_Kq8Lmz2Xy'],
    ['A senha do banco é Cravo#Lirio58 e o usuário', 'Cravo#Lirio58'],
    ['本番のパスワードは Pq8-Zx4-Lm2-Rt9 です。', 'Pq8-Zx4-Lm2-Rt9'],
    ['ssh into the box with root / Xq7!mLp2z and run it', 'Xq7!mLp2z'],
    ['creds: deploy / "Nv5&Kt8#Lq"', 'Nv5&Kt8#Lq'],
  ])('finds %j', (text, value) => {
    expect(scan(text)).toEqual([value]);
  });

  it.each([
    ['with root / with root / '],
    ['mot de passe est passe ña contraseña es '],
    ['パスワードは パスワードは '],
    ['h:5432:d:u:'],
    ['senha senha é wachtwoord is '],
  ])('%j stays linear and finds nothing on 200 KB', (unit) => {
    expect(scan(adversarialText(unit, 200_000))).toEqual([]);
  });

  it.each([
    ['German verdict', 'Das Passwort ist falsch.'],
    ['French word', 'Le mot de passe est oublié'],
    ['Portuguese word', 'A senha do banco é obrigatória'],
    ['Passwort inside a longer word', 'Der Passwortmanager lautet Kx8!mQ2zLp'],
    ['passe without mot de', 'ce qui se passe est Kx8!mQ2zLp'],
    ['ña in another word', 'la montaña es Kx8!mQ2zLp'],
    ['tools, not credentials', 'built with Python / Django 5'],
    ['numbers', 'run it with 3 / 4 cores'],
    ['comment slashes', 'x = 1 // with root'],
    ['no user name word before the pair', 'see pages 12 / Xq7!mLp2z'],
  ])('ignores %s', (_why, text) => {
    expect(scan(text)).toEqual([]);
  });
});

describe('password among the other credential recognizers', () => {
  it('leaves an AWS secret to aws_secret_key', () => {
    expect(kept('aws_secret_access_key = h7Kd9Lm2Qp4Rs6Tu8Vw0Xy1Za3Bc5De7Fg9Hi2Jk')).toEqual([
      ['aws_secret_key', 'h7Kd9Lm2Qp4Rs6Tu8Vw0Xy1Za3Bc5De7Fg9Hi2Jk'],
    ]);
  });

  it('loses to aws_secret_key on a generic secret key next to an access key id', () => {
    expect(kept('aws_access_key_id = AKIA2E7AKF3BZ44CQ7W6\nsecret_key = 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')).toEqual([
      ['aws_access_key', 'AKIA2E7AKF3BZ44CQ7W6'],
      ['aws_secret_key', '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'],
    ]);
  });

  it('loses to the connection string that contains it', () => {
    const ado = 'Server=db01;Database=app;User Id=app;Password=Azur3Sql!2024;';
    expect(kept(ado)).toEqual([['connection_string', ado]]);
    const uri = 'jdbc:postgresql://db:5432/app?user=app&password=Pg2024xyz!';
    expect(kept(uri)).toEqual([['connection_string', uri]]);
  });
});

describe('password anchors next to the shared token anchors', () => {
  // A stand-in for the prefix-token recognizers that anchor on the `-` of `glpat-`, `sk-proj-`.
  function dashRecorder(hits: number[]): Recognizer {
    return { type: 'gitlab_token', anchors: [DASH_TOKEN], match: (_t, start) => void hits.push(start) };
  }

  it.each([
    ['password first', true],
    ['token recognizers first', false],
  ])('finds `mysql -p...` and leaves every `-` to the token recognizers (%s)', (_why, mineFirst) => {
    const hits: number[] = [];
    const others = dashRecorder(hits);
    const s = createScanner({ recognizers: mineFirst ? [password, others] : [others, password], classifiers: [] });
    const text = "mysql -u root -pS3cr3tPassw0rd app; mysql -p'Qx9!a' app; sk-proj-pAbcdefgh1234 glpat-pwAbcdefgh12";
    expect(s.scan(text).map((f) => text.slice(f.start, f.end))).toEqual(['S3cr3tPassw0rd', 'Qx9!a']);
    const dashes = [...text.matchAll(/-(?=[0-9A-Za-z_-]{8})/g)].map((m) => m.index);
    expect(hits).toEqual(dashes);
  });
});

describe('password on hostile input (200 KB each)', () => {
  const SIZE = 200_000;

  it.each([
    ['password=', 'password='],
    ['password= password: "pwd": pass=x ', 'mixed keys without values'],
    ['password is ', 'prose anchor without value'],
    ['<password>', 'xml tag without end'],
    ['-p-p-p mysql -p', 'dash p'],
    ["IDENTIFIED BY '", 'unterminated SQL'],
    ['=:=:', 'separators'],
    ['pass', 'keyword glued to itself'],
  ])('%j finds nothing', (unit) => {
    expect(scan(adversarialText(unit, SIZE))).toEqual([]);
  });

  it('finds every password in a long run of assignments', () => {
    const text = adversarialText('DB_PASSWORD=Tr0ub4dor&3\n', SIZE);
    const found = scan(text);
    expect(found.length).toBe(Math.ceil(SIZE / 24));
    expect(new Set(found)).toEqual(new Set(['Tr0ub4dor&3']));
  });

  it.each(ADVERSARIAL_UNITS.map((a) => [a.name, a.unit] as const))('shared unit %s finds nothing', (_name, unit) => {
    expect(scan(adversarialText(unit, SIZE))).toEqual([]);
  });
});
