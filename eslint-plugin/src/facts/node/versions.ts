import * as semver from 'semver';

/**
 * Versions as findings compare them: thresholds (passport 0.6, @fastify/session 11.1.3,
 * koa-passport 6) against the installed version, or against the lowest version a package.json
 * range admits — the acceptance decisions say no real range crosses a threshold, so the floor
 * decides. Range semantics are npm's own (`semver`), not a hand-written subset.
 */
export type Version = readonly [number, number, number];

function tuple(version: semver.SemVer): Version {
  return [version.major, version.minor, version.patch];
}

/**
 * The lowest version a package.json range admits (`<0.7.0` → 0.0.0, `>0.5.3` → 0.5.4,
 * `npm:passport@^0.5.0` → 0.5.0), or null for tags, URLs, workspace links and `*`, which say
 * nothing about the version.
 */
export function rangeFloor(range: string): Version | null {
  const trimmed = range.trim();
  const aliased = trimmed.startsWith('npm:') ? trimmed.slice(trimmed.lastIndexOf('@') + 1) : trimmed;
  if (aliased === '' || aliased === '*' || /^x$/i.test(aliased) || semver.validRange(aliased) === null) return null;
  try {
    const floor = semver.minVersion(aliased);
    return floor ? tuple(floor) : null;
  } catch {
    return null;
  }
}

/** An installed version (`0.7.0`, `v1.2.3`, `1.0.0-beta.1`), or null when it is not one. */
export function parseVersion(text: string): Version | null {
  const parsed = semver.parse(text.trim(), { loose: true });
  return parsed ? tuple(parsed) : null;
}

export function compareVersions(a: Version, b: Version): number {
  return semver.compare(formatVersion(a), formatVersion(b));
}

export function formatVersion(v: Version): string {
  return v.join('.');
}
