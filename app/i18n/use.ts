// The page's dictionary, from the language the root loader chose (?lang=, cookie, else Vietnamese).
import { useRouteLoaderData } from '@remix-run/react'
import { dict, type Dict, type Lang } from './index'

export function useLang(): Lang {
  const d = useRouteLoaderData<{ lang?: Lang }>('root')
  return d?.lang === 'en' ? 'en' : 'vi'
}

export function useT(): Dict {
  return dict(useLang())
}
