/**
 * An API name suggested from a label: camelCase ASCII letters and digits, starting with a
 * lower-case letter (the server's API_NAME_PATTERN). Labels in other scripts give '' and the
 * person types the API name themselves.
 */
export function apiNameFrom(label: string): string {
  const words = label.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').split(/[^A-Za-z0-9]+/).filter(Boolean)
  const name = words.map((word, index) => index === 0 ? word.toLowerCase() : word[0].toUpperCase() + word.slice(1).toLowerCase()).join('')
  return name.replace(/^[^a-z]+/, '').slice(0, 63)
}

export const API_NAME = /^[a-z][a-zA-Z0-9]{0,62}$/
