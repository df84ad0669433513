import { test } from 'node:test'
import assert from 'node:assert/strict'
import { foldLine, parseContentLines } from './content-lines.js'
import { formatVCard, parseVCards } from './vcard.js'

test('lines fold at 75 octets without splitting a UTF-8 character, and unfold back', () => {
  const value = `NOTE:${'Žemaitė ژینا Жанна; '.repeat(20)}`
  const folded = foldLine(value)
  for (const physical of folded.split('\r\n').filter(Boolean)) assert.ok(Buffer.byteLength(physical) <= 75, physical)
  assert.equal(parseContentLines(folded)[0].value, value.slice(5))
})

test('a card round-trips: escaping, several emails and phones, N and FN, ORG', () => {
  const card = {
    id: '01935f3e-0000-7000-8000-000000000001', firstName: 'Жанна; Мария', lastName: 'Lukina, Jr\\', email: 'zh@example.com',
    additionalEmails: ['zh2@example.com'], phone: '+37061234567', additionalPhones: ['+37069999999'], company: 'Acme, UAB', jobTitle: 'CEO',
  }
  const text = formatVCard(card)
  assert.match(text, /^BEGIN:VCARD\r\nVERSION:4\.0\r\n/)
  const [parsed] = parseVCards(text)
  assert.ok('card' in parsed)
  assert.deepEqual(parsed.card, {
    firstName: card.firstName, lastName: card.lastName, email: card.email, additionalEmails: card.additionalEmails,
    phone: card.phone, additionalPhones: card.additionalPhones, company: card.company, jobTitle: card.jobTitle,
  })
})
