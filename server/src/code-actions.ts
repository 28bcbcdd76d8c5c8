// Code actions for the findings under the cursor: suggestions as quick fixes, disable for the line or the file,
// show documentation, and "fix all" as source.fixAll.secure-logout.
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { CheckedDocument } from './checker';
import { messageRange, rangesIntersect } from './diagnostics';
import { disableForFileEdit, disableForLineEdit } from './disable-comment';
import { pathToUri } from './document-paths';
import { ruleDocsUrl, type LintMessage } from './lint-engine';
import type { CrossFileFix } from './project-context';
import { fixAllKind, serverCommands } from './protocol';
import { eslintFixEdit, minimalEdits } from './text-edits';

export interface CodeActionDeps {
  crossFileFixes: (checked: CheckedDocument, message: LintMessage) => CrossFileFix[];
  /** Versioned `documentChanges` when the client supports them (the edit then fails on a stale buffer). */
  supportsDocumentChanges: boolean;
}

/** Whether the client asked for kinds that include `kind` (no `only` = everything). */
function wanted(params: CodeActionParams, kind: string): boolean {
  const only = params.context.only;
  return !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
}

export async function codeActions(checked: CheckedDocument, params: CodeActionParams, deps: CodeActionDeps): Promise<CodeAction[]> {
  const actions: CodeAction[] = [];
  // The server's own results decide what is under the cursor: clients differ in what they echo back
  // in context.diagnostics (Neovim 0.7 rebuilds them without a range).
  const here = checked.messages
    .map((message, index) => ({ message, diagnostic: checked.diagnostics[index]! }))
    .filter(({ message }) => message.ruleId && rangesIntersect(messageRange(message), params.range));

  if (wanted(params, CodeActionKind.QuickFix)) {
    const disabledRules = new Set<string>();
    for (const { message, diagnostic } of here) {
      actions.push(...fixesFor(checked, message, diagnostic, deps));
    }
    for (const { message, diagnostic } of here) {
      const ruleId = message.ruleId!;
      if (disabledRules.has(ruleId)) continue;
      disabledRules.add(ruleId);
      actions.push({
        title: `Disable ${ruleId} for this line`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: workspaceEdit(checked, [disableForLineEdit(checked.document, messageRange(message).start.line, ruleId)], deps),
      });
      actions.push({
        title: `Disable ${ruleId} for the entire file`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: workspaceEdit(checked, [disableForFileEdit(checked.document, ruleId)], deps),
      });
      const url = ruleDocsUrl(ruleId);
      if (url) {
        actions.push({
          title: `Show documentation for ${ruleId}`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          command: { title: `Show documentation for ${ruleId}`, command: serverCommands.showDocumentation, arguments: [url] },
        });
      }
    }
  }

  // Fix-all re-lints the file, so it is computed only when asked for by kind (codeActionsOnSave, the
  // source action menu) or when the cursor is on a finding — not on every cursor move.
  const askedForSource = params.context.only?.some((kind) => fixAllKind === kind || fixAllKind.startsWith(`${kind}.`)) ?? false;
  if (wanted(params, fixAllKind) && (askedForSource || here.length > 0) && checked.messages.some((message) => message.fix || message.suggestions?.length)) {
    const fixAll = await fixAllAction(checked, deps);
    if (fixAll) actions.push(fixAll);
  }
  return actions;
}

function fixesFor(checked: CheckedDocument, message: LintMessage, diagnostic: Diagnostic, deps: CodeActionDeps): CodeAction[] {
  const actions: CodeAction[] = [];
  const ruleId = message.ruleId!;
  if (message.fix) {
    actions.push({
      title: `Fix this ${ruleId} problem`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: true,
      edit: workspaceEdit(checked, [eslintFixEdit(checked.document, message.fix.range, message.fix.text)], deps),
    });
  }
  (message.suggestions ?? []).forEach((suggestion, index) => {
    actions.push({
      title: `${suggestion.desc} (${ruleId})`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      ...(index === 0 && !message.fix ? { isPreferred: true } : {}),
      edit: workspaceEdit(checked, [eslintFixEdit(checked.document, suggestion.fix.range, suggestion.fix.text)], deps),
    });
  });
  for (const fix of deps.crossFileFixes(checked, message)) {
    const byUri = new Map<string, TextEdit[]>();
    for (const edit of fix.edits) {
      const uri = edit.filePath === checked.filePath ? checked.uri : pathToUri(edit.filePath);
      byUri.set(uri, [...(byUri.get(uri) ?? []), { range: edit.range, newText: edit.newText }]);
    }
    actions.push({
      title: `${fix.title} (${ruleId})`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: deps.supportsDocumentChanges
        ? {
            documentChanges: [...byUri].map(([uri, edits]) => ({
              // Other files may be closed: null version = "whatever is on disk / in the buffer".
              textDocument: { uri, version: uri === checked.uri ? checked.version : null },
              edits,
            })),
          }
        : { changes: Object.fromEntries(byUri) },
    });
  }
  return actions;
}

/** "Fix all": ESLint-style repeated passes over the checked text (computed with the check), as one minimal edit. */
export async function fixAllAction(checked: CheckedDocument, deps: CodeActionDeps): Promise<CodeAction | undefined> {
  const fixed = await checked.fixAll();
  if (!fixed || fixed.applied === 0) return undefined;
  const { output } = fixed;
  return {
    title: 'Fix all secure-logout problems in this file',
    kind: fixAllKind,
    diagnostics: checked.diagnostics.filter((diagnostic) => diagnostic.code !== 'internal-error'),
    edit: workspaceEdit(checked, minimalEdits(checked.document, output), deps),
  };
}

function workspaceEdit(checked: CheckedDocument, edits: TextEdit[], deps: CodeActionDeps): WorkspaceEdit {
  return deps.supportsDocumentChanges
    ? { documentChanges: [{ textDocument: { uri: checked.uri, version: checked.version }, edits }] }
    : { changes: { [checked.uri]: edits } };
}
