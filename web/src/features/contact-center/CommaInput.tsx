/** A text input for a short list ("sales, lang-en"): edits as text, reports the parsed list. */
import { TextInput } from '@mantine/core'
import { useState } from 'react'

export const splitList = (text: string) => text.split(',').map((part) => part.trim()).filter(Boolean)

export function CommaInput({ label, value, onChange, description }: { label: string; value: string[]; onChange: (next: string[]) => void; description?: string }) {
  const [text, setText] = useState(value.join(', '))
  return (
    <TextInput label={label} description={description} value={text}
      onChange={(event) => {
        setText(event.currentTarget.value)
        onChange(splitList(event.currentTarget.value))
      }} />
  )
}
