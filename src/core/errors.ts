/** The few errors trackdocs throws; the CLI turns each into a message and exit code 2. */
export class UsageError extends Error {
  readonly code = 'usage';
}
export class ConfigError extends Error {
  readonly code = 'config';
}
