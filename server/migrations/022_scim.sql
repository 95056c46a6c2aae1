-- SCIM 2.0 provisioning (docs/sso-scim.md). Same tenancy rules as 002.

-- Bearer tokens the IdP's provisioning client sends (dlp_...), stored as SHA-256 like the others.
CREATE TABLE scim_tokens (
  tenant_id uuid NOT NULL REFERENCES tenants (tenant_id),
  token_id uuid NOT NULL,
  name text NOT NULL,
  token_hash text NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz,
  PRIMARY KEY (tenant_id, token_id),
  UNIQUE (tenant_id, token_hash)
);

-- SCIM users are directory_users rows with a scim_id. resource: the SCIM representation as last
-- written (core and enterprise attributes, without id, meta, groups, password).
ALTER TABLE directory_users ADD COLUMN scim_id uuid;
ALTER TABLE directory_users ADD COLUMN user_name text;
ALTER TABLE directory_users ADD COLUMN external_id text;
ALTER TABLE directory_users ADD COLUMN resource jsonb;
ALTER TABLE directory_users ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE directory_users ADD CONSTRAINT directory_users_scim_id UNIQUE (tenant_id, scim_id);
CREATE UNIQUE INDEX directory_users_user_name ON directory_users (tenant_id, lower(user_name));
CREATE INDEX directory_users_external_id ON directory_users (tenant_id, external_id);

CREATE TABLE directory_groups (
  tenant_id uuid NOT NULL REFERENCES tenants (tenant_id),
  group_id uuid NOT NULL,
  display_name text NOT NULL,
  external_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, group_id)
);
CREATE INDEX directory_groups_display_name ON directory_groups (tenant_id, lower(display_name));

-- Membership by SCIM ids; directory_users.groups (display names) is kept in step for reports and
-- policy group targeting.
CREATE TABLE directory_group_members (
  tenant_id uuid NOT NULL,
  group_id uuid NOT NULL,
  user_scim_id uuid NOT NULL,
  PRIMARY KEY (tenant_id, group_id, user_scim_id),
  FOREIGN KEY (tenant_id, group_id) REFERENCES directory_groups (tenant_id, group_id) ON DELETE CASCADE
);
CREATE INDEX directory_group_members_user ON directory_group_members (tenant_id, user_scim_id);
