// Opening the store for a command-line tool: refuses clearly (never waits, never corrupts)
// when a running server owns the embedded data directory.
import { config } from './config'
import { DataDirLockedError, openStore, type Store } from './db'
import { currentOwner, ownedMessage } from './owner'

export class CommandError extends Error {}

/**
 * Opens the store for a command. In embedded mode a running server's directory is refused at
 * once; a directory held by another command (say, a second import racing the first) is waited
 * for, up to waitSeconds, so that both run — one after the other — and neither is lost.
 */
export async function openForCommand(opts: { waitSeconds?: number } = {}): Promise<Store> {
  const cfg = config()
  const deadline = Date.now() + (opts.waitSeconds ?? 0) * 1000
  let told = false
  for (;;) {
    if (!cfg.CLICKHOUSE_URL) {
      const owner = currentOwner(cfg.dataDir)
      if (owner) throw new CommandError(ownedMessage(cfg.dataDir, owner))
    }
    try {
      return await openStore(cfg)
    } catch (e) {
      if (!(e instanceof DataDirLockedError) || Date.now() > deadline) throw e
      if (!told) process.stderr.write(`waiting for the other process using ${cfg.dataDir} to finish…\n`)
      told = true
      await new Promise((r) => setTimeout(r, 2000))
    }
  }
}
