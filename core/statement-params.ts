// Parameters of an embedded statement carried as data (ADR 011, session 15). chDB runs every query
// with bound parameters ({name:Type}) one at a time in the whole process (its binding is not
// isolated per connection), so a page's read issued while an ingest batch's INSERT … SELECT runs
// waited for all of it (seconds at national scale). The embedded store therefore sends a
// statement's values as one JSON row of `statement_params` (migration 021), inserted on the
// statement's own connection just before it, and the statement's text reads each value from that
// row by a scalar subquery: the values never become SQL text, and the statement needs no binding.
// A read keeps the engine's binding unless another bound read is under way (it would wait for it):
// a read has many placeholders, and each such sub-read costs its analysis about a millisecond
// (ADR 011, sessions 15 and 19), so a read alone is cheaper bound, and a page's reads run at once.

/** The JSON text of a statement's values (the row's `p`): BigInt as text, strings made well-formed. */
export function paramsJson(params: Record<string, unknown>): string {
  return JSON.stringify(params, function (this: Record<string, unknown>, key: string, v: unknown) {
    if (this[key] instanceof Date) throw new TypeError('pass instants as text (core/time.ts), not Date') // JSON would write it in UTC with milliseconds
    if (typeof v === 'bigint') return v.toString()
    if (typeof v === 'string') return v.toWellFormed() // a lone surrogate: U+FFFD, as the binding's UTF-8 would send it
    return v
  })
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/
// quoted text or a comment (left as it is), or a placeholder
const TOKEN = /('(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"|`(?:\\.|[^`\\])*`|--[^\n]*|\/\*[\s\S]*?\*\/)|\{([A-Za-z_][A-Za-z0-9_]*):\s*([^{}]+?)\s*\}/g

/**
 * The statement's text with each `{name:Type}` of a value in `params` replaced by a read of that
 * value from the row `id` of `statement_params` (`Identifier`s, which name the product's own
 * tables, by the name itself once checked). Placeholders inside quoted text and comments stay as
 * they are, as the engine would leave them.
 */
export function paramsAsData(sql: string, params: Record<string, unknown>, id: number): string {
  // the row, or an error when it is missing (never a default value in its place)
  const row = `assumeNotNull((SELECT if(throwIf(count() != 1, 'statement parameters ${id} not found') = 0, any(p), '') FROM statement_params WHERE id = ${id}))`
  return sql.replace(TOKEN, (text, kept: string | undefined, name: string, type: string) => {
    if (kept !== undefined || !(name in params)) return text
    if (type !== 'Identifier') return `JSONExtract(${row}, '${name}', '${type.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}')`
    const v = String(params[name])
    if (!IDENTIFIER.test(v)) throw new Error(`parameter ${name}: ${JSON.stringify(v)} is not a table or column name`)
    return v
  })
}
