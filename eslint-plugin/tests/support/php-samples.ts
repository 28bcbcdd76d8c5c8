/**
 * Builds realistic PHP files around a handler body so rule tests read as the body alone.
 * `line(n)` is the file line of the body's n-th line.
 */
export function line(n: number, extraImports = 0): number {
  return 11 + extraImports + n;
}

export function controller(body: string, options: { params?: string; imports?: string[]; members?: string } = {}): string {
  const imports = ['Illuminate\\Http\\Request', 'Illuminate\\Support\\Facades\\Auth', ...(options.imports ?? [])];
  const indented = body
    .trim()
    .split('\n')
    .map((line) => (line.trim() ? `        ${line}` : ''))
    .join('\n');
  return `<?php

namespace App\\Http\\Controllers;

${imports.map((i) => `use ${i};`).join('\n')}

class SessionController extends Controller
{
    public function destroy(${options.params ?? 'Request $request'})
    {
${indented}
    }
${options.members ?? ''}}
`;
}

/** A route file: each call is one top-level statement. */
export function routes(body: string): string {
  return `<?php

use Illuminate\\Http\\Request;
use Illuminate\\Support\\Facades\\Auth;
use Illuminate\\Support\\Facades\\Route;

${body.trim()}
`;
}
