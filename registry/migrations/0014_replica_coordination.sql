-- State that several registry replicas must share instead of keeping in memory.

-- Rate-limit counters (sign-in attempts per client address and route): one row per key and window,
-- so N replicas enforce one limit, not N times it. Expired rows are reset in place on the next
-- attempt and swept now and then.
CREATE TABLE rate_limit_counters (
  key text PRIMARY KEY,
  count integer NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX rate_limit_counters_expires_idx ON rate_limit_counters (expires_at);

-- Scheduled work that one replica does for all (the health probes): the replica that moves
-- `last_started_at` forward runs it; the others see the row already claimed and skip.
CREATE TABLE scheduled_runs (
  name text PRIMARY KEY,
  last_started_at timestamptz NOT NULL
);
