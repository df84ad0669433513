/**
 * Queueing formulas for staffing a single-skill queue with Poisson arrivals and exponential
 * handle times. Erlang C: callers wait forever (M/M/N). Erlang A: callers hang up after an
 * exponential patience (M/M/N+M, Garnett–Mandelbaum–Reiman 2002). All times in seconds.
 */

export interface QueueInputs {
  arrivalRatePerHour: number
  meanHandleSeconds: number
  agents: number
  /** Mean patience; absent = callers never abandon (Erlang C). */
  meanPatienceSeconds?: number
  serviceLevelSeconds: number
}

export interface QueueFigures {
  /** Share of callers who wait at all. */
  pWait: number
  /** Mean wait of answered callers. */
  asaSeconds: number
  /** Share of all callers answered within serviceLevelSeconds (null where no closed form is used). */
  serviceLevel: number | null
  pAbandon: number
  /** Share of agent time spent handling calls. */
  occupancy: number
}

/** Erlang B blocking probability for `agents` servers and `load` Erlangs, by the stable recursion. */
export function erlangB(agents: number, load: number): number {
  let b = 1
  for (let k = 1; k <= agents; k++) b = (load * b) / (k + load * b)
  return b
}

/** Erlang C: probability of waiting, ASA, service level and occupancy. Requires load < agents. */
export function erlangC(input: QueueInputs): QueueFigures {
  const lambda = input.arrivalRatePerHour / 3600
  const mu = 1 / input.meanHandleSeconds
  const load = lambda / mu
  const n = input.agents
  if (load >= n - 1e-9) throw new RangeError(`the offered load (${load.toFixed(2)} Erlangs) needs more than ${n} agents: without abandonment the queue grows without bound`)
  const b = erlangB(n, load)
  const pWait = (n * b) / (n - load * (1 - b))
  const drain = n * mu - lambda
  return {
    pWait,
    asaSeconds: pWait / drain,
    serviceLevel: 1 - pWait * Math.exp(-drain * input.serviceLevelSeconds),
    pAbandon: 0,
    occupancy: load / n,
  }
}

/** A(x, y) = 1 + y/(x+1) + y²/((x+1)(x+2)) + … (a scaled incomplete gamma ratio). */
function scaledGammaRatio(x: number, y: number): number {
  let sum = 1
  let term = 1
  for (let k = 1; k < 100_000; k++) {
    term *= y / (x + k)
    sum += term
    if (term < sum * 1e-15 && x + k > y) break
  }
  return sum
}

/**
 * Erlang A. P(wait) and P(abandon) are closed forms; the mean wait of answered callers comes
 * from E[W] = P(abandon)/θ for all callers and E[W | abandoned], integrated numerically.
 */
export function erlangA(input: QueueInputs & { meanPatienceSeconds: number }): QueueFigures {
  const lambda = input.arrivalRatePerHour / 3600
  const mu = 1 / input.meanHandleSeconds
  const theta = 1 / input.meanPatienceSeconds
  const n = input.agents
  const rho = lambda / (n * mu)
  const b = erlangB(n, lambda / mu)
  const a = scaledGammaRatio((n * mu) / theta, lambda / theta)
  const pWait = (a * b) / (1 + (a - 1) * b)
  const pAbandonGivenWait = 1 / (rho * a) + 1 - 1 / rho
  const pAbandon = pAbandonGivenWait * pWait
  const waitDistribution = waitingTime(input, pWait)
  const served = 1 - pAbandon
  return {
    pWait,
    asaSeconds: served > 0 ? waitDistribution.meanServedWait / served : 0,
    serviceLevel: waitDistribution.answeredWithin,
    pAbandon,
    occupancy: (lambda * served) / (n * mu),
  }
}

/**
 * The waiting-time law of M/M/N+M from its birth–death chain: a caller who finds j callers
 * ahead (j ≥ 0, all agents busy) waits through j+1 departures at rates Nμ + (i)θ while their
 * own patience runs. Integrated on a fine grid: E[wait; answered] and P(answered within t).
 */
function waitingTime(input: QueueInputs & { meanPatienceSeconds: number }, pWait: number): { meanServedWait: number; answeredWithin: number } {
  const lambda = input.arrivalRatePerHour / 3600
  const mu = 1 / input.meanHandleSeconds
  const theta = 1 / input.meanPatienceSeconds
  const n = input.agents
  // Stationary probabilities of the queue length seen on arrival (PASTA), given all agents busy.
  const queue: number[] = [1]
  let total = 1
  for (let j = 1; j < 10_000; j++) {
    const next = (queue[j - 1] * lambda) / (n * mu + j * theta)
    queue.push(next)
    total += next
    if (next < total * 1e-14) break
  }
  let meanServedWait = 0
  let answeredWithin = 0
  for (let j = 0; j < queue.length; j++) {
    const weight = (pWait * queue[j]) / total
    // Ahead of us: j callers; each step the front leaves at rate Nμ + (callers ahead)·θ.
    // Our own patience is independent: we are answered at step j+1 if we outlast the steps.
    // Phase rates r_i = Nμ + iθ for i = j..0; answered time density = hypoexponential × e^{-θt}.
    const rates = Array.from({ length: j + 1 }, (_, i) => n * mu + (j - i) * theta)
    const { mean, within } = hypoexponentialWithPatience(rates, theta, input.serviceLevelSeconds)
    meanServedWait += weight * mean
    answeredWithin += weight * within
  }
  answeredWithin += 1 - pWait // callers who did not wait are answered at once
  return { meanServedWait, answeredWithin }
}

/**
 * For a sum T of exponential phases with `rates` and an independent Exp(θ) patience P:
 * E[T; T < P] and P(T < P, T ≤ t). With every rate shifted by θ, E[T; T<P] = Π r/(r+θ) · Σ 1/(r+θ).
 */
function hypoexponentialWithPatience(rates: number[], theta: number, t: number): { mean: number; within: number } {
  const shifted = rates.map((r) => r + theta)
  const survive = rates.reduce((p, r, i) => p * (r / shifted[i]), 1)
  const mean = survive * shifted.reduce((s, r) => s + 1 / r, 0)
  // P(T ≤ t, T < P) = survive · P(T' ≤ t) with T' the phases at shifted rates (an Erlang-like sum).
  return { mean, within: survive * phaseCdf(shifted, t) }
}

/** CDF at t of a sum of exponential phases, by uniformization (stable for equal or close rates). */
function phaseCdf(rates: number[], t: number): number {
  const lambda = Math.max(...rates)
  // State i = phases completed; uniformized jump probability out of phase i is rates[i]/lambda.
  let state = new Float64Array(rates.length + 1)
  state[0] = 1
  const lt = lambda * t
  let poisson = Math.exp(-lt)
  let cdf = poisson * state[rates.length]
  for (let k = 1; k < 100_000; k++) {
    const next = new Float64Array(rates.length + 1)
    for (let i = 0; i < rates.length; i++) {
      const move = rates[i] / lambda
      next[i + 1] += state[i] * move
      next[i] += state[i] * (1 - move)
    }
    next[rates.length] += state[rates.length]
    state = next
    poisson *= lt / k
    cdf += poisson * state[rates.length]
    if (k > lt && poisson < 1e-16) break
  }
  return Math.min(1, cdf)
}
