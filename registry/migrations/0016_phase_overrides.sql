-- Developers and phase overrides. `is_developer` is the platform's developer role (granted like
-- `is_admin`, by the identity provider's claim or the dev seed). A sign-in keeps one id across
-- cookie rotations; a developer's phase overrides belong to it, so they last exactly as long as
-- that sign-in and are never seen by their other browsers or by anyone else.

ALTER TABLE users ADD COLUMN is_developer boolean NOT NULL DEFAULT false;

ALTER TABLE sessions ADD COLUMN sign_in_id uuid NOT NULL DEFAULT gen_random_uuid();
CREATE INDEX sessions_sign_in_idx ON sessions (sign_in_id);

CREATE TABLE phase_overrides (
  sign_in_id uuid NOT NULL,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  phase_type text NOT NULL REFERENCES phase_types (name) ON DELETE CASCADE,
  version text NOT NULL,
  descriptor_url text NOT NULL,
  manifest_url text NOT NULL,
  set_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (sign_in_id, phase_type)
);
