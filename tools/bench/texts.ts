/**
 * Deterministic benchmark texts: ordinary prose, source code, and secret-dense config text.
 * Values are synthetic; the seed keeps every run comparable.
 */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'the of and to a in is that for it as was with be by on not he this are or his from at which but have an they you were ' +
  'her she there been one all we their has would when if so no will more about can said them what out who some into only ' +
  'other time could new these two may first then do any like my now over such our man me even most made after also did many ' +
  'before must through back years where much your way well down should because each just those people how too little state ' +
  'good very make world still own see men work long get here between both life being under never day same another know while ' +
  'last might us great old year off come since against go came right used take three customer quarterly revenue meeting ' +
  'project deadline review draft proposal budget forecast support ticket release roadmap feedback colleague schedule'
).split(' ');
const NAMES = [
  'Alice',
  'Bob',
  'Carol',
  'Dmitri',
  'Eun-ji',
  'Fatima',
  'Gustavo',
  'Hiro',
  'Ingrid',
  'Jamal',
  'Monday',
  'Tuesday',
  'Berlin',
  'Q3',
];

/** English-like prose with capitalised sentences, names, punctuation and the odd number. */
export function prose(size: number, seed = 1): string {
  const r = rng(seed);
  const out: string[] = [];
  let len = 0;
  while (len < size) {
    const n = 8 + Math.floor(r() * 18);
    const words: string[] = [];
    for (let i = 0; i < n; i++) {
      const x = r();
      if (x < 0.04) words.push(NAMES[Math.floor(r() * NAMES.length)] as string);
      else if (x < 0.05) words.push(String(Math.floor(r() * 2000)));
      else words.push(WORDS[Math.floor(r() * WORDS.length)] as string);
      if (r() < 0.06) words[words.length - 1] += ',';
    }
    const s = words.join(' ');
    const sentence = `${s[0]?.toUpperCase()}${s.slice(1)}${r() < 0.1 ? '?' : '.'}${r() < 0.15 ? '\n\n' : ' '}`;
    out.push(sentence);
    len += sentence.length;
  }
  return out.join('').slice(0, size);
}

const CODE_LINES = [
  "import { readFile } from 'node:fs/promises';",
  'export async function loadConfig(path: string): Promise<Config> {',
  "  const raw = await readFile(path, 'utf8');",
  '  const parsed = JSON.parse(raw) as Partial<Config>;',
  '  if (!parsed.port || parsed.port < 1024) throw new Error(`bad port ${parsed.port}`);',
  '  return { ...DEFAULTS, ...parsed };',
  '}',
  'def handle_request(self, request, *args, **kwargs):',
  '    user = request.user if request.user.is_authenticated else None',
  "    return JsonResponse({'ok': True, 'items': [i.to_dict() for i in self.queryset[:50]]})",
  'for (int i = 0; i < n; ++i) { sum += values[i] * weights[i]; }',
  'SELECT o.id, o.total, c.email FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.created_at > $1;',
  'func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {',
  '    if err := s.router.Dispatch(w, r); err != nil { log.Printf("dispatch: %v", err) }',
  '  // retry with backoff: 100ms, 200ms, 400ms',
  '  const timeoutMs = options.timeout ?? 30_000;',
  'public static final Map<String, Integer> LIMITS = Map.of("free", 10, "pro", 1000);',
];

/** Source code in several languages. */
export function code(size: number, seed = 2): string {
  const r = rng(seed);
  const out: string[] = [];
  let len = 0;
  while (len < size) {
    const line = CODE_LINES[Math.floor(r() * CODE_LINES.length)] as string;
    out.push(line);
    len += line.length + 1;
  }
  return out.join('\n').slice(0, size);
}

const B62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
function pick(r: () => number, alphabet: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(r() * alphabet.length)];
  return s;
}

/** `.env`/config text where most lines carry a credential, an identifier or a contact. */
export function secretDense(size: number, seed = 3): string {
  const r = rng(seed);
  const gens: (() => string)[] = [
    () => `AWS_ACCESS_KEY_ID=AKIA${pick(r, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`,
    () => `aws_secret_access_key = ${pick(r, `${B62}/+`, 40)}`,
    () => `GITHUB_TOKEN=ghp_${pick(r, B62, 36)}`,
    () => `GITLAB_TOKEN=glpat-${pick(r, B62, 20)}`,
    () => `SLACK_BOT_TOKEN=xoxb-${pick(r, '0123456789', 12)}-${pick(r, '0123456789', 13)}-${pick(r, B62, 24)}`,
    () => `STRIPE_SECRET_KEY=sk_live_${pick(r, B62, 24)}`,
    () => `OPENAI_API_KEY=sk-proj-${pick(r, `${B62}_-`, 74)}T3BlbkFJ${pick(r, `${B62}_-`, 74)}`,
    () => `GOOGLE_API_KEY=AIza${pick(r, `${B62}_-`, 35)}`,
    () => `HF_TOKEN=hf_${pick(r, B62.slice(0, 52), 34)}`,
    () => `DATABASE_URL=postgres://app:${pick(r, B62, 16)}@db.internal:5432/app`,
    () => `DB_PASSWORD=${pick(r, `${B62}!#%&*`, 14)}`,
    () => `contact=${pick(r, 'abcdefghij', 6)}.${pick(r, 'klmnopqrst', 5)}@corp-${pick(r, 'abc', 3)}.com`,
    () => `phone=+1 (415) 555-0${pick(r, '0123456789', 3)}`,
    () => `# build ${pick(r, '0123456789abcdef', 40)} v1.${Math.floor(r() * 20)}.${Math.floor(r() * 9)}`,
  ];
  const out: string[] = [];
  let len = 0;
  while (len < size) {
    const line = (gens[Math.floor(r() * gens.length)] as () => string)();
    out.push(line);
    len += line.length + 1;
  }
  return out.join('\n').slice(0, size);
}
