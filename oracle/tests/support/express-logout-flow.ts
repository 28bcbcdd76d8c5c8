/**
 * Log in, log out through the scenario's handler, then replay the pre-logout session cookie (a stolen
 * copy) — once right after the logout and once after the same browser has logged in again (with
 * passport 0.5 neither logout nor login changes the session id, so a surviving id comes back to life).
 */
import * as assert from 'node:assert/strict';
import type { ExpressServer } from './express-server';

const SESSION_COOKIE = 'connect.sid';

export type ExpressRowState = 'deleted' | 'kept, logged out' | 'kept, logged in';

export interface ExpressOutcome {
  /** HTTP status of the logout request, or 'no response' when the server died first. */
  logoutStatus: number | 'no response';
  /** First line of the error that killed the server process, if it died. */
  crash: string | null;
  /** The browser's own next request (GET /me), sent the moment the logout response arrives. */
  followUpStatus: number | null;
  /** The browser's session after logout still holds data written while logged in (GET /cart). */
  sessionDataKept: boolean | null;
  /** The store row of the pre-logout session id (null when the server is down). */
  oldRow: ExpressRowState | null;
  /** GET /me with the pre-logout cookie right after logout. */
  replayStatus: number | null;
  /** GET /me with the pre-logout cookie after the browser logged in again. */
  replayAfterReloginStatus: number | null;
}

export const SECURE_EXPRESS_OUTCOME: ExpressOutcome = {
  logoutStatus: 302,
  crash: null,
  followUpStatus: 401,
  sessionDataKept: false,
  oldRow: 'deleted',
  replayStatus: 401,
  replayAfterReloginStatus: 401,
};

function sessionIdOf(cookieValue: string): string {
  // express-session cookie: "s:<id>.<signature>", URL-encoded.
  const decoded = decodeURIComponent(cookieValue);
  return decoded.slice(2, decoded.lastIndexOf('.'));
}

class Browser {
  cookie: string | undefined;

  constructor(private readonly origin: string) {}

  async send(method: 'GET' | 'POST', uri: string): Promise<number> {
    return (await this.request(method, uri)).status;
  }

  async json(uri: string): Promise<unknown> {
    return (await this.request('GET', uri)).body;
  }

  private async request(method: 'GET' | 'POST', uri: string): Promise<{ status: number; body: unknown }> {
    const response = await fetch(this.origin + uri, {
      method,
      redirect: 'manual',
      headers: this.cookie ? { cookie: `${SESSION_COOKIE}=${this.cookie}` } : {},
    });
    const text = await response.text();
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const [name, value] = pair!.split('=');
      if (name === SESSION_COOKIE && value !== undefined) this.cookie = value;
    }
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON (a redirect body): keep the text
    }
    return { status: response.status, body };
  }
}

export async function runExpressLogoutFlow(server: ExpressServer): Promise<ExpressOutcome> {
  const browser = new Browser(server.origin);
  assert.equal(await browser.send('POST', '/login'), 200, 'oracle login failed');
  assert.equal(await browser.send('GET', '/me'), 200, 'the session cookie must authenticate before logout');
  const stolenCookie = browser.cookie!;
  const oldSessionId = sessionIdOf(stolenCookie);

  let logoutStatus: number | 'no response';
  try {
    logoutStatus = await browser.send('POST', '/logout');
  } catch {
    logoutStatus = 'no response';
  }
  let followUpStatus: number | null = null;
  try {
    followUpStatus = await browser.send('GET', '/me');
  } catch {
    // the server is gone; reported as a crash below
  }
  try {
    // Let every store write the logout started finish (or the process die of it).
    await fetch(`${server.origin}/__oracle/settled`, { signal: AbortSignal.timeout(10_000) });
  } catch {
    // the server is gone; reported as a crash below
  }
  const crash = await server.crashed(50);
  if (crash) {
    const reason = crash.stderr.split('\n').find((line) => /^\w*Error\b/.test(line)) ?? `exit ${crash.exitCode}`;
    return {
      logoutStatus,
      crash: reason,
      followUpStatus,
      sessionDataKept: null,
      oldRow: null,
      replayStatus: null,
      replayAfterReloginStatus: null,
    };
  }
  const sessionDataKept = ((await browser.json('/cart')) as { cart: unknown }).cart !== null;

  const sessions = (await (await fetch(`${server.origin}/__oracle/sessions`)).json()) as Record<
    string,
    { passport?: { user?: unknown }; userId?: unknown }
  >;
  const row = sessions[oldSessionId];
  const oldRow: ExpressRowState =
    row === undefined ? 'deleted' : row.passport?.user !== undefined || row.userId !== undefined ? 'kept, logged in' : 'kept, logged out';

  const attacker = new Browser(server.origin);
  attacker.cookie = stolenCookie;
  const replayStatus = await attacker.send('GET', '/me');
  assert.equal(await browser.send('POST', '/login'), 200, 'second login failed');
  attacker.cookie = stolenCookie;
  const replayAfterReloginStatus = await attacker.send('GET', '/me');

  return { logoutStatus, crash: null, followUpStatus, sessionDataKept, oldRow, replayStatus, replayAfterReloginStatus };
}
