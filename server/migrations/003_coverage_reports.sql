-- Device heartbeats, report rollups, directory users. Same tenancy rules as 002: tenant_id first in
-- every key, every query filters by it.

-- The newest heartbeat per device (by the device's own `at`; an older one arriving late is
-- ignored). body: the Heartbeat contract as received (shared/contracts/heartbeat.ts).
CREATE TABLE device_heartbeats (
  tenant_id uuid NOT NULL,
  device_id uuid NOT NULL,
  at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  body jsonb NOT NULL,
  PRIMARY KEY (tenant_id, device_id),
  FOREIGN KEY (tenant_id, device_id) REFERENCES devices (tenant_id, device_id)
);

-- People as the directory (SCIM, later) knows them. user_id is the id events carry: the e-mail/UPN
-- in lower case, or its per-tenant pseudonym when the tenant pseudonymizes users.
CREATE TABLE directory_users (
  tenant_id uuid NOT NULL REFERENCES tenants (tenant_id),
  user_id text NOT NULL,
  display_name text,
  department text,
  groups text[] NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, user_id)
);

-- Report rollups, maintained on ingest like usage_daily (services/ingest.ts). Per app without the
-- user, and per user without the app, so reports over long ranges read a few rows per day instead
-- of one per (user, app, action, decision).
CREATE TABLE app_daily (
  tenant_id uuid NOT NULL,
  day date NOT NULL,
  app text NOT NULL,
  action text NOT NULL,
  decision text NOT NULL,
  events bigint NOT NULL,
  PRIMARY KEY (tenant_id, day, app, action, decision)
);

CREATE TABLE user_daily (
  tenant_id uuid NOT NULL,
  day date NOT NULL,
  user_id text NOT NULL,
  decision text NOT NULL,
  events bigint NOT NULL,
  -- Events that carried at least one finding (sensitive data).
  sensitive bigint NOT NULL,
  PRIMARY KEY (tenant_id, day, user_id, decision)
);

-- Justifications are listed newest first (a backward scan) from this partial index, never by
-- scanning events.
CREATE INDEX events_justified ON events (tenant_id, at, device_id, event_id) WHERE justification IS NOT NULL;

-- Every index on events costs each ingested row. Nothing reads events by time any more (reports
-- read rollups; justifications the partial index above), so (tenant_id, at) goes.
DROP INDEX events_at;

-- Existing events into the new rollups (empty on new installs).
INSERT INTO app_daily (tenant_id, day, app, action, decision, events)
SELECT tenant_id, day, app, action, decision, sum(events) FROM usage_daily GROUP BY 1, 2, 3, 4, 5;

INSERT INTO user_daily (tenant_id, day, user_id, decision, events, sensitive)
SELECT tenant_id, (at AT TIME ZONE 'UTC')::date, coalesce(user_id, ''), decision, count(*),
       count(*) FILTER (WHERE jsonb_array_length(data_types) > 0)
  FROM events GROUP BY 1, 2, 3, 4;
