-- Phase health, version 7: the last probe of each phase version in use (its manifest reachable with
-- the recorded integrity; for client-and-server phases the server's /readyz). Kept in the database
-- so that every replica shows the same badge, whichever replica probed.

CREATE TABLE phase_version_health (
  version_id uuid PRIMARY KEY REFERENCES phase_versions (id) ON DELETE CASCADE,
  status text NOT NULL CHECK (status IN ('ok', 'failing')),
  checks jsonb NOT NULL,
  checked_at timestamptz NOT NULL DEFAULT now()
);
