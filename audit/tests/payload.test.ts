/** The payload reader: PHP unserialize subset, Laravel's encrypter envelope, JSON sessions, hostile input. */
import * as assert from 'node:assert/strict';
import { createCipheriv, createHmac, randomBytes } from 'node:crypto';
import { LaravelEncrypter } from '../src/encrypter';
import { decodePayload } from '../src/payload';
import { phpUnserialize, PhpUnserializeError } from '../src/php-unserialize';
import { rowsOf, runsIn, sample } from './support/sample';

const LOGIN_WEB = 'login_web_59ba36addc2b2f9401580f014c7f58ea4e30989d';

describe('phpUnserialize', () => {
  it('reads the types sessions use, with string lengths in UTF-8 bytes', () => {
    const value = phpUnserialize('a:6:{s:6:"_token";s:3:"abc";i:7;b:1;s:1:"n";N;s:1:"d";d:1.5;s:4:"name";s:8:"Zoë €";s:3:"neg";i:-3;}');
    assert.deepEqual(
      value,
      new Map<string | number, unknown>([
        ['_token', 'abc'],
        [7, true],
        ['n', null],
        ['d', 1.5],
        ['name', 'Zoë €'],
        ['neg', -3],
      ]),
    );
  });

  it('keeps objects as data (class name and properties) and skips Serializable blobs', () => {
    const value = phpUnserialize('a:2:{s:6:"errors";O:31:"Illuminate\\Support\\ViewErrorBag":1:{s:7:"\0*\0bags";a:0:{}}s:1:"c";C:11:"ArrayObject":21:{x:i:0;a:0:{};m:a:0:{}}}');
    assert.ok(value instanceof Map);
    assert.deepEqual(value.get('errors'), { className: 'Illuminate\\Support\\ViewErrorBag', properties: new Map([['\0*\0bags', new Map()]]) });
    assert.deepEqual(value.get('c'), { className: 'ArrayObject', properties: new Map() });
  });

  const hostile: Array<[string, string]> = [
    ['a huge element count', 'a:999999999:{}'],
    ['a string length past the end', 's:999999:"abc";'],
    ['truncated input', 'a:2:{s:6:"_token";s:40:"abc'],
    ['deep nesting', `${'a:1:{i:0;'.repeat(1000)}N;${'}'.repeat(1000)}`],
    ['an unknown type', 'x:1;'],
    ['a negative length', 's:-1:"";'],
    ['trailing bytes', 'N;N;'],
    ['a non-scalar key', 'a:1:{a:0:{}i:1;}'],
    ['an endless number', `i:${'9'.repeat(100000)}`],
  ];
  for (const [name, input] of hostile) {
    it(`fails fast and cleanly on ${name}`, () => {
      const started = performance.now();
      assert.throws(() => phpUnserialize(input), PhpUnserializeError);
      assert.ok(performance.now() - started < 200);
    });
  }

  it('never throws anything but PhpUnserializeError on mutated real payloads', () => {
    const payloads = rowsOf(runsIn('php')).map((row) => Buffer.from(row.payload, 'base64'));
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 3000; i++) {
      const bytes = Buffer.from(payloads[i % payloads.length]!);
      for (let flips = 1 + Math.floor(random() * 3); flips > 0; flips--) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      try {
        phpUnserialize(bytes);
      } catch (error) {
        assert.ok(error instanceof PhpUnserializeError, String(error));
      }
    }
  });
});

function laravelEncrypt(plaintext: string, key: Buffer, cipher: 'aes-256-cbc' | 'aes-256-gcm'): string {
  const iv = randomBytes(16);
  const serialized = `s:${Buffer.byteLength(plaintext)}:"${plaintext}";`;
  const encipher = createCipheriv(cipher, key, iv);
  const value = Buffer.concat([encipher.update(serialized), encipher.final()]).toString('base64');
  const ivText = iv.toString('base64');
  const envelope =
    cipher === 'aes-256-gcm'
      ? { iv: ivText, value, mac: '', tag: (encipher as ReturnType<typeof createCipheriv> & { getAuthTag(): Buffer }).getAuthTag().toString('base64') }
      : { iv: ivText, value, mac: createHmac('sha256', key).update(ivText + value).digest('hex'), tag: '' };
  return Buffer.from(JSON.stringify(envelope)).toString('base64');
}

describe('decodePayload', () => {
  const key = Buffer.from(sample.appKey.slice('base64:'.length), 'base64');
  const session = `a:2:{s:6:"_token";s:3:"abc";s:${LOGIN_WEB.length}:"${LOGIN_WEB}";i:1;}`;

  it('finds the login guard in a plain PHP-serialized payload', () => {
    const decoded = decodePayload(Buffer.from(session).toString('base64'), undefined);
    assert.deepEqual(decoded, { kind: 'session', format: 'php', encrypted: false, keys: ['_token', LOGIN_WEB], loginGuards: ['web'] });
  });

  for (const cipher of ['aes-256-cbc', 'aes-256-gcm'] as const) {
    it(`decrypts ${cipher} envelopes with APP_KEY, and says "encrypted" without one`, () => {
      const column = Buffer.from(laravelEncrypt(session, key, cipher)).toString('base64');
      const encrypter = new LaravelEncrypter(sample.appKey, cipher.toUpperCase());
      assert.deepEqual(decodePayload(column, encrypter), { kind: 'session', format: 'php', encrypted: true, keys: ['_token', LOGIN_WEB], loginGuards: ['web'] });
      assert.deepEqual(decodePayload(column, undefined), { kind: 'encrypted' });
    });
  }

  it('tries APP_PREVIOUS_KEYS after APP_KEY, and reports a wrong key as an undecodable row', () => {
    const column = Buffer.from(laravelEncrypt(session, key, 'aes-256-cbc')).toString('base64');
    const otherKey = `base64:${randomBytes(32).toString('base64')}`;
    assert.equal(decodePayload(column, new LaravelEncrypter(otherKey, 'AES-256-CBC', [sample.appKey])).kind, 'session');
    assert.deepEqual(decodePayload(column, new LaravelEncrypter(otherKey)), { kind: 'corrupt', reason: 'cannot decrypt (the MAC is invalid)' });
  });

  it('reads JSON sessions (session.serialization = json)', () => {
    const decoded = decodePayload(Buffer.from(JSON.stringify({ _token: 'x', [LOGIN_WEB]: 1 })).toString('base64'), undefined);
    assert.deepEqual(decoded, { kind: 'session', format: 'json', encrypted: false, keys: ['_token', LOGIN_WEB], loginGuards: ['web'] });
  });

  it('names what is wrong with payloads that are not Laravel sessions', () => {
    assert.deepEqual(decodePayload('not base64!', undefined), { kind: 'corrupt', reason: 'payload is not base64' });
    assert.deepEqual(decodePayload(null, undefined), { kind: 'corrupt', reason: 'payload is NULL' });
    assert.deepEqual(decodePayload(Buffer.from('i:5;').toString('base64'), undefined), { kind: 'corrupt', reason: 'serialized payload is not an array' });
    assert.equal(decodePayload(Buffer.from('{oops').toString('base64'), undefined).kind, 'corrupt');
  });

  it('refuses keys of the wrong size and unknown ciphers with a clear message', () => {
    assert.throws(() => new LaravelEncrypter('base64:c2hvcnQ='), /APP_KEY is 5 bytes long; AES-256-CBC needs 32/);
    assert.throws(() => new LaravelEncrypter(sample.appKey, 'DES'), /unsupported app.cipher "DES"/);
  });
});
