/**
 * What a `sessions.payload` column holds. Laravel's DatabaseSessionHandler stores
 * base64(data), where data is the session array serialized with PHP serialize() (the default) or
 * json_encode() (`session.serialization = json`), or — with SESSION_ENCRYPT — an encrypter
 * envelope around that serialized text. The format is recognised from the bytes, so a table
 * written under an older configuration still decodes.
 */
import { DecryptError, isEnvelope, type LaravelEncrypter } from './encrypter';
import { phpUnserialize, PhpUnserializeError, type PhpValue } from './php-unserialize';

/** `login_<guard>_<sha1 of the guard class>`, as SessionGuard::getName() builds it. */
const LOGIN_KEY = /^login_(.+)_[0-9a-f]{40}$/;
/** Session payloads past this size are not decoded (Laravel sessions are a few KiB). */
const MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;

export type DecodedPayload =
  | { kind: 'session'; format: 'php' | 'json'; encrypted: boolean; keys: string[]; loginGuards: string[] }
  | { kind: 'encrypted' }
  | { kind: 'corrupt'; reason: string };

export function decodePayload(column: string | Uint8Array | null, encrypter: LaravelEncrypter | undefined): DecodedPayload {
  if (column === null) return { kind: 'corrupt', reason: 'payload is NULL' };
  const text = typeof column === 'string' ? column : Buffer.from(column).toString('latin1');
  if (text.length > MAX_PAYLOAD_BYTES * 1.4) return { kind: 'corrupt', reason: 'payload larger than 16 MiB' };
  let data: Buffer = Buffer.from(text, 'base64');
  // Node skips characters that are not base64: a shorter result than the length promises means some were there.
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  if (text.length % 4 !== 0 || data.length !== (text.length / 4) * 3 - padding) return { kind: 'corrupt', reason: 'payload is not base64' };
  let encrypted = false;
  // An envelope is base64 text itself, starting with the base64 of '{"'.
  if (data[0] === 0x65 /* e */ && data[1] === 0x79 /* y */ && data[2] === 0x4a /* J */) {
    const inner = data.toString('latin1');
    if (isEnvelope(inner)) {
      if (!encrypter) return { kind: 'encrypted' };
      try {
        data = unwrapSerializedString(encrypter.decrypt(inner));
      } catch (error) {
        if (error instanceof DecryptError || error instanceof PhpUnserializeError) return { kind: 'corrupt', reason: error.message };
        throw error;
      }
      encrypted = true;
    }
  }
  return decodeSessionData(data, encrypted);
}

/** Encrypter::encrypt() serializes by default: the plaintext is `s:N:"<session data>";`. */
function unwrapSerializedString(plaintext: Buffer): Buffer {
  if (plaintext[0] !== 0x73 /* s */) return plaintext;
  const value = phpUnserialize(plaintext);
  if (typeof value !== 'string') return plaintext;
  // The decoded string is UTF-8 text of the inner serialization; byte lengths inside it are UTF-8.
  return Buffer.from(value, 'utf8');
}

function decodeSessionData(data: Buffer, encrypted: boolean): DecodedPayload {
  const first = data[0];
  let keys: string[];
  let format: 'php' | 'json';
  try {
    if (first === 0x7b /* { */ || first === 0x5b /* [ */) {
      format = 'json';
      const parsed: unknown = JSON.parse(data.toString('utf8'));
      if (parsed === null || typeof parsed !== 'object') return { kind: 'corrupt', reason: 'JSON payload is not an object' };
      keys = Object.keys(parsed);
    } else {
      format = 'php';
      const value: PhpValue = phpUnserialize(data, undefined, 1);
      if (!(value instanceof Map)) return { kind: 'corrupt', reason: 'serialized payload is not an array' };
      keys = [...value.keys()].map(String);
    }
  } catch (error) {
    if (error instanceof PhpUnserializeError || error instanceof SyntaxError) {
      return { kind: 'corrupt', reason: `not a Laravel session payload (${error.message})` };
    }
    throw error;
  }
  const loginGuards = keys.flatMap((key) => (key.startsWith('login_') ? (LOGIN_KEY.exec(key)?.[1] ?? []) : []));
  return { kind: 'session', format, encrypted, keys, loginGuards };
}
