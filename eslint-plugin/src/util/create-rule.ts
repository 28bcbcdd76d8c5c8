import { ESLintUtils } from '@typescript-eslint/utils';

export const DOCS_BASE_URL = 'https://github.com/secure-logout/secure-logout/blob/main/eslint-plugin/docs/rules/';

export interface SecureLogoutDocs {
  description: string;
  /** Severity in `configs.recommended`. */
  recommended: 'error' | 'warn';
}

export const createRule = ESLintUtils.RuleCreator<SecureLogoutDocs>((name) => `${DOCS_BASE_URL}${name}.md`);
