/** "Now" as ClickHouse DateTime64(6, 'UTC') text. */
export function utcNow(): string {
  return new Date().toISOString().replace('T', ' ').replace('Z', '000')
}
