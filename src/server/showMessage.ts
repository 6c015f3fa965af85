// window/showMessage (a notification: nothing waits for the user), with the client's sentences.
import { MessageType, ShowMessageNotification, type Connection } from 'vscode-languageserver/node';

export function showMessage(connection: Connection, type: 'error' | 'warning' | 'info', message: string): void {
  const messageType = type === 'error' ? MessageType.Error : type === 'warning' ? MessageType.Warning : MessageType.Info;
  void connection.sendNotification(ShowMessageNotification.type, { type: messageType, message });
}
