import { readFileSync } from 'node:fs';
import type { EnvReader } from './env-reader';

/** PEM certificate and key for HTTPS on `PORT` (`TLS_ENABLED`, `TLS_CERT`, `TLS_KEY`). */
export interface TlsOptions {
  cert: string;
  key: string;
}

function readPem(reader: EnvReader, name: string): string {
  const path = reader.raw(name);
  if (path === undefined) {
    reader.problem(`${name}: required when TLS_ENABLED=true`);
    return '';
  }
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    reader.problem(`${name}: cannot read '${path}' (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    return '';
  }
}

/** Reads the TLS settings; `undefined` when `TLS_ENABLED` is false. Missing or unreadable files are problems. */
export function readTlsOptions(reader: EnvReader): TlsOptions | undefined {
  if (!reader.bool('TLS_ENABLED', false)) return undefined;
  return { cert: readPem(reader, 'TLS_CERT'), key: readPem(reader, 'TLS_KEY') };
}
