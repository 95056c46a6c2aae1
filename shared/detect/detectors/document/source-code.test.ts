import { describe, expect, it } from 'vitest';
import { ADVERSARIAL_UNITS, adversarialText } from '../../adversarial.ts';
import { createScanner } from '../../engine.ts';
import { scanWith } from '../../testing.ts';
import { lineKinds, sourceCode } from './source-code.ts';

const scan = scanWith(sourceCode);

// Whole files: the finding is the whole text, trimmed.
const FILES: [string, string][] = [
  [
    'js',
    `import { readFile } from 'node:fs/promises';

export async function loadConfig(path) {
  const raw = await readFile(path, 'utf8');
  const parsed = JSON.parse(raw);
  if (!parsed.port) throw new Error('no port');
  return { ...DEFAULTS, ...parsed };
}
`,
  ],
  [
    'ts',
    `interface Props {
  items: Item[];
  onSelect?: (id: string) => void;
}

export const List = ({ items, onSelect }: Props) => {
  const [active, setActive] = useState<string | null>(null);
  return items.map((item) => <Row key={item.id} active={item.id === active} />);
};
`,
  ],
  [
    'java',
    `package com.example.billing;

import java.util.List;

public class InvoiceService {
    private final InvoiceRepository repo;

    public InvoiceService(InvoiceRepository repo) {
        this.repo = repo;
    }

    @Override
    public List<Invoice> findOpen(String customerId) {
        return repo.findByCustomerAndStatus(customerId, Status.OPEN);
    }
}
`,
  ],
  [
    'go',
    `package main

import (
	"fmt"
	"net/http"
)

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := s.router.Dispatch(w, r); err != nil {
		log.Printf("dispatch: %v", err)
	}
}
`,
  ],
  [
    'rust',
    `use std::collections::HashMap;

#[derive(Debug, Clone)]
pub struct Cache {
    items: HashMap<String, Vec<u8>>,
}

impl Cache {
    pub fn get(&self, key: &str) -> Option<&Vec<u8>> {
        self.items.get(key)
    }
}
`,
  ],
  [
    'c',
    `#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    for (int i = 0; i < argc; ++i) {
        printf("%s\\n", argv[i]);
    }
    return 0;
}
`,
  ],
  [
    'csharp',
    `using System;
using System.Linq;

namespace Billing
{
    public class Calculator
    {
        public decimal Total(IEnumerable<Line> lines) => lines.Sum(l => l.Amount);
    }
}
`,
  ],
  [
    'kotlin',
    `data class User(val id: Long, val name: String)

fun greet(user: User): String {
    val prefix = if (user.name.isBlank()) "Hi" else "Hello"
    return "$prefix, \${user.name}"
}
`,
  ],
  [
    'swift',
    `import UIKit

class ProfileViewController: UIViewController {
    override func viewDidLoad() {
        super.viewDidLoad()
        guard let user = session.currentUser else { return }
        nameLabel.text = user.displayName
    }
}
`,
  ],
  [
    'php',
    `<?php
$total = 0;
foreach ($items as $item) {
    $total += $item->price * $item->qty;
}
echo $total;
`,
  ],
  [
    'ruby',
    `class Invoice < ApplicationRecord
  belongs_to :customer
  has_many :lines

  def total
    lines.sum(&:amount)
  end
end
`,
  ],
  [
    'sql',
    `SELECT o.id, o.total, c.email
FROM orders o
JOIN customers c ON c.id = o.customer_id
WHERE o.created_at > '2024-01-01'
ORDER BY o.total DESC
LIMIT 50;
`,
  ],
  [
    'shell',
    `#!/bin/bash
set -euo pipefail
for f in *.log; do
  gzip -9 "$f"
done
if [ -d /var/backups ]; then
  rsync -a ./ /var/backups/
fi
`,
  ],
  [
    'html',
    `<!DOCTYPE html>
<html>
<head>
  <title>Login</title>
  <link rel="stylesheet" href="style.css">
</head>
<body>
  <form action="/login" method="post">
    <input type="text" name="user">
    <button type="submit">Sign in</button>
  </form>
</body>
</html>
`,
  ],
  [
    'css',
    `.btn-primary {
  color: #fff;
  background-color: #0d6efd;
  border-radius: 4px;
}
.btn-primary:hover {
  background-color: #0b5ed7;
}
`,
  ],
  [
    'dockerfile',
    `FROM node:20-alpine
WORKDIR /app
COPY package*.json ./
RUN npm ci --omit=dev
COPY . .
CMD ["node", "server.js"]
`,
  ],
  [
    'jsx',
    `export default function Cart({ items }) {
  return (
    <ul className="cart">
      {items.map((item) => (
        <li key={item.id}>{item.name}</li>
      ))}
    </ul>
  );
}
`,
  ],
  [
    'pyscript',
    `import csv
import sys

rows = list(csv.DictReader(open(sys.argv[1])))
total = sum(float(r["amount"]) for r in rows)
print(f"{len(rows)} rows, total {total:.2f}")
`,
  ],
  [
    'sqlddl',
    `CREATE TABLE orders (
  id SERIAL PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  total NUMERIC(10, 2) NOT NULL,
  created_at TIMESTAMPTZ DEFAULT now()
);
`,
  ],
];

// Never source code (see the decisions in source-code.ts).
const NOT_CODE: [string, string][] = [
  [
    'prose',
    `We should return the function of the class to the team before Friday. If the customer asks for a refund, please forward the ticket to billing.

Import duties on the new shipment were higher than expected, so the budget for Q3 needs another review. For example, the class of goods changed.
`,
  ],
  [
    'email',
    `From: Alice Martin <alice@example.com>
To: Bob <bob@example.com>
Subject: Re: quarterly numbers

Hi Bob,

Thanks for the draft. I think the revenue forecast is a bit optimistic; can we check it against last year?

Best,
Alice
`,
  ],
  [
    'list',
    `Things to do before launch:
- update the pricing page
- return the demo laptops
- import the new customer list into the CRM
- if time permits, fix the footer
1. call the vendor
2. confirm the venue
`,
  ],
  [
    'table',
    `| Name | Role | Start |
|------|------|-------|
| Ana  | Dev  | 2024-01-02 |
| Ben  | PM   | 2023-11-20 |
`,
  ],
  [
    'log',
    `2024-05-01T10:00:01Z INFO  server started on port 8080
2024-05-01T10:00:02Z WARN  cache miss ratio=0.42 key=user:17
2024-05-01T10:00:03Z ERROR request failed: timeout after 30s (id=abc123)
2024-05-01T10:00:04Z INFO  GET /api/users -> 200 (12ms)
2024-05-01T10:00:05Z DEBUG pool.size=10 pool.idle=3
`,
  ],
  [
    'csv',
    `id,name,email,amount
1,Alice,alice@example.com,120.50
2,Bob,bob@example.com,99.00
3,Carol,carol@example.com,15.25
4,Dan,dan@example.com,0.99
`,
  ],
  [
    'json',
    `{
  "name": "daylight",
  "version": "0.1.0",
  "scripts": {
    "start": "tsx server/src/server.ts",
    "test": "vitest run"
  },
  "dependencies": {
    "zod": "4.6.7"
  }
}
`,
  ],
  [
    'yaml',
    `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - containerPort: 80
`,
  ],
  [
    'env',
    `DATABASE_URL=postgres://app@db:5432/app
REDIS_URL=redis://cache:6379
LOG_LEVEL=debug
FEATURE_X=true
`,
  ],
  [
    'toml',
    `[package]
name = "cache"
version = "0.3.1"
edition = "2021"

[dependencies]
serde = "1.0"
tokio = "1.37"
`,
  ],
  [
    'ini',
    `[default]
aws_access_key_id = AKIA2E7AKF3BZ44CQ7W6
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY
region = eu-west-1

[profile dev]
region = us-east-1
output = json
`,
  ],
  [
    'trace-js',
    `TypeError: Cannot read properties of undefined (reading 'id')
    at getUser (/app/src/users.js:42:17)
    at Object.<anonymous> (/app/src/index.js:10:5)
    at Module._compile (node:internal/modules/cjs/loader:1256:14)
    at node:internal/main/run_main_module:23:47
`,
  ],
  [
    'trace-py',
    `Traceback (most recent call last):
  File "/app/main.py", line 12, in <module>
    result = compute(values)
  File "/app/main.py", line 8, in compute
    return sum(v.amount for v in values) / len(values)
ZeroDivisionError: division by zero
`,
  ],
  [
    'trace-java',
    `Exception in thread "main" java.lang.NullPointerException: Cannot invoke "String.length()"
	at com.example.App.run(App.java:27)
	at com.example.App.main(App.java:12)
Caused by: java.io.IOException: disk full
	at com.example.Store.write(Store.java:88)
	... 3 more
`,
  ],
  [
    'inline',
    `Quick question: should I use \`Array.prototype.map()\` or a for loop here? Our linter complains about \`forEach\` and I don't know why.
`,
  ],
  [
    'oneliner',
    `Use this: SELECT * FROM users WHERE id = 1; it should work.
`,
  ],
  [
    'markdown',
    `# Release notes

## What changed
* Faster search
* New export button

The export button lets you download reports as CSV. It is available to all admins.
`,
  ],
  [
    'chat-shell-words',
    `git is great but make sure you check the docs first.
Can you cd into the folder and run make?
I told Bob to echo that concern in the meeting.
`,
  ],
  [
    'chat-mixed',
    `hey, quick one: the deploy failed again -> can you check?
it said "permission denied" when running the script
i think it's because the token expired (again!)
let me know when it's fixed
`,
  ],
  [
    'tech-prose',
    `The new API returns a JSON object with the user's id and name; the client then calls render() to update the view.
We moved the config to config.yaml and the service reads it on startup (see PR #123).
Use snake_case for Python variables and camelCase for JavaScript, per our style guide.
If x > 5 then the alert fires, otherwise nothing happens.
The ratio went from 0.42 -> 0.57 after the change, which is great!
Please call getUserById() instead of fetchUser() from now on.
`,
  ],
  [
    'math',
    `Solve for x:
2x + 3 = 11
2x = 8
x = 4
So the answer is 4.
`,
  ],
  [
    'legal',
    `1. Definitions. "Confidential Information" means any information disclosed by either party (the "Discloser") to the other party (the "Recipient").
2. Obligations. The Recipient shall (a) use the Confidential Information only for the Purpose; and (b) not disclose it to any third party.
3. Term. This Agreement shall remain in effect for two (2) years from the Effective Date.
`,
  ],
  [
    'fenced-json',
    `Here is the config:

\`\`\`json
{
  "port": 8080,
  "debug": true
}
\`\`\`
`,
  ],
  [
    'chat-transcript',
    `[10:02] ana: did the deploy go out?
[10:03] ben: yes, v2.4.1 is live
[10:03] ana: great -> can you ping support?
[10:04] ben: done :)
[10:05] ana: thx!
`,
  ],
  [
    'gitlog',
    `commit 3f2a9c1d7e8b4a6f0c2d1e9b8a7f6e5d4c3b2a10
Author: Ana Lopez <ana@example.com>
Date:   Tue May 14 10:22:31 2024 +0200

    Fix pagination when the list is empty

commit 9b8a7f6e5d4c3b2a103f2a9c1d7e8b4a6f0c2d1e
Author: Ben Ode <ben@example.com>
Date:   Mon May 13 17:05:12 2024 +0200

    Add retry to the export job
`,
  ],
  [
    'http',
    `GET /api/v1/orders?limit=50 HTTP/1.1
Host: api.example.com
Accept: application/json
Authorization: Bearer <redacted>
User-Agent: curl/8.4.0
`,
  ],
  [
    'jira',
    `Summary: Export fails for large accounts
Priority: High
Steps to reproduce:
1. Log in as an admin
2. Open Reports > Export
3. Choose "All time" and click Export
Expected: a CSV download
Actual: spinner forever, then "Something went wrong"
`,
  ],
  [
    'ls',
    `total 48
drwxr-xr-x  6 ana staff   192 May 14 10:22 .
drwxr-xr-x 12 ana staff   384 May 13 09:10 ..
-rw-r--r--  1 ana staff  1024 May 14 10:22 README.md
-rw-r--r--  1 ana staff  2048 May 14 10:20 package.json
drwxr-xr-x  4 ana staff   128 May 13 17:05 src
`,
  ],
  [
    'poem',
    `The river bends where willows lean,
    and evening folds the fields in green;
  we walked until the light was gone,
    and left the gate for those who come.
`,
  ],
  [
    'sqlresult',
    `+----+--------+---------+
| id | name   | total   |
+----+--------+---------+
|  1 | Alice  |  120.50 |
|  2 | Bob    |   99.00 |
+----+--------+---------+
2 rows in set (0.00 sec)
`,
  ],
  ['nested JSON in an untagged fence', '```\n{\n  "a": {\n    "b": {\n      "c": [\n        1,\n        2\n      ]\n    }\n  }\n}\n```'],
];

const CHAT_PYTHON = `Can you tell me why this function returns None sometimes?

def find_user(users, name):
    for user in users:
        if user.name == name:
            return user

Thanks in advance!`;

const FENCED = `Hi! I get an error with this code, any idea?

\`\`\`python
import os

def main():
    path = os.environ["DATA_DIR"]
    print(os.listdir(path))
\`\`\`

It says KeyError. I'm on macOS.`;

const TWO_BLOCKS = `Here is the model:

\`\`\`
class Order(models.Model):
    total = models.DecimalField(max_digits=10, decimal_places=2)
    created = models.DateTimeField(auto_now_add=True)
\`\`\`

and here is the view that breaks when the list is empty, it used to work last week before the upgrade:

\`\`\`
def latest(request):
    order = Order.objects.order_by("-created").first()
    return JsonResponse({"total": order.total})
\`\`\``;

const CODE_WITH_TRACE = `This throws, why?

function getUser(users, id) {
  const user = users.find((u) => u.id === id);
  return user.name;
}

TypeError: Cannot read properties of undefined (reading 'name')
    at getUser (/app/src/users.js:3:15)
    at main (/app/src/index.js:10:5)`;

describe('source_code', () => {
  it.each(FILES)('finds a whole %s file', (_lang, text) => {
    expect(scan(text)).toEqual([text.trim()]);
  });

  it.each([
    [
      'a function inside a chat prompt',
      CHAT_PYTHON,
      ['def find_user(users, name):\n    for user in users:\n        if user.name == name:\n            return user'],
    ],
    [
      'a three-line function',
      'Why does this return NaN?\n\nfunction add(a, b) {\n  return a + b\n}\n',
      ['function add(a, b) {\n  return a + b\n}'],
    ],
    [
      'a fenced block (the code inside the fence)',
      FENCED,
      ['import os\n\ndef main():\n    path = os.environ["DATA_DIR"]\n    print(os.listdir(path))'],
    ],
    [
      'two fenced blocks',
      TWO_BLOCKS,
      [
        'class Order(models.Model):\n    total = models.DecimalField(max_digits=10, decimal_places=2)\n    created = models.DateTimeField(auto_now_add=True)',
        'def latest(request):\n    order = Order.objects.order_by("-created").first()\n    return JsonResponse({"total": order.total})',
      ],
    ],
    [
      'code pasted with its stack trace (the code only)',
      CODE_WITH_TRACE,
      ['function getUser(users, id) {\n  const user = users.find((u) => u.id === id);\n  return user.name;\n}'],
    ],
    [
      'a tagged fence of two lines',
      'Run:\n```bash\nnpm ci --ignore-scripts\nnpm test -- --run\n```',
      ['npm ci --ignore-scripts\nnpm test -- --run'],
    ],
    [
      'a script between shell prompts (the script only)',
      '$ cat deploy.sh\n#!/bin/bash\nset -euo pipefail\nfor f in *.tar.gz; do\n  tar -xzf "$f" -C /srv/app\ndone\n$ ./deploy.sh',
      ['#!/bin/bash\nset -euo pipefail\nfor f in *.tar.gz; do\n  tar -xzf "$f" -C /srv/app\ndone'],
    ],
    [
      'a unified diff',
      'diff --git a/x.js b/x.js\n@@ -1,3 +1,3 @@\n-const limit = 10;\n+const limit = 20;\n function run() {\n-  return fetchAll(limit);\n+  return fetchPage(limit);\n }',
      null,
    ],
  ])('finds %s', (_why, text, expected) => {
    const found = scan(text);
    if (expected === null) expect(found).toHaveLength(1);
    else expect(found).toEqual(expected);
  });

  it.each(NOT_CODE)('ignores %s', (_why, text) => {
    expect(scan(text)).toEqual([]);
  });

  it.each([
    ['prose with code words', 'We should return the function of the class to the team.'],
    ['a refund sentence', 'if the customer asks for a refund, we process it within 5 days'],
    ['import duties', 'import duties\nimport duties were raised again\nimport duties hurt the margin'],
    ['an untagged two-line fence', 'Try:\n```\nconst x = load();\nrender(x);\n```'],
    ['a one-line tagged fence', '```sql\nSELECT * FROM users;\n```'],
    [
      'shell history with prompts',
      '$ git clone https://git.example.com/acme/api.git\n$ cd api && npm ci\n$ export NODE_ENV=test\n$ npm test -- --run\n$ docker build -t api:dev .',
    ],
    [
      'a terminal session with user@host prompts and output',
      'dev@build-01:~/api$ make clean\nrm -rf dist/\ndev@build-01:~/api$ make -j4 all\ncc -O2 -c main.c -o main.o\nroot@build-01:/# systemctl restart api',
    ],
  ])('ignores %s', (_why, text) => {
    expect(scan(text)).toEqual([]);
  });

  it('rates a long file higher than a short snippet', () => {
    const conf = (text: string): number[] => {
      const found: number[] = [];
      sourceCode.classify(text, { add: (_t, _s, _e, c) => found.push(c) });
      return found;
    };
    const [short] = conf('function add(a, b) {\n  return a + b\n}');
    const [long] = conf((FILES.find(([l]) => l === 'java') as [string, string])[1]);
    expect(short).toBeGreaterThanOrEqual(0.5);
    expect(long).toBeGreaterThan(short as number);
  });

  it('classifies lines: code, closing brackets, comments, data, traces', () => {
    expect(lineKinds('// load\nconst a = load();\n}\n"port": 8080,\n\nWe fixed it yesterday, thanks.')).toEqual([
      'comment',
      'code',
      'closing',
      'neutral',
      'blank',
      'text',
    ]);
    // A command after a prompt is history, neither code nor text; the same command in a script is code.
    expect(lineKinds('$ rsync -a ./ /var/backups/\nrsync -a ./ /var/backups/')).toEqual(['neutral', 'code']);
    // The source line Python prints under a frame is part of the trace, not code.
    expect(lineKinds('  File "/app/main.py", line 12, in <module>\n    result = compute(values)')).toEqual(['text', 'text']);
  });

  describe('long texts are sampled', () => {
    const codeLines = [
      'export function total(items: Item[]): number {',
      '  return items.reduce((sum, item) => sum + item.price * item.qty, 0);',
      '}',
      'const cache = new Map<string, number>();',
      'if (cache.has(key)) return cache.get(key);',
    ];
    const sentence = 'The quarterly review went well and the team agreed to revisit the roadmap next month. ';
    const code = (n: number): string => Array.from({ length: n }, (_, i) => codeLines[i % codeLines.length]).join('\n');
    const prose = (n: number): string => Array.from({ length: n }, (_, i) => sentence.repeat(3 + (i % 4))).join('\n\n');

    it('reports a long code file as a whole', () => {
      const text = `\n${code(30_000)}\n`;
      expect(text.length).toBeGreaterThan(1_000_000);
      expect(scan(text)).toEqual([text.trim()]);
    });

    it('reports nothing on a long prose text', () => {
      expect(scan(prose(5_000))).toEqual([]);
    });

    it('reports only the code part of long prose followed by code', () => {
      const p = prose(3_000);
      const text = `${p}\n\n${code(8_000)}`;
      const scanner = createScanner({ recognizers: [], classifiers: [sourceCode] });
      const found = scanner.scan(text);
      expect(found.length).toBeGreaterThan(0);
      for (const f of found) expect(f.start).toBeGreaterThan(p.length);
      expect(found[found.length - 1]?.end).toBe(text.length);
    });
  });

  it.each(ADVERSARIAL_UNITS.map((a) => [a.name, a.unit] as const))('stays bounded on 1 MB of %s', (_name, unit) => {
    const text = adversarialText(unit);
    const found: [number, number][] = [];
    sourceCode.classify(text, { add: (_t, s, e) => found.push([s, e]) });
    for (const [s, e] of found) {
      expect(s).toBeGreaterThanOrEqual(0);
      expect(e).toBeLessThanOrEqual(text.length);
    }
  });
});
