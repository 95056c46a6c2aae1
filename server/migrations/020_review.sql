-- Justification review and just-in-time exceptions. Same tenancy rules as 002: tenant_id first in
-- every key, every query filters by it.

-- One item per justified event (events.justification given by the device), filled by the ingest
-- statement from exactly the rows it inserted. text is NULL when the privacy tier is minimal.
CREATE TABLE justification_reviews (
  tenant_id uuid NOT NULL REFERENCES tenants (tenant_id),
  review_id uuid NOT NULL,
  device_id uuid NOT NULL,
  event_id text NOT NULL,
  at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  user_id text,
  app text NOT NULL,
  host text NOT NULL,
  action text NOT NULL,
  decision text NOT NULL,
  data_types jsonb NOT NULL,
  text text,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'denied')),
  decided_by text,
  decided_at timestamptz,
  -- approve: the exception id; deny: the message sent back to the user.
  exception_id text,
  message text,
  note text,
  PRIMARY KEY (tenant_id, review_id),
  UNIQUE (tenant_id, device_id, event_id)
);
CREATE INDEX justification_reviews_queue ON justification_reviews (tenant_id, status, received_at, review_id);

-- Exceptions granted by reviewers. Every policy publication carries the unexpired ones (see
-- services/policy.ts); expired ones are dropped from the next version.
CREATE TABLE policy_exceptions (
  tenant_id uuid NOT NULL REFERENCES tenants (tenant_id),
  exception_id text NOT NULL,
  review_id uuid,
  body jsonb NOT NULL,
  until timestamptz NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, exception_id)
);
CREATE INDEX policy_exceptions_until ON policy_exceptions (tenant_id, until);

-- Messages for users, delivered to their devices (GET /v1/device/notices). user_id NULL: only
-- device_id gets it. seq orders delivery (the device keeps the last seq it saw).
CREATE TABLE device_notices (
  tenant_id uuid NOT NULL REFERENCES tenants (tenant_id),
  notice_id uuid NOT NULL,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  user_id text,
  device_id uuid,
  kind text NOT NULL,
  app text,
  message text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, notice_id)
);
CREATE INDEX device_notices_user ON device_notices (tenant_id, user_id, seq);
CREATE INDEX device_notices_device ON device_notices (tenant_id, device_id, seq);
