-- Every table carries tenant_id and leads its primary key with it, so the schema can be
-- distributed by tenant_id (Citus) without changing keys or queries.
CREATE TABLE tenants (
  tenant_id uuid PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
