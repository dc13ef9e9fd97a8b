-- One row per (listener, event): what the bus handed over, how often it tried, and what is due.
-- status: pending (logged, not yet tried), delivered (Lambda or SQS accepted it), failed (retried
-- at next_attempt_at), dead (past the retry budget, or its listener was removed).
CREATE TABLE deliveries (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  listener_id bigint NOT NULL REFERENCES listeners (id),
  event_id bigint NOT NULL REFERENCES events (id),
  status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed', 'dead')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz,
  last_error text,
  delivered_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (listener_id, event_id)
);

-- What the retry sweep claims.
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status IN ('pending', 'failed');
-- Per-listener counts, failures and dead letters for the ops API.
CREATE INDEX deliveries_listener_status ON deliveries (listener_id, status, event_id);
