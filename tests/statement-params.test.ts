// An embedded query's values as data (core/statement-params.ts): the same values as the engine's
// own binding, never SQL text; a read is not held up by a long statement, nor by another read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { paramsAsData, paramsJson } from '../core/statement-params'
import { testEngine, type TestEngine } from './helpers/engine'

describe('the text of a statement with its values as data', () => {
  it('replaces each placeholder of a given value, and nothing in quoted text or comments', () => {
    const sql = "SELECT {a:String}, '{a:String}', `{a:String}` -- {a:String}\n/* {a:String} */ {b:UInt8}, {c:DateTime64(6, 'UTC')} FROM {t:Identifier}"
    const text = paramsAsData(sql, { a: 'x', c: '2025-01-01 00:00:00.000000', t: 'dossier_day' }, 7)
    expect(text.match(/JSONExtract\(/g)?.length).toBe(2)
    expect(text).toContain("'a', 'String')")
    expect(text).toContain("'c', 'DateTime64(6, \\'UTC\\')')")
    expect(text).toContain("'{a:String}', `{a:String}` -- {a:String}\n/* {a:String} */ {b:UInt8}") // b has no value: as the engine would
    expect(text).toContain('FROM dossier_day')
    expect(text).toContain('WHERE id = 7')
  })

  it('refuses a value for an Identifier that is not a plain name, and a Date', () => {
    expect(() => paramsAsData('SELECT 1 FROM {t:Identifier}', { t: 'x; DROP TABLE users' }, 1)).toThrow('parameter t: "x; DROP TABLE users" is not a table or column name')
    expect(() => paramsJson({ at: new Date() })).toThrow('pass instants as text')
  })

  it('writes BigInt as text and a lone surrogate as U+FFFD', () => {
    expect(JSON.parse(paramsJson({ n: 2n ** 64n - 1n, s: 'a\ud800b' }))).toEqual({ n: '18446744073709551615', s: 'a\ufffdb' })
  })
})

describe('embedded statements with values as data', () => {
  let e: TestEngine
  beforeAll(async () => {
    e = await testEngine()
    await e.store.command(
      "CREATE TABLE probe_values (s String, d Date, t DateTime64(6, 'UTC'), u8 UInt8, u32 UInt32, u64 UInt64, a Array(String), ts Array(DateTime64(6, 'UTC'))) ENGINE = MergeTree ORDER BY tuple()",
    )
    await e.store.command('CREATE TABLE probe_slow (n UInt64) ENGINE = MergeTree ORDER BY tuple()')
  }, 120_000)
  afterAll(async () => {
    await e?.close()
  })

  const values = {
    s: "Sở Tư pháp's \\ \"quoted\"\n\ttab {x:String} ' OR 1=1 --",
    d: '2025-06-30',
    t: '2025-06-30 16:59:59.999999',
    u8: 1,
    u32: 4_000_000_000,
    u64: 2n ** 64n - 1n,
    a: ["a'b", '', 'Đ\\'],
    ts: ['2025-07-01 00:00:00.000001'],
  }
  const select = "SELECT {s:String} AS s, {d:Date} AS d, {t:DateTime64(6, 'UTC')} AS t, {u8:UInt8} AS u8, {u32:UInt32} AS u32, {u64:UInt64} AS u64, {a:Array(String)} AS a, {ts:Array(DateTime64(6, 'UTC'))} AS ts"

  it('stores the same values as the engine binds in a read', async () => {
    await e.store.command(`INSERT INTO probe_values ${select}`, values)
    const stored = await e.store.rows('SELECT * FROM probe_values')
    const bound = await e.store.rows(select, values) // a read: the engine's own binding
    expect(stored).toEqual(bound)
    expect(stored[0]).toMatchObject({ s: values.s, d: '2025-06-30', u32: 4_000_000_000, u64: '18446744073709551615', a: ["a'b", '', 'Đ\\'] })
  })

  it('fails, naming the row, when a statement finds no values', async () => {
    await expect(e.store.command(paramsAsData('INSERT INTO probe_slow SELECT {n:UInt64}', { n: 1 }, 999_999_999))).rejects.toThrow('statement parameters 999999999 not found')
    expect(await e.store.rows('SELECT count() AS n FROM probe_slow')).toEqual([{ n: '0' }])
  })

  it('a read with bound values does not wait for a long statement to end', async () => {
    const order: string[] = []
    // some 2 s of work in the engine: one row every 50 ms
    const statement = e.store
      .command('INSERT INTO probe_slow SELECT number + sleepEachRow(0.05) FROM numbers({n:UInt64}) SETTINGS max_block_size = 1', { n: 40 })
      .then(() => order.push('statement'))
    await new Promise((r) => setTimeout(r, 300))
    const read = await e.store.rows<{ x: number }>('SELECT {x:UInt8} AS x', { x: 7 })
    order.push('read')
    await statement
    expect(read).toEqual([{ x: 7 }])
    expect(order).toEqual(['read', 'statement'])
    expect(await e.store.rows('SELECT count() AS n FROM probe_slow')).toEqual([{ n: '40' }])
  }, 30_000)

  it('a read issued while another read runs goes beside it, with the same values as the binding', async () => {
    const alone = await e.store.rows(select, values) // nothing else under way: the engine's binding
    const order: string[] = []
    // some 2 s of work in the engine: one row every 50 ms
    const long = e.store.rows<{ n: string }>('SELECT count() AS n FROM numbers({n:UInt64}) WHERE sleepEachRow(0.05) = 0 SETTINGS max_block_size = 1', { n: 40 }).then((r) => {
      order.push('long')
      return r
    })
    await new Promise((r) => setTimeout(r, 300))
    const beside = await e.store.rows(select, values)
    order.push('beside')
    expect(await long).toEqual([{ n: '40' }])
    expect(beside).toEqual(alone)
    expect(order).toEqual(['beside', 'long'])
  }, 30_000)

  it('reads at once each get their own values', async () => {
    const got = await Promise.all(Array.from({ length: 24 }, (_, k) => e.store.rows<{ k: number; s: string }>('SELECT {k:UInt32} AS k, {s:String} AS s', { k, s: `giá trị ${k}` })))
    expect(got).toEqual(Array.from({ length: 24 }, (_, k) => [{ k, s: `giá trị ${k}` }]))
  })

  it('a large insert is serialised a chunk at a time: the event loop turns meanwhile, and every row arrives', async () => {
    await e.store.command('CREATE TABLE probe_rows (n UInt32, s String) ENGINE = MergeTree ORDER BY n')
    let taken = 0
    let takenAtTurn = -1
    setImmediate(() => (takenAtTurn = taken)) // runs at the event loop's first turn after the insert starts
    function* rows() {
      for (let n = 0; n < 25_000; n++) yield (taken++, [n, `hồ sơ ${n}\t"x"`])
    }
    await e.store.insertValues('probe_rows', ['n', 's'], rows())
    expect(takenAtTurn).toBeGreaterThan(0)
    expect(takenAtTurn).toBeLessThan(25_000)
    await e.store.insertValues('probe_rows', ['n', 's'], []) // none: nothing is sent
    const [r] = await e.store.rows<{ c: string; total: string; last: string }>('SELECT count() AS c, sum(n) AS total, anyIf(s, n = 24999) AS last FROM probe_rows')
    expect(r).toEqual({ c: '25000', total: String((25_000 * 24_999) / 2), last: 'hồ sơ 24999\t"x"' })
  })
})
