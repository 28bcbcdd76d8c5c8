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
  const sections = messages.map((message) => explainFinding(checked, message, explain(message)));
  return { contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') }, range: messageRange(messages[0]!) };
}

function explainFinding(checked: CheckedDocument, message: LintMessage, explanation: FindingExplanation | undefined): string {
  const url = ruleDocsUrl(message.ruleId);
  const lines = [`**${message.ruleId}**${url ? ` ([documentation](${url}))` : ''}`, '', message.message];
  const where = (location: SourceLocation | undefined) => (location ? ` — \`${path.relative(checked.root, location.filePath).split(path.sep).join('/')}:${location.line}\`` : '');
  if (!explanation) {
    lines.push('', '_Route context (middleware, guard, session driver) was not determined for this handler: the finding rests on the handler body alone._');
    return lines.join('\n');
  }
  lines.push('', '**Routes reaching this handler**');
  if (explanation.routes.length === 0) lines.push('- none found in the route files');
  for (const route of explanation.routes) lines.push(`- ${route.label}${where(route.location)}`);
  lines.push('', '**Middleware**');
  if (explanation.middleware.length === 0) lines.push('- none');
  for (const middleware of explanation.middleware) lines.push(`- \`${middleware.name}\` from ${middleware.origin}${where(middleware.location)}`);
  const guard = explanation.effectiveGuard;
  lines.push('', `**Effective guard:** ${guard ? `\`${guard.name}\`${guard.driver ? ` (driver \`${guard.driver}\`)` : ''}${guard.origin ? `, ${guard.origin}` : ''}${where(guard.location)}` : 'unknown'}`);
  const driver = explanation.sessionDriver;
  lines.push(`**Session driver:** ${driver ? `\`${driver.value}\`${driver.origin ? `, ${driver.origin}` : ''}${where(driver.location)}` : 'unknown'}`);
  lines.push('', `**Consequence:** ${explanation.consequence ?? message.message}`);
  return lines.join('\n');
}
