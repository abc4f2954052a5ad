-- Publishing, version 15: phase publishers (users an admin allowed to publish one phase, which
-- need not be registered yet) and API tokens (hashed; scoped to one phase, or every phase for
-- admins; expiring; revocable) with which the publish command authenticates instead of a session.

CREATE TABLE phase_publishers (
  phase_type text NOT NULL,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  granted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (phase_type, user_id)
);
CREATE INDEX phase_publishers_user_idx ON phase_publishers (user_id);

CREATE TABLE api_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name text NOT NULL,
  -- SHA-256 (hex) of the secret; the secret itself is never stored.
  token_hash text NOT NULL UNIQUE,
  phase_type text,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  last_used_at timestamptz
);
CREATE INDEX api_tokens_created_idx ON api_tokens (created_at DESC);
