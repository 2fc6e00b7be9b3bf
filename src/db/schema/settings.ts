export interface SettingsTable {
  key: string;
  /** JSON-encoded value. */
  value: string;
}
