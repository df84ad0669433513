/**
 * The import wizard at /import: choose a file (drop or pick), see the detected encoding and
 * delimiter (override them), fix the column mapping (or apply a template), read the dry run's
 * exact counts and failing rows, then import with a live progress bar, cancel, and undo.
 * Every check is a real dry-run job on the server; the file stays in the browser meanwhile.
 */
import { Anchor, Button, Checkbox, Group, Loader, Select, Stack, Stepper, Text, TextInput, Title } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import './imports.css'
import { IMPORT_ENCODINGS, type ImportEncoding, type ImportMapping } from '../../../../contracts/imports.js'
import { startImport, type ImportTemplate, type ImportView } from '../../api/imports.js'
import type { ObjectDescription } from '../../api/types.js'
import { linkProps, recordsPath } from '../../app/router.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { DryRunReport } from './DryRunReport.js'
import { FileDrop } from './FileDrop.js'
import { ImportRun } from './ImportRun.js'
import { MappingTable } from './MappingTable.js'
import { TemplateBar } from './TemplateBar.js'
import { keyFields } from './import-fields.js'
import { domainTargets } from './domain-targets.js'
import { fieldProblem } from '../auth/problem-text.js'
import { useFollowImport } from './useFollowImport.js'
import { IMPORTS_PATH } from './paths.js'

const AUTO = 'auto'
const DELIMITERS = [[',', 'comma'], [';', 'semicolon'], ['\t', 'tab'], ['|', 'pipe']] as const

interface Settings {
  encoding: ImportEncoding | null
  delimiter: string | null
  key: string | null
  createRelated: boolean
  createOptions: boolean
  /** Phones' default country for this import; '' = the workspace's. */
  defaultCountry: string
}

const FRESH: Settings = { encoding: null, delimiter: null, key: null, createRelated: false, createOptions: false, defaultCountry: '' }

export function ImportWizard({ objects, initialObject }: { objects: ObjectDescription[]; initialObject?: string }) {
  const { t } = useTranslation()
  const creatable = objects.filter((o) => o.access?.create !== false)
  const [objectName, setObjectName] = useState(initialObject && creatable.some((o) => o.apiName === initialObject) ? initialObject : creatable[0]?.apiName ?? '')
  const object = creatable.find((o) => o.apiName === objectName)
  const [file, setFile] = useState<File | null>(null)
  const [settings, setSettings] = useState<Settings>(FRESH)
  const [mapping, setMapping] = useState<ImportMapping | null>(null)
  const [stale, setStale] = useState(false)
  const [started, setStarted] = useState<ImportView | null>(null)
  const [applyJob, setApplyJob] = useState<ImportView | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const check = useFollowImport(started, (done) => { setMapping((current) => current ?? done.mapping) })

  async function run(mode: 'dryRun' | 'apply', chosen: File, next: Settings, nextMapping: ImportMapping | null) {
    setError(null)
    setBusy(true)
    try {
      const view = await startImport(chosen, {
        object: objectName, mode, encoding: next.encoding ?? undefined, delimiter: next.delimiter ?? undefined, key: next.key ?? undefined, mapping: nextMapping ?? undefined,
        createRelated: next.createRelated || undefined, createOptions: next.createOptions || undefined, defaultCountry: next.defaultCountry.trim() || undefined,
      })
      if (mode === 'apply') setApplyJob(view)
      else { setStarted(view); setStale(false) }
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }

  const chooseFile = (chosen: File) => {
    setFile(chosen)
    setMapping(null)
    setStarted(null)
    setSettings(FRESH)
    void run('dryRun', chosen, FRESH, null)
  }
  const changeSettings = (next: Partial<Settings>) => {
    const merged = { ...settings, ...next }
    setSettings(merged)
    // Another encoding or delimiter changes the headers themselves: read the file again from scratch.
    if (file && ('encoding' in next || 'delimiter' in next)) { setMapping(null); void run('dryRun', file, merged, null) } else setStale(true)
  }
  const applyTemplate = (template: ImportTemplate) => {
    const headers = Object.keys(mapping ?? {})
    setMapping(Object.fromEntries(headers.map((h) => [h, template.mapping[h] !== undefined ? template.mapping[h] : null])))
    setSettings((s) => ({ ...s, key: template.options.key ?? s.key }))
    setStale(true)
  }
  const reset = () => { setFile(null); setMapping(null); setStarted(null); setApplyJob(null); setStale(false); setError(null) }

  const step = applyJob ? 2 : file ? 1 : 0
  const checked = check && check.status !== 'running' ? check : null
  const canApply = checked?.status === 'completed' && !stale && !busy && (checked.counts.create + checked.counts.update) > 0

  return (
    <Stack gap="md" className="import-wizard">
      <Group justify="space-between" wrap="wrap">
        <Title order={1} size="h3">{t('imports.title')}</Title>
        <Anchor size="sm" {...linkProps(IMPORTS_PATH)}>{t('imports.jobsLink')}</Anchor>
      </Group>
      <Stepper active={step} size="xs" allowNextStepsSelect={false}>
        <Stepper.Step label={t('imports.stepUpload')} />
        <Stepper.Step label={t('imports.stepMap')} />
        <Stepper.Step label={t('imports.stepApply')} />
      </Stepper>
      {error ? <ErrorAlert error={error} /> : null}

      {step === 0 ? (
        <Stack gap="sm">
          <Select label={t('imports.object')} value={objectName} allowDeselect={false} className="import-narrow"
            data={creatable.map((o) => ({ value: o.apiName, label: o.labelPlural }))} onChange={(v) => v && setObjectName(v)} />
          <FileDrop onFile={chooseFile} disabled={!object} />
        </Stack>
      ) : null}

      {step === 1 && file && object ? (
        <Stack gap="md">
          <Text size="sm" fw={600}><bdi>{t('imports.file', { file: file.name })}</bdi> → {object.labelPlural}</Text>
          {!checked || busy ? <Group gap="xs" role="status"><Loader size="xs" /><Text size="sm">{t('imports.checking', { file: file.name })}</Text></Group> : null}
          {checked ? (
            <>
              <Group gap="sm" align="flex-end" wrap="wrap">
                <Select size="xs" label={t('imports.encoding')} allowDeselect={false} value={settings.encoding ?? AUTO}
                  data={[{ value: AUTO, label: `${checked.encoding} (${t('imports.detected')})` }, ...IMPORT_ENCODINGS.map((e) => ({ value: e, label: e }))]}
                  onChange={(v) => changeSettings({ encoding: v === AUTO || !v ? null : (v as ImportEncoding) })} />
                <Select size="xs" label={t('imports.delimiter')} allowDeselect={false} value={settings.delimiter ?? AUTO}
                  data={[{ value: AUTO, label: `${t(`imports.delimiters.${DELIMITERS.find(([d]) => d === checked.delimiter)?.[1] ?? 'comma'}`)} (${t('imports.detected')})` },
                    ...DELIMITERS.map(([d, name]) => ({ value: d, label: t(`imports.delimiters.${name}`) }))]}
                  onChange={(v) => changeSettings({ delimiter: v === AUTO || !v ? null : v })} />
                <Select size="xs" label={t('imports.key')} allowDeselect={false} value={settings.key ?? AUTO}
                  data={[{ value: AUTO, label: t('imports.keyNone') }, ...keyFields(object).map((f) => ({ value: f.apiName, label: f.label }))]}
                  onChange={(v) => changeSettings({ key: v === AUTO || !v ? null : v })} />
              </Group>
              <Group gap="md" wrap="wrap">
                <Checkbox size="xs" label={t('imports.createRelated')} checked={settings.createRelated} onChange={(e) => changeSettings({ createRelated: e.currentTarget.checked })} />
                <Checkbox size="xs" label={t('imports.createOptions')} checked={settings.createOptions} onChange={(e) => changeSettings({ createOptions: e.currentTarget.checked })} />
              </Group>
              <TextInput size="xs" className="import-narrow" dir="ltr" maxLength={2} label={t('importdomain.defaultCountry')} description={t('importdomain.defaultCountryHint')}
                placeholder={t('importdomain.defaultCountryPlaceholder')} value={settings.defaultCountry} error={fieldProblem(error, '/query/defaultCountry')}
                onChange={(e) => changeSettings({ defaultCountry: e.currentTarget.value.toUpperCase() })} />
              {mapping ? (
                <>
                  <Title order={2} size="h4">{t('imports.mappingTitle')}</Title>
                  <TemplateBar object={object.apiName} headers={Object.keys(mapping)} mapping={mapping}
                    options={{ ...(settings.key ? { key: settings.key } : {}), ...(settings.encoding ? { encoding: settings.encoding } : {}), ...(settings.delimiter ? { delimiter: settings.delimiter } : {}) }}
                    onApply={applyTemplate} />
                  <MappingTable object={object} mapping={mapping} domainTargets={domainTargets(object, objects)} onChange={(next) => { setMapping(next); setStale(true) }} />
                </>
              ) : null}
              {checked.status === 'failed' ? <ErrorAlert error={new Error(checked.error ?? '')} /> : null}
              {stale ? <Text size="sm" c="orange" role="status">{t('imports.stale')}</Text> : <DryRunReport view={checked} />}
              <Group gap="sm" wrap="wrap">
                <Button variant={stale ? 'filled' : 'default'} loading={busy} onClick={() => void run('dryRun', file, settings, mapping)}>{t('imports.recheck')}</Button>
                <Button disabled={!canApply} onClick={() => void run('apply', file, settings, mapping)}>
                  {t('imports.apply', { count: checked.counts.create + checked.counts.update })}
                </Button>
                <Button variant="subtle" onClick={reset}>{t('imports.newImport')}</Button>
              </Group>
            </>
          ) : null}
        </Stack>
      ) : null}

      {step === 2 && applyJob && object ? (
        <Stack gap="md">
          <ImportRun initial={applyJob} />
          <Group gap="sm" wrap="wrap">
            <Button component="a" variant="light" {...linkProps(recordsPath(object.apiName))}>{t('imports.openRecords', { object: object.labelPlural })}</Button>
            <Button variant="subtle" onClick={reset}>{t('imports.another')}</Button>
          </Group>
        </Stack>
      ) : null}
    </Stack>
  )
}
