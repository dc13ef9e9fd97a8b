-- Failed and refused login attempts per account and per source address. The key is a SHA-256 of
-- `account:<organisation>:<email>` or `source:<ip>`, so guessed addresses are not stored in clear.
CREATE TABLE login_throttle (
  key text PRIMARY KEY,
  strikes integer NOT NULL,
  last_strike_at timestamptz NOT NULL,
  locked_until timestamptz
);
