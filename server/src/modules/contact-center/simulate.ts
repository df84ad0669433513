/**
 * Discrete-event simulation of one FIFO queue with N identical agents, Poisson arrivals,
 * exponential handle times and (optionally) exponential patience. Under FIFO a caller's start
 * time depends only on when agents free up from the callers served before them, so a min-heap
 * of agent free times replays the queue exactly; an abandoning caller frees nothing.
 * Seeded (the demo data's mulberry32): the same inputs give the same answer. 95% half-widths come from batch
 * means over 20 batches after a 10% warm-up.
 */
import { Mulberry32 } from '../seed/demo-random.js'
import type { QueueFigures, QueueInputs } from './erlang.js'

export interface SimulationInputs extends QueueInputs { calls: number; seed: number }
export interface SimulationResult extends QueueFigures { ci: { pWait: number; asaSeconds: number; serviceLevel: number; pAbandon: number } }

const BATCHES = 20
/** Student t, 97.5% quantile, 19 degrees of freedom. */
const T_19 = 2.093

/** A binary min-heap of numbers (agent free times). */
class MinHeap {
  private readonly items: number[]
  constructor(size: number) { this.items = new Array<number>(size).fill(0) }
  peek(): number { return this.items[0] }
  replaceTop(value: number): void {
    const items = this.items
    let i = 0
    items[0] = value
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let smallest = i
      if (l < items.length && items[l] < items[smallest]) smallest = l
      if (r < items.length && items[r] < items[smallest]) smallest = r
      if (smallest === i) return
      ;[items[i], items[smallest]] = [items[smallest], items[i]]
      i = smallest
    }
  }
}

interface Batch { calls: number; waited: number; answered: number; answeredWait: number; withinSl: number; abandoned: number }

export function simulate(input: SimulationInputs): SimulationResult {
  const rng = new Mulberry32(input.seed)
  const random = () => rng.float()
  const exponential = (mean: number) => -Math.log(1 - random()) * mean
  const meanGap = 3600 / input.arrivalRatePerHour
  const agents = new MinHeap(input.agents)
  const warmup = Math.floor(input.calls * 0.1)
  const measured = input.calls - warmup
  const batchSize = Math.max(1, Math.floor(measured / BATCHES))
  const batches: Batch[] = Array.from({ length: BATCHES }, () => ({ calls: 0, waited: 0, answered: 0, answeredWait: 0, withinSl: 0, abandoned: 0 }))
  let clock = 0
  let busy = 0
  let measuredFrom = 0
  for (let i = 0; i < input.calls; i++) {
    clock += exponential(meanGap)
    const handle = exponential(input.meanHandleSeconds)
    const patience = input.meanPatienceSeconds === undefined ? Infinity : exponential(input.meanPatienceSeconds)
    const free = agents.peek()
    const start = Math.max(clock, free)
    const wait = start - clock
    const abandons = wait > patience
    if (!abandons) agents.replaceTop(start + handle)
    if (i === warmup) measuredFrom = clock
    if (i < warmup) continue
    if (!abandons) busy += handle
    const batch = batches[Math.min(BATCHES - 1, Math.floor((i - warmup) / batchSize))]
    batch.calls++
    if (wait > 0 && !abandons) batch.waited++
    if (abandons) {
      batch.abandoned++
      batch.waited++
    } else {
      batch.answered++
      batch.answeredWait += wait
      if (wait <= input.serviceLevelSeconds) batch.withinSl++
    }
  }
  const sum = (pick: (b: Batch) => number) => batches.reduce((s, b) => s + pick(b), 0)
  const calls = sum((b) => b.calls)
  const answered = sum((b) => b.answered)
  const ratio = (num: (b: Batch) => number, den: (b: Batch) => number) => {
    const overall = sum(den) ? sum(num) / sum(den) : 0
    const values = batches.filter((b) => den(b) > 0).map((b) => num(b) / den(b))
    const mean = values.reduce((s, v) => s + v, 0) / values.length
    const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, values.length - 1)
    return { value: overall, half: (T_19 * Math.sqrt(variance)) / Math.sqrt(values.length) }
  }
  const pWait = ratio((b) => b.waited, (b) => b.calls)
  const asa = ratio((b) => b.answeredWait, (b) => b.answered)
  const sl = ratio((b) => b.withinSl, (b) => b.calls)
  const abandon = ratio((b) => b.abandoned, (b) => b.calls)
  // Busy time is counted by call; over a long run it is the work offered to agents.
  const elapsed = clock - measuredFrom
  return {
    pWait: pWait.value, asaSeconds: answered ? asa.value : 0, serviceLevel: sl.value, pAbandon: abandon.value,
    occupancy: calls && elapsed > 0 ? Math.min(1, busy / (input.agents * elapsed)) : 0,
    ci: { pWait: pWait.half, asaSeconds: asa.half, serviceLevel: sl.half, pAbandon: abandon.half },
  }
}
