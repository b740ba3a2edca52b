// npm run users -- add EMAIL --role ROLE [--scope UNIT]
// npm run users -- token NAME --role ROLE [--scope UNIT…]
// npm run users -- revoke TOKEN_ID
import { Command, Option } from 'commander'
import { AccessError, createToken, createUser, revokeToken, ROLES, type Role } from '../core/auth'
import { ConfigError } from '../core/config'
import { DataDirLockedError, StoreUnavailableError } from '../core/db'
import { CommandError, openForCommand } from '../core/open'

async function withStore<T>(fn: (s: Awaited<ReturnType<typeof openForCommand>>) => Promise<T>): Promise<T> {
  const store = await openForCommand({ waitSeconds: 120 })
  try {
    return await fn(store)
  } finally {
    await store.close()
  }
}

const program = new Command('users').description('Users and API tokens of egov-pulse')
program.exitOverride()
const roleOption = () => new Option('--role <role>', 'the role').choices([...ROLES]).makeOptionMandatory()

program
  .command('add')
  .argument('<email>')
  .addOption(roleOption())
  .option('--scope <unit>', 'a ministry agency code or a province code')
  .action(async (email: string, o: { role: Role; scope?: string }) => {
    if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw new CommandError(`not an e-mail address: ${email}`)
    const password = await withStore((s) => createUser(s, email, o.role, o.scope ?? null))
    process.stdout.write(`user ${email} (${o.role}${o.scope ? ` ${o.scope}` : ''}) created; one-time password, to change at first login:\n${password}\n`)
  })

program
  .command('token')
  .argument('<name>')
  .addOption(roleOption())
  .option('--scope <units...>', 'agency codes or a unit')
  .action(async (name: string, o: { role: Role; scope?: string[] }) => {
    const t = await withStore((s) => createToken(s, name, o.role, o.scope ?? []))
    process.stdout.write(`token ${t.id} "${name}" (${o.role}) created; it is shown once:\n${t.token}\n`)
  })

program
  .command('revoke')
  .argument('<token_id>')
  .action(async (id: string) => {
    const ok = await withStore((s) => revokeToken(s, id))
    if (!ok) throw new CommandError(`no token ${id}`)
    process.stdout.write(`token ${id} revoked\n`)
  })

try {
  await program.parseAsync(process.argv)
} catch (e) {
  const err = e as Error & { code?: string; exitCode?: number }
  if (err.code?.startsWith('commander.')) process.exit(err.exitCode === 0 ? 0 : 1)
  const known = [AccessError, ConfigError, CommandError, DataDirLockedError, StoreUnavailableError].some((k) => err instanceof k)
  process.stderr.write(`users: ${known ? err.message : `unexpected error: ${err.message}`}\n`)
  process.exit(1)
}
