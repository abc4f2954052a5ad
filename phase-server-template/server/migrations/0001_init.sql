-- The first version of this phase's data. Everything lives in the phase's own schema, so its
-- server can share a PostgreSQL database with the registry or other phases without clashing.
-- Rows are scoped by course_phase_id: one server serves every course that enabled the phase.

CREATE TABLE phase_template.notes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  course_phase_id uuid NOT NULL,
  author_id uuid NOT NULL,
  text text NOT NULL CHECK (char_length(text) BETWEEN 1 AND 500),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX notes_by_course_phase ON phase_template.notes (course_phase_id, created_at DESC);
