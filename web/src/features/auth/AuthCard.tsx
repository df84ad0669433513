import { Center, Group, Paper, Stack, Title } from '@mantine/core'
import type { ReactNode } from 'react'
import { LanguageSelect } from '../../components/LanguageSelect.js'

/** The frame of the signed-out pages: a centred card with the language picker above it. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Center mih="100vh" p="md" component="main" id="main">
      <Stack w="100%" maw={420} gap="md">
        <Group justify="flex-end"><LanguageSelect /></Group>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          <Title order={1} size="h2" mb="lg">{title}</Title>
          {children}
        </Paper>
      </Stack>
    </Center>
  )
}
