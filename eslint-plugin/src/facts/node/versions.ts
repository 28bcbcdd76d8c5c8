/**
 * Just enough of semver to answer "is the lowest version this range admits at least X?".
 * Findings depend on thresholds (passport 0.6, @fastify/session 11.1.2, koa-passport 6), and
 * the acceptance decisions say no real range crosses one, so the range's floor decides.
 */
export type Version = readonly [number, number, number];

/** The lowest version a package.json range admits, or null for tags, URLs and `*`. */
export function rangeFloor(range: string): Version | null {
  // `a || b`: the lowest alternative is the floor.
  const alternatives = range.split('||').map((part) => firstVersion(part)).filter((v): v is Version => v !== null);
  if (alternatives.length === 0) return null;
  return alternatives.reduce((low, v) => (compareVersions(v, low) < 0 ? v : low));
}

function firstVersion(range: string): Version | null {
  const trimmed = range.trim();
  if (/^(file:|link:|git|https?:|workspace:)/.test(trimmed)) return null;
  const aliased = trimmed.startsWith('npm:') ? trimmed.slice(trimmed.lastIndexOf('@') + 1) : trimmed;
  const match = /(\d+)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?/.exec(aliased);
  if (!match) return null;
  const part = (s: string | undefined): number => (s === undefined || s === 'x' || s === '*' ? 0 : Number(s));
  return [Number(match[1]), part(match[2]), part(match[3])];
}

export function parseVersion(text: string): Version | null {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(text.trim());
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : null;
}

export function compareVersions(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

export function formatVersion(v: Version): string {
  return v.join('.');
}
