import { Stack, Text } from '@mantine/core'
import { useRef, useState, type DragEvent } from 'react'
import { useTranslation } from 'react-i18next'

/** A drop zone that is also a button opening the file chooser (keyboard: Enter or Space). */
export function FileDrop({ onFile, disabled }: { onFile: (file: File) => void; disabled?: boolean }) {
  const { t } = useTranslation()
  const input = useRef<HTMLInputElement>(null)
  const [over, setOver] = useState(false)
  const drop = (event: DragEvent) => {
    event.preventDefault()
    setOver(false)
    const file = event.dataTransfer.files[0]
    if (file && !disabled) onFile(file)
  }
  return (
    <button type="button" className="import-drop" data-over={over || undefined} disabled={disabled} aria-label={t('imports.dropLabel')}
      onClick={() => input.current?.click()}
      onDragOver={(event) => { event.preventDefault(); setOver(true) }} onDragLeave={() => setOver(false)} onDrop={drop}>
      <Stack gap={4} align="center">
        <Text fw={600}>{t('imports.dropTitle')}</Text>
        <Text size="sm" c="dimmed">{t('imports.dropHint')}</Text>
      </Stack>
      <input ref={input} type="file" accept=".csv,.tsv,.txt,text/csv,text/plain" hidden data-testid="import-file"
        onChange={(event) => { const file = event.target.files?.[0]; if (file) onFile(file); event.target.value = '' }} />
    </button>
  )
}
