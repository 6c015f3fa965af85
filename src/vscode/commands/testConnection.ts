// "Kimi: Test Connection": checks key, base URL and model with the cheapest requests there are, and says
// in words what is wrong (a key stored for another host included: then nothing is sent). Returns the report
// so the walkthrough and tests can read it.
import * as vscode from 'vscode';
import { checkConnection, type ConnectionReport } from '../../common/llm/connectionCheck';
import { createKimiClient } from '../../common/llm/createKimiClient';
import { keyOriginMismatchMessage } from '../../common/keyOrigin';
import { originOf } from '../../common/workspaceSettings';
import type { ApiKeys } from '../apiKeys';
import type { ModelChoice } from '../chat/modelChoice';
import type { Configuration } from '../configuration';
import type { Logger } from '../log';

export function registerTestConnection(configuration: Configuration, keys: ApiKeys, models: ModelChoice, log: Logger): vscode.Disposable {
  return vscode.commands.registerCommand('kimiAssistant.testConnection', async (options?: { quiet?: boolean }): Promise<ConnectionReport> => {
    const settings = configuration.settings;
    const profile = models.current();
    const lookup = await keys.lookup(settings.provider, originOf(profile.baseUrl));
    if (lookup.status === 'otherOrigin') {
      // The key belongs to another host: say so and send nothing, exactly as the chat does.
      const report: ConnectionReport = { ok: false, problem: 'noKey', summary: keyOriginMismatchMessage(profile.preset.label, lookup), suggestions: [] };
      log.info(`Test Connection: ${report.summary}`);
      if (!options?.quiet) {
        void vscode.window.showErrorMessage(`Kimi: ${report.summary}`, 'Set API Key').then((choice) => {
          if (choice === 'Set API Key') void vscode.commands.executeCommand('kimiAssistant.setApiKey');
        });
      }
      return report;
    }
    const key = lookup.status === 'found' ? lookup : undefined;
    const client = createKimiClient({ settings, profile, apiKey: key?.key ?? '', log: (line) => log.info(line) }, 'connectionCheck');
    const report = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Kimi: testing the connection to ${profile.preset.label}…`, cancellable: true },
      (_progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        return checkConnection(
          {
            listModels: (signal) => client.listModels(signal),
            ping: (signal) => client.completeNonStreaming({ messages: [{ role: 'user', content: 'Reply with: ok' }], thinking: false, maxOutputTokens: 256, ...(signal ? { signal } : {}) }),
          },
          { providerLabel: profile.preset.label, baseUrl: profile.baseUrl || '(no base URL set)', modelId: profile.modelId || '(no model set)' },
          Date.now,
          abort.signal,
        );
      },
    );
    log.info(`Test Connection: ${report.summary}`);
    if (!options?.quiet) {
      if (report.ok) void vscode.window.showInformationMessage(`Kimi: ${report.summary}`);
      else {
        const actions = report.problem === 'noKey' || report.problem === 'badKey' ? ['Set API Key'] : report.problem === 'unknownModel' ? ['Select Model'] : ['Open Settings'];
        void vscode.window.showErrorMessage(`Kimi: ${report.summary}`, ...actions).then((choice) => {
          if (choice === 'Set API Key') void vscode.commands.executeCommand('kimiAssistant.setApiKey');
          if (choice === 'Select Model') void vscode.commands.executeCommand('kimiAssistant.selectModel');
          if (choice === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'kimiAssistant');
        });
      }
    }
    return report;
  });
}
