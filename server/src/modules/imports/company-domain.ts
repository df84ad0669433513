/**
 * Domains for finding a row's company: a website cell ("https://www.Acme.lt/about") or, when
 * the row names no company and no website, the person's e-mail address. Both reduce to one
 * comparable form — lower-case ASCII host without scheme, `www.`, port or path, IDNs in
 * punycode (node:url `domainToASCII`) — which is also how a company the import creates stores it.
 */
import { domainToASCII, domainToUnicode } from 'node:url'

/**
 * Mailbox providers whose domain says nothing about the person's employer: an address there
 * never finds or creates a company. A short list of the providers our users' files carry
 * (global, Russian, Lithuanian, Iranian); a company column or a website still links such a person.
 */
export const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'yahoo.com', 'ymail.com', 'icloud.com', 'me.com', 'mac.com',
  'aol.com', 'proton.me', 'protonmail.com', 'gmx.com', 'gmx.de', 'gmx.net', 'web.de', 'zoho.com', 'mail.com',
  'yandex.ru', 'yandex.com', 'ya.ru', 'mail.ru', 'bk.ru', 'list.ru', 'inbox.ru', 'rambler.ru',
  'inbox.lt', 'one.lt', 'gmail.lt', 'yahoo.co.uk', 'hotmail.co.uk',
])

/** Longest host name DNS allows. */
const MAX_HOST = 253

/** `https://www.Acme.LT/about` → `acme.lt`; `ąžuolas.lt` → `xn--uolas-m7a3r.lt`; null when no real host remains. */
export function normaliseDomain(value: string): string | null {
  let host = value.trim().toLowerCase().replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
  host = host.split(/[/?#]/)[0]
  const at = host.lastIndexOf('@')
  if (at >= 0) host = host.slice(at + 1)
  host = host.replace(/:\d*$/, '').replace(/\.$/, '').replace(/^www\./, '')
  if (!host || /\s/.test(host)) return null
  const ascii = domainToASCII(host)
  const labels = ascii.split('.')
  return labels.length > 1 && labels.every(Boolean) && ascii.length <= MAX_HOST && !/^[\d.]+$/.test(ascii) ? ascii : null
}

/** The company domain an e-mail address suggests, or null for a free-mail provider or no address. */
export function emailCompanyDomain(email: string): string | null {
  const at = email.lastIndexOf('@')
  if (at < 0) return null
  const domain = normaliseDomain(email.slice(at + 1))
  return domain && !FREE_MAIL_DOMAINS.has(domain) ? domain : null
}

/**
 * Stored spellings one domain may have in records the import did not write (a user typed
 * "https://www.acme.lt/" into the field): looked up with `in`, then checked with normaliseDomain.
 */
export function domainSpellings(domain: string): string[] {
  const hosts = [...new Set([domain, domainToUnicode(domain)].filter(Boolean))]
  return hosts.flatMap((host) => ['', 'www.', 'http://', 'https://', 'http://www.', 'https://www.'].flatMap((prefix) => [`${prefix}${host}`, `${prefix}${host}/`]))
}
