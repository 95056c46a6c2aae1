import { z } from 'zod';
import { AiApp, AppCategory } from '../catalog/schema.ts';
import { TenantDetector } from '../detect/tenant/schema.ts';
import { BUILTIN_TYPES } from '../detect/types.ts';

/**
 * The tenant policy document: what devices do when an AI app is used and when sensitive data is
 * about to reach one. Admins publish versions; the server signs each one (see `sign.ts`).
 *
 * Rules are evaluated top to bottom and the first rule that matches decides; when none matches,
 * the section's `defaultAction` applies. A rule with no `apps`, `categories`, `groups` or
 * `accountTypes` matches everything.
 *
 * Bump {@link POLICY_SCHEMA_VERSION} (and keep accepting the old one) for any change that an
 * older client could misread: the document is signed, so clients never "fix up" fields.
 */
export const POLICY_SCHEMA_VERSION = 1;

/** What happens when an AI app is used. `sanctioned` and `monitored` both allow; only the report differs. */
export const AppAction = z.enum(['sanctioned', 'monitored', 'warn', 'justify', 'block']);
export type AppAction = z.infer<typeof AppAction>;

/**
 * What happens to text or files carrying sensitive data on their way to an AI app. `redact`
 * replaces values with typed placeholders for good; `pseudonymize` replaces them with placeholders
 * the device maps back to the originals in the app's reply (the map never leaves the tab).
 */
export const DataAction = z.enum(['allow', 'warn', 'justify', 'redact', 'pseudonymize', 'block']);
export type DataAction = z.infer<typeof DataAction>;

/** The account the user is signed in with in the AI app, where the app adapter can tell. */
export const AccountType = z.enum(['personal', 'corporate', 'unknown']);
export type AccountType = z.infer<typeof AccountType>;

/**
 * Privacy tier: what events may carry.
 * - `minimal`: app, action, decision, data types with counts, text length. No value hashes, no
 *   justification text.
 * - `standard` (default): also the per-tenant keyed HMAC of each matched value (to count repeats)
 *   and the justification the user typed.
 * - `snippets`: also redacted snippets, kept `snippetRetentionDays`.
 */
export const PrivacyTier = z.enum(['minimal', 'standard', 'snippets']);
export type PrivacyTier = z.infer<typeof PrivacyTier>;

/** A built-in finding type id or `tenant:<detector id>`. */
export const FindingTypeId = z.union([z.enum(BUILTIN_TYPES), z.string().regex(/^tenant:[a-z0-9][a-z0-9_.-]{0,63}$/)], {
  error: 'expected a built-in type id (see docs/classifier.md) or tenant:<detector id>',
});

const AppId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a catalog app id (lower-case kebab-case)');
const Group = z.string().trim().min(1).max(256);
const Message = z.string().trim().min(1).max(2000);

/** Who and what a rule applies to. Omitted lists match everything; given lists must all match. */
const Scope = {
  /** Catalog app ids (built-in or added by this policy's `catalog.add`). */
  apps: z.array(AppId).min(1).max(1000).optional(),
  categories: z.array(AppCategory).min(1).optional(),
  /** Directory groups (as MDM/IdP names them); the user must be in at least one. */
  groups: z.array(Group).min(1).max(100).optional(),
  accountTypes: z.array(AccountType).min(1).optional(),
};

export const AppRule = z.strictObject({
  ...Scope,
  action: AppAction,
  /** Shown instead of the policy's default message for this action. */
  message: Message.optional(),
});
export type AppRule = z.infer<typeof AppRule>;

export const DataRule = z.strictObject({
  ...Scope,
  /** Built-in type ids or `tenant:<detector id>` of a detector defined in this policy. */
  types: z.array(FindingTypeId).min(1).max(100),
  action: DataAction,
  /** Findings below this confidence are ignored by this rule. */
  minConfidence: z.number().min(0).max(1).default(0.5),
  /** The rule applies only when at least this many findings of its types are present. */
  minCount: z.number().int().min(1).max(100_000).default(1),
  message: Message.optional(),
});
export type DataRule = z.infer<typeof DataRule>;

/**
 * A time-limited exception, usually granted by a reviewer after a justification: for the users
 * or groups it names, on the apps it names, the data types it names are allowed (or, with no
 * types, the apps themselves are allowed) until `until`. It expires by itself on the device.
 */
export const PolicyException = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an id of letters, digits, _ or -'),
    users: z.array(z.string().trim().min(1).max(320)).min(1).max(1000).optional(),
    groups: z.array(Group).min(1).max(100).optional(),
    apps: z.array(AppId).min(1).max(1000).optional(),
    types: z.array(FindingTypeId).min(1).max(100).optional(),
    until: z.iso.datetime({ offset: true }),
    reason: z.string().trim().max(2000).optional(),
  })
  .refine((e) => e.users || e.groups, { message: 'an exception names users or groups' });
export type PolicyException = z.infer<typeof PolicyException>;

const DEFAULT_MESSAGES = {
  warn: 'This looks like sensitive data. Check before sharing it with an AI app.',
  justify: 'Your organization asks why this needs to be shared with an AI app.',
  redact: 'Sensitive values were replaced before sending.',
  pseudonymize: 'Sensitive values are replaced by placeholders; the originals are shown back to you in the answer.',
  block: 'Your organization does not allow this to be shared with an AI app.',
};

export const PolicyDocument = z
  .strictObject({
    schemaVersion: z.literal(POLICY_SCHEMA_VERSION),
    /** For admins; devices may show it. */
    name: z.string().trim().min(1).max(200).default('Default policy'),
    apps: z
      .strictObject({
        /** For AI apps no rule matches (including apps unknown to the catalog). */
        defaultAction: AppAction.default('monitored'),
        rules: z.array(AppRule).max(1000).default([]),
      })
      .prefault({}),
    data: z
      .strictObject({
        defaultAction: DataAction.default('allow'),
        rules: z.array(DataRule).max(1000).default([]),
      })
      .prefault({}),
    /** Tenant detectors; their findings are `tenant:<id>`. */
    detectors: z.array(TenantDetector).max(200).default([]),
    /** Per-tenant changes to the built-in AI-app catalog (`shared/catalog/`). */
    catalog: z
      .strictObject({
        /** Apps added, or built-in apps replaced (same id). */
        add: z.array(AiApp).max(1000).default([]),
        /** Built-in app ids this tenant does not treat as AI apps. */
        remove: z.array(AppId).max(1000).default([]),
      })
      .prefault({}),
    /** Time-limited exceptions (see {@link PolicyException}); expired ones are ignored. */
    exceptions: z.array(PolicyException).max(10_000).default([]),
    /** Default texts shown to users, per action. */
    messages: z
      .strictObject({
        warn: Message.default(DEFAULT_MESSAGES.warn),
        justify: Message.default(DEFAULT_MESSAGES.justify),
        redact: Message.default(DEFAULT_MESSAGES.redact),
        pseudonymize: Message.default(DEFAULT_MESSAGES.pseudonymize),
        block: Message.default(DEFAULT_MESSAGES.block),
      })
      .prefault({}),
    privacy: z
      .strictObject({
        tier: PrivacyTier.default('standard'),
        /** Replace user e-mails/UPNs with a per-tenant keyed pseudonym at enrollment. */
        pseudonymizeUsers: z.boolean().default(false),
        /** Only with tier `snippets`. */
        snippetRetentionDays: z.number().int().min(1).max(365).default(30),
      })
      .prefault({}),
  })
  .superRefine((p, ctx) => {
    const ids = new Set<string>();
    p.detectors.forEach((d, i) => {
      if (ids.has(d.id)) ctx.addIssue({ code: 'custom', path: ['detectors', i, 'id'], message: `duplicate detector id '${d.id}'` });
      ids.add(d.id);
    });
    p.data.rules.forEach((r, i) =>
      r.types.forEach((t, j) => {
        if (t.startsWith('tenant:') && !ids.has(t.slice('tenant:'.length))) {
          ctx.addIssue({ code: 'custom', path: ['data', 'rules', i, 'types', j], message: `no detector '${t.slice(7)}' in this policy` });
        }
      }),
    );
  });
export type PolicyDocument = z.infer<typeof PolicyDocument>;
export type PolicyDocumentInput = z.input<typeof PolicyDocument>;

/**
 * The policy a new tenant starts with: every AI app monitored, secrets blocked, personal data
 * warned about, metadata-only events.
 */
export function defaultPolicy(): PolicyDocument {
  return PolicyDocument.parse({
    schemaVersion: POLICY_SCHEMA_VERSION,
    name: 'Default policy',
    data: {
      rules: [
        {
          types: [
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
            'private_key',
            'connection_string',
            'password',
          ],
          action: 'block',
          minConfidence: 0.7,
        },
        {
          types: ['credit_card', 'iban', 'us_ssn', 'uk_nino', 'ca_sin', 'in_aadhaar', 'br_cpf', 'nl_bsn', 'es_dni'],
          action: 'justify',
          minConfidence: 0.8,
        },
        { types: ['email', 'phone'], action: 'warn', minCount: 5 },
      ],
    },
  });
}
