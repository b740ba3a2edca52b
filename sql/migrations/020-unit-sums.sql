-- Dossier figures summed per unit (ADR 011, session 13): the per-agency day, month and at-T total
-- rows added up per unit of each level, under a key that names the level and the unit:
-- 'national:' (every agency, in the registry or not), 'province/current:79',
-- 'province/historical:79', 'ministry:000.00.00.G09'. A unit's figures (its summary, its trend, the
-- units of a level) read units × days instead of agencies × days. Each dossier batch writes them
-- beside the per-agency tables (with its marker row), by the agency → unit dictionary; when the
-- registry (or the reference behind the dictionary) changes the mapping, ingest/unit-sums.ts
-- brings them in line with it from the per-agency tables, so a registry that learns or moves an
-- agency is attributed by it at once, without re-ingest.
-- The same columns, engine and order as the national sums (migration 017; no projection): agency_code holds the
-- unit's key, procedure_code ''.
CREATE TABLE IF NOT EXISTS dossier_unit_day AS dossier_nat_day;

CREATE TABLE IF NOT EXISTS dossier_unit_month AS dossier_nat_month;

CREATE TABLE IF NOT EXISTS dossier_unit_at_total AS dossier_nat_at_total;

-- The mapping the unit sums were last brought in line with (a fingerprint of the dictionary's
-- rows): none yet, so the first start fills them from the per-agency tables.
CREATE TABLE IF NOT EXISTS unit_sums_state (
  fingerprint UInt64,
  at DateTime64(6, 'UTC')
) ENGINE = MergeTree
ORDER BY at;

-- The keys an agency's rows are added up under: the nation, and its unit of each level and
-- structure that it has.
CREATE FUNCTION IF NOT EXISTS egp_unit_keys AS (agency) ->
  arrayFilter(k -> NOT endsWith(k, ':') OR k = 'national:', [
    'national:',
    concat('province/current:', egp_unit('province', 'current', agency)),
    concat('province/historical:', egp_unit('province', 'historical', agency)),
    concat('ministry:', egp_unit('ministry', 'current', agency))]);
