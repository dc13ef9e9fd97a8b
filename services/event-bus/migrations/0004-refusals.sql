-- Events the bus refused (too large, too deep a causation chain, not an event), for the ops API.
CREATE TABLE refusals (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  publish_key text UNIQUE,
  type text,
  source text,
  correlation_id text,
  causation_id text,
  code text NOT NULL,
  message text NOT NULL,
  refused_at timestamptz NOT NULL DEFAULT now()
);
