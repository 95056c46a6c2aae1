-- Single sign-on with OpenID Connect, one configuration per tenant (docs/sso-scim.md). The client
-- secret is sealed with the master key (AES-256-GCM, bound to tenant and purpose) like the
-- tenant keys. role_mapping: [{group, role}], first match wins.
CREATE TABLE sso_oidc (
  tenant_id uuid NOT NULL REFERENCES tenants (tenant_id),
  issuer text NOT NULL,
  client_id text NOT NULL,
  client_secret_sealed text,
  groups_claim text NOT NULL,
  scopes text NOT NULL,
  role_mapping jsonb NOT NULL,
  enabled boolean NOT NULL,
  -- Optional short name in the sign-in URL (/v1/auth/oidc/<slug>/start). Unique across tenants,
  -- checked by the server when set; the one lookup not keyed by tenant (like bootstrap).
  slug text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id)
);

CREATE INDEX sso_oidc_slug ON sso_oidc (slug) WHERE slug IS NOT NULL;

-- How an admin last signed in: 'local' (sign-in link) or 'oidc' (created or updated just in time).
ALTER TABLE admins ADD COLUMN source text NOT NULL DEFAULT 'local';
ALTER TABLE admins ADD COLUMN oidc_subject text;

-- Directory users deactivated by SCIM (active = false) may not sign in by SSO.
ALTER TABLE directory_users ADD COLUMN active boolean NOT NULL DEFAULT true;
