// How fresh the data are: the newest event stored (by when it happened, not after now) and the
// sources that have gone silent (delivered in the last 30 days, nothing in the last 24 hours).
import type { Store } from '../db'
import { chTime } from '../time'
import { isoVn, micros, vnDayLabel } from './period'

export interface Freshness {
  /** The newest stored event's occurred_at (ISO, Vietnamese time), or null with no events. */
  newest: string | null
  /** Whole minutes from it to now. */
  age_minutes: number | null
  /** Sources with a delivery in the last 30 days and none in the last 24 hours. */
  silent: Array<{ source: string; last_ingested_at: string | null }>
}

const HOUR = 3_600_000n * 1000n

export async function freshness(store: Store, now: Date = new Date()): Promise<Freshness> {
  const rows = await store.named<{ source: string; last_ingested_at: string; last_occurred_at: string }>('freshness', { now: chTime(now), today: vnDayLabel(now) })
  const nowUs = BigInt(now.getTime()) * 1000n
  let newest: bigint | null = null
  let newestText: string | null = null
  const silent: Freshness['silent'] = []
  for (const r of rows) {
    const occ = micros(r.last_occurred_at)
    if (occ > 0n && (newest === null || occ > newest)) {
      newest = occ
      newestText = r.last_occurred_at
    }
    const ing = micros(r.last_ingested_at)
    const age = nowUs - ing
    if (age > 24n * HOUR && age <= 30n * 24n * HOUR) silent.push({ source: r.source, last_ingested_at: isoVn(r.last_ingested_at) })
  }
  return {
    newest: newest === null ? null : isoVn(newestText),
    age_minutes: newest === null ? null : Math.max(0, Math.floor(Number((nowUs - newest) / 60_000_000n))),
    silent,
  }
}
