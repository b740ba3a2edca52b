// Configuration: environment variables, plus an optional JSON file named by EGOV_CONFIG
// (index thresholds and points, bands, plan milestones, ingest sources). Validated once,
// with a message naming the bad value, so a typo stops the process at start-up and not mid-query.
import { readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import path from 'node:path'
import { z } from 'zod'

const indexGroup = z.object({ threshold: z.number().gt(0).max(1), points: z.number().nonnegative() })

const fileSchema = z
  .object({
    index: z
      .object({
        timeliness: indexGroup.default({ threshold: 1, points: 20 }),
        online: indexGroup.default({ threshold: 0.5, points: 12 }),
        payment: indexGroup.default({ threshold: 0.8, points: 10 }),
        digitisation: indexGroup.default({ threshold: 0.8, points: 22 }),
      })
      .prefault({}), // parsed, so each group gets its own default (zod 4's .default would return {} as is)
    /** Lower bounds of the bands, descending: 90 Tốt, 70 Khá, 50 Trung bình, else Yếu. */
    bands: z
      .array(z.object({ min: z.number(), label: z.string(), key: z.string() }))
      .default([
        { min: 90, label: 'Tốt', key: 'good' },
        { min: 70, label: 'Khá', key: 'fair' },
        { min: 50, label: 'Trung bình', key: 'average' },
        { min: -Infinity, label: 'Yếu', key: 'weak' },
      ]),
    /** Rollout plan per platform: target connected rate by a date. */
    milestones: z
      .partialRecord( // a file may plan one platform only (zod 4's z.record with enum keys wants every key)
        z.enum(['document_axis', 'service_portal']),
        z.array(z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), target: z.number().min(0).max(1) })),
      )
      .default({
        document_axis: [
          { date: '2025-09-30', target: 0.5 },
          { date: '2025-12-31', target: 0.8 },
          { date: '2026-06-30', target: 1 },
        ],
        service_portal: [
          { date: '2025-12-31', target: 0.5 },
          { date: '2026-12-31', target: 1 },
        ],
      }),
    /** Events marked on trend charts (a date and its text, in Vietnamese and optionally English). */
    annotations: z
      .array(z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), text: z.string().min(1), text_en: z.string().min(1).optional() }))
      .default([
        { date: '2025-03-01', text: '14 bộ và 3 cơ quan ngang bộ', text_en: '14 ministries and 3 ministerial-level agencies' },
        { date: '2025-07-01', text: '34 tỉnh, thành phố', text_en: '34 provinces' },
      ]),
    /** Pull sources for `ingest serve` (directories watched for NDJSON files). */
    sources: z
      .array(z.object({ kind: z.enum(['dossier', 'document', 'connection', 'agency']), dir: z.string() }))
      .default([]),
  })
  .strict()

const envSchema = z.object({
  CLICKHOUSE_URL: z.string().url().optional(),
  CLICKHOUSE_USER: z.string().default('default'),
  CLICKHOUSE_PASSWORD: z.string().default(''),
  CLICKHOUSE_DATABASE: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a plain identifier').default('default'),
  DATA_DIR: z.string().min(1).default('./data'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DB_POOL: z.coerce.number().int().min(1).max(16).default(4),
  /** Per-query limits of the engine (core/db.ts): memory in MiB, and threads (default: the machine's cores). */
  CLICKHOUSE_MAX_MEMORY_MB: z.coerce.number().int().min(256).default(2048),
  CLICKHOUSE_MAX_THREADS: z.coerce.number().int().min(1).max(256).default(Math.max(1, availableParallelism())),
  EGOV_CONFIG: z.string().optional(),
  SESSION_SECRET: z.string().min(16).optional(),
})

export type FileConfig = z.infer<typeof fileSchema>
export type Config = z.infer<typeof envSchema> & FileConfig & { dataDir: string }

export class ConfigError extends Error {}

function describe(issues: z.ZodIssue[], where: string): string {
  return issues.map((i) => `${where}${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const clean = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''))
  const parsed = envSchema.safeParse(clean)
  if (!parsed.success) throw new ConfigError(`bad configuration: ${describe(parsed.error.issues, '')}`)
  let raw: unknown = {}
  if (parsed.data.EGOV_CONFIG) {
    try {
      raw = JSON.parse(readFileSync(parsed.data.EGOV_CONFIG, 'utf8'))
    } catch (e) {
      throw new ConfigError(`cannot read EGOV_CONFIG ${parsed.data.EGOV_CONFIG}: ${(e as Error).message}`)
    }
  }
  const file = fileSchema.safeParse(raw)
  if (!file.success) throw new ConfigError(`bad configuration in ${parsed.data.EGOV_CONFIG}: ${describe(file.error.issues, '')}`)
  return { ...parsed.data, ...file.data, dataDir: path.resolve(parsed.data.DATA_DIR) }
}

let cached: Config | undefined
export function config(): Config {
  cached ??= loadConfig()
  return cached
}
/** For tests and commands that set the environment after import. */
export function resetConfig(next?: Config): void {
  cached = next
}
