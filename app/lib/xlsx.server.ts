// XLSX exports (interfaces.md): one sheet; a title row with the period and the partial-index note;
// a frozen header row; counts as numbers; rates as fractions with a percentage number format.
import ExcelJS from 'exceljs'

export interface XlsxColumn {
  key: string
  header: string
}

const isRate = (key: string) => /_rate$/.test(key) || key === 'plan' || key === 'previous_plan'

/** The workbook's bytes: row 1 the title, row 2 the headers (frozen with the title), then the rows. */
export async function xlsxBytes(opts: { sheet: string; title: string; columns: XlsxColumn[]; rows: readonly object[] }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.creator = 'egov-pulse'
  wb.created = new Date()
  const ws = wb.addWorksheet(opts.sheet.slice(0, 31), { views: [{ state: 'frozen', ySplit: 2 }] })
  const n = Math.max(1, opts.columns.length)
  ws.addRow([opts.title])
  ws.mergeCells(1, 1, 1, n)
  const title = ws.getRow(1)
  title.font = { bold: true }
  title.alignment = { wrapText: true, vertical: 'top' }
  title.height = 48
  const head = ws.addRow(opts.columns.map((c) => c.header))
  head.font = { bold: true }
  for (const r of opts.rows) {
    const rec = r as Record<string, unknown>
    ws.addRow(opts.columns.map((c) => cell(rec[c.key])))
  }
  opts.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1)
    col.width = Math.min(40, Math.max(10, c.header.length + 2))
    if (isRate(c.key)) col.numFmt = '0.0%'
    else if (/_days$|^index$|^previous_index$|avg_days/.test(c.key)) col.numFmt = '0.00'
  })
  // the title's own number format stays general
  ws.getCell(1, 1).numFmt = 'General'
  return Buffer.from(await wb.xlsx.writeBuffer())
}

function cell(v: unknown): ExcelJS.CellValue {
  if (v === null || v === undefined) return null
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v
  return JSON.stringify(v)
}

export function xlsxResponse(bytes: Buffer, filename: string): Response {
  return new Response(new Uint8Array(bytes), {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'no-store',
    },
  })
}
