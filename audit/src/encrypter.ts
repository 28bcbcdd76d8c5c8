/**
 * Laravel's encrypter envelope (Illuminate\Encryption\Encrypter): base64 of the JSON
 * `{ iv, value, mac, tag }`. CBC ciphers carry an HMAC-SHA256 of `iv . value` in `mac`; GCM
 * ciphers carry the authentication tag in `tag`. Only decryption is implemented: the audit never
 * writes.
 */
import { createDecipheriv, createHmac, timingSafeEqual } from 'node:crypto';
import { AuditError } from './errors';

const CIPHERS = {
  'aes-128-cbc': { keyBytes: 16, aead: false },
  'aes-256-cbc': { keyBytes: 32, aead: false },
  'aes-128-gcm': { keyBytes: 16, aead: true },
  'aes-256-gcm': { keyBytes: 32, aead: true },
} as const;

type CipherName = keyof typeof CIPHERS;

export class DecryptError extends Error {}

interface Envelope {
  iv: string;
  value: string;
  mac?: string;
  tag?: string;
}

export class LaravelEncrypter {
  private readonly cipher: CipherName;
  private readonly keys: Buffer[];

  /** `appKey` as in APP_KEY (`base64:…` or raw), older keys as APP_PREVIOUS_KEYS (comma-separated). */
  constructor(appKey: string, cipherName = 'AES-256-CBC', previousKeys: string[] = []) {
    const cipher = cipherName.toLowerCase();
    if (!(cipher in CIPHERS)) throw new AuditError(`unsupported app.cipher ${JSON.stringify(cipherName)} (expected AES-128/256-CBC or -GCM)`);
    this.cipher = cipher as CipherName;
    this.keys = [appKey, ...previousKeys].filter((key) => key !== '').map((key) => parseKey(key));
    for (const key of this.keys) {
      if (key.length !== CIPHERS[this.cipher].keyBytes) {
        throw new AuditError(`APP_KEY is ${key.length} bytes long; ${cipherName} needs ${CIPHERS[this.cipher].keyBytes}`);
      }
    }
  }

  /** Decrypts an envelope as Encrypter::decrypt($payload, unserialize: false) does. */
  decrypt(envelopeBase64: string): Buffer {
    const envelope = parseEnvelope(envelopeBase64);
    const iv = Buffer.from(envelope.iv, 'base64');
    const value = Buffer.from(envelope.value, 'base64');
    const { aead } = CIPHERS[this.cipher];
    let lastError = 'no key';
    for (const key of this.keys) {
      try {
        if (aead) {
          const decipher = createDecipheriv(this.cipher as 'aes-256-gcm', key, iv);
          decipher.setAuthTag(Buffer.from(envelope.tag ?? '', 'base64'));
          return Buffer.concat([decipher.update(value), decipher.final()]);
        }
        const expected = createHmac('sha256', key).update(envelope.iv + envelope.value).digest();
        const given = Buffer.from(envelope.mac ?? '', 'hex');
        if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
          lastError = 'the MAC is invalid';
          continue;
        }
        const decipher = createDecipheriv(this.cipher, key, iv);
        return Buffer.concat([decipher.update(value), decipher.final()]);
      } catch (error) {
        lastError = error instanceof Error ? error.message : String(error);
      }
    }
    throw new DecryptError(`cannot decrypt (${lastError})`);
  }
}

/** True when `text` looks like an encrypter envelope (base64 of JSON with iv and value). */
export function isEnvelope(text: string): boolean {
  if (!text.startsWith('eyJ')) return false; // base64 of '{"'
  try {
    parseEnvelope(text);
    return true;
  } catch {
    return false;
  }
}

function parseEnvelope(text: string): Envelope {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64').toString('utf8'));
  } catch {
    throw new DecryptError('not an encrypter envelope');
  }
  const envelope = parsed as Partial<Envelope> | null;
  if (!envelope || typeof envelope.iv !== 'string' || typeof envelope.value !== 'string') throw new DecryptError('not an encrypter envelope');
  return envelope as Envelope;
}

function parseKey(key: string): Buffer {
  return key.startsWith('base64:') ? Buffer.from(key.slice('base64:'.length), 'base64') : Buffer.from(key, 'utf8');
}
