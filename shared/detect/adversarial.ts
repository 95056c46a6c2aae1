/**
 * Hostile inputs for the engine: for every recognizer family, about 1 MB of repeated near-matches
 * (anchors that almost complete a value). A linear engine scans each of them at roughly the same
 * speed as prose; a recognizer that rescans or backtracks shows up as a collapse in the benchmark
 * and as a time-out in the test.
 */
export interface AdversarialInput {
  readonly name: string;
  /** The unit repeated to fill the text. */
  readonly unit: string;
}

export const ADVERSARIAL_UNITS: readonly AdversarialInput[] = [
  // Anchors alone and near-complete tokens.
  { name: 'aws prefixes', unit: 'AKIA ASIA AKIAIOSFODNN7EXAMPL ' },
  { name: 'aws secret context', unit: 'aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKE ' },
  { name: 'github prefixes', unit: 'ghp_ ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa github_pat_ ' },
  { name: 'gitlab/slack prefixes', unit: 'glpat- glpat-aaaaaaaaaaaaaaaaaaa xoxb- xoxb-1-2- ' },
  { name: 'slack webhook', unit: 'https://hooks.slack.com/services/T0000/B0000/ ' },
  { name: 'sk- prefixes', unit: 'sk- sk-ant- sk-proj- sk_live_ rk_live_ pk_live_ ' },
  { name: 'google/hf/npm/sendgrid', unit: 'AIza hf_ npm_ SG. SG.aaaa. AIzaSyA ' },
  { name: 'jwt parts', unit: 'eyJ eyJhbGciOiJIUzI1NiJ9. eyJ.eyJ. ' },
  { name: 'pem without end', unit: '-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD9\n' },
  { name: 'uri credentials', unit: 'postgres://u:p@ a://b:c@ mongodb+srv:// ' },
  { name: 'ado strings', unit: 'Server=x;Password=;Data Source=y;Pwd= ' },
  { name: 'password assignments', unit: 'password= password: "pwd": pass=x ' },
  { name: 'assignment operators', unit: '=:=:=:' },
  { name: 'at signs', unit: 'a.b.c@ @@ x@y. ' },
  { name: 'long local part', unit: 'abcdefghij.' },
  { name: 'single digits', unit: '1 ' },
  { name: 'card-like groups', unit: '4111 1111 1111 111, ' },
  { name: 'dashed numbers', unit: '123-45-678, ' },
  { name: 'iban prefixes', unit: 'DE89 3704 0044 0532 0130 0, ' },
  { name: 'phone prefixes', unit: '+1 (415) 555-, ' },
  { name: 'nino prefixes', unit: 'AB 12 34 56, ' },
  { name: 'markings', unit: 'CONFIDENTIAL INTERNAL ' },
  { name: 'code symbols', unit: '{(;});=>' },
  { name: 'one letter', unit: 'a' },
];

/** The unit repeated to at least `size` UTF-16 code units. */
export function adversarialText(unit: string, size = 1_000_000): string {
  return unit.repeat(Math.ceil(size / unit.length));
}
