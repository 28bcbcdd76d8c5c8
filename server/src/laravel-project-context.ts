// ProjectContext backed by the plugin's Laravel project model: the same model instance the rules
// read (one per app root), updated with unsaved buffers, explaining findings and offering the
// cross-file "move the route to auth:web" fix. Each call of a check passes the settings its lint
// used (`SettingsInUse`), so the model answers for the settings the findings came from.
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describeEntry, projectModelFor, type CallSite, type EffectiveGuard, type LaravelProjectModel, type RouteContext } from 'eslint-plugin-secure-logout/project';
import { refusedNodeFiles, unanalysedNodeRoutes } from 'eslint-plugin-secure-logout/node';
import type { LintMessage } from './lint-engine';
import { FileLocalProjectContext, type CrossFileFix, type FindingExplanation, type NotAnalysedRoute, type ProjectContext, type RefusedFile, type SettingsInUse, type SourceLocation } from './project-context';
import { handlersAt } from './php-handlers';

/** Rules whose fix list includes changing the route's auth middleware (SPEC §2, forget-request-guard-user). */
const ROUTE_MIDDLEWARE_FIX_RULES = new Set(['secure-logout/forget-request-guard-user']);

export class LaravelProjectContext implements ProjectContext {
  private readonly fallback = new FileLocalProjectContext();

  isContextFile(root: string, filePath: string): boolean {
    return this.fallback.isContextFile(root, filePath);
  }

  /** Outside a check: the model keeps the settings of its last check (those the affected files' findings came from). */
  fileChanged(root: string, filePath: string, unsavedText: string | undefined): 'all' | string[] {
    const model = /\.php$|(^|[\\/])\.env$|composer\.(json|lock)$/.test(filePath) ? projectModelFor(filePath) : undefined;
    if (!model) return this.fallback.fileChanged(root, filePath);
    const result = model.update(filePath, unsavedText);
    // .env, composer.lock and config files feed settings every handler depends on.
    if (result.settingsChanged) return 'all';
    return result.affectedFiles;
  }

  /**
   * Laravel routes and JS/TS routes or logouts the analysis could not see (SPEC §2.3). For a
   * folder's scan, `filePath` is a file at the folder's root: its Laravel app and its Node project.
   */
  notAnalysed(filePath: string, onlyThisFile: boolean, settings?: SettingsInUse): NotAnalysedRoute[] {
    const isPhp = filePath.endsWith('.php');
    const laravel = !onlyThisFile || isPhp ? projectModelFor(filePath, settings?.user)?.unanalysedRoutes(onlyThisFile ? filePath : undefined) ?? [] : [];
    const node = !onlyThisFile || !isPhp ? unanalysedNodeRoutes(filePath, onlyThisFile) : [];
    return [...laravel, ...node].map((r) => ({ filePath: r.file, line: r.line, target: r.target, reason: r.reason }));
  }

  /** Files the Laravel model and the Node project model refused to read, for the projects around and below `filePath`'s folder. */
  refusedFiles(filePath: string): RefusedFile[] {
    const refused = projectModelFor(filePath)?.files.refused ?? new Map<string, string>();
    const laravel = [...refused].map(([file, reason]) => ({ filePath: file, reason }));
    const node = refusedNodeFiles(path.dirname(filePath)).map(({ file, reason }) => ({ filePath: file, reason }));
    return [...laravel, ...node.filter((n) => !refused.has(n.filePath))];
  }

  explain(_root: string, filePath: string, message: LintMessage, program: unknown, used?: SettingsInUse): FindingExplanation | undefined {
    const found = this.routesOf(filePath, message, program, used);
    if (!found) return undefined;
    const { model, routes, via } = found;
    const at = (file: string | undefined, line: number | undefined): SourceLocation | undefined => (file && line ? { filePath: file, line } : undefined);
    const settings = model.settings;
    const driver = settings.sessionDriver;
    const version = settings.frameworkVersion;
    return {
      routes: routes.map((context) => ({
        label: `${context.route.verbs.join('|')} /${context.route.uri.replace(/^\/+/, '')}`,
        location: at(context.route.file, context.route.line),
        middleware: context.chain.map((entry) => ({
          name: entry.name,
          origin: describeEntry(model.root, entry),
          location: at(entry.group?.source.file ?? entry.declaredAt.file, entry.group?.source.line ?? entry.declaredAt.line),
        })),
        effectiveGuard: {
          name: context.effectiveGuard.name ?? 'unknown',
          ...(context.effectiveGuard.driver ? { driver: context.effectiveGuard.driver } : {}),
          origin: context.effectiveGuard.explanation,
          location: at(context.effectiveGuard.middleware?.declaredAt.file, context.effectiveGuard.middleware?.declaredAt.line),
          ...driverNote(context.effectiveGuard, used),
        },
        session: context.sessionExplanation,
        ...(via.get(context) ? { via: { label: via.get(context)!.caller, location: at(via.get(context)!.file, via.get(context)!.line) } } : {}),
      })),
      sessionDriver: { value: driver.value ?? 'unknown', origin: driver.source, location: locationOf(model.root, driver.source) },
      ...(version.value ? { frameworkVersion: { value: version.value, origin: version.source } } : {}),
      ...helpersCalledAt(program, message.line, used),
    };
  }

  crossFileFixes(_root: string, filePath: string, message: LintMessage, program: unknown, used?: SettingsInUse): CrossFileFix[] {
    if (!message.ruleId || !ROUTE_MIDDLEWARE_FIX_RULES.has(message.ruleId)) return [];
    const found = this.routesOf(filePath, message, program, used);
    if (!found) return [];
    const fixes = new Map<string, CrossFileFix>();
    for (const context of found.routes) {
      const edit = found.model.routeMiddlewareEdit(context);
      const text = edit && found.model.files.text(edit.file);
      if (!edit || text === undefined) continue;
      const document = TextDocument.create('file:///model', 'php', 0, text);
      fixes.set(`${edit.file}:${edit.range.join('-')}`, {
        title: edit.title,
        edits: [{ filePath: edit.file, range: { start: document.positionAt(edit.range[0]), end: document.positionAt(edit.range[1]) }, newText: edit.text }],
      });
    }
    return [...fixes.values()];
  }

  /** The routes reaching the handler that contains the finding (innermost handler with routes). */
  private routesOf(filePath: string, message: LintMessage, program: unknown, used: SettingsInUse | undefined): { model: LaravelProjectModel; routes: RouteContext[]; via: Map<RouteContext, CallSite> } | undefined {
    if (!filePath.endsWith('.php') || (program as { kind?: unknown } | undefined)?.kind !== 'program') return undefined;
    const model = projectModelFor(filePath, used?.user);
    if (!model) return undefined;
    const via = new Map<RouteContext, CallSite>();
    const targets = handlersAt(program, message.line, message.column - 1);
    for (const target of targets) {
      const routes = 'className' in target ? model.routesForMethod(filePath, target.className, target.method) : model.routesForClosure(filePath, target.line, target.column);
      if (routes.length > 0) return { model, routes, via };
    }
    // A helper no route reaches directly: the routes of its callers, each with the call on the way (SPEC §2.3).
    for (const target of targets) {
      if (!('className' in target)) continue;
      for (const path of model.callPathsTo(filePath, target.className, target.method)) {
        for (const route of path.routes) if (path.chain[0]) via.set(route, path.chain[0]);
      }
      if (via.size > 0) return { model, routes: [...via.keys()], via };
    }
    // A route to a vendor action (laravel/ui, Fortify's own route at config/fortify.php) is reported where it is declared.
    const declared = model.vendorRoutes(filePath).filter((context) => context.route.line === message.line);
    return { model, routes: declared, via };
  }
}

/**
 * A guard's driver the settings decide, not config/auth.php (SPEC §4 Messages: part of the evidence
 * chain): "from settings" when `guards` names it, "a session driver per settings" /
 * "a token driver per settings" when `sessionDrivers` / `tokenDrivers` lists it, and where they were read.
 */
function driverNote(guard: EffectiveGuard, used: SettingsInUse | undefined): { driverNote?: string } {
  if (!used || !guard.driver) return {};
  const notes = [
    ...(guard.name && used.user.guards.get(guard.name) === guard.driver ? ['from settings'] : []),
    ...(used.user.sessionDrivers.has(guard.driver) ? ['a session driver per settings'] : []),
    ...(used.user.tokenDrivers.has(guard.driver) ? ['a token driver per settings'] : []),
  ];
  return notes.length > 0 ? { driverNote: `${notes.join(', ')}${used.origin ? ` (${used.origin})` : ''}` } : {};
}

/**
 * The declared logout helpers the flagged line calls, by name (`X::signOut` matches a `signOut()`
 * call, `endSession` a function call): the hover and related locations say the verdict took the
 * helper as declared. Matched by name only, on the finding's own line.
 */
function helpersCalledAt(program: unknown, line: number, used: SettingsInUse | undefined): Pick<FindingExplanation, 'logoutHelpers'> {
  if (!used?.user.logoutHelpers.length) return {};
  const called = new Set<string>();
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as { kind?: unknown; loc?: { start: { line: number }; end: { line: number } }; what?: { kind?: string; name?: unknown; offset?: { name?: unknown } } };
    if (n.loc && (n.loc.start.line > line || n.loc.end.line < line)) return;
    if (n.kind === 'call' && n.loc?.start.line === line && n.what) {
      const name = n.what.kind === 'name' ? n.what.name : n.what.offset?.name;
      if (typeof name === 'string') called.add(name.replace(/^\\/, '').toLowerCase());
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === 'loc' || key === 'leadingComments' || key === 'trailingComments') continue;
      if (Array.isArray(value)) value.forEach(visit);
      else visit(value);
    }
  };
  visit(program);
  const helpers = used.user.logoutHelpers.filter((helper) => called.has((helper.name.split('::')[1] ?? helper.name).toLowerCase()));
  return helpers.length > 0 ? { logoutHelpers: helpers.map((helper) => ({ ...helper, ...(used.origin ? { origin: used.origin } : {}), ...(used.location ? { location: used.location } : {}) })) } : {};
}

/** "config/session.php:7 (default of env(…))" → that file and line. */
function locationOf(root: string, source: string): SourceLocation | undefined {
  const match = /^([^\s:]+):(\d+)/.exec(source);
  return match ? { filePath: path.join(root, match[1]!), line: Number(match[2]) } : undefined;
}
