// Context chips: the files, selections and workspace facts attached to a message, with token estimates.
import type { ContextChip, ContextChipKind } from '../../common/protocol';
import { codicon, h } from '../dom';
import { formatCompactTokens } from '../format';

export const chipIcons: Record<ContextChipKind, string> = {
  file: 'file',
  folder: 'folder',
  selection: 'selection',
  problems: 'warning',
  openEditors: 'files',
  gitDiff: 'git-compare',
  mcpResource: 'plug',
};

/** A chip; with `onRemove` it gets a remove button (the composer), without it is read-only (a sent message). */
export function renderChip(chip: ContextChip, onRemove?: (chip: ContextChip) => void): HTMLElement {
  const tokens = chip.tokens > 0 ? h('span', { className: 'chip-tokens', text: `~${formatCompactTokens(chip.tokens)}` }) : null;
  const title = [chip.detail ?? chip.label, chip.tokens > 0 ? `about ${chip.tokens} tokens` : ''].filter(Boolean).join(' · ');
  const element = h('span', { className: 'chip', testId: 'chip', title, attrs: { 'data-kind': chip.kind } }, codicon(chipIcons[chip.kind]), h('span', { className: 'chip-label', text: chip.label }), tokens);
  if (onRemove) {
    const remove = h('button', { className: 'chip-remove', title: `Remove ${chip.label}`, attrs: { type: 'button', 'aria-label': `Remove ${chip.label}` } }, codicon('close'));
    remove.addEventListener('click', () => onRemove(chip));
    element.append(remove);
  }
  return element;
}
