/**
 * "Add a phone line": name, provider, number, HMAC secret, rate and blocked numbers. The form
 * does not second-guess the server: its problems (a secret under 16 characters at `/secret`, a
 * blocked number that is not one at `/blockedNumbers/3`) appear under the input they name, and
 * anything else above the buttons. On success the caller shows the token once.
 */
import { Alert, Button, Group, Modal, NativeSelect, PasswordInput, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { createPhoneLine, PROVIDERS, type CreatedPhoneLine, type PhoneLineBody, type Provider } from '../../api/phone-lines.js'
import { otherProblems, problemAt, problemUnder } from './acd-shared.js'
import { PHONE_LINE_KEYS, splitNumbers } from './phone-lines-shared.js'

interface Draft { name: string; provider: Provider; number: string; secret: string; rate: string; blocked: string }
const EMPTY: Draft = { name: '', provider: 'generic', number: '', secret: '', rate: '', blocked: '' }

/** Empty optional inputs are left out; a rate that is not a whole number goes as typed so the server names `/ratePerMinute`. */
function bodyOf(draft: Draft): PhoneLineBody {
  const body: PhoneLineBody = { name: draft.name.trim(), provider: draft.provider }
  if (draft.number.trim()) body.number = draft.number.trim()
  if (draft.secret) body.secret = draft.secret
  if (draft.rate.trim()) body.ratePerMinute = Number(draft.rate)
  const blocked = splitNumbers(draft.blocked)
  if (blocked.length) body.blockedNumbers = blocked
  return body
}

const SHOWN = /^\/(name|provider|number|secret|ratePerMinute|blockedNumbers(\/\d+)?)$/

export function AddLineDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (line: CreatedPhoneLine) => void }) {
  const { t } = useTranslation()
  const client = useQueryClient()
  const [draft, setDraft] = useState(EMPTY)
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }))
  const create = useMutation({
    mutationFn: () => createPhoneLine(bodyOf(draft)),
    meta: { handlesOwnErrors: true },
    onSuccess: (line) => { void client.invalidateQueries({ queryKey: PHONE_LINE_KEYS.lines, exact: true }); onCreated(line) },
  })
  const problem = (pointer: string) => problemAt(create.error, pointer)
  const general = otherProblems(create.error, (pointer) => SHOWN.test(pointer))
  return (
    <Modal opened onClose={onClose} size="lg" title={t('phoneLines.form.title')}>
      <form noValidate onSubmit={(event) => { event.preventDefault(); create.mutate() }}>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <TextInput required data-autofocus label={t('phoneLines.form.name')} value={draft.name} maxLength={100}
              onChange={(e) => set('name', e.currentTarget.value)} error={problem('/name')} />
            <NativeSelect label={t('phoneLines.form.provider')} value={draft.provider} error={problem('/provider')}
              onChange={(e) => set('provider', e.currentTarget.value as Provider)}
              data={PROVIDERS.map((p) => ({ value: p, label: t(`phoneLines.providers.${p}`) }))} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <TextInput label={t('phoneLines.form.number')} description={t('phoneLines.form.numberHint')} value={draft.number} dir="ltr" type="tel" autoComplete="off"
              onChange={(e) => set('number', e.currentTarget.value)} error={problem('/number')} />
            <TextInput type="number" inputMode="numeric" min={1} label={t('phoneLines.form.rate')} description={t('phoneLines.form.rateHint')} value={draft.rate}
              onChange={(e) => set('rate', e.currentTarget.value)} error={problem('/ratePerMinute')} />
          </SimpleGrid>
          <PasswordInput label={t('phoneLines.form.secret')} description={t('phoneLines.form.secretHint')} value={draft.secret} dir="ltr" autoComplete="new-password"
            onChange={(e) => set('secret', e.currentTarget.value)} error={problem('/secret')}
            // PasswordInput leaves aria-invalid off its input; screen readers should hear the refusal.
            aria-invalid={problem('/secret') ? true : undefined} />
          <Textarea label={t('phoneLines.form.blocked')} description={t('phoneLines.form.blockedHint')} value={draft.blocked} dir="ltr" autosize minRows={2} maxRows={6}
            onChange={(e) => set('blocked', e.currentTarget.value)} error={problemUnder(create.error, '/blockedNumbers')} />
          {general.length ? <Alert color="red" role="alert" title={t('phoneLines.form.notSaved')}>{general.map((line) => <div key={line}><bdi>{line}</bdi></div>)}</Alert> : null}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>{t('phoneLines.cancel')}</Button>
            <Button type="submit" loading={create.isPending}>{t('phoneLines.form.create')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
