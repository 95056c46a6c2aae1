/**
 * Source code in several languages, with and without hard-coded secrets. Every text built here is
 * labelled `source_code`: each contains at least a few consecutive lines of real program code.
 */
import type { Rng } from './prng.ts';
import { type Built, join, P, t, whole } from './text.ts';
import * as v from './values.ts';

export interface Assign {
  /** SCREAMING_SNAKE name; languages restyle it. */
  name: string;
  value: Built;
  kind: string;
}

function camel(name: string): string {
  return name.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
function pascal(name: string): string {
  const c = camel(name);
  return c[0]?.toUpperCase() + c.slice(1);
}

const NOUNS = ['order', 'invoice', 'customer', 'report', 'shipment', 'ticket', 'payment', 'session'];

type Lang = (rng: Rng, a: Assign[]) => Built;

const python: Lang = (rng, a) => {
  const noun = rng.pick(NOUNS);
  const consts = a.length
    ? join(
        a.map((x) => t`${x.name} = "${x.value}"`),
        '\n',
      )
    : P('API_BASE = "https://api.example.com/v2"');
  const first = a[0]?.name ?? 'API_BASE';
  return rng.pick([
    () =>
      t`import os\nimport requests\n\n${consts}\nTIMEOUT = ${rng.int(5, 30)}\n\n\ndef fetch_${noun}(${noun}_id: str) -> dict:\n    headers = {"Authorization": f"Bearer {${first}}"}\n    resp = requests.get(f"https://api.${rng.pick(v.DOMAINS)}/v2/${noun}s/{${noun}_id}", headers=headers, timeout=TIMEOUT)\n    resp.raise_for_status()\n    return resp.json()\n\n\nif __name__ == "__main__":\n    print(fetch_${noun}(os.environ.get("${noun.toUpperCase()}_ID", "1")))\n`,
    () =>
      t`from dataclasses import dataclass\n\n${consts}\n\n\n@dataclass\nclass ${pascal(noun)}Client:\n    base_url: str\n    retries: int = 3\n\n    def total(self, items: list[dict]) -> float:\n        return sum(i["price"] * i.get("qty", 1) for i in items)\n\n    def connect(self):\n        # TODO: move ${first} to the vault\n        return self._session(${first})\n`,
  ])();
};

const javascript: Lang = (rng, a) => {
  const noun = rng.pick(NOUNS);
  const consts = a.length
    ? join(
        a.map((x) => t`const ${x.name} = '${x.value}';`),
        '\n',
      )
    : P("const API_BASE = 'https://api.example.com';");
  const first = a[0]?.name ?? 'API_BASE';
  return rng.pick([
    () =>
      t`import express from 'express';\nimport fetch from 'node-fetch';\n\n${consts}\n\nconst app = express();\n\napp.get('/api/${noun}s/:id', async (req, res) => {\n  const r = await fetch(\`https://api.${rng.pick(v.DOMAINS)}/${noun}s/\${req.params.id}\`, {\n    headers: { Authorization: \`Bearer \${${first}}\` },\n  });\n  if (!r.ok) return res.status(r.status).json({ error: 'upstream failed' });\n  res.json(await r.json());\n});\n\napp.listen(process.env.PORT || 3000);\n`,
    () =>
      t`// ${noun}-service.ts\n${consts}\n\nexport interface ${pascal(noun)} {\n  id: string;\n  amount: number;\n  createdAt: Date;\n}\n\nexport async function list${pascal(noun)}s(limit = 20): Promise<${pascal(noun)}[]> {\n  const res = await fetch(\`https://api.${rng.pick(v.DOMAINS)}/v1/${noun}s?limit=\${limit}\`, {\n    headers: { 'x-api-key': ${first} },\n  });\n  const body = (await res.json()) as { data: ${pascal(noun)}[] };\n  return body.data.filter((o) => o.amount > 0);\n}\n`,
  ])();
};

const go: Lang = (rng, a) => {
  const noun = rng.pick(NOUNS);
  const consts = a.length
    ? t`const (\n${join(
        a.map((x) => t`\t${camel(x.name)} = "${x.value}"`),
        '\n',
      )}\n)`
    : P('const baseURL = "https://api.example.com"');
  const first = a[0] ? camel(a[0].name) : 'baseURL';
  return t`package main\n\nimport (\n\t"fmt"\n\t"net/http"\n\t"time"\n)\n\n${consts}\n\nfunc get${pascal(noun)}(id string) (*http.Response, error) {\n\treq, err := http.NewRequest("GET", fmt.Sprintf("https://api.${rng.pick(v.DOMAINS)}/${noun}s/%s", id), nil)\n\tif err != nil {\n\t\treturn nil, err\n\t}\n\treq.Header.Set("Authorization", "Bearer "+${first})\n\tclient := &http.Client{Timeout: 10 * time.Second}\n\treturn client.Do(req)\n}\n`;
};

const java: Lang = (rng, a) => {
  const noun = rng.pick(NOUNS);
  const consts = a.length
    ? join(
        a.map((x) => t`    private static final String ${x.name} = "${x.value}";`),
        '\n',
      )
    : P('    private static final int MAX_RETRIES = 3;');
  return t`package com.acme.${noun};\n\nimport java.net.URI;\nimport java.net.http.HttpClient;\nimport java.net.http.HttpRequest;\n\npublic class ${pascal(noun)}Client {\n${consts}\n\n    private final HttpClient http = HttpClient.newHttpClient();\n\n    public String fetch(String id) throws Exception {\n        HttpRequest req = HttpRequest.newBuilder(URI.create("https://api.${rng.pick(v.DOMAINS)}/${noun}s/" + id)).build();\n        return http.send(req, java.net.http.HttpResponse.BodyHandlers.ofString()).body();\n    }\n}\n`;
};

const csharp: Lang = (rng, a) => {
  const noun = rng.pick(NOUNS);
  const consts = a.length
    ? join(
        a.map((x) => t`        private const string ${pascal(x.name)} = "${x.value}";`),
        '\n',
      )
    : P('        private const int PageSize = 50;');
  return t`using System.Net.Http;\nusing System.Threading.Tasks;\n\nnamespace Acme.${pascal(noun)}s\n{\n    public class ${pascal(noun)}Service\n    {\n${consts}\n        private readonly HttpClient _http = new HttpClient();\n\n        public async Task<string> GetAsync(int id)\n        {\n            var response = await _http.GetAsync($"https://api.${rng.pick(v.DOMAINS)}/${noun}s/{id}");\n            response.EnsureSuccessStatusCode();\n            return await response.Content.ReadAsStringAsync();\n        }\n    }\n}\n`;
};

const ruby: Lang = (rng, a) => {
  const noun = rng.pick(NOUNS);
  const consts = a.length
    ? join(
        a.map((x) => t`  ${x.name} = '${x.value}'.freeze`),
        '\n',
      )
    : P("  BASE_URL = 'https://api.example.com'.freeze");
  return t`require 'net/http'\nrequire 'json'\n\nmodule ${pascal(noun)}Sync\n${consts}\n\n  def self.fetch(id)\n    uri = URI("https://api.${rng.pick(v.DOMAINS)}/${noun}s/#{id}")\n    res = Net::HTTP.get_response(uri)\n    raise "HTTP #{res.code}" unless res.is_a?(Net::HTTPSuccess)\n    JSON.parse(res.body)\n  end\nend\n`;
};

const php: Lang = (rng, a) => {
  const consts = a.length
    ? join(
        a.map((x) => t`define('${x.name}', '${x.value}');`),
        '\n',
      )
    : P("define('DB_NAME', 'wordpress');");
  return t`<?php\n/** Database settings */\n${consts}\ndefine('DB_HOST', '${rng.pick(v.HOSTS)}');\n\nfunction get_customer($id) {\n    $pdo = new PDO('mysql:host=' . DB_HOST . ';dbname=shop', 'shop', getenv('SHOP_DB_PASS'));\n    $stmt = $pdo->prepare('SELECT * FROM customers WHERE id = ?');\n    $stmt->execute([$id]);\n    return $stmt->fetch();\n}\n`;
};

const rust: Lang = (rng, a) => {
  const consts = a.length
    ? join(
        a.map((x) => t`const ${x.name}: &str = "${x.value}";`),
        '\n',
      )
    : P('const BASE_URL: &str = "https://api.example.com";');
  return t`use reqwest::blocking::Client;\n\n${consts}\n\nfn main() -> Result<(), Box<dyn std::error::Error>> {\n    let client = Client::new();\n    let body = client\n        .get("https://api.${rng.pick(v.DOMAINS)}/v1/status")\n        .send()?\n        .text()?;\n    println!("{}", body);\n    Ok(())\n}\n`;
};

const kotlin: Lang = (rng, a) => {
  const consts = a.length
    ? join(
        a.map((x) => t`private const val ${x.name} = "${x.value}"`),
        '\n',
      )
    : P('private const val PAGE_SIZE = 25');
  const noun = rng.pick(NOUNS);
  return t`package com.acme.app\n\nimport okhttp3.OkHttpClient\nimport okhttp3.Request\n\n${consts}\n\nclass ${pascal(noun)}Repository(private val client: OkHttpClient) {\n    fun load(id: Long): String? {\n        val request = Request.Builder()\n            .url("https://api.${rng.pick(v.DOMAINS)}/${noun}s/$id")\n            .build()\n        client.newCall(request).execute().use { return it.body?.string() }\n    }\n}\n`;
};

const bash: Lang = (rng, a) => {
  const consts = a.length
    ? join(
        a.map((x) => t`${x.name}="${x.value}"`),
        '\n',
      )
    : P('BACKUP_DIR="/var/backups/db"');
  return t`#!/usr/bin/env bash\nset -euo pipefail\n\n${consts}\nSTAMP=$(date +%Y%m%d-%H%M)\n\nfor db in ${v.dbName(rng)} ${v.dbName(rng)}; do\n  echo "backing up $db"\n  pg_dump --no-owner "$db" | gzip > "/tmp/$db-$STAMP.sql.gz"\ndone\n\nif [[ -n "\${NOTIFY:-}" ]]; then\n  curl -fsS -X POST -d "backup done" "$NOTIFY"\nfi\n`;
};

const LANGS: Lang[] = [python, python, javascript, javascript, go, java, csharp, ruby, php, rust, kotlin, bash];

/** Code in a random language with the given constants hard-coded near the top. */
export function codeWithAssignments(rng: Rng, assigns: Assign[]): Built {
  const code = rng.pick(LANGS)(rng, assigns);
  const wrap = rng.pick(['plain', 'plain', 'fence', 'ask']);
  const b =
    wrap === 'fence'
      ? t`\`\`\`\n${code}\`\`\``
      : wrap === 'ask'
        ? t`${rng.pick(['Can you refactor this?', 'Why does this fail with a timeout?', 'Add error handling and tests please.', 'Kannst du das in TypeScript umschreiben?', 'Peux-tu ajouter des logs ?', 'Review this before I merge:'])}\n\n\`\`\`\n${code}\`\`\``
        : code;
  return whole(b, 'source_code');
}

/** SQL with a password in a CREATE/ALTER USER statement. */
export function sqlWithPassword(rng: Rng, pw: Built): Built {
  const user = v.dbUser(rng);
  return whole(
    t`-- migrations/0042_reporting_user.sql\nCREATE ROLE ${user} WITH LOGIN PASSWORD '${pw}';\nGRANT CONNECT ON DATABASE ${v.dbName(rng)} TO ${user};\nGRANT USAGE ON SCHEMA public TO ${user};\nGRANT SELECT ON ALL TABLES IN SCHEMA public TO ${user};\nALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO ${user};\n`,
    'source_code',
  );
}

/** Code with no secrets, reading them from the environment instead (hard negatives for secrets). */
export function codeOnly(rng: Rng): Built {
  const k = rng.int(0, 6);
  let b: Built;
  if (k === 0) {
    b = P(
      `import os\nimport psycopg2\n\nDB_PASSWORD = os.environ["DB_PASSWORD"]\nAPI_KEY = os.getenv("OPENAI_API_KEY")\n\n\ndef connect():\n    return psycopg2.connect(host="${rng.pick(v.HOSTS)}", user="app", password=DB_PASSWORD, dbname="${v.dbName(rng)}")\n\n\ndef rows(cur, sql: str):\n    cur.execute(sql)\n    for row in cur.fetchall():\n        yield dict(zip([c[0] for c in cur.description], row))\n`,
    );
  } else if (k === 1) {
    b = P(
      `const token = process.env.GITHUB_TOKEN;\nconst password = process.env.DB_PASS ?? '';\n\nexport async function openPr(title: string, branch: string) {\n  const res = await fetch('https://api.github.com/repos/acme/web/pulls', {\n    method: 'POST',\n    headers: { Authorization: \`token \${token}\`, Accept: 'application/vnd.github+json' },\n    body: JSON.stringify({ title, head: branch, base: 'main' }),\n  });\n  if (res.status === 401) throw new Error('bad credentials: check password/token');\n  return res.json();\n}\n`,
    );
  } else if (k === 2) {
    b = P(
      `SELECT c.id,\n       c.email,\n       SUM(o.total) AS lifetime_value\nFROM customers c\nJOIN orders o ON o.customer_id = c.id\nWHERE o.created_at >= DATE '${v.isoDate(rng)}'\nGROUP BY c.id, c.email\nHAVING SUM(o.total) > ${rng.int(100, 5000)}\nORDER BY lifetime_value DESC\nLIMIT 50;\n`,
    );
  } else if (k === 3) {
    b = P(
      `func (s *Server) Login(w http.ResponseWriter, r *http.Request) {\n\tuser := r.FormValue("user")\n\tpassword := r.FormValue("password")\n\tif !s.auth.Check(user, password) {\n\t\thttp.Error(w, "invalid credentials", http.StatusUnauthorized)\n\t\treturn\n\t}\n\thttp.SetCookie(w, &http.Cookie{Name: "session", Value: s.sessions.New(user), HttpOnly: true})\n}\n`,
    );
  } else if (k === 4) {
    b = P(
      `class PasswordResetView(View):\n    template_name = "accounts/password_reset.html"\n\n    def post(self, request):\n        form = PasswordResetForm(request.POST)\n        if form.is_valid():\n            form.save(request=request, use_https=True)\n            return redirect("password_reset_done")\n        return render(request, self.template_name, {"form": form})\n`,
    );
  } else if (k === 5) {
    b = P(
      `#include <stdio.h>\n#include <stdlib.h>\n\nint main(int argc, char **argv) {\n    if (argc < 2) {\n        fprintf(stderr, "usage: %s FILE\\n", argv[0]);\n        return 1;\n    }\n    FILE *f = fopen(argv[1], "r");\n    int c, lines = 0;\n    while ((c = fgetc(f)) != EOF) if (c == '\\n') lines++;\n    printf("%d\\n", lines);\n    fclose(f);\n    return 0;\n}\n`,
    );
  } else {
    b = rng.pick(LANGS)(rng, []);
  }
  const wrap = rng.pick(['plain', 'plain', 'ask']);
  const out =
    wrap === 'ask'
      ? t`${rng.pick(['Explain this code:', 'Optimise this please', 'Any bugs here?', 'Écris des tests pour ce code :', 'Was macht diese Funktion?'])}\n\`\`\`\n${b}\`\`\``
      : b;
  return whole(out, 'source_code');
}
