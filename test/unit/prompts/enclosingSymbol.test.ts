import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describeSymbol, findEnclosingSymbol, type SymbolNode } from '../../../src/common/prompts/enclosingSymbol';

const node = (name: string, kind: string, startLine: number, endLine: number, children: SymbolNode[] = []): SymbolNode => ({ name, kind, startLine, endLine, children });

const tree: SymbolNode[] = [
  node('imports', 'Variable', 0, 2),
  node('Parser', 'Class', 4, 40, [
    node('tokens', 'Property', 5, 5),
    node('constructor', 'Constructor', 7, 10),
    node('parse', 'Method', 12, 30, [node('step', 'Function', 15, 20), node('count', 'Variable', 22, 22)]),
  ]),
  node('helper', 'Function', 42, 50),
  node('config', 'Namespace', 52, 70, [node('DEFAULTS', 'Constant', 53, 60)]),
];

describe('enclosing symbol for commands without a selection', () => {
  test('the innermost function wins over the method and class around it', () => {
    assert.equal(findEnclosingSymbol(tree, 17)?.name, 'step');
  });

  test('inside a method but outside nested functions, the method', () => {
    assert.equal(findEnclosingSymbol(tree, 22)?.name, 'parse');
    assert.equal(findEnclosingSymbol(tree, 8)?.name, 'constructor');
  });

  test('on a class member that is not callable, the class', () => {
    assert.equal(findEnclosingSymbol(tree, 5)?.name, 'Parser');
  });

  test('a top-level function', () => {
    assert.equal(findEnclosingSymbol(tree, 45)?.name, 'helper');
  });

  test('a constant inside a namespace gives the namespace', () => {
    assert.equal(findEnclosingSymbol(tree, 55)?.name, 'config');
  });

  test('outside any actionable symbol there is none (the command then asks for lines)', () => {
    assert.equal(findEnclosingSymbol(tree, 1), undefined);
    assert.equal(findEnclosingSymbol(tree, 41), undefined);
    assert.equal(findEnclosingSymbol([], 3), undefined);
  });

  test('the description names kind and symbol', () => {
    assert.equal(describeSymbol(node('parse', 'Method', 0, 1)), 'method parse');
  });
});
