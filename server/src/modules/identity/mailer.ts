/**
 * @module identity/mailer
 * Outgoing mail for password resets and invitations: SMTP through nodemailer, or, when no SMTP
 * server is configured, a line in the log that names the recipient but never the body (the
 * body holds a one-time link). Both refuse header injection the same way.
 */
import nodemailer from 'nodemailer'
import type { SmtpConfig } from '../../config.js'
import { AppError } from '../../errors.js'

export interface MailMessage {
  to: string
  subject: string
  text: string
}

export interface Mailer {
  send(message: MailMessage): Promise<void>
}

export interface SmtpMailerOptions {
  host: string
  port: number
  secure?: boolean
  from: string
  auth?: { user: string; pass: string }
}

/** A line break or NUL in a header would start a new header (a Bcc: of the attacker's choosing). */
const HEADER_BREAK = /[\r\n\0]/
/** One bare address: no list separators, no display name, no spaces. */
const NOT_ONE_ADDRESS = /[\s,;<>]/
/** Connecting and talking to the SMTP server: a stuck server must not hold a request forever. */
const SMTP_TIMEOUT_MS = 15_000

/** Throws validation-failed for a recipient or subject that could smuggle in headers or recipients. */
export function checkMessage(message: MailMessage): void {
  if (HEADER_BREAK.test(message.to) || NOT_ONE_ADDRESS.test(message.to) || !message.to.includes('@')) {
    throw new AppError('validation-failed', 'The recipient must be one email address', { errors: [{ pointer: '/email', detail: 'must be one email address' }] })
  }
  if (HEADER_BREAK.test(message.subject)) throw new AppError('validation-failed', 'A mail subject must be one line')
}

export function createSmtpMailer(options: SmtpMailerOptions): Mailer {
  if (HEADER_BREAK.test(options.from)) throw new Error('the sender address must be one line')
  const transport = nodemailer.createTransport({
    host: options.host, port: options.port, secure: options.secure ?? false, auth: options.auth,
    connectionTimeout: SMTP_TIMEOUT_MS, greetingTimeout: SMTP_TIMEOUT_MS, socketTimeout: SMTP_TIMEOUT_MS,
    disableFileAccess: true, disableUrlAccess: true,
  })
  return {
    async send(message) {
      checkMessage(message)
      try {
        await transport.sendMail({ from: options.from, to: message.to, subject: message.subject, text: message.text })
      } catch (error) {
        throw new AppError('unavailable', 'Mail could not be sent; try again later', { cause: error })
      }
    },
  }
}

/** For instances without SMTP: says who would get mail, never what it says. */
export function createLogMailer(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Mailer {
  return {
    async send(message) {
      checkMessage(message)
      log(`no SMTP server configured (RAPPORT_SMTP_URL): would send mail to ${message.to}: "${message.subject}"`)
    },
  }
}

export function mailerFromConfig(smtp: SmtpConfig | null): Mailer {
  if (!smtp) return createLogMailer()
  const auth = smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined
  return createSmtpMailer({ host: smtp.host, port: smtp.port, secure: smtp.secure, from: smtp.from, auth })
}
