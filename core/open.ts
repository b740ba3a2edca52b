// Opening the store for a command-line tool: refuses clearly (never waits, never corrupts)
// when a running server owns the embedded data directory.
import { config } from './config'
import { openStore, type Store } from './db'
import { currentOwner, ownedMessage } from './owner'

export class CommandError extends Error {}

export async function openForCommand(): Promise<Store> {
  const cfg = config()
  if (!cfg.CLICKHOUSE_URL) {
    const owner = currentOwner(cfg.dataDir)
    if (owner) throw new CommandError(ownedMessage(cfg.dataDir, owner))
  }
  return openStore(cfg)
}
