-- The listener registry: one row per Custom::EventListener resource. A removed listener is kept
-- (deleted_at set) so its delivery history still names it.
CREATE TABLE listeners (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  stack_id text NOT NULL,
  logical_id text NOT NULL,
  event_type text NOT NULL,
  target_type text NOT NULL CHECK (target_type IN ('lambda', 'sqs')),
  target_arn text NOT NULL,
  filter json,
  -- The filter came as a CloudFormation object, whose scalars all arrive as strings.
  filter_loose boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);

-- Create is idempotent: the same resource of the same stack is one listener.
CREATE UNIQUE INDEX listeners_resource ON listeners (stack_id, logical_id) WHERE deleted_at IS NULL;

-- Bumped with every change to the registry, in the same transaction; SendEvent reads it with each
-- event it logs and reloads its cached registry when it moved.
CREATE TABLE registry_version (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  version bigint NOT NULL
);
INSERT INTO registry_version (version) VALUES (1);
