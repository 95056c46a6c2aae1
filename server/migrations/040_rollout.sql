-- MDM rollout kit (docs/rollout.md): the tenant's deployment options and the enrollment token the
-- generated files carry. Tokens are otherwise stored only as hashes; this one must be written into
-- files again later, so it is kept sealed with the master key (AES-256-GCM, bound to the tenant and
-- token id), like the tenant keys.
CREATE TABLE rollout_settings (
  tenant_id uuid NOT NULL REFERENCES tenants (tenant_id),
  options jsonb NOT NULL DEFAULT '{}',
  enrollment_token_id uuid,
  enrollment_token_sealed text,
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id),
  FOREIGN KEY (tenant_id, enrollment_token_id) REFERENCES enrollment_tokens (tenant_id, token_id)
);
