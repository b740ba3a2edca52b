// A page as a PDF: Debian's Chromium (the one .ci/run installs, /usr/bin/chromium) opens the page
// with the caller's own credentials and prints it to A4, with the date made, the partial-index
// note and page numbers in the footer. Text stays text, so every diacritic survives (pdftotext).
import { chromium } from 'playwright-core'

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

export async function pagePdf(o: { url: string; headers: Record<string, string>; footerLeft: string; footerRight: string; pageWord: string }): Promise<Buffer> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS })
  try {
    const ctx = await browser.newContext({ extraHTTPHeaders: o.headers })
    const page = await ctx.newPage()
    const res = await page.goto(o.url, { waitUntil: 'load' })
    if (!res || res.status() !== 200) throw new Error(`the brief answered ${res?.status() ?? 'nothing'}`)
    await page.emulateMedia({ media: 'print' })
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      margin: { top: '12mm', bottom: '16mm', left: '10mm', right: '10mm' },
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: `<div style="font-size:7px;width:100%;padding:0 10mm;display:flex;justify-content:space-between;gap:8px;font-family:'Noto Sans','DejaVu Sans',Arial,sans-serif;color:#444"><span style="max-width:75%">${esc(o.footerLeft)}</span><span>${esc(o.footerRight)} · ${esc(o.pageWord)} <span class="pageNumber"></span>/<span class="totalPages"></span></span></div>`,
    })
  } finally {
    await browser.close()
  }
}
