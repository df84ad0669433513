/**
 * Type-level test (compiled by test/openapi-contract.test.ts; nothing imports it): what the
 * client's calls resolve to is exactly `Static` of the schemas the OpenAPI document shows for
 * those responses (contracts/*), assignable both ways — a field added to one side and not the
 * other fails the build of this file.
 */
import type { Static } from 'typebox'
import type { ParetoResult } from '../../../contracts/customer-analytics.js'
import type { Wallboard } from '../../../contracts/contact-center.js'
import type { WidgetResult } from '../../../contracts/dashboards.js'
import type { RecordPage } from '../../../contracts/records.js'
import type { getPareto } from './analysis.js'
import type { dashboardData } from './dashboards.js'
import type { listRecords } from './records.js'
import type { getWallboard } from './wallboard.js'

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
type Answer<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>

export const paretoIsTheContract: Same<Answer<typeof getPareto>, Static<typeof ParetoResult>> = true
export const wallboardIsTheContract: Same<Answer<typeof getWallboard>, Static<typeof Wallboard>> = true
export const dashboardDataIsTheContract: Same<Answer<typeof dashboardData>, Static<typeof WidgetResult>[]> = true
export const recordPageIsTheContract: Same<Answer<typeof listRecords>, Static<typeof RecordPage>> = true
