import type { BuiltinType } from './types.ts';

/** Human-readable names of the built-in types (English; UIs may translate by id). */
export const TYPE_LABELS: Readonly<Record<BuiltinType, string>> = {
  credit_card: 'Payment card number',
  iban: 'IBAN',
  us_ssn: 'US Social Security number',
  email: 'E-mail address',
  phone: 'Phone number',
  uk_nino: 'UK National Insurance number',
  ca_sin: 'Canadian SIN',
  in_aadhaar: 'Aadhaar number',
  br_cpf: 'Brazilian CPF',
  nl_bsn: 'Dutch BSN',
  es_dni: 'Spanish DNI/NIE',
  us_npi: 'US NPI',
  aba_routing: 'ABA routing number',
  aws_access_key: 'AWS access key',
  aws_secret_key: 'AWS secret key',
  github_token: 'GitHub token',
  gitlab_token: 'GitLab token',
  slack_token: 'Slack token',
  slack_webhook: 'Slack webhook URL',
  stripe_key: 'Stripe secret key',
  openai_key: 'OpenAI API key',
  anthropic_key: 'Anthropic API key',
  google_api_key: 'Google API key',
  huggingface_token: 'Hugging Face token',
  npm_token: 'npm token',
  sendgrid_key: 'SendGrid key',
  jwt: 'JSON Web Token',
  private_key: 'Private key',
  connection_string: 'Connection string with password',
  password: 'Password',
  source_code: 'Source code',
  confidential_marking: 'Confidential marking',
};

/** Label for any finding type, tenant types included (`tenant:project-names` -> `project-names`). */
export function typeLabel(type: string): string {
  return (TYPE_LABELS as Record<string, string>)[type] ?? type.replace(/^tenant:/, '');
}
