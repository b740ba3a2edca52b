// /bao-cao.pdf: the meeting brief (/bao-cao, same query) printed to an A4 PDF by Chromium, with
// the caller's own credentials, so scope is judged exactly as for the page.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { dict } from '~/i18n'
import { requireAggregates } from '~/lib/access.server'
import { requirePageUser } from '~/lib/auth.server'
import { HttpError } from '~/lib/http.server'
import { pageLang } from '~/lib/lang.server'
import { pagePdf } from '~/lib/pdf.server'
import { fmtDateTime } from '~/components/Time'
import { chTime, isoVn } from '~/lib/domain'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePageUser(request)
  requireAggregates(user)
  const url = new URL(request.url)
  const t = dict(pageLang(request))
  const target = new URL(`/bao-cao${url.search}`, url.origin)
  if (!target.searchParams.get('lang')) target.searchParams.set('lang', t.lang)
  const headers: Record<string, string> = {}
  for (const h of ['cookie', 'authorization']) {
    const v = request.headers.get(h)
    if (v) headers[h] = v
  }
  let pdf: Buffer
  try {
    pdf = await pagePdf({
      url: target.toString(),
      headers,
      footerLeft: t.indexNote,
      footerRight: t.briefMade(fmtDateTime(isoVn(chTime(new Date()).slice(0, 26)))),
      pageWord: t.page,
    })
  } catch (e) {
    console.error('pdf:', (e as Error).message)
    throw new HttpError(503, 'the PDF could not be made: a headless Chromium is needed (/usr/bin/chromium)')
  }
  return new Response(new Uint8Array(pdf), {
    headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': `inline; filename="bao-cao-${url.searchParams.get('unit') ?? 'vn'}.pdf"`, 'Cache-Control': 'no-store' },
  })
}
