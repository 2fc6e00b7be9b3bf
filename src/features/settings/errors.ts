/** Coded errors of the settings area; http/errors.ts maps codes to statuses. */
export class SettingsError extends Error {
  constructor(
    readonly code: 'settings_invalid' | 'settings_forbidden',
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}
