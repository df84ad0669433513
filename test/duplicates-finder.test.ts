/**
 * The duplicate finder job on both dialects: exact email (any email field, any case), exact
 * phone (E.164, additional phones too), fuzzy name within a company (folded in Latin,
 * Cyrillic and Persian script), company domain; batches with a checkpoint that a restarted
 * process resumes without doubles; cancel; dismissed groups stay dismissed; only records and
 * fields the owner can see; bad rules are 400s naming the rule.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createDuplicatesService } from '../server/src/modules/duplicates/duplicates.service.js'
import type { Principal } from '../server/src/http/auth.js'
import { DIALECTS, call, startEnv, type TestEnv } from './support/dialects.js'

const create = async (env: TestEnv, object: string, data: Record<string, unknown>, headers: Record<string, string> = {}) => {
  const response = await call(env, 'POST', `/api/v1/records/${object}`, data, headers)
  assert.equal(response.status, 201, JSON.stringify(response.json))
  return response.json.data.id as string
}

async function waitForJob(env: TestEnv, id: string, auth = env.auth): Promise<any> {
  for (let i = 0; i < 400; i++) {
    const job = (await call(env, 'GET', `/api/v1/duplicates/jobs/${id}`, undefined, auth)).json.data
    if (job.status !== 'running') return job
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error('job did not finish')
}

async function allGroups(env: TestEnv, jobId: string, auth = env.auth): Promise<any[]> {
  const groups: any[] = []
  let cursor: string | null = null
  do {
    const page: any = await call(env, 'GET', `/api/v1/duplicates/jobs/${jobId}/groups?limit=2${cursor ? `&cursor=${cursor}` : ''}`, undefined, auth)
    assert.equal(page.status, 200, JSON.stringify(page.json))
    groups.push(...page.json.data)
    cursor = page.json.page.nextCursor
  } while (cursor)
  return groups
}

const idsOf = (group: any) => group.records.map((r: any) => r.id).sort().join(',')
const sorted = (...ids: string[]) => [...ids].sort().join(',')

for (const dialect of DIALECTS) {
  describe(`duplicate finder [${dialect.name}]`, () => {
    let env: TestEnv
    const ids: Record<string, string> = {}
    const PEOPLE_RULES = [{ rule: 'email' }, { rule: 'phone' }, { rule: 'name', threshold: 0.9 }]
    before(async () => {
      env = await startEnv(dialect)
      ids.acme = await create(env, 'companies', { name: 'Acme', domain: 'acme.lt' })
      ids.acme2 = await create(env, 'companies', { name: 'ACME UAB', domain: 'https://www.ACME.lt/apie' })
      ids.other = await create(env, 'companies', { name: 'Other', domain: 'other.lt' })
      ids.mail1 = await create(env, 'people', { firstName: 'Rūta', lastName: 'Mail', email: 'Ruta@Mail.example' })
      ids.mail2 = await create(env, 'people', { firstName: 'Different', lastName: 'Person', additionalEmails: ['ruta@mail.example'] })
      ids.phone1 = await create(env, 'people', { firstName: 'Phone', lastName: 'A', phone: '+37061111111' })
      ids.phone2 = await create(env, 'people', { firstName: 'Other', lastName: 'B', additionalPhones: ['861111111'] })
      ids.jonas1 = await create(env, 'people', { firstName: 'Jonas', lastName: 'Jonaitis', company: ids.acme })
      ids.jonas2 = await create(env, 'people', { firstName: 'Jonas', lastName: 'Jonaitys', company: ids.acme })
      ids.jonasElsewhere = await create(env, 'people', { firstName: 'Jonas', lastName: 'Jonaitis', company: ids.other })
      ids.petr1 = await create(env, 'people', { firstName: 'Пётр', lastName: 'Ёлкин', company: ids.other })
      ids.petr2 = await create(env, 'people', { firstName: 'ЕЛКИН', lastName: 'Петр', company: ids.other })
      ids.ali1 = await create(env, 'people', { firstName: 'علي', lastName: 'كريمي' })
      ids.ali2 = await create(env, 'people', { firstName: 'علی', lastName: 'کریمی' })
      ids.maria = await create(env, 'people', { firstName: 'Maria', lastName: 'Garcia', company: ids.acme })
    })
    after(async () => { await env.close() })

    test('finds exact email, exact phone and fuzzy name groups among people; companies by domain', async () => {
      const started = await call(env, 'POST', '/api/v1/duplicates/jobs', { object: 'people', rules: PEOPLE_RULES })
      assert.equal(started.status, 202, JSON.stringify(started.json))
      assert.equal(started.json.data.progress.totalRecords, 12)
      const job = await waitForJob(env, started.json.data.id)
      assert.equal(job.status, 'completed', job.error)
      assert.equal(job.phase, 'done')
      assert.equal(job.progress.recordsDone, 12)
      const groups = await allGroups(env, job.id)
      const byIds = new Map(groups.map((g) => [idsOf(g), g]))
      assert.equal(byIds.get(sorted(ids.mail1, ids.mail2))?.rule, 'email')
      assert.equal(byIds.get(sorted(ids.mail1, ids.mail2))?.matchKey, 'ruta@mail.example')
      assert.equal(byIds.get(sorted(ids.phone1, ids.phone2))?.rule, 'phone')
      const jonas = byIds.get(sorted(ids.jonas1, ids.jonas2))
      assert.equal(jonas?.rule, 'name')
      assert.ok(jonas.score >= 0.9 && jonas.score < 1, String(jonas.score))
      assert.equal(byIds.get(sorted(ids.petr1, ids.petr2))?.score, 1, 'Cyrillic ё/е and word order fold away')
      assert.equal(byIds.get(sorted(ids.ali1, ids.ali2))?.score, 1, 'Arabic and Persian letter forms fold away')
      assert.equal(groups.length, 5, JSON.stringify(groups.map((g) => [g.rule, g.matchKey])))
      assert.ok(!groups.some((g) => g.records.some((r: any) => r.id === ids.jonasElsewhere || r.id === ids.maria)), 'another company or another name is not a duplicate')
      assert.equal(groups[0].records[0].firstName !== undefined, true, 'groups carry the records')

      const companies = await call(env, 'POST', '/api/v1/duplicates/jobs', { object: 'companies', rules: [{ rule: 'domain' }] })
      const companyJob = await waitForJob(env, companies.json.data.id)
      const companyGroups = await allGroups(env, companyJob.id)
      assert.deepEqual(companyGroups.map(idsOf), [sorted(ids.acme, ids.acme2)])
      assert.equal(companyGroups[0].matchKey, 'acme.lt')
    })

    test('a dismissed group is not shown again; a merged record drops out of its group', async () => {
      const first = await waitForJob(env, (await call(env, 'POST', '/api/v1/duplicates/jobs', { object: 'people', rules: PEOPLE_RULES })).json.data.id)
      const groups = await allGroups(env, first.id)
      const ali = groups.find((g) => idsOf(g) === sorted(ids.ali1, ids.ali2))
      assert.equal((await call(env, 'POST', `/api/v1/duplicates/groups/${ali.id}/dismiss`)).status, 204)
      assert.ok(!(await allGroups(env, first.id)).some((g) => g.id === ali.id))
      const second = await waitForJob(env, (await call(env, 'POST', '/api/v1/duplicates/jobs', { object: 'people', rules: PEOPLE_RULES })).json.data.id)
      const again = await allGroups(env, second.id)
      assert.ok(!again.some((g) => idsOf(g) === sorted(ids.ali1, ids.ali2)), 'dismissed as not duplicates')
      assert.equal(again.length, groups.length - 1)
      const phone = again.find((g) => idsOf(g) === sorted(ids.phone1, ids.phone2))
      assert.equal((await call(env, 'POST', '/api/v1/records/people/merge', { survivorId: ids.phone1, mergedIds: [ids.phone2] })).status, 200)
      assert.ok(!(await allGroups(env, second.id)).some((g) => g.id === phone.id), 'fewer than two records left')
      assert.equal((await call(env, 'POST', `/api/v1/duplicates/groups/${ali.id}/dismiss`, undefined, (await env.addMember('admin', `other-admin-${dialect.name}`)).auth)).status, 404, 'someone else\'s group')
    })

    test('a job killed after a batch resumes from its checkpoint in a new process with the same groups', async () => {
      const principal: Principal = { workspaceId: env.workspaceId, userId: env.adminUserId, roleId: await env.services.access.adminRoleId(env.workspaceId), credentialId: 'test', via: 'apiKey' }
      const clean = await waitForJob(env, (await call(env, 'POST', '/api/v1/duplicates/jobs', { object: 'people', rules: PEOPLE_RULES })).json.data.id)
      const expected = (await allGroups(env, clean.id)).map(idsOf).sort()
      let batches = 0
      // The first "process" stops for good after its second committed batch, as a kill -9 would leave it.
      const frozen = createDuplicatesService({
        records: env.services.records, workspaces: env.services.workspaces,
        runner: { scanBatch: 3, afterBatch: () => (++batches === 2 ? new Promise<void>(() => {}) : Promise.resolve()) },
      })
      const job = await frozen.create(principal, { object: 'people', rules: PEOPLE_RULES as any })
      for (let i = 0; i < 200 && batches < 2; i++) await new Promise((resolve) => setTimeout(resolve, 10))
      const stopped = (await call(env, 'GET', `/api/v1/duplicates/jobs/${job.id}`)).json.data
      assert.equal(stopped.status, 'running')
      assert.equal(stopped.progress.recordsDone, 6, 'two batches of three committed')
      const workspace = (await env.services.workspaces.list()).find((w) => w.id === env.workspaceId)!
      const system = await env.services.workspaces.recordContext(workspace, 'system')
      const stored = await system.ws.db.selectFrom('duplicate_keys').select(['rule', 'match_key']).where('job_id', '=', job.id).execute()
      const shared = new Set(stored.filter((k) => k.rule.endsWith(':shared')).map((k) => `${k.rule.split(':')[0]}|${k.match_key}`))
      assert.deepEqual([...shared], ['email|ruta@mail.example'], 'the exact keys two live records share, found up front (the shared phone was merged away above)')
      assert.ok(stored.every((k) => k.rule.endsWith(':shared') || k.rule === 'name' || shared.has(`${k.rule}|${k.match_key}`)), 'no unshared exact key is written')
      assert.ok(stored.filter((k) => k.rule === 'name').length < 6, 'name keys only where another record may share the block')
      const restarted = createDuplicatesService({ records: env.services.records, workspaces: env.services.workspaces, runner: { scanBatch: 3 } })
      assert.ok((await restarted.resumeInterrupted()).includes(job.id))
      const done = await restarted.wait(principal, job.id)
      assert.equal(done.status, 'completed', done.error ?? '')
      assert.equal(done.progress.recordsDone, done.progress.totalRecords, 'every record scanned once')
      const groups = (await allGroups(env, job.id)).map(idsOf).sort()
      assert.deepEqual(groups, expected)
      assert.equal(new Set(groups).size, groups.length, 'no group twice')
    })

    test('cancel stops a job at its next checkpoint', async () => {
      const principal: Principal = { workspaceId: env.workspaceId, userId: env.adminUserId, roleId: await env.services.access.adminRoleId(env.workspaceId), credentialId: 'test', via: 'apiKey' }
      let release!: () => void
      const gate = new Promise<void>((resolve) => { release = resolve })
      const service = createDuplicatesService({ records: env.services.records, workspaces: env.services.workspaces, runner: { scanBatch: 2, afterBatch: () => gate } })
      const job = await service.create(principal, { object: 'people', rules: [{ rule: 'email' }] })
      await new Promise((resolve) => setTimeout(resolve, 200))
      const cancelled = await call(env, 'POST', `/api/v1/duplicates/jobs/${job.id}/cancel`)
      assert.equal(cancelled.status, 200)
      assert.equal(cancelled.json.data.status, 'cancelled')
      release()
      const final = await service.wait(principal, job.id)
      assert.equal(final.status, 'cancelled')
      assert.equal(final.progress.recordsDone, 2, 'nothing committed after the cancel')
      assert.equal((await call(env, 'POST', `/api/v1/duplicates/jobs/${job.id}/cancel`)).status, 409)
    })

    test('bad rules are 400s naming the rule; roles without update and delete are refused', async () => {
      const cases: [unknown, string][] = [
        [{ object: 'people', rules: [{ rule: 'domain' }] }, '/rules/0/rule'],
        [{ object: 'people', rules: [{ rule: 'name', threshold: 2 }] }, '/rules/0/threshold'],
        [{ object: 'people', rules: [{ rule: 'name', relation: 'firstName' }] }, '/rules/0/relation'],
        [{ object: 'people', rules: [{ rule: 'soundex' }] }, '/rules/0/rule'],
        [{ object: 'people', rules: [{ rule: 'email' }, { rule: 'email' }] }, '/rules/1/rule'],
        [{ object: 'people', rules: [] }, '/rules'],
        [{ object: 'companies', rules: [{ rule: 'domain', field: 'employees' }] }, '/rules/0/field'],
      ]
      for (const [body, pointer] of cases) {
        const response = await call(env, 'POST', '/api/v1/duplicates/jobs', body)
        assert.equal(response.status, 400, `${JSON.stringify(body)} → ${response.body}`)
        assert.ok(response.json.errors.some((e: any) => e.pointer === pointer), `${pointer} in ${JSON.stringify(response.json.errors)}`)
      }
      const reader = await env.addMember('Read only', `reader-${dialect.name}`)
      assert.equal((await call(env, 'POST', '/api/v1/duplicates/jobs', { object: 'people', rules: [{ rule: 'email' }] }, reader.auth)).status, 403)
      assert.equal((await call(env, 'GET', '/api/v1/duplicates/jobs/0190a0b0-0000-7000-8000-000000000000')).status, 404)
    })

    test('a job sees only the records and fields its owner can see', async () => {
      const role = await call(env, 'POST', '/api/v1/access/roles', {
        name: `Cleaners ${dialect.name}`,
        permissions: { defaultObject: { read: true }, objects: { people: { read: true, create: true, update: true, delete: true } }, fields: { people: { phone: 'hidden', additionalPhones: 'hidden' } } },
      })
      const cleaner = await env.addMember(role.json.data.id, `cleaner-${dialect.name}`)
      assert.equal((await call(env, 'PUT', '/api/v1/access/sharing/people', { access: 'private' })).status, 204)
      const mine1 = await create(env, 'people', { firstName: 'Own', lastName: 'Record', email: 'own@scope.example' }, cleaner.auth)
      const mine2 = await create(env, 'people', { firstName: 'Own', lastName: 'Copy', email: 'OWN@scope.example' }, cleaner.auth)
      await create(env, 'people', { firstName: 'Not', lastName: 'Mine', email: 'own@scope.example' })
      const hiddenRule = await call(env, 'POST', '/api/v1/duplicates/jobs', { object: 'people', rules: [{ rule: 'phone' }] }, cleaner.auth)
      assert.equal(hiddenRule.status, 400, 'phone fields are hidden from this role')
      const started = await call(env, 'POST', '/api/v1/duplicates/jobs', { object: 'people', rules: [{ rule: 'email' }] }, cleaner.auth)
      assert.equal(started.status, 202, JSON.stringify(started.json))
      assert.equal(started.json.data.progress.totalRecords, 2)
      const job = await waitForJob(env, started.json.data.id, cleaner.auth)
      const groups = await allGroups(env, job.id, cleaner.auth)
      assert.deepEqual(groups.map(idsOf), [sorted(mine1, mine2)])
      assert.equal('phone' in groups[0].records[0], false)
      assert.equal((await call(env, 'GET', `/api/v1/duplicates/jobs/${job.id}`)).status, 404, 'another caller\'s job does not exist for them')
      assert.equal((await call(env, 'PUT', '/api/v1/access/sharing/people', { access: 'readWrite' })).status, 204)
    })
  })
}
