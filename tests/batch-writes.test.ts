// A dossier batch's aggregate writes run two at a time (ingest/dossier-batch.ts#inTurns): every item
// is written once, never more than `width` at once, and a failure is thrown only once every write
// under way has ended (the repair it starts must never meet a write still running).
import { describe, expect, it } from 'vitest'
import { inTurns } from '../ingest/dossier-batch'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('aggregate writes, two at a time', () => {
  it('writes every item once, at most two at once', async () => {
    let running = 0
    let most = 0
    const done: number[] = []
    await inTurns([1, 2, 3, 4, 5, 6, 7], 2, async (x) => {
      most = Math.max(most, ++running)
      await sleep(x % 3 === 0 ? 30 : 5)
      done.push(x)
      running--
    })
    expect(most).toBe(2)
    expect([...done].sort()).toEqual([1, 2, 3, 4, 5, 6, 7])
  })

  it('throws the first failure only after the write beside it has ended, and the other lane finishes its items', async () => {
    const ended: string[] = []
    const run = inTurns(['slow', 'fails', 'after'], 2, async (x) => {
      if (x === 'fails') {
        await sleep(5)
        throw new Error('simulated crash')
      }
      await sleep(x === 'slow' ? 60 : 5)
      ended.push(x)
    })
    await expect(run).rejects.toThrow('simulated crash')
    expect(ended).toEqual(['slow', 'after'])
  })
})
