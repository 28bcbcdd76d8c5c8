import { ConfigCommentParser, Directive, TextSourceCodeBase, VisitNodeStep } from '@eslint/plugin-kit';
import type { FileProblem, SourceRange, DirectiveType } from '@eslint/core';
import { isPhpNode, type PhpComment, type PhpNode, type PhpProgram } from './php-ast';
import { phpVisitorKeys } from './visitor-keys';

const INLINE_CONFIG = /^\s*eslint(?:-enable|-disable(?:(?:-next)?-line)?)?(?:\s|$)/u;
const commentParser = new ConfigCommentParser();

type Locatable = PhpNode | PhpComment;

/** SourceCode for PHP files: locations, parents, comments and inline directives, as ESLint's JS SourceCode offers. */
export class PhpSourceCode extends TextSourceCodeBase {
  override ast: PhpProgram;
  readonly comments: PhpComment[];
  readonly visitorKeys = phpVisitorKeys;
  // A Map, not a WeakMap: it dies with this source code, and WeakMap entries are costly for the GC.
  #parents = new Map<PhpNode, PhpNode | null>();
  #parentsRecorded = false;
  #inlineConfigComments: PhpComment[] | undefined;

  constructor({ text, ast }: { text: string; ast: PhpProgram }) {
    super({ text, ast: ast as never, lineEndingPattern: /\r\n|[\r\n\u2028\u2029]/u });
    this.ast = ast;
    this.comments = ast.comments;
  }

  override getLoc(node: Locatable): { start: { line: number; column: number }; end: { line: number; column: number } } {
    return node.loc;
  }

  /**
   * php-parser lets an expression statement's call end after its `;`: the location a finding
   * underlines ends at the call's last character instead.
   */
  getReportLoc(node: PhpNode): PhpComment['loc'] {
    let end = node.loc.end.offset;
    while (end > node.loc.start.offset && /[\s;]/.test(this.text[end - 1]!)) end--;
    const trimmed = node.loc.end.offset - end;
    if (trimmed === 0) return node.loc;
    return { start: node.loc.start, end: this.getLocFromIndex(end) };
  }

  override getRange(node: Locatable): SourceRange {
    if ('range' in node && Array.isArray(node.range)) return node.range as SourceRange;
    const loc = (node as PhpNode).loc;
    return [loc.start.offset, loc.end.offset];
  }

  override getParent(node: PhpNode): PhpNode | undefined {
    return this.#ensureParents().get(node) ?? undefined;
  }

  #ensureParents(): Map<PhpNode, PhpNode | null> {
    if (this.#parentsRecorded) return this.#parents;
    const parents = this.#parents;
    const visit = (node: PhpNode, parent: PhpNode | null): void => {
      parents.set(node, parent);
      forEachChild(node, (child) => visit(child, node));
    };
    visit(this.ast, null);
    this.#parentsRecorded = true;
    return parents;
  }

  /**
   * Enter and leave steps for every node, made as ESLint asks for them: an array of them all
   * would live (and be promoted by the GC) for the whole lint of the file, ~15 MB on a
   * 1,100-route `web.php`. ESLint 9 and 10 iterate it once, after the rules are created; parents
   * are recorded first, so `getParent` answers for nodes not visited yet.
   */
  override traverse(): Iterable<VisitNodeStep> {
    this.#ensureParents();
    const ast = this.ast;
    return { [Symbol.iterator]: () => new StepIterator(ast) };
  }

  getInlineConfigNodes(): PhpComment[] {
    this.#inlineConfigComments ??= this.comments.filter((comment) => INLINE_CONFIG.test(comment.value));
    return this.#inlineConfigComments;
  }

  getDisableDirectives(): { problems: FileProblem[]; directives: Directive[] } {
    const problems: FileProblem[] = [];
    const directives: Directive[] = [];
    for (const comment of this.getInlineConfigNodes()) {
      const directive = commentParser.parseDirective(comment.value);
      if (!directive) continue;
      const { label, value, justification } = directive;
      if (label === 'eslint-disable-line' && comment.loc.start.line !== comment.loc.end.line) {
        problems.push({ ruleId: null, message: `${label} comment should not span multiple lines.`, loc: comment.loc });
        continue;
      }
      if (label === 'eslint-disable' || label === 'eslint-enable' || label === 'eslint-disable-next-line' || label === 'eslint-disable-line') {
        const type = label.slice('eslint-'.length) as DirectiveType;
        directives.push(new Directive({ type, node: comment, value, justification }));
      }
    }
    return { problems, directives };
  }

  applyInlineConfig(): { configs: { config: { rules: Record<string, unknown> }; loc: PhpComment['loc'] }[]; problems: FileProblem[] } {
    const configs: { config: { rules: Record<string, unknown> }; loc: PhpComment['loc'] }[] = [];
    const problems: FileProblem[] = [];
    for (const comment of this.getInlineConfigNodes()) {
      const directive = commentParser.parseDirective(comment.value);
      if (directive?.label !== 'eslint') continue;
      const result = commentParser.parseJSONLikeConfig(directive.value);
      if (result.ok) configs.push({ config: { rules: result.config as Record<string, unknown> }, loc: comment.loc });
      else problems.push({ ruleId: null, message: result.error.message, loc: comment.loc });
    }
    return { configs, problems };
  }
}

function forEachChild(node: PhpNode, callback: (child: PhpNode) => void): void {
  const keys = phpVisitorKeys[node.kind];
  if (!keys) return;
  for (let k = 0; k < keys.length; k++) {
    const value = node[keys[k]!];
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) if (isPhpNode(value[i])) callback(value[i]);
    } else if (isPhpNode(value)) {
      callback(value);
    }
  }
}

/** Depth first, without recursion or generators: a stack of nodes still to enter or to leave. */
class StepIterator implements Iterator<VisitNodeStep> {
  readonly #nodes: PhpNode[];
  readonly #parents: (PhpNode | null)[] = [null];
  /** Whether the entry is a node to leave (its children are done). */
  readonly #leaving: boolean[] = [false];
  readonly #children: PhpNode[] = [];

  constructor(ast: PhpProgram) {
    this.#nodes = [ast];
  }

  next(): IteratorResult<VisitNodeStep> {
    const top = this.#nodes.length - 1;
    if (top < 0) return { done: true, value: undefined };
    const node = this.#nodes[top]!;
    const parent = this.#parents[top]!;
    if (this.#leaving[top]) {
      this.#nodes.pop();
      this.#parents.pop();
      this.#leaving.pop();
      return { done: false, value: new VisitNodeStep({ target: node, phase: 2, args: [node, parent] }) };
    }
    this.#leaving[top] = true;
    const children = this.#children;
    children.length = 0;
    forEachChild(node, (child) => children.push(child));
    for (let i = children.length - 1; i >= 0; i--) {
      this.#nodes.push(children[i]!);
      this.#parents.push(node);
      this.#leaving.push(false);
    }
    return { done: false, value: new VisitNodeStep({ target: node, phase: 1, args: [node, parent] }) };
  }
}
