-- The event log: every accepted event, appended before any delivery. The id is the bus's ordering
-- id (increasing, with gaps); publish_key is the publisher's envelope id, unique so a retried or
-- replayed SendEvent never logs an event twice.
CREATE TABLE events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  publish_key text NOT NULL UNIQUE,
  type text NOT NULL,
  source text NOT NULL,
  -- json, not jsonb: the detail is delivered byte for byte as it was published.
  detail json NOT NULL,
  correlation_id text NOT NULL,
  causation_id text,
  -- 1 for an event nobody's event caused; the causing event's depth + 1 otherwise.
  depth integer NOT NULL,
  time timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);

CREATE INDEX events_type_id ON events (type, id);
CREATE INDEX events_time ON events (time);
