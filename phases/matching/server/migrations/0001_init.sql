-- The project matching's data, in the phase's own schema (so its server can share a PostgreSQL
-- database with the registry or other phases). Every row belongs to one course phase: one server
-- serves every course that enabled the phase.

CREATE TABLE matching.topics (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  course_phase_id uuid NOT NULL,
  title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 120),
  description text NOT NULL DEFAULT '' CHECK (char_length(description) <= 2000),
  capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 1000),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
);

-- Titles are what students see and what the result names: unique per course phase, any case.
CREATE UNIQUE INDEX topics_title_per_course_phase ON matching.topics (course_phase_id, lower(title));

CREATE INDEX topics_in_order ON matching.topics (course_phase_id, created_at, id);

-- A student who saved a ranking takes part in the matching.
CREATE TABLE matching.participants (
  course_phase_id uuid NOT NULL,
  student_id uuid NOT NULL,
  display_name text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (course_phase_id, student_id)
);

-- Their ranking, best first; deleting a topic takes it out of every ranking.
CREATE TABLE matching.ranking_entries (
  course_phase_id uuid NOT NULL,
  student_id uuid NOT NULL,
  topic_id uuid NOT NULL REFERENCES matching.topics (id) ON DELETE CASCADE,
  position integer NOT NULL CHECK (position >= 1),
  PRIMARY KEY (course_phase_id, student_id, topic_id),
  FOREIGN KEY (course_phase_id, student_id)
    REFERENCES matching.participants (course_phase_id, student_id) ON DELETE CASCADE
);

-- One row per course phase that has data: every change takes this row's lock and bumps the
-- revision, so a matching run sees a consistent snapshot and a result knows when it went stale.
CREATE TABLE matching.course_phase_state (
  course_phase_id uuid PRIMARY KEY,
  revision bigint NOT NULL DEFAULT 0
);

-- The latest matching result of a course phase; a rerun replaces it.
CREATE TABLE matching.runs (
  course_phase_id uuid PRIMARY KEY,
  run_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  run_by uuid NOT NULL,
  data_revision bigint NOT NULL,
  total_capacity integer NOT NULL,
  total_cost integer NOT NULL
);

CREATE TABLE matching.assignments (
  course_phase_id uuid NOT NULL REFERENCES matching.runs (course_phase_id) ON DELETE CASCADE,
  student_id uuid NOT NULL,
  display_name text NOT NULL,
  topic_id uuid,
  topic_title text,
  rank integer CHECK (rank >= 1),
  PRIMARY KEY (course_phase_id, student_id)
);
