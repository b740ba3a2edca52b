// The one way into ClickHouse. Embedded chDB under DATA_DIR when CLICKHOUSE_URL is unset,
// the named server otherwise; both through @clickhouse/client, so every query is the same
// text with parameters ({name:Type}) in both modes (embedded, a query's values travel as a row of
// data, core/statement-params.ts). No caller concatenates values into SQL.
import { createClient, type ClickHouseClient, type ClickHouseSettings } from '@clickhouse/client'
import { closeSync, fstatSync, mkdirSync, openSync, statSync } from 'node:fs'
import path from 'node:path'
import { isatty } from 'node:tty'
import { config, type Config } from './config'
import { namedQuery } from './queries'
import { paramsAsData, paramsJson } from './statement-params'
import { projectRoot } from './paths'
import { migrate, syncReference } from './migrate'

export type Params = Record<string, unknown>

// Settings every connection gets, and no query ever changes: chDB keeps per-query settings
// on its connection, so per-query settings would leak into the next query on that connection.
// The memory and thread limits are deliberate (README, "Memory"): one query may use at most
// CLICKHOUSE_MAX_MEMORY_MB and CLICKHOUSE_MAX_THREADS threads, spilling large GROUP BYs and sorts
// to disk at half of that, so the server stays within its budget whatever a caller asks for.
function settings(cfg: Config): ClickHouseSettings {
  const bytes = cfg.CLICKHOUSE_MAX_MEMORY_MB * 2 ** 20
  return {
    output_format_json_quote_64bit_integers: 1, // sums of microseconds exceed 2^53: read them as text
    // JavaScript text may hold a lone surrogate (a record's field, a JSON.parse message quoting half of
    // one); JSON.stringify writes it as an escape the engine would refuse, losing the whole insert
    input_format_json_throw_on_bad_escape_sequence: 0,
    join_use_nulls: 0,
    max_threads: cfg.CLICKHOUSE_MAX_THREADS,
    max_memory_usage: String(bytes),
    max_bytes_before_external_group_by: String(Math.floor(bytes / 2)),
    max_bytes_before_external_sort: String(Math.floor(bytes / 2)),
  }
}

/**
 * Rows read as JSONCompactEachRowWithNames (a row of the columns' names, then one array per row), as
 * objects. The same values as JSONEachRow in a third of the bytes for the engine to write and Node to
 * parse: a unit's procedures (2,583 rows) 62–74 → 58–65 ms (ADR 011, session 27).
 */
function objectsOf<T>(lines: unknown[]): T[] {
  if (lines.length === 0) return []
  const names = lines[0] as string[]
  const out: T[] = new Array(lines.length - 1)
  for (let r = 1; r < lines.length; r++) {
    const values = lines[r] as unknown[]
    const row: Record<string, unknown> = {}
    for (let j = 0; j < names.length; j++) row[names[j]] = values[j]
    out[r - 1] = row as T
  }
  return out
}

/** With EGP_SLOW_QUERY_MS set, queries, commands and inserts slower than that many milliseconds are logged: the named query (sql/queries/NAME.sql) or the first SQL line, and the time. */
const SLOW_MS = Number(process.env.EGP_SLOW_QUERY_MS ?? 0)
function slowQuery(sql: string, name: string | undefined, ms: number): void {
  if (!(SLOW_MS > 0 && ms >= SLOW_MS)) return
  const what = name ? `sql/queries/${name}.sql` : sql.split('\n').find((l) => l.trim() && !l.startsWith('--'))?.slice(0, 160)
  process.stderr.write(`slow query (${Math.round(ms)} ms): ${what}\n`)
}

/**
 * Splits values bound as one Array(String) parameter into chunks of at most `maxBytes` of text
 * (and `maxCount` values). Measured here: a look-up of 16,000 keys took 55 ms, of 20,000 keys
 * (1.1 MB of parameter text) 27 s; the engine has a slow path past about 1 MiB of one parameter.
 */
export function paramChunks(values: readonly string[], maxBytes = 256 * 1024, maxCount = 10_000): string[][] {
  const out: string[][] = []
  let chunk: string[] = []
  let bytes = 0
  for (const v of values) {
    const size = Buffer.byteLength(v) + 4
    if (chunk.length > 0 && (bytes + size > maxBytes || chunk.length >= maxCount)) {
      out.push(chunk)
      chunk = []
      bytes = 0
    }
    chunk.push(v)
    bytes += size
  }
  if (chunk.length > 0) out.push(chunk)
  return out
}

export class StoreUnavailableError extends Error {}
export class DataDirLockedError extends Error {}

// A ClickHouse server that is down, restarting or unreachable: the request never reached it, or
// the connection broke. Such failures become StoreUnavailableError (503 to HTTP callers, a retry
// for buffers); every other error (a bad query, a type error) stays what it is.
const UNREACHABLE = /ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|EPIPE|ETIMEDOUT|socket hang up|Timeout error|other side closed|UND_ERR/i

export function isUnreachable(e: unknown): boolean {
  if (e instanceof StoreUnavailableError) return true
  const err = e as { code?: string; message?: string; cause?: unknown } | null
  if (!err || typeof err !== 'object') return false
  return UNREACHABLE.test(`${err.code ?? ''} ${err.message ?? ''}`) || (err.cause !== undefined && err.cause !== e && isUnreachable(err.cause))
}

async function guarded<T>(where: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (e) {
    if (isUnreachable(e) && !(e instanceof StoreUnavailableError))
      throw new StoreUnavailableError(`ClickHouse at ${where} is unavailable: ${(e as Error).message}`, { cause: e })
    throw e
  }
}

/** chDB's raw passthrough insert on one embedded connection: the bytes go to the engine as they are. */
export type RawInsert = (p: { table: string; columns: string[]; format: 'JSONCompactEachRow'; values: Buffer; settings: Record<string, string | number> }) => Promise<unknown>

/** Rows serialised between two turns of the event loop (about 50 ms of work here). */
const LINES_PER_TURN = 10_000

/**
 * Rows (arrays of values in the order of their columns) as JSON lines, a chunk at a time: the event
 * loop runs between chunks, so serialising a batch of 200,000 rows (about a second) never holds up
 * the answers of statements under way, whose callers issue the next statement (ADR 011, session 21).
 * The rows may be computed as they are taken (a generator): that work is spread out the same way.
 */
async function jsonLines(rows: Iterable<readonly unknown[]>): Promise<{ lines: Buffer; rows: number }> {
  const chunks: Buffer[] = []
  let lines: string[] = []
  let n = 0
  for (const r of rows) {
    lines.push(JSON.stringify(r))
    n++
    if (lines.length === LINES_PER_TURN) {
      chunks.push(Buffer.from(lines.join('\n') + '\n'))
      lines = []
      await new Promise<void>((resolve) => setImmediate(resolve))
    }
  }
  if (lines.length > 0) chunks.push(Buffer.from(lines.join('\n') + '\n'))
  return { lines: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks), rows: n }
}

/** A raw insert of JSON lines, with the insert's own settings (a SETTINGS clause, so none outlives it). */
function rawRows(table: string, columns: string[], values: Buffer, dedupToken: string): Parameters<RawInsert>[0] {
  return { table, columns, format: 'JSONCompactEachRow', values, settings: { insert_deduplication_token: dedupToken, input_format_json_throw_on_bad_escape_sequence: 0 } }
}

/** Objects with the same keys as rows of values, in the order of the first one's keys (taken as they are read). */
function* valuesOf(objects: readonly object[], columns: string[]): Generator<unknown[]> {
  for (const o of objects) yield columns.map((c) => (o as Record<string, unknown>)[c])
}

/** The ids of queries' parameter rows (statement_params is in memory: it starts empty with the process). */
let paramRowIds = 0
/**
 * Embedded reads with bound values under way in this process: chDB runs them one at a time in the
 * whole process (ADR 011, "Queries with bound parameters run one at a time"), whatever the store.
 */
let boundReads = 0

export class Store {
  private next = 0
  constructor(
    readonly mode: 'embedded' | 'server',
    private readonly clients: ClickHouseClient[],
    readonly where: string,
    /** Closed after the clients (the embedded engine's first connection, which carries its configuration). */
    private readonly holder?: { close(): void },
    /** Embedded: each pooled connection's raw insert (same index as its client). */
    private readonly rawInserts?: RawInsert[],
  ) {}

  /** Operations under way on each pooled connection. */
  private readonly busy: number[] = []

  /**
   * Runs `work` on the pooled connection with the fewest operations under way (round-robin among
   * equals): the queries of one page run in parallel, and a read never queues behind a long
   * ingest statement on a connection while another is free (a connection runs one at a time).
   */
  private async onConnection<T>(work: (i: number) => Promise<T>): Promise<T> {
    const n = this.clients.length
    let i = this.next++ % n
    for (let k = 1; k < n; k++) {
      const j = (i + k) % n
      if ((this.busy[j] ?? 0) < (this.busy[i] ?? 0)) i = j
    }
    this.busy[i] = (this.busy[i] ?? 0) + 1
    try {
      return await work(i)
    } finally {
      this.busy[i]--
    }
  }

  /** Runs a SQL text (a named query from sql/queries, or a literal without values) and returns its rows. */
  async rows<T = Record<string, unknown>>(sql: string, params: Params = {}, name?: string): Promise<T[]> {
    const t0 = performance.now()
    const rows = await guarded(this.where, () =>
      this.onConnection(async (i) => {
        const hasValues = Object.keys(params).length > 0
        // Embedded, a read that would queue behind another bound read sends its values as data and
        // runs beside it instead: a page's reads share the two cores rather than wait in turn. Only
        // then: each value so read costs the read's analysis about a millisecond (ADR 011, session 19).
        const read = async (query: string, query_params?: Params) =>
          objectsOf<T>(await (await this.clients[i].query({ query, query_params, format: 'JSONCompactEachRowWithNames' })).json<unknown[]>())
        if (this.rawInserts && hasValues && boundReads > 0) return this.withValuesAsData(i, sql, params, read)
        if (hasValues) boundReads++
        try {
          return await read(sql, params)
        } finally {
          if (hasValues) boundReads--
        }
      }),
    )
    slowQuery(sql, name, performance.now() - t0)
    return rows
  }

  /**
   * Runs a query on embedded connection i with its values as data (core/statement-params.ts): their
   * row of statement_params inserted on that connection, then the query's text that reads them.
   */
  private async withValuesAsData<R>(i: number, sql: string, params: Params, run: (query: string) => Promise<R>): Promise<R> {
    const id = ++paramRowIds
    const { lines } = await jsonLines([[id, paramsJson(params)]])
    await this.rawInserts![i](rawRows('statement_params', ['id', 'p'], lines, ''))
    return run(paramsAsData(sql, params, id))
  }

  /** Rows of the named query `sql/queries/NAME.sql`, with those of its optional sections that are on (core/queries.ts). */
  named<T = Record<string, unknown>>(name: string, params: Params = {}, sections: Record<string, boolean> = {}): Promise<T[]> {
    return this.rows<T>(namedQuery(name, sections), params, name)
  }

  /**
   * Runs a statement (DDL, INSERT … SELECT, TRUNCATE). Embedded, its values travel as data
   * (core/statement-params.ts): a long ingest statement never holds up the reads of a page.
   */
  async command(sql: string, params: Params = {}): Promise<void> {
    const t0 = performance.now()
    await guarded(this.where, () =>
      this.onConnection(async (i) => {
        if (this.rawInserts && Object.keys(params).length > 0) {
          await this.withValuesAsData(i, sql, params, (query) => this.clients[i].command({ query }))
        } else {
          await this.clients[i].command({ query: sql, query_params: params })
        }
      }),
    )
    slowQuery(sql, undefined, performance.now() - t0)
  }

  /**
   * Inserts rows (objects with the same keys); sent as JSONCompactEachRow, about twice as fast as keyed JSON.
   * With a deduplication token, a second insert under the same token into the same table is dropped
   * (tables with a deduplication window). The token is always sent, empty when none: chDB keeps a
   * query's settings on its connection, so a token must never outlive its insert.
   */
  async insert(table: string, values: readonly object[], dedupToken = ''): Promise<void> {
    if (values.length === 0) return
    const columns = Object.keys(values[0])
    await this.insertValues(table, columns, valuesOf(values, columns), dedupToken)
  }

  /**
   * Inserts rows given as arrays of values in the order of `columns` (nothing when there are none),
   * as `insert` does; the rows may be computed as they are taken (embedded: a chunk at a time, see jsonLines).
   */
  async insertValues(table: string, columns: string[], rows: Iterable<readonly unknown[]>, dedupToken = ''): Promise<void> {
    const t0 = performance.now()
    const rawInserts = this.rawInserts
    let n: number
    if (rawInserts) {
      // Embedded: the rows as one buffer of JSON lines, parsed by the engine's parallel parser. The
      // client's insert sends the same lines inside a query text and runs about half as fast (ADR 011).
      const encoded = await jsonLines(rows)
      n = encoded.rows
      if (n === 0) return
      await this.onConnection((i) => rawInserts[i](rawRows(table, columns, encoded.lines, dedupToken)))
    } else {
      const all = Array.from(rows)
      if (all.length === 0) return
      n = all.length
      await guarded(this.where, () =>
        this.onConnection((i) =>
          this.clients[i].insert({
            table,
            columns: columns as [string, ...string[]],
            values: all,
            format: 'JSONCompactEachRow',
            clickhouse_settings: { insert_deduplication_token: dedupToken },
          }),
        ),
      )
    }
    slowQuery(`INSERT INTO ${table} (${n} rows)`, undefined, performance.now() - t0)
  }

  /**
   * Inserts the rows of a SELECT (a named query's text) into a table, in the engine, as one block
   * (one part): a batch's inserts carry a marker row that says whether they were committed
   * (ingest/batch-markers.ts), so its rows and its marker must land together; by default the engine
   * would cut the insert into blocks of about a million rows. Without block deduplication: a repair
   * must never be dropped as a repeat. `table` is one of the product's own tables, never user input.
   */
  async insertSelect(table: string, select: string, params: Params = {}): Promise<void> {
    if (!/^[a-z_]+$/.test(table)) throw new Error(`bad table name ${table}`)
    await this.command(`INSERT INTO ${table} SETTINGS insert_deduplicate = 0, min_insert_block_size_rows = 1000000000, min_insert_block_size_bytes = 0 ${select}`, params)
  }

  /** Whether the store answers within timeoutMs (a ClickHouse that accepts connections but hangs does not). */
  async ping(timeoutMs = 5000): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined
    try {
      const late = new Promise<false>((res) => (timer = setTimeout(() => res(false), timeoutMs)))
      return await Promise.race([this.rows('SELECT 1 AS ok').then(() => true), late])
    } catch {
      return false
    } finally {
      clearTimeout(timer)
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.map((c) => c.close()))
    this.holder?.close()
  }
}

function lockMessage(dir: string): string {
  return `the data directory ${dir} is in use by another process (a running server or import). Stop it first, or set CLICKHOUSE_URL to use a ClickHouse server.`
}

const STDIN_FAILED = 'cannot detach standard input from the embedded engine: start the process with its input from /dev/null'
/** Per process (the Remix build and the server entry are separate module graphs, like the store below). */
const STDIN = Symbol.for('egov-pulse.stdin-detached')

/**
 * Points the process's standard input at /dev/null before the embedded engine loads. The engine
 * reads a standard input that is not a terminal as more data for every INSERT (chdb-io/chdb-core#239):
 * lines piped into `npm run ingest -- import …` made each insert fail (Code 48), and an inherited
 * pipe that stays open and silent (a process started by another program) blocked an insert for ever
 * (session 22). Nothing in this product reads standard input. A terminal is left alone: the engine
 * does not read one, and a development server may. Done once per process: descriptor 0 is never
 * closed twice (after a failure it may be another file's).
 */
export function detachStdin(): void {
  const g = globalThis as { [STDIN]?: 'yes' | 'failed' }
  if (g[STDIN] === 'yes') return
  if (g[STDIN] === 'failed') throw new StoreUnavailableError(STDIN_FAILED)
  g[STDIN] = 'yes'
  let fd0: ReturnType<typeof fstatSync> | null = null
  try {
    fd0 = fstatSync(0)
  } catch {
    // closed: the open below takes descriptor 0
  }
  if (fd0 && isatty(0)) return
  const devNull = statSync('/dev/null')
  if (fd0 && fd0.rdev === devNull.rdev && fd0.ino === devNull.ino) return
  if (fd0) closeSync(0)
  // the lowest free descriptor: 0, just closed (this runs before the engine starts any thread)
  const fd = openSync('/dev/null', 'r')
  if (fd !== 0) {
    closeSync(fd)
    g[STDIN] = 'failed'
    throw new StoreUnavailableError(STDIN_FAILED)
  }
}

/**
 * The embedded engine's server configuration (core/embedded-engine.xml): bounded caches and
 * background thread pools sized for a small machine (README, "Memory").
 */
const ENGINE_CONFIG = () => path.join(projectRoot(), 'core', 'embedded-engine.xml')

export async function openStore(cfg: Config = config()): Promise<Store> {
  let store: Store
  if (cfg.CLICKHOUSE_URL) {
    const make = (database: string) =>
      createClient({
        url: cfg.CLICKHOUSE_URL,
        username: cfg.CLICKHOUSE_USER,
        password: cfg.CLICKHOUSE_PASSWORD,
        database,
        clickhouse_settings: settings(cfg),
      })
    const admin = createClient({ url: cfg.CLICKHOUSE_URL, username: cfg.CLICKHOUSE_USER, password: cfg.CLICKHOUSE_PASSWORD, request_timeout: 10_000 })
    try {
      await admin.command({ query: `CREATE DATABASE IF NOT EXISTS ${cfg.CLICKHOUSE_DATABASE}` }) // identifier validated by the config schema
    } catch (e) {
      throw new StoreUnavailableError(`ClickHouse at ${cfg.CLICKHOUSE_URL} did not answer: ${(e as Error).message}`)
    } finally {
      await admin.close()
    }
    const clients = Array.from({ length: cfg.DB_POOL }, () => make(cfg.CLICKHOUSE_DATABASE))
    store = new Store('server', clients, cfg.CLICKHOUSE_URL)
  } else {
    mkdirSync(cfg.dataDir, { recursive: true })
    detachStdin()
    // The engine's allocator (jemalloc, read when the engine loads) hands memory freed by merges and
    // queries back to the system after 1 s instead of 5 s: the process's RSS follows what it uses
    // (ADR 018). An operator's own setting wins.
    process.env.JE_MALLOC_CONF ??= 'dirty_decay_ms:1000'
    // Loaded lazily: the native engine is large, and server mode never needs it.
    const { createChdbConnection } = await import('chdb/connection')
    const { Session } = await import('chdb')
    const clients: ClickHouseClient[] = []
    let holder: { close(): void } | undefined
    try {
      // The engine takes its server configuration (cache sizes, background threads: ENGINE_CONFIG)
      // from the first connection to the directory; the pool's connections then share that engine.
      holder = new Session(cfg.dataDir, { connectionArgs: [`--config-file=${ENGINE_CONFIG()}`] })
      const rawInserts: RawInsert[] = []
      for (let i = 0; i < cfg.DB_POOL; i++) {
        const connection = createChdbConnection({ path: cfg.dataDir })
        clients.push(createClient({ connection: connection as unknown as never, clickhouse_settings: settings(cfg) }))
        rawInserts.push((p) => connection.chdb.rawInsert(p))
      }
      store = new Store('embedded', clients, cfg.dataDir, holder, rawInserts)
      await store.rows('SELECT 1 AS ok')
    } catch (e) {
      await Promise.all(clients.map((c) => c.close().catch(() => undefined)))
      try {
        holder?.close()
      } catch {
        // already unusable: nothing more to release
      }
      const msg = (e as Error).message ?? String(e)
      // chDB: "Cannot lock file …/status" (code 76), surfaced as "Failed to create connection"
      if ((e as { clickhouseCode?: number }).clickhouseCode === 76 || /lock|Failed to create connection/i.test(msg))
        throw new DataDirLockedError(lockMessage(cfg.dataDir))
      throw new StoreUnavailableError(`cannot open the embedded database in ${cfg.dataDir}: ${msg}`)
    }
  }
  try {
    await guarded(store.where, async () => {
      await migrate(store)
      await syncReference(store)
    })
  } catch (e) {
    await store.close().catch(() => undefined)
    throw e
  }
  return store
}

// One store per process, shared by the Remix build and the server entry (they are separate
// module graphs, so a module-level variable would open the data directory twice). While the
// store cannot be opened (a ClickHouse server that is down), each call tries again, so the
// process recovers without a restart; migrations and the on-open hook run at the first success.
const KEY = Symbol.for('egov-pulse.store')
const HOOK = Symbol.for('egov-pulse.store-on-open')
type Holder = { [KEY]?: Promise<Store>; [HOOK]?: (s: Store) => Promise<void> }

/**
 * Work to do once the process's store is open, before anyone else gets it (the server repairs
 * derived state here). A failure leaves the store unopened, to be tried again.
 */
export function onStoreOpen(hook: ((s: Store) => Promise<void>) | undefined): void {
  ;(globalThis as Holder)[HOOK] = hook
}

export function store(): Promise<Store> {
  const g = globalThis as Holder
  g[KEY] ??= (async () => {
    const s = await openStore()
    try {
      await guarded(s.where, () => g[HOOK]?.(s) ?? Promise.resolve())
    } catch (e) {
      await s.close().catch(() => undefined)
      throw e
    }
    return s
  })().catch((e) => {
    delete g[KEY]
    throw e
  })
  return g[KEY]!
}

export async function closeStore(): Promise<void> {
  const g = globalThis as Holder
  const s = g[KEY]
  delete g[KEY]
  if (s) await (await s).close()
}
