/** The wallboard: read once, then kept current by the server's event stream. */
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { followWallboard, getWallboard, type Wallboard } from '../../api/wallboard.js'

const KEY = ['contact-center', 'wallboard'] as const

export function useWallboard() {
  const client = useQueryClient()
  const [live, setLive] = useState(false)
  const query = useQuery({ queryKey: KEY, queryFn: ({ signal }) => getWallboard(signal), retry: false })
  const allowed = query.isSuccess
  useEffect(() => {
    if (!allowed) return undefined
    return followWallboard((board: Wallboard) => client.setQueryData(KEY, board), setLive)
  }, [allowed, client])
  return { ...query, live }
}
