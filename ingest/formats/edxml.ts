// edXML of QCVN 102:2016/BTTTT, turned into document events exactly as national-formats.md §2
// says: a status message (edXMLEnvelope › MessageHeader with a StatusCode, or a SOAP envelope ›
// Header › Status) is one event; a document message is one `00` event per recipient.
//
// Safe by construction: saxes never fetches anything and never expands entity declarations; a
// DOCTYPE (where any DTD or entity declaration must sit) stops the parse the moment it is seen,
// an undefined entity reference is a well-formedness error, and the body is parsed for
// well-formedness only (nothing of it is kept).
import { SaxesParser, type SaxesTagNS } from 'saxes'
import type { ValidateContext } from '../validate'
import { checkEvent, refused, type Converted, type FieldMap } from './convert'
import { compactOf, isoOf, parseSlashDate, parseSlashTimestamp } from './vntime'

export const QCVN_102 = 'http://www.mic.gov.vn/TBT/QCVN_102_2016'
export const SOAP_ENV = 'http://schemas.xmlsoap.org/soap/envelope/'

/** A message refused whole: 400 over HTTP, one reject for the file on import. */
export class XmlRefusal extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message)
  }
}

interface El {
  local: string
  uri: string
  line: number
  children: El[]
  text: string
}

/** Bodies and attachments are checked for well-formedness, not kept. */
const skipped = (t: SaxesTagNS) => (t.local === 'edXMLBody' && t.uri === QCVN_102) || (t.local === 'Body' && t.uri === SOAP_ENV)
const NOT_BLANK = /\S/

/** The element tree of a message's headers (elements by local name and namespace, with their lines). */
export function parseXml(xml: string): El {
  const parser = new SaxesParser({ xmlns: true, position: true })
  const stack: El[] = []
  let root: El | null = null
  let skipping = 0
  parser.on('doctype', () => {
    throw new XmlRefusal('the message declares a DTD (DOCTYPE): refused unread, since DTDs and entity declarations are never processed', parser.line)
  })
  parser.on('error', (e) => {
    throw new XmlRefusal(`not well-formed XML: ${e.message}`, parser.line)
  })
  parser.on('opentag', (tag) => {
    const t = tag as SaxesTagNS
    if (skipping > 0) {
      if (!t.isSelfClosing) skipping++
      return
    }
    const el: El = { local: t.local, uri: t.uri, line: parser.line, children: [], text: '' }
    if (stack.length === 0) root = el
    else stack[stack.length - 1].children.push(el)
    if (skipped(t)) {
      if (!t.isSelfClosing) skipping = 1
      return
    }
    if (!t.isSelfClosing) stack.push(el)
  })
  parser.on('closetag', (tag) => {
    if (skipping > 0) {
      if (!(tag as SaxesTagNS).isSelfClosing) skipping--
      return
    }
    if (!(tag as SaxesTagNS).isSelfClosing) stack.pop()
  })
  const onText = (t: string) => {
    // indentation between elements is not kept (values are trimmed anyway)
    if (skipping === 0 && stack.length > 0 && NOT_BLANK.test(t)) stack[stack.length - 1].text += t
  }
  parser.on('text', onText)
  parser.on('cdata', onText)
  parser.write(xml).close()
  if (!root) throw new XmlRefusal('not well-formed XML: no root element', 1)
  return root
}

// ---------------------------------------------------------------------------------------------
// Finding elements by local name, in any order.

class Missing {
  constructor(
    readonly path: string,
    readonly reason: string,
    readonly line: number,
  ) {}
}

/** A node of the message with the path it is reported by (`MessageHeader/From`). */
interface At {
  el: El
  path: string
  /** Namespaces its children may be in. */
  ns: readonly string[]
}

const QCVN_ONLY = [QCVN_102]
/** Status and its children: some systems bind the edXML prefix to the SOAP namespace there. */
const STATUS_NS = [QCVN_102, SOAP_ENV]

const join = (path: string, name: string) => (path ? `${path}/${name}` : name)

function all(at: At, name: string): At[] {
  const out: At[] = []
  for (const c of at.el.children) {
    if (c.local !== name) continue
    if (!at.ns.includes(c.uri)) throw new XmlRefusal(`element ${join(at.path, name)} is in ${c.uri ? `the namespace ${c.uri}` : 'no namespace'}, not QCVN 102's (${QCVN_102})`, c.line)
    out.push({ el: c, path: join(at.path, name), ns: at.ns })
  }
  return out
}

const one = (at: At, name: string): At | null => all(at, name)[0] ?? null

function oneOf(at: At, names: string[]): At | null {
  for (const n of names) {
    const f = one(at, n)
    if (f) return f
  }
  return null
}

/** The trimmed text of the element at a path below `at`; null when absent or empty. */
function value(at: At, ...path: string[]): { text: string; line: number } | null {
  let cur: At | null = at
  for (const step of path) {
    cur = cur && one(cur, step)
    if (!cur) return null
  }
  const t = cur!.el.text.trim()
  return t === '' ? null : { text: t, line: cur!.el.line }
}

/** The element's text, or a Missing naming the path and the line of the nearest element found. */
function required(at: At, ...path: string[]): { text: string; line: number } {
  const v = value(at, ...path)
  if (v) return v
  let cur: At = at
  for (const step of path) {
    const next = one(cur, step)
    if (!next) break
    cur = next
  }
  return fail(join(at.path, path.join('/')), 'required element is missing or empty', cur.el.line)
}

function fail(path: string, reason: string, line: number): never {
  throw new Missing(path, reason, line)
}

function timestamp(v: { text: string; line: number }, path: string) {
  const t = parseSlashTimestamp(v.text)
  if (!t) fail(path, `must be a timestamp yyyy/MM/dd HH:mm:ss or dd/MM/yyyy HH:mm:ss (Asia/Ho_Chi_Minh), got ${JSON.stringify(v.text).slice(0, 40)}`, v.line)
  return { iso: isoOf(t), compact: compactOf(t) }
}

// ---------------------------------------------------------------------------------------------

export interface EdxmlContext {
  validate: ValidateContext
}

const recordText = (values: Record<string, string | null | undefined>): string => JSON.stringify(values)

/** A status message (recipient's report): one event. `base` is MessageHeader or SOAP Status. */
function statusEvents(base: At, ctx: EdxmlContext): Converted[] {
  const p = base.path
  const kept: Record<string, string | null> = {}
  const get = (...path: string[]) => {
    const v = required(base, ...path)
    kept[path.join('/')] = v.text
    return v
  }
  try {
    const doc = get('ResponseFor', 'DocumentId')
    const from = get('ResponseFor', 'OrganId')
    const to = get('From', 'OrganId')
    const code = get('StatusCode')
    const ts = get('Timestamp')
    const when = timestamp(ts, `${p}/Timestamp`)
    const fields: FieldMap = {
      event_id: `${p}/ResponseFor/DocumentId`,
      document_id: `${p}/ResponseFor/DocumentId`,
      from_agency: `${p}/ResponseFor/OrganId`,
      to_agency: `${p}/From/OrganId`,
      status: `${p}/StatusCode`,
      occurred_at: `${p}/Timestamp`,
    }
    const lines: Record<string, number> = { event_id: doc.line, document_id: doc.line, from_agency: from.line, to_agency: to.line, status: code.line, occurred_at: ts.line }
    const event = {
      event_id: `edxml:${doc.text}:${to.text}:${code.text}:${when.compact}`,
      document_id: doc.text,
      from_agency: from.text,
      to_agency: to.text,
      status: code.text,
      occurred_at: when.iso,
    }
    return [checkEvent('document', event, code.line, fields, () => recordText(kept), ctx.validate, (f) => lines[f] ?? code.line).converted]
  } catch (e) {
    if (e instanceof Missing) return [refused(e.line, e.path, e.reason, recordText(kept))]
    throw e
  }
}

/** A document message (the send itself): one `00` event per recipient. */
function documentEvents(header: At, mh: At, ctx: EdxmlContext): Converted[] {
  const recipients = all(mh, 'To')
  const kept: Record<string, string | null> = {}
  const everyRecipient = (e: Missing): Converted[] => {
    const raw = recordText(kept)
    return Array.from({ length: Math.max(1, recipients.length) }, () => refused(e.line, e.path, e.reason, raw))
  }
  let shared
  try {
    const from = required(mh, 'From', 'OrganId')
    kept['From/OrganId'] = from.text
    let doc = value(mh, 'DocumentId')
    if (!doc) {
      // No DocumentId: it is made as QCVN 102 defines it, issuer,date,number/notation.
      const why = 'required when MessageHeader/DocumentId is absent'
      const need = (...path: string[]) => value(mh, ...path) ?? fail(`${mh.path}/${path.join('/')}`, why, (one(mh, path[0]) ?? mh).el.line)
      const date = need('PromulgationInfo', 'PromulgationDate')
      const number = need('Code', 'CodeNumber')
      const notation = need('Code', 'CodeNotation')
      const d = parseSlashDate(date.text) ?? fail(`${mh.path}/PromulgationInfo/PromulgationDate`, `must be a date yyyy/MM/dd or dd/MM/yyyy, got ${JSON.stringify(date.text).slice(0, 40)}`, date.line)
      doc = { text: `${from.text},${d.y}/${d.mo}/${d.d},${number.text}/${notation.text}`, line: date.line }
    }
    kept.DocumentId = doc.text
    const list = one(header, 'TraceHeaderList') ?? one(mh, 'TraceHeaderList')
    if (!list) fail('TraceHeaderList/TraceHeader/Timestamp', 'required element is missing (the sender’s TraceHeader gives the time of the send)', header.el.line)
    const sender = all(list, 'TraceHeader').find((t) => value(t, 'OrganId')?.text === from.text)
    if (!sender) fail(`${list.path}/TraceHeader/Timestamp`, `no TraceHeader of the sender (OrganId ${from.text}) gives the time of the send`, list.el.line)
    const ts = required(sender, 'Timestamp')
    kept.Timestamp = ts.text
    const when = timestamp(ts, `${list.path}/TraceHeader/Timestamp`)
    const business = oneOf(list, ['Bussiness', 'Business'])
    const typeAt = business ? oneOf(business, ['BussinessDocType', 'BusinessDocType']) : null
    const typeText = typeAt?.el.text.trim() || null
    kept.BussinessDocType = typeText
    let business_type: number | null = null
    if (typeText !== null) {
      if (!/^\d{1,3}$/.test(typeText)) fail(typeAt!.path, `must be an integer from 0 to 3, got ${JSON.stringify(typeText).slice(0, 40)}`, typeAt!.el.line)
      business_type = Number(typeText)
    }
    const dueAt = value(mh, 'DueDate')
    kept.DueDate = dueAt?.text ?? null
    let due_at: string | null = null
    if (dueAt) {
      // A date (some systems add a time): the deadline is the end of that day.
      const d = parseSlashDate(dueAt.text) ?? parseSlashTimestamp(dueAt.text)
      if (!d) fail(`${mh.path}/DueDate`, `must be a date yyyy/MM/dd or dd/MM/yyyy, got ${JSON.stringify(dueAt.text).slice(0, 40)}`, dueAt.line)
      due_at = isoOf({ y: d.y, mo: d.mo, d: d.d, h: '23', mi: '59', s: '59' })
    }
    if (recipients.length === 0) fail(`${mh.path}/To/OrganId`, 'the message names no recipient (To)', mh.el.line)
    shared = {
      from,
      doc,
      when,
      business_type,
      due_at,
      ts,
      lines: { event_id: doc.line, document_id: doc.line, from_agency: from.line, occurred_at: ts.line, business_type: typeAt?.el.line ?? ts.line, due_at: dueAt?.line ?? mh.el.line } as Record<string, number>,
      fields: {
        event_id: `${mh.path}/DocumentId`,
        document_id: `${mh.path}/DocumentId`,
        from_agency: `${mh.path}/From/OrganId`,
        to_agency: `${mh.path}/To/OrganId`,
        status: `${mh.path}/StatusCode`,
        occurred_at: `${list.path}/TraceHeader/Timestamp`,
        business_type: typeAt?.path ?? `${list.path}/Bussiness/BussinessDocType`,
        due_at: `${mh.path}/DueDate`,
      } as FieldMap,
    }
  } catch (e) {
    if (e instanceof Missing) return everyRecipient(e)
    throw e
  }
  return recipients.map((to) => {
    const organ = value(to, 'OrganId')
    const raw = () => recordText({ ...kept, 'To/OrganId': organ?.text ?? null })
    if (!organ) return refused(to.el.line, `${to.path}/OrganId`, 'required element is missing or empty', raw())
    const event = {
      event_id: `edxml:${shared.doc.text}:${organ.text}:00`,
      document_id: shared.doc.text,
      from_agency: shared.from.text,
      to_agency: organ.text,
      status: '00',
      occurred_at: shared.when.iso,
      business_type: shared.business_type,
      due_at: shared.due_at,
    }
    return checkEvent('document', event, organ.line, shared.fields, raw, ctx.validate, (f) => (f === 'to_agency' ? organ.line : (shared.lines[f] ?? organ.line))).converted
  })
}

/**
 * The events of one edXML message (its text), or an XmlRefusal for a message refused whole:
 * not well-formed, a DTD or entity declaration, another namespace, or not an edXML message.
 */
export function messageEvents(xml: string, ctx: EdxmlContext): Converted[] {
  const root = parseXml(xml)
  try {
    if (root.local === 'edXMLEnvelope' && root.uri === QCVN_102) {
      const top: At = { el: root, path: '', ns: QCVN_ONLY }
      const header = one(top, 'edXMLHeader')
      if (!header) fail('edXMLHeader', 'required element is missing', root.line)
      const mh = one(header, 'MessageHeader')
      if (!mh) fail('MessageHeader', 'required element is missing', header.el.line)
      const base: At = { ...mh, path: 'MessageHeader' }
      if (one(base, 'StatusCode')) return statusEvents(base, ctx)
      return documentEvents({ ...header, path: '' }, base, ctx)
    }
    if (root.local === 'Envelope' && root.uri === SOAP_ENV) {
      const top: At = { el: root, path: '', ns: [SOAP_ENV] }
      const header = one(top, 'Header')
      const status = header && one({ ...header, ns: STATUS_NS }, 'Status')
      if (!status) throw new XmlRefusal('a SOAP envelope without an edXML Status in its Header is not a message of QCVN 102', header?.el.line ?? root.line)
      return statusEvents({ el: status.el, path: 'Status', ns: STATUS_NS }, ctx)
    }
  } catch (e) {
    if (e instanceof Missing) return [refused(e.line, e.path, e.reason, '')]
    throw e
  }
  const where = root.uri ? `the namespace ${root.uri}` : 'no namespace'
  throw new XmlRefusal(`the root element ${root.local} in ${where} is not an edXML message (edXMLEnvelope of ${QCVN_102}, or a SOAP envelope with a Status)`, root.line)
}
