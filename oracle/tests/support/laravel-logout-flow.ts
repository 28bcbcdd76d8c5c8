/**
 * The login → logout → replay sequence every Laravel scenario goes through, and the security
 * outcome it measures. Requests, in order (each one a fresh Application):
 *   GET /oracle/csrf, POST /oracle/login, GET /oracle/csrf (token after login), GET /oracle/me,
 *   the scenario's logout request, then — after the database is inspected — the probes:
 *   old CSRF token (c), fresh XSRF-TOKEN from the logout response (e), old session cookie replayed (d).
 */
import * as assert from 'node:assert/strict';
import { CookieJar } from './cookie-jar';
import { LaravelApp, SESSION_COOKIE, XSRF_COOKIE, type HarnessResponse } from './laravel-harness';

export interface LogoutRoute {
  method: 'POST' | 'DELETE';
  uri: string;
  /** e.g. a Referer that makes Sanctum treat an api request as the stateful SPA. */
  headers?: Record<string, string>;
}

export type OldRowState = 'deleted' | 'kept, logged out' | 'kept, logged in';

export interface LogoutOutcome {
  logoutStatus: number;
  logoutException: string | null;
  /** (a) the row of the session id the client had before logging out. */
  oldRow: OldRowState;
  /** (b) user_id of the row written for the session the logout response leaves the client with. */
  newUserId: number | null;
  /** (c) POST with the pre-logout CSRF token and the post-logout cookies. */
  oldCsrfTokenStatus: number;
  /** (e) POST with the XSRF-TOKEN the logout response handed out (what axios would send). */
  freshCsrfTokenStatus: number;
  /** (d) GET on an `auth` route with only the pre-logout session cookie (a stolen copy). */
  replayStatus: number;
}

/** The outcome a correct logout produces. */
export const SECURE_OUTCOME: Omit<LogoutOutcome, 'logoutStatus' | 'logoutException'> = {
  oldRow: 'deleted',
  newUserId: null,
  oldCsrfTokenStatus: 419,
  freshCsrfTokenStatus: 200,
  replayStatus: 401,
};

function describe(response: HarnessResponse): string {
  return `${response.status}${response.exception ? ` (${response.exception})` : ''}`;
}

export async function runLogoutFlow(app: LaravelApp, route: LogoutRoute): Promise<LogoutOutcome> {
  const { user } = await app.setup();
  const jar = new CookieJar();
  const send = async (request: Parameters<LaravelApp['request']>[0], cookies = jar) => {
    const response = await app.request({ ...request, cookies: cookies.toObject() });
    cookies.apply(response.cookies);
    return response;
  };

  const guestCsrf = await send({ method: 'GET', uri: '/oracle/csrf' });
  const guestToken = (guestCsrf.body as { token: string }).token;
  const login = await send({ method: 'POST', uri: '/oracle/login', body: { _token: guestToken, ...user } });
  assert.equal(login.status, 200, `oracle login failed: ${describe(login)}`);

  const userCsrf = await send({ method: 'GET', uri: '/oracle/csrf' });
  const oldToken = (userCsrf.body as { token: string }).token;
  const oldSessionId = userCsrf.sessionIdOut;
  const oldSessionCookie = jar.pick(SESSION_COOKIE);
  const meBefore = await send({ method: 'GET', uri: '/oracle/me' });
  assert.equal(meBefore.status, 200, `the session cookie must authenticate before logout: ${describe(meBefore)}`);

  const logout = await send({ method: route.method, uri: route.uri, headers: route.headers, body: { _token: oldToken } });
  const db = await app.inspect();
  const oldRow = db.sessions.find((row) => row.id === oldSessionId);
  const newRow = db.sessions.find((row) => row.id === logout.sessionIdOut);
  assert.ok(newRow, `no session row for the id the logout request ended with (${logout.sessionIdOut})`);

  const oldCsrf = await send({ method: 'POST', uri: '/oracle/csrf-probe', body: { _token: oldToken } }, jar.clone());
  const freshCsrf = await send(
    { method: 'POST', uri: '/oracle/csrf-probe', headers: { 'X-XSRF-TOKEN': jar.get(XSRF_COOKIE) ?? '' } },
    jar.clone(),
  );
  const replay = await send({ method: 'GET', uri: '/oracle/me' }, new CookieJar(oldSessionCookie));

  return {
    logoutStatus: logout.status,
    logoutException: logout.exception,
    oldRow: oldRow === undefined ? 'deleted' : oldRow.loggedIn ? 'kept, logged in' : 'kept, logged out',
    newUserId: newRow.userId,
    oldCsrfTokenStatus: oldCsrf.status,
    freshCsrfTokenStatus: freshCsrf.status,
    replayStatus: replay.status,
  };
}

export interface BearerLogoutOutcome {
  status: number;
  exception: string | null;
  /** The personal access token the request authenticated with is gone from the database. */
  tokenDeleted: boolean;
}

/** The same logout route called by a token client: bearer header, no cookies, no Referer. */
export async function runBearerLogout(app: LaravelApp, route: LogoutRoute): Promise<BearerLogoutOutcome> {
  const { bearerToken } = await app.setup();
  const response = await app.request({
    method: route.method,
    uri: route.uri,
    headers: { Authorization: `Bearer ${bearerToken}` },
  });
  const db = await app.inspect();
  const tokenId = Number(bearerToken.split('|')[0]);
  return { status: response.status, exception: response.exception, tokenDeleted: !db.tokenIds.includes(tokenId) };
}
