// Seeded randomness for the simulator: mulberry32 (state is one number, so a live feed can
// carry it) and string hashes for values fixed by a name (an agency's quality, a day's noise).

export class Rng {
  s: number
  constructor(seed: number) {
    this.s = seed >>> 0
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0)
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  range(a: number, b: number): number {
    return a + (b - a) * this.next()
  }
  /** Integer in [a, b], both included. */
  int(a: number, b: number): number {
    return a + Math.floor((b - a + 1) * this.next())
  }
  chance(p: number): boolean {
    return this.next() < p
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]
  }
  normal(): number {
    const u = 1 - this.next()
    const v = this.next()
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
  }
  expo(mean: number): number {
    return -mean * Math.log(1 - this.next())
  }
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal())
  }
  poisson(lambda: number): number {
    if (lambda <= 0) return 0
    if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()))
    const l = Math.exp(-lambda)
    let k = 0
    let p = 1
    do {
      k++
      p *= this.next()
    } while (p > l)
    return k - 1
  }
}

export function hashStr(s: string): number {
  let h = 2166136261
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 16777619)
  }
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  return h >>> 0
}

/** A number in [0, 1) fixed by its parts. */
export function hashFrac(...parts: (string | number)[]): number {
  return hashStr(parts.join('|')) / 4294967296
}

export function cumulative(ws: readonly number[]): Float64Array {
  const c = new Float64Array(ws.length)
  let s = 0
  for (let i = 0; i < ws.length; i++) c[i] = s += ws[i]
  return c
}

/** Index of the first cumulative value above x. */
export function pickCum(cum: Float64Array, x: number): number {
  let lo = 0
  let hi = cum.length - 1
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (cum[mid] > x) hi = mid
    else lo = mid + 1
  }
  return lo
}

export const clamp = (x: number, a: number, b: number) => Math.min(b, Math.max(a, x))
export const pad = (n: number, w: number) => String(n).padStart(w, '0')
