-- Which users used which app on which day (kept on ingest, services/ingest.ts): the dashboard's
-- Shadow AI page counts distinct users per app from it, a fraction of usage_daily's rows (which
-- also split by action and decision).
CREATE TABLE app_user_daily (
  tenant_id uuid NOT NULL,
  day date NOT NULL,
  app text NOT NULL,
  user_id text NOT NULL,
  PRIMARY KEY (tenant_id, day, app, user_id)
);
INSERT INTO app_user_daily (tenant_id, day, app, user_id)
SELECT DISTINCT tenant_id, day, app, user_id FROM usage_daily WHERE user_id <> '';
