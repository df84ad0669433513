/**
 * A binary min-heap of timed events for the simulator. Events at the same time leave in the
 * order they were pushed, so a run is deterministic.
 */
interface Entry<T> { at: number; seq: number; value: T }

export class EventHeap<T> {
  private readonly items: Entry<T>[] = []
  private seq = 0

  get size(): number {
    return this.items.length
  }

  push(at: number, value: T): void {
    const items = this.items
    items.push({ at, seq: this.seq++, value })
    let i = items.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!before(items[i], items[parent])) break
      ;[items[i], items[parent]] = [items[parent], items[i]]
      i = parent
    }
  }

  pop(): { at: number; value: T } | undefined {
    const items = this.items
    const top = items[0]
    if (!top) return undefined
    const last = items.pop()!
    if (items.length > 0) {
      items[0] = last
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        const r = l + 1
        let smallest = i
        if (l < items.length && before(items[l], items[smallest])) smallest = l
        if (r < items.length && before(items[r], items[smallest])) smallest = r
        if (smallest === i) break
        ;[items[i], items[smallest]] = [items[smallest], items[i]]
        i = smallest
      }
    }
    return { at: top.at, value: top.value }
  }
}

const before = <T>(a: Entry<T>, b: Entry<T>) => a.at < b.at || (a.at === b.at && a.seq < b.seq)
