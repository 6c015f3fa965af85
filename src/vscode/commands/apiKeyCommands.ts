// "Kimi: Set API Key" and "Kimi: Clear API Key". Both take an optional argument for automation
// ({ key, provider }), so tests and walkthroughs never need to type into an input box. A key is stored for
// the origin requests go to right now (the effective endpoint) and is only ever sent there.
import * as vscode from 'vscode';
import { providerIds, type ProviderId } from '../../common/settings';
import { providerPresets } from '../../common/models';
import type { ApiKeys } from '../apiKeys';
import type { Configuration } from '../configuration';
import type { Logger } from '../log';

interface KeyCommandArgs {
  key?: unknown;
  provider?: unknown;
}

export function registerApiKeyCommands(keys: ApiKeys, configuration: Configuration, log: Logger): vscode.Disposable[] {
  const providerFrom = (args: KeyCommandArgs | undefined): ProviderId => {
    const requested = args?.provider;
    return providerIds.find((id) => id === requested) ?? configuration.settings.provider;
  };

  const setApiKey = async (args?: KeyCommandArgs): Promise<boolean> => {
    const provider = providerFrom(args);
    const preset = providerPresets[provider];
    const origin = configuration.originFor(provider);
    if (!origin) {
      const message = `Kimi: there is no valid endpoint for ${preset.label} to store a key for. Set kimiAssistant.baseUrl first.`;
      log.warn(message);
      if (typeof args?.key !== 'string') void vscode.window.showErrorMessage(message);
      return false;
    }
    let key = typeof args?.key === 'string' ? args.key : undefined;
    if (key === undefined) {
      key = await vscode.window.showInputBox({
        title: `Kimi: API key for ${preset.label} at ${origin}`,
        prompt: `${preset.getKeyUrl ? `Paste your key for ${preset.label} (get one at ${preset.getKeyUrl}).` : 'Paste the API key for your endpoint.'} It is kept in VS Code's secret storage and sent only to ${origin}.`,
        password: true,
        ignoreFocusOut: true,
        placeHolder: 'sk-...',
        validateInput: (value) => (value.trim() ? undefined : 'The key cannot be empty.'),
      });
    }
    if (!key?.trim()) return false;
    await keys.set(provider, key, origin);
    log.info(`API key stored for ${preset.label}, bound to ${origin}.`);
    if (typeof args?.key !== 'string') {
      void vscode.window.showInformationMessage(`Kimi: API key saved for ${preset.label} (sent only to ${origin}).`);
    }
    return true;
  };

  const clearApiKey = async (args?: KeyCommandArgs): Promise<boolean> => {
    const provider = providerFrom(args);
    await keys.clear(provider);
    log.info(`API key cleared for ${providerPresets[provider].label}.`);
    if (args?.provider === undefined) {
      void vscode.window.showInformationMessage(`Kimi: API key removed for ${providerPresets[provider].label}.`);
    }
    return true;
  };

  return [
    vscode.commands.registerCommand('kimiAssistant.setApiKey', setApiKey),
    vscode.commands.registerCommand('kimiAssistant.clearApiKey', clearApiKey),
  ];
}
