// Named queries: each SQL text lives in sql/queries/NAME.sql, so a reader finds every query
// the product runs in one folder, and the code names what it asks for.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { projectRoot } from './paths'

const cache = new Map<string, string>()

export function namedQuery(name: string): string {
  let sql = cache.get(name)
  if (sql === undefined) {
    if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`bad query name ${name}`)
    sql = readFileSync(path.join(projectRoot(), 'sql', 'queries', `${name}.sql`), 'utf8')
    cache.set(name, sql)
  }
  return sql
}
