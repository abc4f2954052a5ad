-- The files of a phase version's first render (its remote entry and the synchronous JS and CSS of
-- ./Phase, relative to the build folder), read from its MF manifest when it is registered or
-- published, so that browsers can fetch them together with the manifest. NULL for versions
-- registered before: the host then learns them from the manifest.

ALTER TABLE phase_versions ADD COLUMN first_render jsonb;
