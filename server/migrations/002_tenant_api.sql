-- Tenant API. Every table carries tenant_id, leads its primary key (and every unique key) with
-- it, and every query filters by it, so each table can be distributed by tenant_id (Citus:
-- create_distributed_table(..., 'tenant_id', colocate_with => 'tenants')) without changing keys or
-- queries. Credentials are stored only as SHA-256 hex of the whole token; tenant secrets only sealed
-- with the server's master key (see server/src/crypto.ts).

-- Per-tenant keys. signing_public_key: Ed25519, hex. *_sealed: AES-256-GCM under the master key.
ALTER TABLE tenants ADD COLUMN signing_public_key text;
ALTER TABLE tenants ADD COLUMN signing_key_sealed text;
ALTER TABLE tenants ADD COLUMN pseudonym_key_sealed text;
ALTER TABLE tenants ADD COLUMN value_key_sealed text;

CREATE TABLE admins (
  tenant_id uuid NOT NULL REFERENCES tenants (tenant_id),
  admin_id uuid NOT NULL,
  email text NOT NULL,
  role text NOT NULL CHECK (role IN ('owner', 'admin', 'analyst', 'reviewer', 'auditor')),
  created_at timestamptz NOT NULL DEFAULT now(),
  disabled_at timestamptz,
  PRIMARY KEY (tenant_id, admin_id),
  UNIQUE (tenant_id, email)
);

-- One-time sign-in links (the owner's at first start, invitations).
CREATE TABLE sign_in_links (
  tenant_id uuid NOT NULL,
  link_id uuid NOT NULL,
  admin_id uuid NOT NULL,
  token_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  PRIMARY KEY (tenant_id, link_id),
  UNIQUE (tenant_id, token_hash),
  FOREIGN KEY (tenant_id, admin_id) REFERENCES admins (tenant_id, admin_id)
);

CREATE TABLE sessions (
  tenant_id uuid NOT NULL,
  session_id uuid NOT NULL,
  admin_id uuid NOT NULL,
  token_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  PRIMARY KEY (tenant_id, session_id),
  UNIQUE (tenant_id, token_hash),
  FOREIGN KEY (tenant_id, admin_id) REFERENCES admins (tenant_id, admin_id)
);

CREATE TABLE api_tokens (
  tenant_id uuid NOT NULL REFERENCES tenants (tenant_id),
  token_id uuid NOT NULL,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('owner', 'admin', 'analyst', 'reviewer', 'auditor')),
  token_hash text NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz,
  PRIMARY KEY (tenant_id, token_id),
  UNIQUE (tenant_id, token_hash)
);

CREATE TABLE enrollment_tokens (
  tenant_id uuid NOT NULL REFERENCES tenants (tenant_id),
  token_id uuid NOT NULL,
  name text NOT NULL,
  token_hash text NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  revoked_at timestamptz,
  PRIMARY KEY (tenant_id, token_id),
  UNIQUE (tenant_id, token_hash)
);

-- prev_credential_hash: the credential before the last rotation, accepted until the new one is
-- first used, so a rotation whose answer was lost does not lock the device out.
CREATE TABLE devices (
  tenant_id uuid NOT NULL REFERENCES tenants (tenant_id),
  device_id uuid NOT NULL,
  credential_hash text NOT NULL,
  prev_credential_hash text,
  enrollment_token_id uuid NOT NULL,
  agent text NOT NULL,
  agent_version text NOT NULL,
  os text NOT NULL,
  os_version text,
  hostname text,
  browser text,
  mdm_device_id text,
  user_id text,
  user_pseudonymized boolean NOT NULL DEFAULT false,
  enrolled_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz,
  revoked_at timestamptz,
  PRIMARY KEY (tenant_id, device_id),
  UNIQUE (tenant_id, credential_hash)
);
CREATE INDEX devices_prev_credential ON devices (tenant_id, prev_credential_hash) WHERE prev_credential_hash IS NOT NULL;

-- envelope: the signed policy exactly as served (canonical JSON). privacy_tier and
-- pseudonymize_users are copied out of the document so ingest and enrollment need not parse it.
CREATE TABLE policies (
  tenant_id uuid NOT NULL REFERENCES tenants (tenant_id),
  version integer NOT NULL CHECK (version >= 1),
  envelope text NOT NULL,
  issued_at timestamptz NOT NULL,
  created_by text NOT NULL,
  privacy_tier text NOT NULL,
  pseudonymize_users boolean NOT NULL,
  PRIMARY KEY (tenant_id, version)
);

-- Append-only, hash-chained per tenant: hash = SHA-256 of the canonical JSON of the record,
-- including prev_hash (the previous record's hash; 64 zeros for seq 1).
CREATE TABLE audit_log (
  tenant_id uuid NOT NULL REFERENCES tenants (tenant_id),
  seq bigint NOT NULL CHECK (seq >= 1),
  at timestamptz NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  target text,
  details jsonb NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  PRIMARY KEY (tenant_id, seq)
);

-- Raw events, metadata only. The primary key is the idempotency key: a retried batch inserts
-- nothing twice (ON CONFLICT DO NOTHING).
CREATE TABLE events (
  tenant_id uuid NOT NULL,
  device_id uuid NOT NULL,
  event_id text NOT NULL,
  at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  user_id text,
  app text NOT NULL,
  host text NOT NULL,
  surface text NOT NULL,
  action text NOT NULL,
  decision text NOT NULL,
  account_type text,
  data_types jsonb NOT NULL,
  text_length integer,
  value_hashes jsonb,
  justification text,
  PRIMARY KEY (tenant_id, device_id, event_id)
);
CREATE INDEX events_at ON events (tenant_id, at);

-- Rollups maintained on ingest, in the same statement as the insert (reports never scan events).
-- user_id '' = unknown user (key columns cannot be NULL).
CREATE TABLE usage_daily (
  tenant_id uuid NOT NULL,
  day date NOT NULL,
  app text NOT NULL,
  user_id text NOT NULL,
  action text NOT NULL,
  decision text NOT NULL,
  events bigint NOT NULL,
  PRIMARY KEY (tenant_id, day, app, user_id, action, decision)
);

CREATE TABLE data_daily (
  tenant_id uuid NOT NULL,
  day date NOT NULL,
  data_type text NOT NULL,
  decision text NOT NULL,
  events bigint NOT NULL,
  matches bigint NOT NULL,
  PRIMARY KEY (tenant_id, day, data_type, decision)
);
