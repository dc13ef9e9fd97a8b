-- One open WebSocket connection of the dashboard: who it is (from the $connect authorizer) and
-- which organisation's messages it receives. A row is removed at $disconnect, or when a push
-- answers GoneException (a connection whose $disconnect never ran).
CREATE TABLE connections (
  connection_id text PRIMARY KEY,
  org_id uuid NOT NULL,
  user_id uuid NOT NULL,
  role text NOT NULL,
  connected_at timestamptz NOT NULL
);

-- Every push looks connections up by organisation.
CREATE INDEX connections_by_org ON connections (org_id);
