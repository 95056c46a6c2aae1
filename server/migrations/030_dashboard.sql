-- Dashboard: the data-events list (GET /v1/reports/events) pages through events that carried
-- sensitive data, newest first. A partial index keeps that a backward index scan, and costs only
-- the (few) ingested rows that have findings.
CREATE INDEX events_sensitive ON events (tenant_id, at, device_id, event_id) WHERE data_types <> '[]'::jsonb;
