// Hover on a flagged call: the finding and why it holds (routes, middleware, guard, session driver).
import * as path from 'node:path';
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { CheckedDocument } from './checker';
import { messageRange, rangesIntersect } from './diagnostics';
import { ruleDocsUrl, type LintMessage } from './lint-engine';
import type { FindingExplanation, SourceLocation } from './project-context';

export function hoverAt(
  checked: CheckedDocument,
  position: Position,
  explain: (message: LintMessage) => FindingExplanation | undefined,
): Hover | null {
  const point = { start: position, end: position };
  const messages = checked.messages.filter((message) => message.ruleId && rangesIntersect(messageRange(message), point));
  if (messages.length === 0) return null;
  // Findings on one call share their route context: each consequence, then the context once.
  const sections = messages.map((message) => findingHeader(message));
  if (checked.filePath.endsWith('.php')) {
    const context = messages.map((message) => explain(message)).find((explanation) => explanation && explanation.routes.length > 0) ?? explain(messages[0]!);
    sections.push(routeContext(checked, context));
  }
  return { contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n') }, range: messageRange(messages[0]!) };
}

function findingHeader(message: LintMessage): string {
  const url = ruleDocsUrl(message.ruleId);
  return `**${message.ruleId}**${url ? ` ([documentation](${url}))` : ''}\n\n**Consequence:** ${message.message}`;
}

function routeContext(checked: CheckedDocument, explanation: FindingExplanation | undefined): string {
  const where = (location: SourceLocation | undefined) => (location ? ` — \`${path.relative(checked.root, location.filePath).split(path.sep).join('/')}:${location.line}\`` : '');
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
