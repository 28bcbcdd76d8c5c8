import type { TSESLint } from '@typescript-eslint/utils';
import type { RuleCreator } from '@typescript-eslint/utils/eslint-utils';
import { readSettings } from '../settings';

export const DOCS_BASE_URL = 'https://github.com/secure-logout/secure-logout/blob/main/eslint-plugin/docs/rules/';

export interface SecureLogoutDocs {
  description: string;
  /** Severity in `configs.recommended`. */
  recommended: 'error' | 'warn';
}

/**
 * typescript-eslint's RuleCreator, typed by it but not run from it: @typescript-eslint/utils requires
 * `typescript` as a peer, so depending on it installs TypeScript into every PHP-only app. ESLint
 * (≥ 9.15, our floor) merges `meta.defaultOptions` into `context.options` itself.
 */
const createDocumentedRule: ReturnType<typeof RuleCreator<SecureLogoutDocs>> = ({ name, meta, defaultOptions, create }) => ({
  name,
  defaultOptions,
  meta: { ...meta, defaultOptions: meta.defaultOptions ?? defaultOptions, docs: { ...meta.docs, url: `${DOCS_BASE_URL}${name}.md` } },
  create: (context) => create(context, context.options),
});

/** Message every rule reports when its own analysis of a file failed unexpectedly. */
export const ANALYSIS_FAILED_MESSAGE = 'secure-logout could not finish this check on this file, so it was skipped. Reason: {{reason}}.';

type AnyContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;
type Listener = (...args: unknown[]) => void;

/** One line: the error's class and message, without the stack. */
function oneLine(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const first = text.split(/\r?\n/, 1)[0]!;
  return first.length > 160 ? `${first.slice(0, 157)}...` : first;
}

/**
 * A rule never takes the lint run down: an exception from its analysis (a shape of half-typed
 * code nobody foresaw, a recursion too deep) becomes one message on the file, under the rule's
 * own id, and the rule stays silent on that file afterwards. ESLint would otherwise abort the whole
 * run ("Oops! Something went wrong") for one file.
 */
export function guardListeners<C extends AnyContext>(context: C, create: () => TSESLint.RuleListener): TSESLint.RuleListener {
  let failed = false;
  const fail = (error: unknown): void => {
    if (failed) return;
    failed = true;
    (context.report as (descriptor: unknown) => void)({
      loc: { line: 1, column: 0 },
      messageId: 'analysisFailed',
      data: { reason: oneLine(error) },
    });
  };
  let listeners: TSESLint.RuleListener;
  try {
    listeners = create();
  } catch (error) {
    fail(error);
    return {};
  }
  const guarded: Record<string, Listener> = {};
  for (const [selector, listener] of Object.entries(listeners as Record<string, Listener | undefined>)) {
    if (typeof listener !== 'function') continue;
    guarded[selector] = function (this: unknown, ...args: unknown[]) {
      if (failed) return;
      try {
        listener.apply(this, args);
      } catch (error) {
        fail(error);
      }
    };
  }
  return guarded as TSESLint.RuleListener;
}

/**
 * On a PHP file php-parser had to recover from syntax errors (half-typed code), findings are still
 * reported but no fix or suggestion is offered: the recovered tree can place a statement's end
 * where the code does not end (inside an unterminated string, say), and an edit there does nothing
 * but grow on every "fix all" pass.
 */
function withoutEditsOnRecoveredPhp<C extends AnyContext>(context: C): C {
  const program = context.sourceCode.ast as unknown as { errors?: unknown[] };
  if (!program.errors?.length) return context;
  const report = (descriptor: Record<string, unknown>) => {
    const { fix: _fix, suggest: _suggest, ...rest } = descriptor;
    (context.report as (descriptor: unknown) => void)(rest);
  };
  return Object.create(context, { report: { value: report } }) as C;
}

/** typescript-eslint's RuleCreator (docs URLs) with every listener guarded by `guardListeners`. */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  spec: Parameters<typeof createDocumentedRule<Options, MessageIds>>[0],
): ReturnType<typeof createDocumentedRule<Options, MessageIds>> {
  const rule = createDocumentedRule<Options, MessageIds>(spec);
  return {
    ...rule,
    meta: { ...rule.meta, messages: { ...rule.meta.messages, analysisFailed: ANALYSIS_FAILED_MESSAGE } },
    create: (context) => {
      // A wrong `settings['secure-logout']` is a configuration error, thrown like ESLint's own for bad rule options.
      readSettings(context);
      const reporting = withoutEditsOnRecoveredPhp(context);
      return guardListeners(reporting, () => rule.create(reporting));
    },
  };
}
