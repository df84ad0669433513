/** Create or edit one knowledge-base article; publishing is offered to administrators only (the server decides). */
import { Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { createArticle, updateArticle, type ArticleStatus, type ArticleVisibility, type ContentLanguage, type KbArticle } from '../../api/contact-center.js'
import { CommaInput } from './CommaInput.js'

const LANGS: ContentLanguage[] = ['en', 'ru', 'fa', 'lt']
export const KB_KEY = ['contact-center', 'kb']

export function KbArticleEditor({ article, defaultLanguage, justSaved, onSaved }: {
  article: KbArticle | null; defaultLanguage: ContentLanguage; justSaved: boolean; onSaved: (article: KbArticle) => void
}) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [title, setTitle] = useState(article?.title ?? '')
  const [body, setBody] = useState(article?.body ?? '')
  const [language, setLanguage] = useState<ContentLanguage>(article?.language ?? defaultLanguage)
  const [visibility, setVisibility] = useState<ArticleVisibility>(article?.visibility ?? 'internal')
  const [status, setStatus] = useState<ArticleStatus>(article?.status ?? 'draft')
  const [tags, setTags] = useState(article?.tags ?? [])
  const editable = article?.editable ?? true
  const save = useMutation({
    mutationFn: () => {
      const fields = { title, body, language, visibility, status, tags }
      return article ? updateArticle(article.id, article.revision, fields) : createArticle(fields)
    },
    onSuccess: (saved) => { void queryClient.invalidateQueries({ queryKey: KB_KEY }); onSaved(saved) },
  })
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="kb-editor-title">
      <form onSubmit={(event) => { event.preventDefault(); save.mutate() }}>
        <Stack gap="sm">
          <Title order={2} size="h5" id="kb-editor-title">{article ? t('contactCenter.kb.editArticle') : t('contactCenter.kb.newArticle')}</Title>
          <TextInput required label={t('contactCenter.kb.articleTitle')} value={title} readOnly={!editable} onChange={(event) => setTitle(event.currentTarget.value)} />
          <Textarea label={t('contactCenter.kb.body')} autosize minRows={4} value={body} readOnly={!editable} onChange={(event) => setBody(event.currentTarget.value)} />
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            <NativeSelect label={t('contactCenter.kb.language')} value={language} disabled={!editable} onChange={(event) => setLanguage(event.currentTarget.value as ContentLanguage)}
              data={LANGS.map((lang) => ({ value: lang, label: t(`contactCenter.languages.${lang}`) }))} />
            <NativeSelect label={t('contactCenter.kb.visibility')} value={visibility} disabled={!editable} onChange={(event) => setVisibility(event.currentTarget.value as ArticleVisibility)}
              data={[{ value: 'internal', label: t('contactCenter.kb.internal') }, { value: 'public', label: t('contactCenter.kb.public') }]} />
            <NativeSelect label={t('contactCenter.kb.status')} value={status} disabled={!editable} onChange={(event) => setStatus(event.currentTarget.value as ArticleStatus)}
              data={[{ value: 'draft', label: t('contactCenter.kb.draft') }, { value: 'published', label: t('contactCenter.kb.published') }]} />
          </SimpleGrid>
          <CommaInput label={t('contactCenter.kb.tags')} value={tags} onChange={setTags} />
          {editable ? (
            <Group gap="sm">
              <Button type="submit" loading={save.isPending}>{t('contactCenter.save')}</Button>
              {justSaved ? <Text size="sm" c="green" role="status">{t('contactCenter.kb.saved')}</Text> : null}
            </Group>
          ) : <Text size="sm" c="dimmed">{t('contactCenter.readOnly')}</Text>}
        </Stack>
      </form>
    </Paper>
  )
}
