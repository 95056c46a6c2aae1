import { describe, expect, it } from 'vitest';
import { ADVERSARIAL_UNITS, adversarialText } from '../../adversarial.ts';
import { createScanner } from '../../engine.ts';
import { scanWith } from '../../testing.ts';
import { email } from '../pii/email.ts';
import { awsAccessKey } from './aws-access-key.ts';
import { awsSecretKey } from './aws-secret-key.ts';
import { connectionString } from './connection-string.ts';
import { password } from './password.ts';

const scan = scanWith(connectionString);
const together = createScanner({ recognizers: [email, awsAccessKey, password, connectionString, awsSecretKey], classifiers: [] });

function kept(text: string): [string, string][] {
  return together.scan(text).map((f) => [f.type, text.slice(f.start, f.end)]);
}

describe('connection_string', () => {
  it.each([
    // URIs with credentials
    ['DATABASE_URL=postgres://app:Xk92jfLq@db.internal:5432/app', 'postgres://app:Xk92jfLq@db.internal:5432/app'],
    ['postgresql://svc:Pg!2024pw@10.0.3.7/orders?sslmode=require', 'postgresql://svc:Pg!2024pw@10.0.3.7/orders?sslmode=require'],
    ['"mysql://root:Sq1Root!x@mysql:3306/shop"', 'mysql://root:Sq1Root!x@mysql:3306/shop'],
    ['mariadb://app:Mar1aPw@db/app', 'mariadb://app:Mar1aPw@db/app'],
    ['mongodb://admin:M0ngoPw@h1:27017,h2:27017/db?replicaSet=rs0', 'mongodb://admin:M0ngoPw@h1:27017,h2:27017/db?replicaSet=rs0'],
    [
      'uri = "mongodb+srv://admin:p(ss9Word@cluster0.ab12c.mongodb.net/test?retryWrites=true&w=majority"',
      'mongodb+srv://admin:p(ss9Word@cluster0.ab12c.mongodb.net/test?retryWrites=true&w=majority',
    ],
    ['REDIS_URL=redis://:S3cr3tRedis@cache:6379/0', 'redis://:S3cr3tRedis@cache:6379/0'],
    ['rediss://default:Up5tash9x@eu1-ok-cat.upstash.io:6379', 'rediss://default:Up5tash9x@eu1-ok-cat.upstash.io:6379'],
    ['amqp://svc:R4bbitMQ@mq.internal:5672/vhost', 'amqp://svc:R4bbitMQ@mq.internal:5672/vhost'],
    ['amqps://svc:R4bbitMQ@mq.internal/vhost', 'amqps://svc:R4bbitMQ@mq.internal/vhost'],
    ['mssql://sa:Sql!Serv3r@sql01:1433/app', 'mssql://sa:Sql!Serv3r@sql01:1433/app'],
    ['sqlserver://sa:Sql!Serv3r@sql01?database=app', 'sqlserver://sa:Sql!Serv3r@sql01?database=app'],
    ['oracle://scott:T1ger!ora@ora01:1521/ORCL', 'oracle://scott:T1ger!ora@ora01:1521/ORCL'],
    ['clickhouse://default:Cl1ck!pw@ch:9000/logs', 'clickhouse://default:Cl1ck!pw@ch:9000/logs'],
    ['nats://svc:N4ts!pw@nats:4222', 'nats://svc:N4ts!pw@nats:4222'],
    ['ftp://upload:Ftp!2024x@files.acme.io/in', 'ftp://upload:Ftp!2024x@files.acme.io/in'],
    ['smtp://mailer@acme.io:M4il!pass@smtp.acme.io:587', 'smtp://mailer@acme.io:M4il!pass@smtp.acme.io:587'],
    ['postgresql+psycopg2://app:Alch3my!@db/app', 'postgresql+psycopg2://app:Alch3my!@db/app'],
    ['https://deploy:B4sicAuth!@registry.acme.io/v2/', 'https://deploy:B4sicAuth!@registry.acme.io/v2/'],
    ['(see postgres://u:Pg9xyzw@db.acme.io/app).', 'postgres://u:Pg9xyzw@db.acme.io/app'],
    ['postgres://u:p@ss99@db.acme.io/app', 'postgres://u:p@ss99@db.acme.io/app'],
    ['postgres://u:Cc9xyz@[::1]:5432/db', 'postgres://u:Cc9xyz@[::1]:5432/db'],
    // passwords in the query
    ['jdbc:postgresql://db:5432/app?user=app&password=Pg2024xyz!', 'jdbc:postgresql://db:5432/app?user=app&password=Pg2024xyz!'],
    ['jdbc:mysql://root:My5ql!pw@db:3306/app', 'jdbc:mysql://root:My5ql!pw@db:3306/app'],
    [
      'url=jdbc:sqlserver://db:1433;databaseName=app;user=sa;password=Sq1Serv3r!;encrypt=true',
      'jdbc:sqlserver://db:1433;databaseName=app;user=sa;password=Sq1Serv3r!;encrypt=true',
    ],
    // ADO.NET / ODBC / Azure
    [
      '"Server=tcp:acme.database.windows.net,1433;Initial Catalog=app;User ID=sa;Password=Azur3Sql!2024;Encrypt=True;"',
      'Server=tcp:acme.database.windows.net,1433;Initial Catalog=app;User ID=sa;Password=Azur3Sql!2024;Encrypt=True;',
    ],
    [
      'Data Source=sql01;Initial Catalog=app;User Id=app;Password=Qwe!9876x',
      'Data Source=sql01;Initial Catalog=app;User Id=app;Password=Qwe!9876x',
    ],
    ['conn string: Data Source=sql01;Password=Qwe!9876x and more', 'Data Source=sql01;Password=Qwe!9876x'],
    ['DB_CONN=Server=db1;Database=app;Uid=app;Pwd={Qx;9!zz};', 'Server=db1;Database=app;Uid=app;Pwd={Qx;9!zz};'],
    [
      'Driver={ODBC Driver 18 for SQL Server};Server=db1;UID=app;PWD=0dbc!Pass;',
      'Driver={ODBC Driver 18 for SQL Server};Server=db1;UID=app;PWD=0dbc!Pass;',
    ],
    ['User Id=sa;Password=Pa55!word9', 'User Id=sa;Password=Pa55!word9'],
    [
      '<add name="Main" connectionString="Data Source=.;Initial Catalog=db;User ID=sa;Password=W3b!Config" />',
      'Data Source=.;Initial Catalog=db;User ID=sa;Password=W3b!Config',
    ],
    [
      'DefaultEndpointsProtocol=https;AccountName=acmestore;AccountKey=q1Vz0Lm7Hk2Rj9Wn4Xp8Ys6Tb3Fc5Gd0Ae1Bh7Ui2Oj9Kl4Mn6Pq8Rs0Tu3Vw5Xy7Za9Bc1De3Fg5Hi7Jk9Lm==;EndpointSuffix=core.windows.net',
      'DefaultEndpointsProtocol=https;AccountName=acmestore;AccountKey=q1Vz0Lm7Hk2Rj9Wn4Xp8Ys6Tb3Fc5Gd0Ae1Bh7Ui2Oj9Kl4Mn6Pq8Rs0Tu3Vw5Xy7Za9Bc1De3Fg5Hi7Jk9Lm==;EndpointSuffix=core.windows.net',
    ],
    [
      'Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZg=',
      'Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZg=',
    ],
  ])('finds %j', (text, value) => {
    expect(scan(text)).toEqual([value]);
  });

  it.each([
    ['no credentials', 'postgres://localhost/db'],
    ['host and port only', 'redis://cache:6379'],
    ['user without password', 'https://user@host.com/path'],
    ['ssh remote', 'git clone git@github.com:acme/api.git'],
    ['template password', 'postgres://user:${DB_PASS}@db/x'],
    ['shell variable password', 'postgres://app:$PGPASS@db/x'],
    ['word password', 'postgres://user:password@localhost/db'],
    ['angle placeholder', 'mysql://root:<password>@localhost/app'],
    ['format slot', 'postgres://%s:%s@%s/%s'],
    ['mask', 'postgres://app:****@db/app'],
    ['no host', 'postgres://u:Pg9xyzw@ '],
    ['scheme glued to a word', 'x@ha://b:Cc9xyz@ha://b'],
    ['documentation sample', 'https://user:pass@example.com'],
    ['lone ADO password', 'Password=Pa55!word9'],
    ['ADO without a server or user', 'Foo=1;Password=Pa55!word9'],
    ['empty ADO password', 'Server=db1;User Id=sa;Password=;'],
    ['ADO placeholder', 'Server=db1;User Id=sa;Password=<your_password>;'],
    ['ADO template', 'Server=db1;User Id=sa;Password=$(DbPassword);'],
    [
      'Azurite development key',
      'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;',
    ],
    ['ADO key with a short value', 'AccountName=acme;AccountKey=abc;'],
    ['query without password', 'jdbc:postgresql://db:5432/app?user=app&ssl=true'],
    ['query with a placeholder', 'jdbc:postgresql://db/app?user=app&password=${DB_PASS}'],
  ])('ignores %s', (_why, text) => {
    expect(scan(text)).toEqual([]);
  });

  it('beats the password and e-mail findings inside it', () => {
    const uri = 'mongodb+srv://admin:p(ss9Word@cluster0.ab12c.mongodb.net/test';
    expect(kept(`MONGO=${uri}`)).toEqual([['connection_string', uri]]);
    const ado = 'Server=db1;Database=app;User Id=app;Password=Tr0ub4dor&3;';
    expect(kept(`"${ado}"`)).toEqual([['connection_string', ado]]);
    const smtp = 'smtp://mailer@acme.io:M4il!pass@smtp.acme.io:587';
    expect(kept(smtp)).toEqual([['connection_string', smtp]]);
  });

  it('scores database schemes above generic ones', () => {
    const raw = createScanner({ recognizers: [connectionString], classifiers: [] });
    const db = raw.scanRaw('postgres://app:Xk92jfLq@db/app')[0]?.confidence ?? 0;
    const generic = raw.scanRaw('https://app:Xk92jfLq@db/app')[0]?.confidence ?? 0;
    expect(db).toBeGreaterThan(generic);
    expect(generic).toBeGreaterThanOrEqual(0.9);
  });
});

describe('connection_string on hostile input (200 KB each)', () => {
  const SIZE = 200_000;

  it.each([
    ['://', 'scheme separators'],
    ['a://b:c@', 'authority without host'],
    ['a://b:Cc9xyz@h', 'URIs glued together'],
    ['@@@:', 'at signs'],
    ['Password=a;', 'short ADO values'],
    ['Server=x;Password=;Data Source=y;Pwd= ', 'empty ADO values'],
    ['password=', 'assignments'],
    ['?password=&', 'empty query password'],
  ])('%j finds nothing', (unit) => {
    expect(scan(adversarialText(unit, SIZE))).toEqual([]);
  });

  it('finds each URI in a long list', () => {
    const unit = 'postgres://app:Xk92jfLq@db.internal:5432/app\n';
    const found = scan(adversarialText(unit, SIZE));
    expect(found.length).toBe(Math.ceil(SIZE / unit.length));
    expect(new Set(found)).toEqual(new Set([unit.trim()]));
  });

  it('bounds an ADO string that never ends', () => {
    const text = adversarialText('Server=x;Password=S3cr3t!x;', SIZE);
    const found = createScanner({ recognizers: [connectionString], classifiers: [] }).scanRaw(text);
    expect(found.length).toBeGreaterThan(0);
    for (const f of found) expect(f.end - f.start).toBeLessThanOrEqual(1000);
  });

  it.each(ADVERSARIAL_UNITS.map((a) => [a.name, a.unit] as const))('shared unit %s finds nothing', (_name, unit) => {
    expect(scan(adversarialText(unit, SIZE))).toEqual([]);
  });
});
