-- Each phase server keeps its own tables in its own database on the same PostgreSQL.
CREATE DATABASE phase_matching OWNER coursekit;
