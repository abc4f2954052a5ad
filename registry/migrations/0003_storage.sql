-- Core storage, version 3: course-phase documents and participation documents. Each row is one
-- JSON document with a version that grows by one per write (optimistic concurrency). Disabling a
-- course phase keeps its rows; deleting a course phase or user removes theirs.

CREATE TABLE phase_data (
  course_phase_id uuid NOT NULL REFERENCES course_phases (id) ON DELETE CASCADE,
  scope text NOT NULL CHECK (scope IN ('shared', 'restricted')),
  doc jsonb NOT NULL,
  version integer NOT NULL CHECK (version > 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
  PRIMARY KEY (course_phase_id, scope)
);

CREATE TABLE participation_data (
  course_phase_id uuid NOT NULL REFERENCES course_phases (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  scope text NOT NULL CHECK (scope IN ('own', 'restricted')),
  doc jsonb NOT NULL,
  version integer NOT NULL CHECK (version > 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
  PRIMARY KEY (course_phase_id, user_id, scope)
);
