// The document exchange as an entity of the state refresher (state-refresh.ts, ADR 011): its
// events packed for the key-value table, read back from the raw table, its state
// (core/kpi/exchange-state.ts) and the aggregate tables its changes go to.
import type { Store } from '../core/db'
import { micros, microsText } from '../core/kpi/instants'
import { deriveExchange, exchangeKey, ExchangeSum, type ExchangeEvent, type ExchangeState } from '../core/kpi/exchange-state'
import { toMonths } from './aggregate-rows'
import type { DocumentRecord } from './records'
import type { EntityModel } from './state-refresh'
import { insertWithMarker } from './batch-markers'

type Packed = [string, string, number]

export function exchangeEventOf(r: DocumentRecord): { key: string; event: ExchangeEvent } {
  return { key: exchangeKey(r.document_id, r.from_agency, r.to_agency), event: { id: r.event_id, status: r.status, at: micros(r.occurred_at) } }
}

/** Writes the aggregate change of a batch with its markers (batch-markers.ts); repairing, only where the insert was not committed. */
async function writeSum(store: Store, sum: ExchangeSum, token: string, repair = false): Promise<void> {
  const c = sum.result()
  await insertWithMarker(store, 'document_day', c.days, token, repair)
  await insertWithMarker(store, 'document_month', toMonths(c.days), token, repair)
  await insertWithMarker(
    store,
    'document_instant',
    c.instants.map((r) => ({ day: r.day, agency_code: r.agency_code, x: microsText(r.x), strict: r.strict ? 1 : 0, unack_d: r.unack_d })),
    token,
    repair,
  )
  await insertWithMarker(store, 'exchange_latency', c.latencies, token, repair)
}

export const exchangeModel: EntityModel<ExchangeEvent, ExchangeState, ExchangeSum> = {
  kind: 'document',
  queries: { load: 'exchange-kv', ofBatch: 'exchange-kv-of-batch', raw: 'exchange-events-raw', since: 'exchange-keys-since' },
  kvTable: 'exchange_kv',
  pack: (e): Packed => [e.id, e.status, e.at],
  unpack: (p) => {
    const [id, status, at] = p as Packed
    return { id, status, at }
  },
  fromRaw: (row) => {
    const r = row as { event_id: string; document_id: string; from_agency: string; to_agency: string; status: string; occurred_at: string }
    return { key: exchangeKey(r.document_id, r.from_agency, r.to_agency), event: { id: r.event_id, status: r.status, at: micros(r.occurred_at) } }
  },
  rawParams: (keys) => ({ documents: [...new Set(keys.map((k) => k.split('\u0000')[0]))] }),
  derive: deriveExchange,
  kvRow: (key, events, state, prev, batch) => ({ key, events, state, prev, batch }),
  newSum: () => new ExchangeSum(),
  writeSum,
}
