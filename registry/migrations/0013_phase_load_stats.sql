-- Phase-load telemetry from hosts, aggregated per phase version, outcome, stage and day: a row per
-- combination, so the table grows with versions and days, never with page views.
CREATE TABLE phase_load_stats (
  phase_type text NOT NULL,
  version text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('loaded', 'failed')),
  -- '' for loaded: a primary key column cannot be NULL.
  stage text NOT NULL DEFAULT '',
  day date NOT NULL,
  count bigint NOT NULL DEFAULT 0,
  total_ms bigint NOT NULL DEFAULT 0,
  max_ms integer NOT NULL DEFAULT 0,
  last_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (phase_type, version, outcome, stage, day)
);
CREATE INDEX phase_load_stats_day_idx ON phase_load_stats (day);
