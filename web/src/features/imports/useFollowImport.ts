import { useEffect, useState } from 'react'
import { followImport, type ImportView } from '../../api/imports.js'

/**
 * The live state of a job: starts from `initial` (the upload's answer) and follows the job's
 * SSE stream while it runs. `onEnd` runs once with the final figures.
 */
export function useFollowImport(initial: ImportView | null, onEnd?: (view: ImportView) => void): ImportView | null {
  const [view, setView] = useState(initial)
  const id = initial?.id
  useEffect(() => {
    setView(initial)
    if (!initial) return
    if (initial.status !== 'running') {
      onEnd?.(initial)
      return
    }
    return followImport(initial.id, (next, ended) => {
      setView(next)
      if (ended) onEnd?.(next)
    })
    // Follow per job id; the callback is read when the job ends.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id])
  return view
}
