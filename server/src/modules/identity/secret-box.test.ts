import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createSecretBox } from './secret-box.js'

const newKey = () => randomBytes(32).toString('base64')

describe('secret box', () => {
  test('round-trips, and the box shows nothing of the secret', () => {
    const box = createSecretBox({ key: newKey() })
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'
    const sealed = box.encrypt(secret, 'user-1')
    assert.equal(box.decrypt(sealed, 'user-1'), secret)
    assert.ok(!sealed.includes(secret))
    assert.ok(!sealed.includes(Buffer.from(secret).toString('base64').slice(0, 16)))
    assert.notEqual(box.encrypt(secret, 'user-1'), sealed, 'a fresh IV each time')
  })

  test('refuses another context, a tampered box, another key and garbage', () => {
    const key = newKey()
    const box = createSecretBox({ key })
    const sealed = box.encrypt('secret', 'user-1')
    assert.throws(() => box.decrypt(sealed, 'user-2'))
    const [version, iv, tag, data] = sealed.split('.')
    const flipped = Buffer.from(data, 'base64url')
    flipped[0] ^= 1
    assert.throws(() => box.decrypt([version, iv, tag, flipped.toString('base64url')].join('.'), 'user-1'))
    assert.throws(() => createSecretBox({ key: newKey() }).decrypt(sealed, 'user-1'))
    assert.throws(() => box.decrypt('plain text', 'user-1'))
    assert.equal(createSecretBox({ key }).decrypt(sealed, 'user-1'), 'secret', 'the same key opens it')
  })

  test('a key that is not 32 bytes is refused', () => {
    assert.throws(() => createSecretBox({ key: randomBytes(16).toString('base64') }).encrypt('x'), /32 bytes/)
  })

  test('without a key, a 0600 key file is created on first use and reused', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-box-'))
    try {
      const keyFile = path.join(dir, 'data', 'app.key')
      const box = createSecretBox({ keyFile })
      assert.equal(fs.existsSync(keyFile), false, 'nothing is created before a secret is stored')
      const sealed = box.encrypt('secret')
      if (process.platform !== 'win32') assert.equal(fs.statSync(keyFile).mode & 0o777, 0o600)
      const before = fs.readFileSync(keyFile, 'utf8')
      assert.equal(createSecretBox({ keyFile }).decrypt(sealed), 'secret', 'a restart reads the same key')
      assert.equal(fs.readFileSync(keyFile, 'utf8'), before)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
