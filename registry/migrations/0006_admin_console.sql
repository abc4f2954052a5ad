-- Admin console, version 6: archived courses; a composition revision per course (If-Match on
-- composition edits); the audit log filterable per course and per phase type; the JSON Schema of
-- each phase version's configuration, from its phase.json.

ALTER TABLE courses ADD COLUMN archived_at timestamptz;
ALTER TABLE courses ADD COLUMN composition_revision bigint NOT NULL DEFAULT 1;

ALTER TABLE phase_versions ADD COLUMN config_schema jsonb;

ALTER TABLE audit_log ADD COLUMN course_id uuid;
ALTER TABLE audit_log ADD COLUMN phase_type text;
UPDATE audit_log SET course_id = entity_id::uuid WHERE entity = 'course';
UPDATE audit_log SET course_id = (coalesce(after, before) ->> 'courseId')::uuid,
                     phase_type = coalesce(after, before) ->> 'phase'
  WHERE entity = 'course-phase';
UPDATE audit_log SET phase_type = entity_id WHERE entity = 'phase-type';
CREATE INDEX audit_log_course_idx ON audit_log (course_id, id DESC);
CREATE INDEX audit_log_phase_type_idx ON audit_log (phase_type, id DESC);

CREATE INDEX course_members_course_idx ON course_members (course_id, role);
