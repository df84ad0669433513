/** Turns a language folder's glob (locales/<lang>/<area>.json) into { area: messages }; the file name is the key prefix. */
export function areasOf(files: Record<string, { default: Record<string, unknown> }>): Record<string, Record<string, unknown>> {
  const areas: Record<string, Record<string, unknown>> = {}
  for (const [file, module] of Object.entries(files)) {
    const area = /\/([^/]+)\.json$/.exec(file)?.[1]
    if (area) areas[area] = module.default
  }
  return areas
}
