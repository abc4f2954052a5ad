-- Version status, version 8: versions are deprecated (kept for courses pinned to them, never chosen
-- by `latest`) or yanked (never served; their courses fell back), no longer "withdrawn"; notices
-- to users, such as the lecturers of a course that a yank moved to another version.

ALTER TABLE phase_versions DROP CONSTRAINT phase_versions_status_check;
UPDATE phase_versions SET status = 'yanked' WHERE status = 'withdrawn';
ALTER TABLE phase_versions ADD CONSTRAINT phase_versions_status_check
  CHECK (status IN ('active', 'deprecated', 'yanked'));

CREATE TABLE notices (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  course_id uuid REFERENCES courses (id) ON DELETE CASCADE,
  kind text NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz
);
CREATE INDEX notices_user_idx ON notices (user_id, created_at DESC);
