// Port: shared process-wide values.

export interface SettingsStore {
  get(key: string): Promise<string | null>;
  /** Sets the value unless one exists; returns the value that won. */
  getOrInit(key: string, value: string): Promise<string>;
}
