// Every aggregate insert of a batch carries one marker row, in the same block, so it lands in the
// same part as the batch's rows: the marker is in the table if and only if that insert was
// committed. The start-up repair (dossier-batch.ts and state-refresh.ts, recover) asks the marker, not the insert
// deduplication: ClickHouse records a token in its deduplication log before it commits the part,
// so a process killed between the two leaves a token that would drop the replay while the rows
// were never stored (ADR 011). Marker rows sit on the last day a Date holds and name no real
// agency ('~batch:' + token), so no figure reads them; one of their sums is 1, so that the
// Summing/Collapsing merges keep them.
import type { Store } from '../core/db'

/** 2149-06-01: in the last month a Date column holds, after any period a figure is read for. */
const DATE = '2149-06-01'
const DAY = Date.parse(DATE) / 86_400_000
const INSTANT = `${DATE} 00:00:00.000000`

interface Spec {
  /** the table's first key column and the marker's value there (the look-up uses the primary key) */
  dateColumn: string
  date: string
  /** the column that names the batch */
  keyColumn: string
  /** every column of the table's rows, with the marker's value */
  row: (key: string) => Record<string, unknown>
}

const dossierSums = { received: 0, online: 0, paid: 0, digitized: 0, resolved: 0, on_time: 0, dur_us: '0', dur_n: 0, closed: 0, pending_d: 0, overdue_d: 0, dossiers: 1 }
const documentSums = { sent: 0, received: 0, accepted: 0, refused: 0, unack_d: 1 }

const SPECS: Record<string, Spec> = {
  dossier_day: { dateColumn: 'day', date: DATE, keyColumn: 'agency_code', row: (k) => ({ day: DAY, agency_code: k, procedure_code: '', ...dossierSums }) },
  dossier_month: { dateColumn: 'month', date: DATE, keyColumn: 'agency_code', row: (k) => ({ month: DAY, agency_code: k, procedure_code: '', ...dossierSums }) },
  dossier_instant: {
    dateColumn: 'day',
    date: DATE,
    keyColumn: 'agency_code',
    row: (k) => ({ day: DAY, agency_code: k, procedure_code: '', x: INSTANT, strict: 0, pending_d: 1, overdue_d: 0 }),
  },
  dossier_overdue_cases: {
    dateColumn: 'ended_key',
    date: INSTANT,
    keyColumn: 'owner_agency',
    // received and due after any T: never an overdue case
    row: (k) => ({ ended_key: INSTANT, due_at: INSTANT, dossier_code: '', owner_agency: k, procedure_code: '', received_at: INSTANT, sign: 1 }),
  },
  document_day: { dateColumn: 'day', date: DATE, keyColumn: 'agency_code', row: (k) => ({ day: DAY, agency_code: k, ...documentSums }) },
  document_month: { dateColumn: 'month', date: DATE, keyColumn: 'agency_code', row: (k) => ({ month: DAY, agency_code: k, ...documentSums }) },
  document_instant: { dateColumn: 'day', date: DATE, keyColumn: 'agency_code', row: (k) => ({ day: DAY, agency_code: k, x: INSTANT, strict: 0, unack_d: 1 }) },
  exchange_latency: {
    dateColumn: 'sent_day',
    date: DATE,
    keyColumn: 'to_agency',
    row: (k) => ({ sent_day: DAY, to_agency: k, document_id: '', from_agency: '', latency_us: 0, sign: 1 }),
  },
}
// no date: the look-up is on the key (agency_code, procedure_code '')
SPECS.dossier_at_total = { dateColumn: 'procedure_code', date: '', keyColumn: 'agency_code', row: (k) => ({ agency_code: k, procedure_code: '', pending_d: 0, overdue_d: 0, dossiers: 0, batches: 1 }) }
SPECS.dossier_proc_at_total = SPECS.dossier_at_total
SPECS.dossier_proc_day = SPECS.dossier_day
SPECS.dossier_proc_month = SPECS.dossier_month
SPECS.dossier_nat_day = SPECS.dossier_day
SPECS.dossier_nat_month = SPECS.dossier_month
SPECS.dossier_nat_at_total = SPECS.dossier_at_total
SPECS.dossier_unit_day = SPECS.dossier_day
SPECS.dossier_unit_month = SPECS.dossier_month
SPECS.dossier_unit_at_total = SPECS.dossier_at_total
SPECS.dossier_unit_proc_day = SPECS.dossier_day
SPECS.dossier_unit_proc_month = SPECS.dossier_month
SPECS.dossier_unit_proc_at_total = SPECS.dossier_at_total

const keyOf = (token: string) => `~batch:${token}`

/** The day marker rows sit on (a Date column's last month): what the SQL of a batch tells them by. */
export const MARKER_DAY = DATE

function specOf(table: string): Spec {
  const spec = SPECS[table]
  if (!spec) throw new Error(`no batch marker for table ${table}`)
  return spec
}

/** The marker row of a batch's insert into `table` (every column of the table's rows). */
export function markerRow(table: string, token: string): Record<string, unknown> {
  return specOf(table).row(keyOf(token))
}

/** Whether the insert of a batch into `table` was committed: its marker is there (a look-up by the table's key). */
export async function markerCommitted(store: Store, table: string, token: string): Promise<boolean> {
  const spec = specOf(table)
  const [m] = await store.named<{ n: string }>('batch-marker', { table, date_column: spec.dateColumn, date: spec.date, key_column: spec.keyColumn, key: keyOf(token) })
  return Number(m.n) > 0
}

/**
 * Inserts a batch's rows of an aggregate table with its marker, under the batch's deduplication
 * token. Repairing (`repair`), it first asks whether the marker is there: if so the insert was
 * committed and nothing is written; if not, the rows go in under a token never used before.
 */
export async function insertWithMarker(store: Store, table: string, rows: readonly object[], token: string, repair = false): Promise<void> {
  const marker = markerRow(table, token)
  // the store takes the columns from the first row: the marker, which has every column
  const first = rows[0] as Record<string, unknown> | undefined
  if (first) {
    const missing = Object.keys(first).filter((c) => !(c in marker))
    if (missing.length > 0) throw new Error(`batch marker of ${table} lacks ${missing.join(', ')}`)
  }
  if (repair) {
    if (await markerCommitted(store, table, token)) return
    token = `${token}:repaired:${Date.now()}`
  }
  await store.insert(table, [marker, ...rows], token)
}
