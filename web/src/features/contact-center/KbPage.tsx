/**
 * The knowledge base (/contact-center/kb): one search over articles and stored call requests
 * (folded across Latin, Cyrillic, Persian and Lithuanian), an article editor, and "promote"
 * to turn a good request into a draft article.
 */
import { Badge, Button, Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { getArticle, promoteActivity, searchKb, type ContentLanguage, type KbArticle } from '../../api/contact-center.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { KB_KEY, KbArticleEditor } from './KbArticleEditor.js'
import './contact-center.css'

const SEARCH_DELAY_MS = 250

export function KbPage() {
  const { t, i18n } = useTranslation()
  const queryClient = useQueryClient()
  const [query, setQuery] = useState('')
  const [language, setLanguage] = useState('')
  const [debounced] = useDebouncedValue(query, SEARCH_DELAY_MS)
  const [editing, setEditingState] = useState<KbArticle | 'new' | null>(null)
  const [savedId, setSavedId] = useState<string | null>(null)
  const setEditing = (next: KbArticle | 'new' | null) => {
    setSavedId(null)
    setEditingState(next)
  }
  const results = useQuery({ queryKey: [...KB_KEY, 'search', debounced, language], queryFn: ({ signal }) => searchKb({ q: debounced, language: language || undefined }, signal) })
  const open = useMutation({ mutationFn: (id: string) => getArticle(id), onSuccess: setEditing })
  const promote = useMutation({
    mutationFn: (activityId: string) => promoteActivity(activityId),
    onSuccess: (article) => { setEditing(article); void queryClient.invalidateQueries({ queryKey: KB_KEY }) },
  })
  const uiLanguage = (['en', 'ru', 'fa', 'lt'].includes(i18n.language) ? i18n.language : 'en') as ContentLanguage

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1} size="h3">{t('contactCenter.kb.title')}</Title>
        <Button onClick={() => setEditing('new')}>{t('contactCenter.kb.newArticle')}</Button>
      </Group>
      <div className="cc-layout cc-layout-wide">
        <Stack gap="sm">
          <Group gap="sm" align="flex-end" grow>
            <TextInput type="search" label={t('contactCenter.kb.search')} placeholder={t('contactCenter.kb.searchHint')} value={query} onChange={(event) => setQuery(event.currentTarget.value)} />
            <NativeSelect label={t('contactCenter.kb.language')} value={language} onChange={(event) => setLanguage(event.currentTarget.value)}
              data={[{ value: '', label: t('contactCenter.kb.anyLanguage') }, ...['en', 'ru', 'fa', 'lt'].map((lang) => ({ value: lang, label: t(`contactCenter.languages.${lang}`) }))]} />
          </Group>
          {results.isPending ? <Text size="sm" c="dimmed" role="status">{t('app.loading')}</Text> : null}
          {results.isError ? <ErrorAlert error={results.error} onRetry={() => void results.refetch()} /> : null}
          {results.data?.length === 0 ? <Text size="sm" c="dimmed">{debounced ? t('contactCenter.kb.noResults') : t('contactCenter.kb.empty')}</Text> : null}
          <ul className="cc-list" aria-label={t('contactCenter.kb.results')} aria-live="polite">
            {results.data?.map((hit) => (
              <li key={`${hit.kind}/${hit.id}`}>
                <Paper withBorder p="sm" mb={4}>
                  <Stack gap={4}>
                    <Group gap="xs" justify="space-between" wrap="nowrap">
                      <Text fw={600} style={{ overflowWrap: 'anywhere' }}><bdi>{hit.title || '—'}</bdi></Text>
                      <Group gap={4} wrap="nowrap">
                        <Badge variant="light" color={hit.kind === 'article' ? 'blue' : 'grape'}>{t(`contactCenter.kb.kinds.${hit.kind}`)}</Badge>
                        {hit.language ? <Badge variant="outline">{hit.language}</Badge> : null}
                        {hit.status === 'draft' ? <Badge variant="light" color="yellow">{t('contactCenter.kb.draft')}</Badge> : null}
                        {hit.visibility === 'public' ? <Badge variant="light" color="green">{t('contactCenter.kb.public')}</Badge> : null}
                      </Group>
                    </Group>
                    {hit.snippet ? <Text size="sm" c="dimmed" lineClamp={3} className="cc-snippet"><bdi>{hit.snippet}</bdi></Text> : null}
                    <Group gap="xs">
                      {hit.kind === 'article'
                        ? <Button size="compact-sm" variant="subtle" loading={open.isPending && open.variables === hit.id} onClick={() => open.mutate(hit.id)} aria-label={t('contactCenter.kb.openArticle', { title: hit.title })}>{t('contactCenter.kb.open')}</Button>
                        : <Button size="compact-sm" variant="subtle" loading={promote.isPending && promote.variables === hit.id} onClick={() => promote.mutate(hit.id)} aria-label={t('contactCenter.kb.promoteRequest', { title: hit.title })}>{t('contactCenter.kb.promote')}</Button>}
                    </Group>
                  </Stack>
                </Paper>
              </li>
            ))}
          </ul>
        </Stack>
        <div>
          {editing === null ? <Text c="dimmed" size="sm">{t('contactCenter.kb.pick')}</Text> : null}
          {editing !== null ? (
            <KbArticleEditor key={editing === 'new' ? 'new' : `${editing.id}/${editing.revision}`} article={editing === 'new' ? null : editing} defaultLanguage={uiLanguage}
              justSaved={editing !== 'new' && savedId === editing.id}
              onSaved={(article) => { setEditingState(article); setSavedId(article.id) }} />
          ) : null}
        </div>
      </div>
    </Stack>
  )
}
