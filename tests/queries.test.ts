// Named queries' optional sections (core/queries.ts): the text the engine is given.
import { describe, expect, it } from 'vitest'
import { namedQuery, withSections } from '../core/queries'

describe('named queries with optional sections', () => {
  const text = ['SELECT 1', '-- @if a', 'UNION ALL SELECT 2', '-- @end', '-- @if b', 'UNION ALL SELECT 3', '-- @end', 'FORMAT x'].join('\n')

  it('keeps the lines of the sections that are on, and drops the markers', () => {
    expect(withSections('t', text, new Set())).toBe('SELECT 1\nFORMAT x')
    expect(withSections('t', text, new Set(['b']))).toBe('SELECT 1\nUNION ALL SELECT 3\nFORMAT x')
    expect(withSections('t', text, new Set(['a', 'b']))).toBe('SELECT 1\nUNION ALL SELECT 2\nUNION ALL SELECT 3\nFORMAT x')
  })

  it('leaves out the lines that are only comments, and keeps a comment after code', () => {
    const commented = ['-- what the query is', 'SELECT 1, -- one', '  -- an aside', '-- @if a', '  -- why two', 'UNION ALL SELECT 2', '-- @end'].join('\n')
    expect(withSections('t', commented, new Set())).toBe('SELECT 1, -- one')
    expect(withSections('t', commented, new Set(['a']))).toBe('SELECT 1, -- one\nUNION ALL SELECT 2')
  })

  it('refuses a section inside a section, an @end without @if and a section not ended, naming the file', () => {
    expect(() => withSections('t', '-- @if a\n-- @if b\n-- @end\n-- @end', new Set())).toThrow('t.sql: section b inside section a')
    expect(() => withSections('t', 'SELECT 1\n-- @end', new Set())).toThrow('t.sql: @end outside a section')
    expect(() => withSections('t', '-- @if a\nSELECT 1', new Set())).toThrow('t.sql: section a not ended')
  })

  it('the figure query leaves out the parts that read nothing', () => {
    const none = namedQuery('dossier-figures')
    const all = namedQuery('dossier-figures', { from_total: true, listed: true, has_now: true, unit: true })
    for (const part of ["SELECT 'k'", 'FROM dossier_instant', "toDate('1970-01-01') AS last_of, agency_code, procedure_code, 0", "dictionary('agency_unit_dict')"]) {
      expect({ part, in: none.includes(part) }).toEqual({ part, in: false })
      expect({ part, in: all.includes(part) }).toEqual({ part, in: true })
    }
    expect(namedQuery('dossier-figures', { has_now: false, listed: false })).toBe(none)
  })
})
