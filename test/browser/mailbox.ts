/**
 * A real SMTP server on 127.0.0.1 for browser tests: the app sends its reset and invitation
 * mail here (RAPPORT_SMTP_URL), and the test reads the links out of what arrived.
 */
import type { AddressInfo } from 'node:net'
import { simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export interface ReceivedMail { to: string[]; subject: string; text: string }

const POLL_MS = 100

export async function startMailbox() {
  const received: ReceivedMail[] = []
  const server = new SMTPServer({
    secure: false, disabledCommands: ['STARTTLS', 'AUTH'], logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then((parsed) => {
        received.push({ to: session.envelope.rcptTo.map((a) => a.address), subject: parsed.subject ?? '', text: parsed.text ?? '' })
        callback()
      }, callback)
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const port = (server.server.address() as AddressInfo).port
  return {
    url: `smtp://127.0.0.1:${port}`,
    /** The first link to `pathname` in the mail to `to`, waiting for it to arrive. */
    async linkTo(to: string, pathname: string, timeoutMs = 10_000): Promise<URL> {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const links = received.filter((m) => m.to.includes(to)).flatMap((m) => m.text.match(/https?:\/\/\S+/g) ?? []).map((href) => new URL(href))
        const link = links.find((url) => url.pathname === pathname)
        if (link) return link
        if (Date.now() > deadline) throw new Error(`no mail to ${to} with a ${pathname} link within ${timeoutMs} ms`)
        await new Promise((resolve) => setTimeout(resolve, POLL_MS))
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
