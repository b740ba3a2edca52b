/** An instant as ClickHouse DateTime64(6, 'UTC') text ("2025-10-01 02:15:00.250000"). */
export function chTime(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('Z', '000')
}

/** "Now" as ClickHouse DateTime64(6, 'UTC') text. */
export function utcNow(): string {
  return chTime(new Date())
}
