// A failed answer as a card: the sentence from the host, the one action that helps, and the provider's
// own message behind a "Details" disclosure.
import type { ErrorView, ErrorViewAction, WebviewToHostMessage } from '../../common/protocol';
import type { ChatContext } from '../chatContext';
import { button, codicon, h } from '../dom';

interface ActionButton {
  label: string;
  icon: string;
  message: WebviewToHostMessage;
}

function actionsFor(action: ErrorViewAction, turnId: string): ActionButton[] {
  switch (action) {
    case 'setKey':
      return [{ label: 'Set API Key', icon: 'key', message: { type: 'runAction', action: 'setKey', turnId } }];
    case 'topUp':
      return [
        { label: 'Top Up', icon: 'credit-card', message: { type: 'runAction', action: 'topUp', turnId } },
        { label: 'Retry', icon: 'refresh', message: { type: 'runAction', action: 'retry', turnId } },
      ];
    case 'wait':
    case 'retry':
      return [{ label: 'Retry', icon: 'refresh', message: { type: 'runAction', action: 'retry', turnId } }];
    case 'shortenContext':
      return [{ label: 'New Chat', icon: 'add', message: { type: 'newChat' } }];
    case 'openSettings':
      return [{ label: 'Open Settings', icon: 'settings-gear', message: { type: 'runAction', action: 'openSettings', turnId } }];
    case 'none':
      return [];
  }
}

export function renderErrorCard(error: ErrorView, turnId: string, context: ChatContext): HTMLElement {
  const actions = actionsFor(error.action, turnId);
  return h(
    'div',
    { className: 'error-card', testId: 'error-card', attrs: { role: 'alert' } },
    h('div', { className: 'error-headline' }, codicon('error', 'error-icon'), h('span', { className: 'error-message', text: error.message })),
    actions.length > 0
      ? h(
          'div',
          { className: 'error-actions' },
          ...actions.map((action, index) =>
            button({
              icon: action.icon,
              label: action.label,
              title: action.label,
              className: index === 0 ? 'primary' : 'secondary',
              onClick: () => context.host.post(action.message),
            }),
          ),
        )
      : null,
    error.detail
      ? h('details', { className: 'error-detail' }, h('summary', { text: 'Details' }), h('pre', { text: error.detail }))
      : null,
  );
}
