// Reads `kimiAssistant.*` through the one settings schema; invalid values fall back to defaults and are logged once.
import * as vscode from 'vscode';
import { parseSettings, SETTINGS_SECTION, type SettingKey, type Settings } from '../common/settings';
import { Disposable } from './disposable';
import type { Logger } from './log';

export class Configuration extends Disposable {
  private current: Settings;
  private readonly changed = this.register(new vscode.EventEmitter<Settings>());
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: Logger) {
    super();
    this.current = this.read();
    this.register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!event.affectsConfiguration(SETTINGS_SECTION)) return;
        this.current = this.read();
        this.changed.fire(this.current);
      }),
    );
  }

  get settings(): Settings {
    return this.current;
  }

  async update<K extends SettingKey>(key: K, value: Settings[K]): Promise<void> {
    await vscode.workspace.getConfiguration(SETTINGS_SECTION).update(key, value, vscode.ConfigurationTarget.Global);
  }

  private read(): Settings {
    const section = vscode.workspace.getConfiguration(SETTINGS_SECTION);
    const { settings, issues } = parseSettings((key) => section.get(key));
    for (const issue of issues) {
      this.log.warn(`Setting kimiAssistant.${issue.key} is invalid (${issue.message}); using the default.`);
    }
    return settings;
  }
}
