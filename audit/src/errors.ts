/** A problem the user can fix (bad option, unreachable database, missing key): printed as one line, exit 2. */
export class AuditError extends Error {
  override readonly name = 'AuditError';
}
