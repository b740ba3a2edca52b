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

/**
 * The arguments after `node` that start the production server, taken from `npm start` (the
 * one place they are written, with the V8 heap limit: README, "Memory"), so that the bench, the
 * soak and the tests run the server exactly as operators do.
 */
export function serverNodeArgs(): string[] {
  const start: unknown = JSON.parse(readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')).scripts?.start
  const words = typeof start === 'string' ? start.trim().split(/\s+/) : []
  if (words[0] !== 'node' || !words.includes('server.ts')) throw new Error(`package.json's start script should be "node … server.ts", got ${JSON.stringify(start)}`)
  return words.slice(1)
}
