// Local times of the national formats (Asia/Ho_Chi_Minh, UTC+7 all year, no daylight saving):
// the portal's `yyyyMMddHHmmss`, and edXML's `yyyy/MM/dd HH:mm:ss` (or `dd/MM/yyyy HH:mm:ss`)
// and dates `yyyy/MM/dd` (or `dd/MM/yyyy`). Shape is checked here; whether the date exists
// (31 February) is left to ingest/validate.ts, which every event goes through after conversion.

/** A local time split into its digits, as text. */
export interface LocalTime {
  y: string
  mo: string
  d: string
  h: string
  mi: string
  s: string
}

/** ISO 8601 with the Vietnamese offset: what validate.ts reads. */
export const isoOf = (t: LocalTime): string => `${t.y}-${t.mo}-${t.d}T${t.h}:${t.mi}:${t.s}+07:00`

/** `yyyyMMddHHmmss`, the form every event_id uses. */
export const compactOf = (t: LocalTime): string => `${t.y}${t.mo}${t.d}${t.h}${t.mi}${t.s}`

const COMPACT = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/

/** The portal's `yyyyMMddHHmmss`, or null when the text has another shape. */
export function parseCompact(text: string): LocalTime | null {
  const m = COMPACT.exec(text)
  return m ? { y: m[1], mo: m[2], d: m[3], h: m[4], mi: m[5], s: m[6] } : null
}

const YMD = /^(\d{4})\/(\d{2})\/(\d{2})$/
const DMY = /^(\d{2})\/(\d{2})\/(\d{4})$/
const TIME = /^(\d{2}):(\d{2}):(\d{2})$/

/** An edXML date `yyyy/MM/dd` or `dd/MM/yyyy` (the four-digit year tells which), or null. */
export function parseSlashDate(text: string): { y: string; mo: string; d: string } | null {
  let m = YMD.exec(text)
  if (m) return { y: m[1], mo: m[2], d: m[3] }
  m = DMY.exec(text)
  return m ? { y: m[3], mo: m[2], d: m[1] } : null
}

/** An edXML timestamp `yyyy/MM/dd HH:mm:ss` or `dd/MM/yyyy HH:mm:ss`, or null. */
export function parseSlashTimestamp(text: string): LocalTime | null {
  const parts = text.split(/\s+/)
  if (parts.length !== 2) return null
  const date = parseSlashDate(parts[0])
  const time = TIME.exec(parts[1])
  return date && time ? { ...date, h: time[1], mi: time[2], s: time[3] } : null
}

const VN_OFFSET_MS = 7 * 3600_000

/** An instant as local time in Asia/Ho_Chi_Minh, to the second (for events timed by arrival). */
export function localOf(instant: Date): LocalTime {
  const iso = new Date(instant.getTime() + VN_OFFSET_MS).toISOString() // 2025-10-01T09:15:00.123Z, read as local
  return { y: iso.slice(0, 4), mo: iso.slice(5, 7), d: iso.slice(8, 10), h: iso.slice(11, 13), mi: iso.slice(14, 16), s: iso.slice(17, 19) }
}
