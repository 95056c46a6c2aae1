-- SIEM export (docs/siem.md) and anomaly detection (docs/anomalies.md). Same tenancy rules as 002:
-- tenant_id first in every key, every query filters by it.

-- Where a tenant's records go. config: the non-secret settings of the kind (URL, index, stream...);
-- secret_sealed: the HEC token / client secret / HMAC key, AES-256-GCM under the master key with
-- aad `<tenant id>:siem:<destination id>`; never returned by any route.
-- Delivery cursor: the (xid, seq) of the last outbox row handed over (see siem_outbox).
CREATE TABLE siem_destinations (
  tenant_id uuid NOT NULL REFERENCES tenants (tenant_id),
  destination_id uuid NOT NULL,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('splunk_hec', 'sentinel', 'webhook', 'syslog')),
  config jsonb NOT NULL,
  secret_sealed text,
  enabled boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  cursor_xid xid8 NOT NULL,
  cursor_seq bigint NOT NULL DEFAULT 0,
  -- Failed attempts at the batch after the cursor; reset when it is delivered or dead-lettered.
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  -- A worker that took the destination holds it until then (several server processes share work).
  lease_until timestamptz,
  delivered bigint NOT NULL DEFAULT 0,
  failures bigint NOT NULL DEFAULT 0,
  dead_lettered bigint NOT NULL DEFAULT 0,
  last_error text,
  last_error_at timestamptz,
  last_delivered_at timestamptz,
  PRIMARY KEY (tenant_id, destination_id)
);

-- The transactional outbox: one row per record to export (an ingested event, an alert, an audit
-- record), written in the same statement/transaction as the record itself and only while the
-- tenant has a destination. xid: the writing transaction. Every transaction with an xid below the
-- snapshot's xmin has ended, so a reader that only takes rows with xid < xmin, in (xid, seq) order,
-- never skips a row that commits later (sequence order alone would: seq is taken before commit).
CREATE TABLE siem_outbox (
  tenant_id uuid NOT NULL,
  xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  seq bigint GENERATED ALWAYS AS IDENTITY,
  created_at timestamptz NOT NULL DEFAULT now(),
  kind text NOT NULL CHECK (kind IN ('event', 'alert', 'audit')),
  -- event: device id + client event id; alert: alert id; audit: seq.
  device_id uuid,
  ref text NOT NULL,
  PRIMARY KEY (tenant_id, xid, seq)
);

-- Records a destination gave up on after its attempts (or that it refused as malformed).
-- requeued_at set: the worker sends them again before new records.
CREATE TABLE siem_dead_letters (
  tenant_id uuid NOT NULL,
  destination_id uuid NOT NULL,
  seq bigint NOT NULL,
  kind text NOT NULL,
  device_id uuid,
  ref text NOT NULL,
  created_at timestamptz NOT NULL,
  dead_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL,
  error text NOT NULL,
  requeued_at timestamptz,
  PRIMARY KEY (tenant_id, destination_id, seq),
  FOREIGN KEY (tenant_id, destination_id) REFERENCES siem_destinations (tenant_id, destination_id) ON DELETE CASCADE
);

-- Anomaly input, maintained on ingest like the daily rollups: per UTC hour, user and app.
-- examples: up to 3 ids (`<device id>:<event id>`) of events with findings, blocks or uploads;
-- sample: one event id of any kind.
CREATE TABLE activity_hourly (
  tenant_id uuid NOT NULL,
  hour timestamptz NOT NULL,
  user_id text NOT NULL,
  app text NOT NULL,
  events bigint NOT NULL,
  sensitive bigint NOT NULL,
  blocked bigint NOT NULL,
  uploads bigint NOT NULL,
  examples text[] NOT NULL,
  sample text NOT NULL,
  PRIMARY KEY (tenant_id, hour, user_id, app)
);

-- How far detection got (hours before processed_until are done).
CREATE TABLE anomaly_state (
  tenant_id uuid NOT NULL REFERENCES tenants (tenant_id),
  processed_until timestamptz NOT NULL,
  PRIMARY KEY (tenant_id)
);

-- First hour each user was seen on each app (for "first use of an unsanctioned app by many users").
CREATE TABLE app_first_use (
  tenant_id uuid NOT NULL,
  app text NOT NULL,
  user_id text NOT NULL,
  first_hour timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, app, user_id)
);
CREATE INDEX app_first_use_hour ON app_first_use (tenant_id, first_hour);

CREATE TABLE alerts (
  tenant_id uuid NOT NULL REFERENCES tenants (tenant_id),
  alert_id uuid NOT NULL,
  kind text NOT NULL,
  severity text NOT NULL,
  -- user id, app id or group the alert is about
  subject text NOT NULL,
  window_start timestamptz NOT NULL,
  window_end timestamptz NOT NULL,
  evidence jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- kind + subject + window: running detection twice never stores an alert twice
  dedupe_key text NOT NULL,
  PRIMARY KEY (tenant_id, alert_id),
  UNIQUE (tenant_id, dedupe_key)
);
CREATE INDEX alerts_created ON alerts (tenant_id, created_at, alert_id);
