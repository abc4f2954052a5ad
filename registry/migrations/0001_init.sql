-- Coursekit registry schema, version 1: users and sessions, courses and members, phase types and
-- versions, per-course composition, and the audit log. Runs unchanged on PGlite and PostgreSQL.

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL UNIQUE,
  name text NOT NULL,
  is_admin boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
  -- SHA-256 of the cookie value: a leaked table does not leak usable sessions.
  id_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE courses (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug text NOT NULL UNIQUE,
  title text NOT NULL,
  term text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE course_members (
  course_id uuid NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('lecturer', 'editor', 'student')),
  PRIMARY KEY (course_id, user_id)
);
CREATE INDEX course_members_user_idx ON course_members (user_id);

CREATE TABLE phase_types (
  name text PRIMARY KEY,
  title text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('client-only', 'client-and-server')),
  description text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE phase_versions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  phase_type text NOT NULL REFERENCES phase_types (name) ON DELETE CASCADE,
  version text NOT NULL,
  descriptor_url text NOT NULL,
  manifest_url text NOT NULL,
  server_url text,
  sdk_range text NOT NULL,
  integrity jsonb NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
  registered_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (phase_type, version)
);

CREATE TABLE course_phases (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  course_id uuid NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  phase_type text NOT NULL REFERENCES phase_types (name),
  title text NOT NULL,
  position integer NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  pin text NOT NULL DEFAULT 'latest',
  config jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX course_phases_course_idx ON course_phases (course_id, position);

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
  action text NOT NULL,
  entity text NOT NULL,
  entity_id text NOT NULL,
  before jsonb,
  after jsonb,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id);
