// Named queries: each SQL text lives in sql/queries/NAME.sql, so a reader finds every query
// the product runs in one folder, and the code names what it asks for.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { projectRoot } from './paths'

const files = new Map<string, string>()
const texts = new Map<string, string>()

/**
 * The text of sql/queries/NAME.sql. Lines between `-- @if FLAG` and `-- @end` are kept when
 * `sections[FLAG]` is true and left out otherwise: the engine plans every part of a query, even
 * one whose condition reads nothing, and planning is most of a figure query's time (ADR 011).
 * The code chooses sections by flags, never by input; values still go only through parameters.
 */
export function namedQuery(name: string, sections: Record<string, boolean> = {}): string {
  const on = Object.keys(sections)
    .filter((k) => sections[k])
    .sort()
  const key = `${name}\0${on.join(',')}`
  let sql = texts.get(key)
  if (sql === undefined) {
    sql = withSections(name, fileOf(name), new Set(on))
    texts.set(key, sql)
  }
  return sql
}

function fileOf(name: string): string {
  let text = files.get(name)
  if (text === undefined) {
    if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`bad query name ${name}`)
    text = readFileSync(path.join(projectRoot(), 'sql', 'queries', `${name}.sql`), 'utf8')
    files.set(name, text)
  }
  return text
}

/** The lines of `text` outside any section, and inside the sections that are on (sections do not nest), without whole-line comments. */
export function withSections(name: string, text: string, on: Set<string>): string {
  const out: string[] = []
  let open: string | null = null
  for (const line of text.split('\n')) {
    const begin = /^\s*-- @if ([a-z_]+)\s*$/.exec(line)
    if (begin) {
      if (open !== null) throw new Error(`${name}.sql: section ${begin[1]} inside section ${open}`)
      open = begin[1]
      continue
    }
    if (/^\s*-- @end\s*$/.test(line)) {
      if (open === null) throw new Error(`${name}.sql: @end outside a section`)
      open = null
      continue
    }
    // a line that is only a comment is for the reader: the engine's share of it (parsing, and the
    // text carried with the query) cost a figure query some 4–8 ms (ADR 011, session 27)
    if (/^\s*--/.test(line)) continue
    if (open === null || on.has(open)) out.push(line)
  }
  if (open !== null) throw new Error(`${name}.sql: section ${open} not ended`)
  return out.join('\n')
}
