/**
 * Articles suggested by the caller's words, for the call card: give it the call's notes or the
 * caller's request and it lists the best published articles (GET /kb/suggest).
 */
import { Anchor, Paper, Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { suggestKb } from '../../api/contact-center.js'
import { KB_KEY } from './KbArticleEditor.js'

export function KbSuggestions({ text, onOpen }: { text: string; onOpen?: (articleId: string) => void }) {
  const { t } = useTranslation()
  const suggestions = useQuery({ queryKey: [...KB_KEY, 'suggest', text], queryFn: ({ signal }) => suggestKb(text, signal), enabled: text.trim().length >= 3 })
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="kb-suggest-title">
      <Stack gap="xs">
        <Title order={3} size="h6" id="kb-suggest-title">{t('contactCenter.kb.suggested')}</Title>
        {suggestions.data?.length === 0 || !suggestions.data ? <Text size="sm" c="dimmed">{t('contactCenter.kb.noSuggestions')}</Text> : null}
        {suggestions.data?.map((hit) => (
          <div key={hit.id}>
            {onOpen ? <Anchor component="button" type="button" onClick={() => onOpen(hit.id)}><bdi>{hit.title}</bdi></Anchor> : <Text fw={600}><bdi>{hit.title}</bdi></Text>}
            <Text size="xs" c="dimmed" lineClamp={2}><bdi>{hit.snippet}</bdi></Text>
          </div>
        ))}
      </Stack>
    </Paper>
  )
}
