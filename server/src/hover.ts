// Hover on a flagged call: the finding and why it holds (routes, middleware, guard, session driver).
import * as path from 'node:path';
import type { JsFindingExplanation } from 'eslint-plugin-secure-logout/node';
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { CheckedDocument } from './checker';
import { messageRange, rangesIntersect } from './diagnostics';
import { ruleDocsUrl, type LintMessage } from './lint-engine';
import type { FindingExplanation, SourceLocation } from './project-context';

export interface HoverExplainers {
  /** PHP: the Laravel routes, middleware, guard and session driver behind a finding. */
  php: (message: LintMessage) => FindingExplanation | undefined;
  /** JS/TS: the library versions and the route (with its auth chain) behind a finding. */
  js: (message: LintMessage) => JsFindingExplanation | undefined;
}

export function hoverAt(checked: CheckedDocument, position: Position, explain: HoverExplainers): Hover | null {
  const point = { start: position, end: position };
  const messages = checked.messages.filter((message) => message.ruleId && rangesIntersect(messageRange(message), point));
  if (messages.length === 0) return null;
  // Findings on one call share their route context: each consequence, then the context once.
  const sections = messages.map((message) => findingHeader(message));
  if (checked.filePath.endsWith('.php')) {
    const context = messages.map((message) => explain.php(message)).find((explanation) => explanation && explanation.routes.length > 0) ?? explain.php(messages[0]!);
    sections.push(routeContext(checked, context));
  } else {
    sections.push(jsContext(checked, explain.js(messages[0]!)));
  }
  return { contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n') }, range: messageRange(messages[0]!) };
}

function findingHeader(message: LintMessage): string {
  const url = ruleDocsUrl(message.ruleId);
  return `**${message.ruleId}**${url ? ` ([documentation](${url}))` : ''}\n\n**Consequence:** ${message.message}`;
}

function workspacePath(checked: CheckedDocument, filePath: string): string {
  return path.relative(checked.root, filePath).split(path.sep).join('/');
}

function jsContext(checked: CheckedDocument, explanation: JsFindingExplanation | undefined): string {
  if (!explanation) return '_No package.json above this file: the finding rests on the handler body alone._';
  const lines: string[] = [];
  const route = explanation.route;
  if (route) {
    const mechanisms = route.mechanisms.map((mechanism) => `\`${mechanism.name}\`${mechanism.kind === 'token' ? ' (token)' : ''}`);
    lines.push(`**Route** \`${workspacePath(checked, route.filePath)}:${route.line}\` reaches this handler`, '', `**Authentication, in order:** ${mechanisms.join(', ') || 'none found'}`);
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
  for (const route of explanation.routes) {
    if (lines.length > 0) lines.push('');
    lines.push(`**Route** \`${route.label}\`${where(route.location)}`, '', 'Middleware, in order:');
    if (route.middleware.length === 0) lines.push('- none');
    for (const middleware of route.middleware) lines.push(`- \`${middleware.name}\`: ${middleware.origin}`);
    const guard = route.effectiveGuard;
    lines.push('', `**Effective guard:** \`${guard.name}\`${guard.driver ? ` (driver \`${guard.driver}\`)` : ''}: ${guard.origin}`);
    if (route.session) lines.push('', `**Session:** ${route.session}`);
  }
  const driver = explanation.sessionDriver;
  if (driver) lines.push('', `**Session driver:** \`${driver.value}\` (${driver.origin})`);
  if (explanation.frameworkVersion) lines.push('', `**laravel/framework:** ${explanation.frameworkVersion.value} (${explanation.frameworkVersion.origin})`);
  return lines.join('\n');
}
