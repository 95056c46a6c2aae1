/**
 * User-facing strings of the in-page dialog. English is built in; a tenant's policy may override
 * the message per decision, and more languages are added as tables here keyed by BCP 47 tag.
 */
const EN = {
  'title.warn': 'This may contain sensitive data',
  'title.justify': 'A reason is needed to continue',
  'title.redact': 'Sensitive data will be replaced',
  'title.block': 'Blocked by your organization',
  'body.found': 'Daylight found:',
  'body.redact': 'These values will be replaced before they reach {app}:',
  'button.continue': 'Continue anyway',
  'button.cancel': 'Cancel',
  'button.redact': 'Insert redacted text',
  'button.submit': 'Continue',
  'button.ok': 'OK',
  'justify.reason': 'Reason',
  'justify.details': 'Details (required)',
  'justify.required': 'Please choose a reason and describe it.',
  'reason.business': 'Needed for my work, approved use',
  'reason.synthetic': 'The data is not real (test or sample data)',
  'reason.own': 'It is my own data',
  'reason.other': 'Other',
  footer: 'Your organization uses Daylight to keep sensitive data out of AI apps. Decisions are recorded without the data itself.',
} as const;

export type StringKey = keyof typeof EN;
const TABLES: Record<string, Partial<Record<StringKey, string>>> = { en: EN };

export function t(key: StringKey, subs: Record<string, string> = {}, lang = navigator.language): string {
  const table = TABLES[lang] ?? TABLES[lang.split('-')[0] ?? 'en'] ?? EN;
  const s = table[key] ?? EN[key];
  return s.replace(/\{(\w+)\}/g, (_, k: string) => subs[k] ?? '');
}
