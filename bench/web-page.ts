/**
 * What the web benchmark runs inside the page. These are plain functions that Playwright sends
 * to Chromium (the app's CSP forbids eval, and the bench has no DOM types, hence the casts);
 * each must be self-contained: it cannot use anything from this module's scope.
 */

/** What the probe leaves on `window.__rapportBench` (milliseconds since navigation start). */
export interface LoadProbe { fcp?: number; firstRows?: number }

export interface FrameRun {
  /** rAF timestamp deltas, ms. */
  deltas: number[]
  /** Long animation frames (Chromium's LoAF, ≥ 50 ms): their durations, ms; null when unsupported. */
  longFrames: number[] | null
  /** Where the longest ones spent their time: script (by invoker), then style and layout. */
  longestFrames: LongFrameSample[]
  scrolledRows: number
  loadedRows: number
  ms: number
  reachedTarget: boolean
}

export interface LongFrameSample { duration: number; scriptMs: number; styleAndLayoutMs: number; scripts: string[] }

interface LoafEntry {
  name: string; startTime: number; duration: number; renderStart: number; styleAndLayoutStart: number
  scripts?: { invoker: string; duration: number; sourceFunctionName: string }[]
}

// Minimal shapes of the DOM the functions touch.
interface BenchWindow {
  __rapportBench: LoadProbe
  document: { querySelector(selector: string): BenchElement | null; readyState: string }
  performance: { now(): number }
  requestAnimationFrame(callback: (time: number) => void): void
  MutationObserver: new (callback: () => void) => { observe(target: unknown, options: object): void; disconnect(): void }
  PerformanceObserver: (new (callback: (list: { getEntries(): LoafEntry[] }) => void) => { observe(options: object): void; disconnect(): void }) & { supportedEntryTypes?: readonly string[] }
}
interface BenchElement { scrollTop: number; scrollHeight: number; clientHeight: number; getBoundingClientRect(): { height: number }; textContent: string | null }

/**
 * Init script for every document: records first contentful paint and the first animation
 * frame after the people table's first data row exists (the frame that paints the rows).
 */
export function installLoadProbe(): void {
  const w = globalThis as unknown as BenchWindow
  const probe: LoadProbe = {}
  w.__rapportBench = probe
  new w.PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.name === 'first-contentful-paint') probe.fcp = entry.startTime
  }).observe({ type: 'paint', buffered: true })
  const observer = new w.MutationObserver(() => {
    if (!w.document.querySelector('.record-body [role=row]')) return
    observer.disconnect()
    w.requestAnimationFrame(() => { probe.firstRows = w.performance.now() })
  })
  observer.observe(w.document, { childList: true, subtree: true })
}

export const loadProbeDone = (key: 'fcp' | 'firstRows') => (globalThis as unknown as BenchWindow).__rapportBench?.[key] !== undefined
export const readLoadProbe = () => ({ ...(globalThis as unknown as BenchWindow).__rapportBench })

/** Frame deltas of an idle page for `ms`: the machine's own frame rate, the floor for the scroll figures. */
export function idleFrames(ms: number): Promise<number[]> {
  const w = globalThis as unknown as BenchWindow
  return new Promise((resolve) => {
    const deltas: number[] = []
    let last = -1
    let started = -1
    const tick = (time: number) => {
      if (started < 0) started = time
      if (last >= 0) deltas.push(time - last)
      last = time
      if (time - started < ms) w.requestAnimationFrame(tick)
      else resolve(deltas)
    }
    w.requestAnimationFrame(tick)
  })
}

/**
 * Starts recording every animation frame's delta and, where Chromium supports it, every long
 * animation frame (with where its time went), until stopFrameRecorder(). Recording only:
 * the scrolling itself comes from real wheel input, so no script forces a layout mid-frame.
 */
export function startFrameRecorder(): void {
  const w = globalThis as unknown as BenchWindow & { __rapportFrames: FrameRecorder }
  const recorder: FrameRecorder = { deltas: [], longFrames: w.PerformanceObserver.supportedEntryTypes?.includes('long-animation-frame') ? [] : null, samples: [], stopped: false, started: w.performance.now() }
  w.__rapportFrames = recorder
  const loaf = recorder.longFrames ? new w.PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      recorder.longFrames!.push(entry.duration)
      const scripts = entry.scripts ?? []
      recorder.samples.push({
        duration: entry.duration,
        scriptMs: scripts.reduce((sum, script) => sum + script.duration, 0),
        styleAndLayoutMs: entry.styleAndLayoutStart ? entry.startTime + entry.duration - entry.styleAndLayoutStart : 0,
        scripts: scripts.map((script) => `${script.invoker}${script.sourceFunctionName ? ` ${script.sourceFunctionName}` : ''} ${Math.round(script.duration)} ms`),
      })
    }
  }) : null
  loaf?.observe({ type: 'long-animation-frame' })
  recorder.disconnect = () => loaf?.disconnect()
  let last = -1
  const tick = (time: number) => {
    if (recorder.stopped) return
    if (last >= 0) recorder.deltas.push(time - last)
    last = time
    w.requestAnimationFrame(tick)
  }
  w.requestAnimationFrame(tick)
}

interface FrameRecorder { deltas: number[]; longFrames: number[] | null; samples: LongFrameSample[]; stopped: boolean; started: number; disconnect?: () => void }

export function stopFrameRecorder(): Omit<FrameRun, 'scrolledRows' | 'loadedRows' | 'reachedTarget'> {
  const w = globalThis as unknown as BenchWindow & { __rapportFrames: FrameRecorder }
  const recorder = w.__rapportFrames
  recorder.stopped = true
  recorder.disconnect?.()
  const longestFrames = [...recorder.samples].sort((a, b) => b.duration - a.duration).slice(0, 5)
  return { deltas: recorder.deltas, longFrames: recorder.longFrames, longestFrames, ms: w.performance.now() - recorder.started }
}

/** Where the people table is scrolled to, in rows, and how many rows its list holds. */
export function tablePosition(): { rowHeight: number; scrolledRows: number; loadedRows: number } {
  const w = globalThis as unknown as BenchWindow
  const rowHeight = w.document.querySelector('.record-body [role=row]')!.getBoundingClientRect().height
  const scroller = w.document.querySelector('.record-scroller')!
  const body = w.document.querySelector('.record-body')!
  return { rowHeight, scrolledRows: Math.round(scroller.scrollTop / rowHeight), loadedRows: Math.round(body.getBoundingClientRect().height / rowHeight) }
}
