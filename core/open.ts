// Opening the store for a command-line tool or the server in embedded mode. The engine's own
// lock decides who owns the data directory (core/owner.ts): a command that finds it locked by a
// running server refuses clearly (or, for import, hands its files to that server); locked by
// anything else (another command, a server still dying) it waits, then opens.
import { config } from './config'
import { DataDirLockedError, openStore, type Store } from './db'
import { currentOwner, ownedMessage, type Owner } from './owner'

export class CommandError extends Error {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * The store, or the running server that holds the embedded data directory. A lock held by
 * anything but a live server is waited for, up to waitSeconds, polled every pollMs.
 */
export async function openOrFindServer(opts: { waitSeconds?: number; pollMs?: number; onWait?: () => void } = {}): Promise<{ store: Store } | { owner: Owner }> {
  const cfg = config()
  const deadline = Date.now() + (opts.waitSeconds ?? 0) * 1000
  let told = false
  for (;;) {
    try {
      return { store: await openStore(cfg) }
    } catch (e) {
      if (!(e instanceof DataDirLockedError)) throw e
      const owner = currentOwner(cfg.dataDir)
      if (owner) return { owner }
      if (Date.now() > deadline) throw e
      if (!told) opts.onWait?.()
      told = true
      await sleep(opts.pollMs ?? 500)
    }
  }
}

/**
 * Opens the store for a command. In embedded mode a running server's directory is refused at
 * once; a directory held by another command (say, a second import racing the first) is waited
 * for, up to waitSeconds, so that both run — one after the other — and neither is lost.
 */
export async function openForCommand(opts: { waitSeconds?: number } = {}): Promise<Store> {
  const cfg = config()
  const r = await openOrFindServer({
    waitSeconds: opts.waitSeconds,
    onWait: () => process.stderr.write(`waiting for the other process using ${cfg.dataDir} to finish…\n`),
  })
  if ('owner' in r) throw new CommandError(ownedMessage(cfg.dataDir, r.owner))
  return r.store
}
