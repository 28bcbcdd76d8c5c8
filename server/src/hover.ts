// Hover on a flagged call: the finding, its fix and the chain it rests on first; then why it holds
// in detail (routes, middleware, guard, session driver; for JS/TS the route's authentication and versions).
import type { JsFindingExplanation } from 'eslint-plugin-secure-logout/node';
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { CheckedDocument } from './checker';
import { jsChainSteps, messageRange, phpChainSteps, rangesIntersect, workspacePath as relativeToRoot } from './diagnostics';
import { ruleDocsUrl, type LintMessage } from './lint-engine';
import { splitMessage } from 'eslint-plugin-secure-logout/messages';
import type { FindingExplanation, NotAnalysedRoute, SourceLocation } from './project-context';

export interface HoverExplainers {
  /** PHP: the Laravel routes, middleware, guard and session driver behind a finding. */
  php: (message: LintMessage) => FindingExplanation | undefined;
  /** JS/TS: the library versions and the route (with its auth chain) behind a finding. */
  js: (message: LintMessage) => JsFindingExplanation | undefined;
  /** PHP route files: routes declared in the document whose handler was not analysed (SPEC §2.3). */
  notAnalysed?: () => NotAnalysedRoute[];
}

/**
 * Leads with what matters in the first lines (SPEC §4 Messages): each finding's first sentence
 * (problem and fix) with its quick fix, then the chain it rests on in one line, then why; the route,
 * middleware and versions in detail come last.
 */
export function hoverAt(checked: CheckedDocument, position: Position, explain: HoverExplainers): Hover | null {
  const point = { start: position, end: position };
  const messages = checked.messages.filter((message) => message.ruleId && rangesIntersect(messageRange(message), point));
  if (messages.length === 0) return notAnalysedHover(position, explain);
  // Findings on one call share their route context: each finding, then the context once.
  const sections = messages.map((message) => findingLead(message));
  let details: string;
  if (checked.filePath.endsWith('.php')) {
    const context = messages.map((message) => explain.php(message)).find((explanation) => explanation && explanation.routes.length > 0) ?? explain.php(messages[0]!);
    const chain = phpChain(checked, context);
    if (chain) sections.push(chain);
    details = routeContext(checked, context);
  } else {
    const explanation = explain.js(messages[0]!);
    const chain = jsChain(checked, explanation);
    if (chain) sections.push(chain);
    details = jsContext(checked, explanation);
  }
  sections.push(...messages.map((message) => findingEvidence(message)), '---', details);
  return { contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n') }, range: messageRange(messages[0]!) };
}

/** A route line whose handler was not analysed: silence, explained (SPEC §2.3). */
function notAnalysedHover(position: Position, explain: HoverExplainers): Hover | null {
  const here = (explain.notAnalysed?.() ?? []).filter((route) => route.line === position.line + 1);
  if (here.length === 0) return null;
  const lines = here.map((route) => `**Not analysed by secure-logout:** \`${route.target}\` — ${route.reason}. No finding here does not mean this logout is safe.`);
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n\n') } };
}

function findingLead(message: LintMessage): string {
  const { headline } = splitMessage(message.message);
  const fix = message.fix ? 'autofix (Fix all, or fix on save)' : message.suggestions?.[0]?.desc;
  return [`**${headline}** \`${message.ruleId}\``, ...(fix ? ['', `**Quick fix:** ${fix}`] : [])].join('\n');
}

function findingEvidence(message: LintMessage): string {
  const { evidence } = splitMessage(message.message);
  const url = ruleDocsUrl(message.ruleId);
  const docs = url ? `[${message.ruleId} documentation](${url})` : '';
  return evidence ? `**Why:** ${evidence}${docs ? ` (${docs})` : ''}` : docs;
}

/** `POST /logout` (routes/web.php:7) → `StartSession` → `auth` → guard `web` (driver `session`) → session driver `database`. */
function phpChain(checked: CheckedDocument, explanation: FindingExplanation | undefined): string | undefined {
  const route = explanation?.routes[0];
  if (!route) return undefined;
  const others = explanation.routes.length - 1;
  return `**Chain:** ${phpChainSteps(checked.root, explanation, route).join(' → ')}${others > 0 ? ` (and ${others} more route${others > 1 ? 's' : ''} below)` : ''}`;
}

/** `src/routes/auth.js:9` → `session` → `passport` 0.5.3. */
function jsChain(checked: CheckedDocument, explanation: JsFindingExplanation | undefined): string | undefined {
  const steps = explanation ? jsChainSteps(checked.root, explanation) : [];
  return steps.length > 0 ? `**Chain:** ${steps.join(' → ')}` : undefined;
}

function workspacePath(checked: CheckedDocument, filePath: string): string {
  return relativeToRoot(checked.root, filePath);
}

function jsContext(checked: CheckedDocument, explanation: JsFindingExplanation | undefined): string {
  if (!explanation) return '_No package.json above this file: the finding rests on the handler body alone._';
  const lines: string[] = [];
  const route = explanation.route;
  if (route) {
    const mechanisms = route.mechanisms.map((mechanism) => `\`${mechanism.name}\`${mechanism.kind === 'token' ? ' (token)' : ''}`);
    const caller = explanation.incompleteCaller;
    if (caller) lines.push(`**Incomplete caller** \`${workspacePath(checked, caller.filePath)}:${caller.line}\` calls this helper and does not complete its logout`, '');
    lines.push(`**Route** \`${workspacePath(checked, route.filePath)}:${route.line}\` reaches ${caller ? 'that caller' : 'this handler'}`);
    const mounts = route.mountedAt ?? [];
    if (mounts.length > 0) lines.push('', `**Mounted by** ${mounts.map((mount) => `\`${workspacePath(checked, mount.filePath)}:${mount.line}\``).join(', ')}`);
    lines.push('', `**Authentication, in order:** ${mechanisms.join(', ') || 'none found'}`);
    if (route.tokenOnly) lines.push('', 'Only token-authenticated requests reach it: no session to end.');
  } else {
    lines.push('_No route in the project reaches this handler: the finding rests on the handler body alone._');
  }
  if (explanation.libraries.length > 0) {
    lines.push('', `**Libraries:** ${explanation.libraries.map((library) => `\`${library.name}\` ${library.version} (${library.origin})`).join(', ')}`);
  }
  return lines.join('\n');
}

function routeContext(checked: CheckedDocument, explanation: FindingExplanation | undefined): string {
  const where = (location: SourceLocation | undefined) => (location ? ` — \`${workspacePath(checked, location.filePath)}:${location.line}\`` : '');
  if (!explanation || explanation.routes.length === 0) {
    return explanation ? '_No route in the route files reaches this handler: the finding rests on the handler body alone._' : '_Not part of a Laravel app: the finding rests on the handler body alone._';
  }
  const lines: string[] = [];
  for (const helper of explanation.logoutHelpers ?? []) {
    lines.push(`**Logout helper** \`${helper.name}\` is declared in settings${helper.origin ? ` (${helper.origin})` : ''}: ${helper.completes ? 'it ends the whole session' : 'it only logs out, so the session must still be ended after it'}`, '');
  }
  for (const route of explanation.routes) {
    if (lines.length > 0 && lines.at(-1) !== '') lines.push('');
    lines.push(`**Route** \`${route.label}\`${where(route.location)}`, '', 'Middleware, in order:');
    if (route.middleware.length === 0) lines.push('- none');
    for (const middleware of route.middleware) lines.push(`- \`${middleware.name}\`: ${middleware.origin}`);
    const guard = route.effectiveGuard;
    lines.push('', `**Effective guard:** \`${guard.name}\`${guard.driver ? ` (driver \`${guard.driver}\`${guard.driverNote ? `, ${guard.driverNote}` : ''})` : ''}: ${guard.origin}`);
    if (route.session) lines.push('', `**Session:** ${route.session}`);
  }
  const driver = explanation.sessionDriver;
  if (driver) lines.push('', `**Session driver:** \`${driver.value}\` (${driver.origin})`);
  if (explanation.frameworkVersion) lines.push('', `**laravel/framework:** ${explanation.frameworkVersion.value} (${explanation.frameworkVersion.origin})`);
  return lines.join('\n');
}
