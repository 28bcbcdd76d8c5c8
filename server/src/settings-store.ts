// Settings per document: pulled with workspace/configuration when the client supports it, else
// initializationOptions updated by workspace/didChangeConfiguration pushes.
import type { Connection } from 'vscode-languageserver';
import { settingsSection, type SecureLogoutSettings } from './protocol';
import { normalizeSettings } from './settings';

export class SettingsStore {
  private global: SecureLogoutSettings;
  private readonly byUri = new Map<string, Promise<SecureLogoutSettings>>();

  constructor(
    private readonly connection: Connection,
    initializationOptions: unknown,
    private readonly canPull: boolean,
  ) {
    this.global = normalizeSettings(initializationOptions);
  }

  /** `workspace/didChangeConfiguration`: VS Code sends `{ secureLogout: {…} }`; pull clients send null. */
  changed(pushed: unknown): void {
    if (pushed && typeof pushed === 'object' && settingsSection in pushed) this.global = normalizeSettings(pushed);
    this.byUri.clear();
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }

  get(uri: string | undefined): Promise<SecureLogoutSettings> {
    if (!this.canPull || !uri) return Promise.resolve(this.global);
    let settings = this.byUri.get(uri);
    if (!settings) {
      settings = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: settingsSection })
        // A client without settings for the section answers null: the init options (or defaults) apply.
        .then((value: unknown) => (value === null || value === undefined ? this.global : normalizeSettings(value)))
        .catch(() => this.global);
      this.byUri.set(uri, settings);
    }
    return settings;
  }
}
