/** Import jobs in API tests: wait for a job to leave `running` and return its view. */
import assert from 'node:assert/strict'
import { call, type TestEnv } from './dialects.js'

export async function finished(env: TestEnv, id: string, auth = env.auth): Promise<any> {
  for (let i = 0; i < 2000; i++) {
    const job = (await call(env, 'GET', `/api/v1/imports/${id}`, undefined, auth)).json.data
    if (job.status !== 'running') return job
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  throw new Error(`import ${id} did not finish`)
}

/** Uploads `body` as a CSV import with `query` (object, mode, key…); the raw response. */
export function startImport(env: TestEnv, body: Buffer | string, query: Record<string, string>) {
  return env.app.inject({ method: 'POST', url: `/api/v1/imports?${new URLSearchParams(query)}`, headers: { ...env.auth, 'content-type': 'text/csv' }, payload: body })
}

/** startImport, expecting 202, then waits for the job to end. */
export async function importCsv(env: TestEnv, body: Buffer | string, query: Record<string, string>): Promise<any> {
  const started = await startImport(env, body, query)
  assert.equal(started.statusCode, 202, started.body)
  return finished(env, JSON.parse(started.body).data.id)
}
