import { Migrator, type Kysely, type Migration } from 'kysely'
import type { SqlDialect } from './dialects/sql-dialect.js'
import { createControl } from './migrations/control/2026_11_23_0001_create_control.js'
import { createMetadata } from './migrations/workspace/2026_11_23_0001_create_metadata.js'
import { createIdentity } from './migrations/control/2026_11_23_0002_create_identity.js'
import { addTotpStep } from './migrations/control/2026_11_23_0003_add_totp_step.js'
import { addRequireTotp } from './migrations/control/2026_11_23_0004_add_require_totp.js'
import { createAccess } from './migrations/workspace/2026_11_23_0002_create_access.js'
import { createViews } from './migrations/workspace/2026_11_30_0003_create_views.js'
import { addAccessVersion } from './migrations/workspace/2026_11_30_0004_access_version.js'
import { createImportJobs } from './migrations/workspace/2026_11_30_0005_create_import_jobs.js'
import { addPeopleNameSortIndex } from './migrations/workspace/2026_11_30_0006_people_name_sort_index.js'
import { createQuotasAndSchedules } from './migrations/workspace/2026_11_30_0014_create_quotas_and_schedules.js'
import { createDuplicates } from './migrations/workspace/2026_11_30_0016_create_duplicates.js'
import { createTelephony } from './migrations/workspace/2026_11_30_0010_create_telephony.js'
import { createImportTemplates } from './migrations/workspace/2026_11_30_0017_create_import_templates.js'
import { createRollups } from './migrations/workspace/2026_11_30_0020_create_rollups.js'
import { createAgentEndpoints } from './migrations/workspace/2026_11_30_0022_create_agent_endpoints.js'
import { createDashboards } from './migrations/workspace/2026_11_30_0013_create_dashboards.js'
import { createContactCenterContent } from './migrations/workspace/2026_11_30_0012_create_contact_center_content.js'
import { createCalendarFeeds } from './migrations/workspace/2026_11_30_0015_create_calendar_feeds.js'
import { createAcd } from './migrations/workspace/2026_11_30_0011_create_acd.js'
import { addAcdRuleEnabled } from './migrations/workspace/2026_11_30_0023_acd_rule_enabled.js'
import { createIvrCalls } from './migrations/workspace/2026_11_30_0024_create_ivr_calls.js'
import { addKbRequestFts } from './migrations/workspace/2026_11_30_0024_kb_request_fts.js'

/**
 * On Postgres the migration bookkeeping tables must live in the store's own schema: Kysely
 * otherwise finds another workspace's lock table through introspection and skips creating its own.
 */
function run(db: Kysely<any>, migrations: Record<string, Migration>, schema: string | null): Promise<void> {
  // Unordered: features land from parallel branches, so a store may have run 0023 before 0020 arrives.
  const migrator = new Migrator({
    db, provider: { getMigrations: async () => migrations }, allowUnorderedMigrations: true, ...(schema ? { migrationTableSchema: schema } : {}),
  })
  return migrator.migrateToLatest().then(({ error }) => {
    if (error) throw error
  })
}

/** Brings the control store up to date (idempotent; runs at every start). */
export function migrateControl(db: Kysely<any>, dialect: SqlDialect, schema: string | null = null): Promise<void> {
  return run(db, {
    '2026_11_23_0001_create_control': createControl(dialect),
    '2026_11_23_0002_create_identity': createIdentity(dialect),
    '2026_11_23_0003_add_totp_step': addTotpStep(),
    '2026_11_23_0004_add_require_totp': addRequireTotp(dialect),
  }, schema)
}

/** Brings one workspace's system tables up to date (idempotent). */
export function migrateWorkspace(db: Kysely<any>, dialect: SqlDialect, schema: string | null = null): Promise<void> {
  return run(db, {
    '2026_11_23_0001_create_metadata': createMetadata(dialect),
    '2026_11_23_0002_create_access': createAccess(dialect),
    '2026_11_30_0003_create_views': createViews(dialect),
    '2026_11_30_0004_access_version': addAccessVersion(dialect),
    '2026_11_30_0005_create_import_jobs': createImportJobs(dialect),
    '2026_11_30_0006_people_name_sort_index': addPeopleNameSortIndex(dialect),
    '2026_11_30_0014_create_quotas_and_schedules': createQuotasAndSchedules(dialect),
    '2026_11_30_0016_create_duplicates': createDuplicates(dialect),
    '2026_11_30_0010_create_telephony': createTelephony(dialect),
    '2026_11_30_0017_create_import_templates': createImportTemplates(dialect),
    '2026_11_30_0022_create_agent_endpoints': createAgentEndpoints(dialect),
    '2026_11_30_0013_create_dashboards': createDashboards(dialect),
    '2026_11_30_0012_create_contact_center_content': createContactCenterContent(dialect),
    '2026_11_30_0015_create_calendar_feeds': createCalendarFeeds(dialect),
    '2026_11_30_0011_create_acd': createAcd(dialect),
    '2026_11_30_0020_create_rollups': createRollups(dialect),
    '2026_11_30_0023_acd_rule_enabled': addAcdRuleEnabled(dialect),
    '2026_11_30_0024_create_ivr_calls': createIvrCalls(dialect),
    '2026_11_30_0024_kb_request_fts': addKbRequestFts(dialect),
  }, schema)
}
