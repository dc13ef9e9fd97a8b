-- A client system is an external program of one organisation (a customer's ERP, a web shop)
-- that creates work through the API. `org_id` is the users service's organisation id.
CREATE TABLE clients (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL,
  name text NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, name)
);

-- A client has keys (several, so one can be rotated without downtime). A key is
-- `mck_<lookup_id>_<secret>`: the lookup id finds the row, only a SHA-256 of the secret is kept.
CREATE TABLE api_keys (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL REFERENCES clients (id),
  org_id uuid NOT NULL,
  lookup_id text NOT NULL UNIQUE,
  secret_hash text NOT NULL,
  scopes text[] NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

CREATE INDEX api_keys_by_client ON api_keys (client_id);
