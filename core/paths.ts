// Where the project's own files are (sql/, reference/), whether running from source (tsx),
// from the Remix server build, or from a test: the nearest folder up from the working
// directory whose package.json is this project's.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'

let root: string | undefined

export function projectRoot(): string {
  if (root) return root
  let dir = process.cwd()
  for (;;) {
    const pkg = path.join(dir, 'package.json')
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'egov-pulse') return (root = dir)
    const up = path.dirname(dir)
    if (up === dir) throw new Error('run egov-pulse from its project folder (no package.json named egov-pulse above the working directory)')
    dir = up
  }
}
