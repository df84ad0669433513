/** Import jobs in API tests: wait for a job to leave `running` and return its view. */
import { call, type TestEnv } from './dialects.js'

export async function finished(env: TestEnv, id: string, auth = env.auth): Promise<any> {
  for (let i = 0; i < 2000; i++) {
    const job = (await call(env, 'GET', `/api/v1/imports/${id}`, undefined, auth)).json.data
    if (job.status !== 'running') return job
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  throw new Error(`import ${id} did not finish`)
}
