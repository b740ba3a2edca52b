-- A second staging table for dossier batches (ADR 011, session 9): the next batch is staged in
-- one while the batch before runs its statements from the other.
CREATE TABLE IF NOT EXISTS dossier_stage_next AS dossier_stage ENGINE = Memory;
