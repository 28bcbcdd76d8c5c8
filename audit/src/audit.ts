/**
 * The audit proper: one pass over the rows, holding only per-user counters (bounded by the number
 * of users, not rows) and the findings.
 */
import type { LaravelEncrypter } from './encrypter';
import { decodePayload } from './payload';
import type { SessionRow } from './sources';

export type FindingKind = 'stale-user-id' | 'too-many-sessions' | 'expired';

export interface Finding {
  kind: FindingKind;
  /** Session id prefix (an id is a bearer credential: never printed whole); null for per-user findings. */
  id: string | null;
  userId: string;
  /** Unix seconds (for too-many-sessions: the user's most recent row). */
  lastActivity: number | null;
  /** too-many-sessions: the user's authenticated rows. */
  sessions?: number;
}

export interface AuditTotals {
  rows: number;
  /** Rows with user_id set. */
  authenticated: number;
  guest: number;
  /** Rows whose payload holds a login_<guard>_<sha1> key. */
  loggedIn: number;
  /** Payloads that were encrypted and could not be read (no APP_KEY). */
  encrypted: number;
  /** Payloads that are neither a PHP-serialized nor a JSON session (nor decryptable). */
  undecodable: number;
  payloadFormats: { php: number; json: number; encrypted: number };
}

export interface AuditOptions {
  encrypter: LaravelEncrypter | undefined;
  lifetimeMinutes: number;
  maxSessions: number;
  /** Unix seconds; rows with last_activity before now - lifetime are expired. */
  now: number;
  /** Findings kept per kind (the counts cover all of them): keeps memory bounded on huge tables. */
  maxFindingsPerKind: number;
  onRow?: (rowsSoFar: number) => void;
}

export interface AuditResult {
  totals: AuditTotals;
  findings: Finding[];
  /** Findings per kind, including those past maxFindingsPerKind. */
  counts: Record<FindingKind, number>;
  /** First few reasons payloads could not be decoded, with the id prefix. */
  undecodableSamples: Array<{ id: string; reason: string }>;
}

/** How much of a session id is shown: enough to find the row, far too little to use it. */
export const SESSION_ID_PREFIX_LENGTH = 8;
const UNDECODABLE_SAMPLES = 5;

export function sessionIdPrefix(id: string): string {
  return id.length <= SESSION_ID_PREFIX_LENGTH ? id : `${id.slice(0, SESSION_ID_PREFIX_LENGTH)}…`;
}

export async function auditRows(rows: AsyncIterable<SessionRow>, options: AuditOptions): Promise<AuditResult> {
  const totals: AuditTotals = {
    rows: 0,
    authenticated: 0,
    guest: 0,
    loggedIn: 0,
    encrypted: 0,
    undecodable: 0,
    payloadFormats: { php: 0, json: 0, encrypted: 0 },
  };
  const findings: Finding[] = [];
  const counts: Record<FindingKind, number> = { 'stale-user-id': 0, 'too-many-sessions': 0, expired: 0 };
  const report = (finding: Finding) => {
    if (counts[finding.kind]++ < options.maxFindingsPerKind) findings.push(finding);
  };
  const undecodableSamples: AuditResult['undecodableSamples'] = [];
  const perUser = new Map<string, { sessions: number; lastActivity: number | null }>();
  const expiredBefore = options.now - options.lifetimeMinutes * 60;

  for await (const row of rows) {
    totals.rows++;
    options.onRow?.(totals.rows);
    const decoded = decodePayload(row.payload, options.encrypter);
    if (decoded.kind === 'session') {
      totals.payloadFormats[decoded.format]++;
      if (decoded.encrypted) totals.payloadFormats.encrypted++;
      if (decoded.loginGuards.length > 0) totals.loggedIn++;
    } else if (decoded.kind === 'encrypted') {
      totals.encrypted++;
    } else {
      totals.undecodable++;
      if (undecodableSamples.length < UNDECODABLE_SAMPLES) undecodableSamples.push({ id: sessionIdPrefix(row.id), reason: decoded.reason });
    }

    if (row.userId === null) {
      totals.guest++;
      continue;
    }
    totals.authenticated++;
    const id = sessionIdPrefix(row.id);
    if (decoded.kind === 'session' && decoded.loginGuards.length === 0) {
      report({ kind: 'stale-user-id', id, userId: row.userId, lastActivity: row.lastActivity });
    }
    if (row.lastActivity !== null && row.lastActivity < expiredBefore) {
      report({ kind: 'expired', id, userId: row.userId, lastActivity: row.lastActivity });
    }
    const user = perUser.get(row.userId) ?? { sessions: 0, lastActivity: null };
    user.sessions++;
    if (row.lastActivity !== null && (user.lastActivity === null || row.lastActivity > user.lastActivity)) user.lastActivity = row.lastActivity;
    perUser.set(row.userId, user);
  }

  for (const [userId, user] of perUser) {
    if (user.sessions > options.maxSessions) {
      report({ kind: 'too-many-sessions', id: null, userId, lastActivity: user.lastActivity, sessions: user.sessions });
    }
  }
  return { totals, findings, counts, undecodableSamples };
}
