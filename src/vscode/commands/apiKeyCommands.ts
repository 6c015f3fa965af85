// "Kimi: Set API Key" and "Kimi: Clear API Key". Both take an optional argument for automation
// ({ key, provider }), so tests and walkthroughs never need to type into an input box.
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
    let key = typeof args?.key === 'string' ? args.key : undefined;
    if (key === undefined) {
      key = await vscode.window.showInputBox({
        title: `Kimi: API key for ${preset.label}`,
        prompt: preset.getKeyUrl ? `Paste your ${preset.label} API key (get one at ${preset.getKeyUrl}). It is kept in VS Code's secret storage.` : `Paste the API key for your endpoint. It is kept in VS Code's secret storage.`,
        password: true,
        ignoreFocusOut: true,
        placeHolder: 'sk-...',
        validateInput: (value) => (value.trim() ? undefined : 'The key cannot be empty.'),
      });
    }
    if (!key?.trim()) return false;
    await keys.set(provider, key);
    log.info(`API key stored for ${preset.label}.`);
    if (typeof args?.key !== 'string') {
      void vscode.window.showInformationMessage(`Kimi: API key saved for ${preset.label}.`);
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
