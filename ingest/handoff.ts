// In embedded mode the running server owns the database, so `ingest import` hands the records to
// it over HTTP (the local token of DATA_DIR/server.json): NDJSON lines to /api/v1/ingest/{kind} in
// chunks under the endpoint's limits, sync envelopes to /api/v1/ingest/dvcqg, edXML messages to
// /api/v1/ingest/edxml. Reading the file, counting and the rejects file are import.ts's, shared
// with the direct path; here the server's replies are mapped back to the file's lines and
// records, and what cannot be sent (a line that is not JSON, a broken CSV row) is rejected here
// with the reason the direct path gives.
import type { Owner } from '../core/owner'
import { MAX_BYTES, MAX_LINES } from './http'
import type { RawRecord } from './read'
import type { IngestCounts, Reject } from './records'
import type { FileReject, OnReject, Target } from './import'
import { edxmlEvents } from './import'
import { withoutPersonal } from './formats/personal'

const CHUNK_BYTES = MAX_BYTES - 256 * 1024
const MAX_RECORD_TEXT = 4096 // as the pipeline keeps it

export class HandoffError extends Error {}

interface Answer {
  accepted: number
  duplicates: number
  rejected: Reject[]
}

/** One POST to the server, retried while it says 503; a refusal comes back as {refused}. */
async function post(owner: Owner, path: string, body: string, contentType: string): Promise<Answer | { refused: string }> {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(`${owner.url}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${owner.token}`, 'Content-Type': contentType },
      body,
    })
    if (res.status === 503 && attempt < 5) {
      await new Promise((r) => setTimeout(r, 1000 * Number(res.headers.get('Retry-After') ?? 2)))
      continue
    }
    const answer = (await res.json()) as Answer & { error?: string; message?: string }
    if (res.status === 400) return { refused: answer.message ?? answer.error ?? 'refused' }
    if (!res.ok) throw new HandoffError(`the server at ${owner.url} refused the file: ${res.status} ${answer.error ?? answer.message ?? ''}`)
    return answer
  }
}

const cut = (s: string) => (s.length > MAX_RECORD_TEXT ? s.slice(0, MAX_RECORD_TEXT) : s)
const textOf = (r: RawRecord) => cut(r.raw ?? JSON.stringify(r.value) ?? '')

/** Counts and rejects of one file, passed on in the order given. */
class Tally {
  counts: IngestCounts = { accepted: 0, duplicates: 0, rejected: 0 }
  constructor(private readonly onReject: OnReject) {}
  add(answer: Answer): void {
    this.counts.accepted += answer.accepted
    this.counts.duplicates += answer.duplicates
  }
  rejects(list: FileReject[]): void {
    for (const r of list) {
      this.counts.rejected++
      this.onReject(r)
    }
  }
}

export function handoffTarget(owner: Owner): Target {
  if (!owner.token) throw new HandoffError(`the server at ${owner.url} takes no hand-off (restart it to get a local token)`)
  return {
    async records(kind, records, _source, onReject) {
      const tally = new Tally(onReject)
      // a line that is not JSON is sent as it is (the server rejects and keeps it with the same
      // reason); a broken CSV row cannot be sent as a line, and is rejected here
      // rejects are passed on in the order of the records, as the pipeline does on the direct path
      let sent: Array<{ rec: RawRecord; text: string; seq: number }> = []
      let local: Array<FileReject & { seq: number }> = []
      let bytes = 0
      let seq = 0
      const flush = async () => {
        if (sent.length > 0) {
          const answer = await post(owner, `/api/v1/ingest/${kind}`, sent.map((s) => s.text).join('\n') + '\n', 'application/x-ndjson')
          if ('refused' in answer) {
            // only lines that are not JSON at all: the server keeps none of them
            for (const s of sent) local.push({ line: s.rec.line, field: s.rec.error?.field ?? '(line)', reason: s.rec.error?.reason ?? answer.refused, record: textOf(s.rec), seq: s.seq })
          } else {
            tally.add(answer)
            for (const r of answer.rejected) {
              const s = sent[r.line - 1]
              local.push({ line: s?.rec.line ?? r.line, field: r.field, reason: r.reason, record: s ? textOf(s.rec) : '', seq: s?.seq ?? 0 })
            }
          }
        }
        tally.rejects(local.sort((a, b) => a.seq - b.seq).map(({ seq: _, ...r }) => r))
        sent = []
        local = []
        bytes = 0
      }
      for await (const r of records) {
        const asLine = !r.error || (r.error.field === '(line)' && r.error.reason.startsWith('not valid JSON') && r.raw !== undefined)
        if (!asLine) {
          local.push({ line: r.line, ...r.error!, record: textOf(r), seq: seq++ })
          continue
        }
        const text = r.error ? r.raw! : JSON.stringify(r.value)
        const size = Buffer.byteLength(text) + 1
        if (sent.length >= MAX_LINES || bytes + size > CHUNK_BYTES) await flush()
        sent.push({ rec: r, text, seq: seq++ })
        bytes += size
      }
      await flush()
      return tally.counts
    },

    async sync(envelopes, _source, onReject) {
      const tally = new Tally(onReject)
      for await (const item of envelopes) {
        if (!item.envelope) {
          tally.rejects([{ line: item.line, ...item.error!, record: '' }])
          continue
        }
        const env = item.envelope
        // parts under the endpoint's limits; a reply's line is the position in the part
        let start = 0
        while (start < env.data.length || (start === 0 && env.data.length === 0)) {
          let end = start
          let bytes = 200
          while (end < env.data.length && end - start < MAX_LINES) {
            const size = Buffer.byteLength(JSON.stringify(env.data[end]) ?? 'null') + 1
            if (end > start && bytes + size > CHUNK_BYTES) break
            bytes += size
            end++
          }
          const body = JSON.stringify({ service: env.service, madonvi: env.agency, data: env.data.slice(start, end) })
          const answer = await post(owner, '/api/v1/ingest/dvcqg', body, 'application/json')
          if ('refused' in answer) {
            tally.rejects([{ line: item.line, field: '(envelope)', reason: answer.refused, record: '' }])
            break
          }
          tally.add(answer)
          tally.rejects(answer.rejected.map((r) => ({ ...r, line: r.line + start, record: cut(JSON.stringify(withoutPersonal(env.data[r.line + start - 1])) ?? '') })))
          if (end === start) break
          start = end
        }
      }
      return tally.counts
    },

    async edxml(messages, _source, onReject) {
      const tally = new Tally(onReject)
      for await (const m of messages) {
        // converted here too, for what a refused message or a reject keeps (the server converts the same way)
        const local: FileReject[] = []
        for await (const c of edxmlEvents((async function* () { yield m })())) if (c.error) local.push({ line: c.line, ...c.error, record: c.raw ?? '', file: m.file })
        if (m.text === undefined || (local.length === 1 && local[0].field === '(file)')) {
          tally.rejects(local)
          continue
        }
        const answer = await post(owner, '/api/v1/ingest/edxml', m.text, 'application/xml; charset=utf-8')
        if ('refused' in answer) {
          tally.rejects([{ line: 1, field: '(file)', reason: answer.refused, record: '', file: m.file }])
          continue
        }
        tally.add(answer)
        tally.rejects(
          answer.rejected.map((r) => {
            const i = local.findIndex((l) => l.line === r.line && l.field === r.field)
            const record = i >= 0 ? local.splice(i, 1)[0].record : ''
            return { ...r, record, file: m.file }
          }),
        )
      }
      return tally.counts
    },
  }
}
