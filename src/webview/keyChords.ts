// VS Code hands every key pressed in a webview to its keybindings too, so the extension's chords
// (Ctrl+Alt+K then a key, see package.json) work from the chat. But the webview also receives the chord's
// second key, and the message input would type it: after the chord's first key, the next one types nothing.
const chordTimeoutMs = 3_000;

function isChordStart(event: KeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k';
}

export function keepChordKeysOutOfInputs(root: HTMLElement): void {
  let chordStartedAt = 0;
  root.addEventListener('keydown', (event) => {
    if (isChordStart(event)) {
      chordStartedAt = event.timeStamp;
      return;
    }
    if (['Control', 'Alt', 'Shift', 'Meta'].includes(event.key)) return;
    if (chordStartedAt > 0 && event.timeStamp - chordStartedAt < chordTimeoutMs) event.preventDefault();
    chordStartedAt = 0;
  }, { capture: true });
}
