/** The p-quantile of xs, the value at rank floor(p × n) of the sorted list (NaN when there are none). */
export const quantile = (xs: number[], p: number) => {
  const a = [...xs].sort((x, y) => x - y)
  return a.length === 0 ? NaN : a[Math.min(Math.floor(p * a.length), a.length - 1)]
}
