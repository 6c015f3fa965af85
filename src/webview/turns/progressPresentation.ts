// The icons and words a piece of work's progress is shown with, shared by tool cards and subagent cards so
// the same state looks and reads the same in both.
export interface Presentation {
  icon: string;
  label: string;
}

export const spinningIcon = 'loading codicon-modifier-spin';
/** Work ended by someone (stopped, rejected) rather than by itself; each card's label names who. */
export const endedIcon = 'circle-slash';

export const progressPresentation = {
  queued: { icon: 'clock', label: 'Queued' },
  done: { icon: 'check', label: 'Done' },
  failed: { icon: 'error', label: 'Failed' },
} as const satisfies Record<string, Presentation>;
