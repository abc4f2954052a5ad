-- Composition revision, version 4: one counter bumped in the same transaction as every change that
-- can alter a resolve answer (composition, phase versions). Replicas compare it to their cached
-- answers, so a cache is never stale on any replica, and clients revalidate with ETags.

CREATE TABLE composition_revision (
  id integer PRIMARY KEY CHECK (id = 1),
  revision bigint NOT NULL
);
INSERT INTO composition_revision (id, revision) VALUES (1, 1);
