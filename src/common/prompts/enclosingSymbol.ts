// With no selection, editor commands act on the function or class around the cursor: the innermost
// enclosing symbol of a callable or type kind, from the language's document symbols.

export interface SymbolNode {
  name: string;
  /** VS Code's SymbolKind name, e.g. 'Function', 'Method', 'Class'. */
  kind: string;
  /** 0-based inclusive lines. */
  startLine: number;
  endLine: number;
  children: readonly SymbolNode[];
}

const ACTIONABLE_KINDS = new Set(['Function', 'Method', 'Constructor', 'Class', 'Interface', 'Struct', 'Enum', 'Module', 'Namespace']);
/** Functions and methods beat the class around them; classes beat modules. */
const PREFERENCE = ['Function', 'Method', 'Constructor', 'Class', 'Interface', 'Struct', 'Enum', 'Module', 'Namespace'];

export function findEnclosingSymbol(symbols: readonly SymbolNode[], line: number): SymbolNode | undefined {
  const chain: SymbolNode[] = [];
  let level: readonly SymbolNode[] = symbols;
  for (;;) {
    const inside = level.find((symbol) => symbol.startLine <= line && line <= symbol.endLine);
    if (!inside) break;
    chain.push(inside);
    level = inside.children;
  }
  const actionable = chain.filter((symbol) => ACTIONABLE_KINDS.has(symbol.kind));
  if (actionable.length === 0) return undefined;
  const innermostCallable = [...actionable].reverse().find((symbol) => PREFERENCE.indexOf(symbol.kind) <= PREFERENCE.indexOf('Constructor'));
  return innermostCallable ?? actionable[actionable.length - 1];
}

export function describeSymbol(symbol: SymbolNode): string {
  return `${symbol.kind.toLowerCase()} ${symbol.name}`;
}
