/**
 * @module identity/secret-box
 * Encrypts secrets that must be read back (TOTP seeds) with AES-256-GCM under an app key that
 * lives outside the database: RAPPORT_APP_KEY, or a key file created on first use with mode
 * 0600. A stolen database alone then yields no working second factor.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

const KEY_BYTES = 32
const IV_BYTES = 12
const TAG_BYTES = 16
const VERSION = 'v1'
const KEY_FILE_MODE = 0o600

export interface SecretBox {
  /** `context` (e.g. the owning user's id) is authenticated: a box copied to another row fails to open. */
  encrypt(plaintext: string, context?: string): string
  decrypt(boxed: string, context?: string): string
}

function decodeKey(base64: string, where: string): Buffer {
  const key = Buffer.from(base64.trim(), 'base64')
  if (key.length !== KEY_BYTES) throw new Error(`${where} must hold ${KEY_BYTES} bytes in base64`)
  return key
}

/** Reads the key file, creating it (exclusively, mode 0600) when it does not exist yet. */
export function loadOrCreateKeyFile(file: string): Buffer {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  try {
    fs.writeFileSync(file, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { flag: 'wx', mode: KEY_FILE_MODE })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  return decodeKey(fs.readFileSync(file, 'utf8'), file)
}

/**
 * A box over `key` (base64) or, when it is null, the key in `keyFile`. The key is read on
 * first use, so an instance that never stores a secret never creates the file.
 * @example createSecretBox({ key: config.appKey, keyFile: path.join(config.dataDir, 'app.key') })
 */
export function createSecretBox(source: { key?: string | null; keyFile?: string }): SecretBox {
  let key: Buffer | null = null
  const getKey = (): Buffer => {
    if (key) return key
    if (source.key) key = decodeKey(source.key, 'RAPPORT_APP_KEY')
    else if (source.keyFile) key = loadOrCreateKeyFile(source.keyFile)
    else throw new Error('a secret box needs a key or a key file')
    return key
  }
  return {
    encrypt(plaintext, context = '') {
      const iv = randomBytes(IV_BYTES)
      const cipher = createCipheriv('aes-256-gcm', getKey(), iv).setAAD(Buffer.from(context))
      const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
      return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), sealed.toString('base64url')].join('.')
    },
    decrypt(boxed, context = '') {
      const [version, iv, tag, sealed] = boxed.split('.')
      if (version !== VERSION || !iv || !tag || sealed === undefined) throw new Error('not a sealed secret')
      const decipher = createDecipheriv('aes-256-gcm', getKey(), Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES })
      decipher.setAAD(Buffer.from(context)).setAuthTag(Buffer.from(tag, 'base64url'))
      return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]).toString('utf8')
    },
  }
}
