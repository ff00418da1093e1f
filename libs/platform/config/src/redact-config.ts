const SECRET_FIELDS = new Set(['authSecrets', 'password', 'cert', 'key']);

/** Shows a proxy key as its first 4 characters followed by `***` (spec/saas-api.md §1). */
export function maskProxyKey(proxyKey: string): string {
  return proxyKey === '' ? '' : `${proxyKey.slice(0, 4)}***`;
}

/**
 * Returns a copy of a configuration object fit for the `configuration loaded` log line: `proxyKey`
 * masked, secrets (`authSecrets`, `password`, TLS `cert`/`key`) replaced by `***`.
 */
export function redactConfig(value: unknown, field = ''): unknown {
  if (field === 'proxyKey' && typeof value === 'string') return maskProxyKey(value);
  if (SECRET_FIELDS.has(field) && value !== undefined && value !== '') return '***';
  if (Array.isArray(value)) return value.map((item) => redactConfig(item));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, redactConfig(inner, key)]));
  }
  return value;
}
