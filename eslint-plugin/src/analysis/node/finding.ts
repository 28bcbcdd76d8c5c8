import type { TextEdit } from '../../fixes/js/text-edits';
import type { Node } from '../../facts/node/ast';
import type { NodeLibraries } from '../../project/node/libraries';
import type { ParsedModule } from '../../project/node/modules';
import type { NodeProject } from '../../project/node/node-project';
import type { SecureLogoutSettings } from '../../settings';

export type JsRuleId = 'invalidate-session' | 'no-replayable-session' | 'logout-callback' | 'await-logout';

export interface JsSuggestion {
  messageId: string;
  data?: Record<string, string>;
  edits: TextEdit[];
}

/** One finding of the JS/TS analysis; the rule with `rule` id reports it. */
export interface JsFinding {
  rule: JsRuleId;
  node: Node;
  messageId: string;
  data: Record<string, string>;
  suggestions: JsSuggestion[];
}

/** What every framework analysis gets for one file. */
export interface FileContext {
  module: ParsedModule;
  project: NodeProject;
  libs: NodeLibraries;
  typescript: boolean;
  /** The lint run's `settings['secure-logout']` (logout helpers); none outside a lint run (editor hovers). */
  settings?: SecureLogoutSettings;
}
