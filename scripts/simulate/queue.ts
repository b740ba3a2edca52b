// Emission queues for the generators.
//
// `TimeQueue`: a calendar queue with one bucket per minute, for the big streams. Pushing is O(1);
// a bucket is sorted (stably, by time) when its minute comes, so items come out in time order,
// ties in push order. An item pushed into the minute being drained is inserted in place. Items
// may be numbers (slots of a pool) with their time looked up by a key function.
// `Heap`: a small binary heap for the live feed and the connection stream.

export interface Timed {
  t: number
}

export class TimeQueue<T> {
  /** `key(x)`: the time of an item, in seconds (any origin). */
  constructor(private readonly key: (x: T) => number) {}
  private buckets = new Map<number, T[]>()
  private cur = -Infinity
  private arr: T[] = []
  private idx = 0
  private maxMinute = -Infinity
  size = 0

  push(x: T): void {
    this.size++
    const t = this.key(x)
    const m = Math.floor(t / 60)
    if (m <= this.cur) {
      // Into the minute being drained: after every queued item with a time ≤ t.
      const a = this.arr
      let lo = this.idx
      let hi = a.length
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        if (this.key(a[mid]) <= t) lo = mid + 1
        else hi = mid
      }
      a.splice(lo, 0, x)
      return
    }
    let b = this.buckets.get(m)
    if (!b) {
      this.buckets.set(m, (b = []))
      if (m > this.maxMinute) this.maxMinute = m
    }
    b.push(x)
  }

  /** The next item whose time is before `limit` (seconds), or undefined. */
  next(limit: number): T | undefined {
    const limitMinute = Math.floor(limit / 60)
    for (;;) {
      if (this.idx < this.arr.length) {
        const x = this.arr[this.idx]
        if (this.key(x) >= limit) return undefined
        this.idx++
        this.size--
        return x
      }
      if (this.buckets.size === 0) return undefined
      // Advance to the next minute that has items.
      let m = this.cur === -Infinity ? this.firstMinute() : this.cur + 1
      const last = Math.min(limitMinute, this.maxMinute)
      while (m <= last && !this.buckets.has(m)) m++
      if (m > last) return undefined
      this.cur = m
      this.arr = this.buckets.get(m)!
      this.buckets.delete(m)
      this.idx = 0
      if (this.arr.length > 1) this.arr = this.sorted(this.arr)
    }
  }

  /** Everything still queued, in order. */
  *drainAll(): Generator<T> {
    for (let x = this.next(Infinity); x !== undefined; x = this.next(Infinity)) yield x
  }

  /**
   * A bucket in time order, ties in push order: each item's (whole-second) time and position
   * packed into one double (time × 2^21 + position, exact below 2^53) and the doubles sorted
   * numerically, which is much faster than sorting with a comparator.
   */
  private sorted(a: T[]): T[] {
    const n = a.length
    const packed = new Float64Array(n)
    for (let i = 0; i < n; i++) packed[i] = Math.floor(this.key(a[i])) * POSITIONS + i
    packed.sort()
    const out = new Array<T>(n)
    for (let i = 0; i < n; i++) {
      const v = packed[i]
      out[i] = a[v - Math.floor(v / POSITIONS) * POSITIONS]
    }
    return out
  }

  private firstMinute(): number {
    let m = Infinity
    for (const k of this.buckets.keys()) if (k < m) m = k
    return m
  }
}

/** Positions within a bucket (2^21: far more than a minute ever holds). */
const POSITIONS = 2 ** 21

/** The key of items that carry their time. */
export const timeOf = (x: Timed) => x.t

interface HeapItem<T> {
  k: number
  s: number
  v: T
}

/** Min-heap on (key, insertion order): stable and deterministic. */
export class Heap<T> {
  private a: HeapItem<T>[] = []
  private n = 0
  get size(): number {
    return this.a.length
  }
  push(k: number, v: T): void {
    const a = this.a
    const item = { k, s: this.n++, v }
    let i = a.length
    a.push(item)
    while (i > 0) {
      const p = (i - 1) >> 1
      if (less(a[p], item)) break
      a[i] = a[p]
      i = p
    }
    a[i] = item
  }
  peekKey(): number {
    return this.a.length ? this.a[0].k : Infinity
  }
  pop(): T {
    const a = this.a
    const top = a[0]
    const last = a.pop()!
    if (a.length) {
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        if (l >= a.length) break
        const r = l + 1
        const c = r < a.length && less(a[r], a[l]) ? r : l
        if (less(last, a[c])) break
        a[i] = a[c]
        i = c
      }
      a[i] = last
    }
    return top.v
  }
}

function less<T>(x: HeapItem<T>, y: HeapItem<T>): boolean {
  return x.k < y.k || (x.k === y.k && x.s < y.s)
}
