// Scoring of the real-code corpus: hand labels against what the plugin reports.
// Pure functions (no ESLint, no file system) so the matching itself is unit-tested.

/** A finding's identity for matching: rule, repository-relative file, 1-based line. */
export const findingKey = (f) => `${f.rule} ${f.file}:${f.line}`;

const withPrefix = (rule) => (rule.startsWith('secure-logout/') ? rule : `secure-logout/${rule}`);

/**
 * Throws on a label file that would score silently wrong (missing fields, a finding without a
 * line), so a typo is an error and not a false negative.
 */
export function validateLabel(label, source = 'label') {
  const problems = [];
  for (const field of ['repo', 'commit', 'language']) if (typeof label[field] !== 'string') problems.push(`"${field}" must be a string`);
  if (!Array.isArray(label.handlers)) problems.push('"handlers" must be an array');
  for (const [i, h] of (label.handlers ?? []).entries()) {
    if (typeof h.file !== 'string' || !Number.isInteger(h.line)) problems.push(`handlers[${i}] needs "file" and an integer "line"`);
    if (!Array.isArray(h.expected)) problems.push(`handlers[${i}] needs an "expected" array`);
    for (const [j, e] of (h.expected ?? []).entries()) {
      if (typeof e.rule !== 'string' || typeof e.file !== 'string' || !Number.isInteger(e.line)) problems.push(`handlers[${i}].expected[${j}] needs "rule", "file" and an integer "line"`);
    }
  }
  if (problems.length) throw new Error(`${source}: ${problems.join('; ')}`);
  return label;
}

/** The handler a reported finding most plausibly belongs to: the nearest labelled handler above it in the same file. */
function nearestHandler(handlers, finding) {
  let best;
  for (const h of handlers) {
    if (h.file !== finding.file || h.line > finding.line) continue;
    if (!best || h.line > best.line) best = h;
  }
  return best;
}

/**
 * Matches one repository. `reported` are findings of our rules, `{ rule, file, line }` with
 * repository-relative paths. Returns the true positives, false positives (each with the
 * label's reason when a handler is near) and false negatives (each with its handler's reason).
 */
export function scoreRepo(label, reported) {
  const expected = new Map();
  for (const h of label.handlers) {
    for (const e of h.expected) {
      const f = { rule: withPrefix(e.rule), file: e.file, line: e.line };
      expected.set(findingKey(f), { ...f, why: h.why ?? '', handler: h.handler ?? `${h.file}:${h.line}` });
    }
  }
  const seen = new Map();
  for (const r of reported) seen.set(findingKey(r), r);

  const tp = [];
  const fp = [];
  const fn = [];
  for (const [key, r] of seen) {
    if (expected.has(key)) tp.push(r);
    else {
      const h = nearestHandler(label.handlers, r);
      fp.push({ ...r, why: h ? `near ${h.handler ?? h.file + ':' + h.line}: ${h.why ?? ''}` : '(no labelled handler above it in this file)' });
    }
  }
  for (const [key, e] of expected) if (!seen.has(key)) fn.push(e);
  return { repo: label.repo, commit: label.commit, handlers: label.handlers.length, tp, fp, fn };
}

/** Sums repository scores into per-rule counts plus a total row. */
export function summarize(repoScores) {
  const byRule = new Map();
  const row = (rule) => byRule.get(rule) ?? byRule.set(rule, { rule, tp: 0, fp: 0, fn: 0 }).get(rule);
  for (const s of repoScores) {
    for (const f of s.tp) row(f.rule).tp++;
    for (const f of s.fp) row(f.rule).fp++;
    for (const f of s.fn) row(f.rule).fn++;
  }
  const rules = [...byRule.values()].sort((a, b) => a.rule.localeCompare(b.rule));
  const total = rules.reduce((t, r) => ({ rule: 'total', tp: t.tp + r.tp, fp: t.fp + r.fp, fn: t.fn + r.fn }), { rule: 'total', tp: 0, fp: 0, fn: 0 });
  return {
    repos: repoScores.length,
    handlers: repoScores.reduce((n, s) => n + s.handlers, 0),
    rules,
    total,
  };
}

/** Precision and recall; with nothing reported (or nothing expected) the ratio is 1 by convention. */
export const precision = (r) => (r.tp + r.fp === 0 ? 1 : r.tp / (r.tp + r.fp));
export const recall = (r) => (r.tp + r.fn === 0 ? 1 : r.tp / (r.tp + r.fn));
