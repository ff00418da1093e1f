import type { IncomingMessage, ServerResponse } from 'node:http';
import { createAdminRequestHandler } from './admin-request-handler';
import type { EmulatorContext } from './emulator-context';
import { saasError, writeResponse } from './emulator-response';
import { readRequestBody } from './read-request-body';
import type { SaasEmulatorOptions } from './saas-emulator-options';
import { createSaasRequestHandler } from './saas-request-handler';

/** Request bodies above this size get 413 (metrics batches are at most 1 MiB, spec/saas-api.md §6.4). */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * The `http.Server` request listener: `/admin/*` to the admin API, everything else to the SaaS API.
 * Never throws: an unexpected failure is logged and answered 500 (or the socket destroyed mid-response).
 */
export function createRequestListener(
  context: EmulatorContext,
  options: SaasEmulatorOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  const handleSaas = createSaasRequestHandler(context);
  const handleAdmin = createAdminRequestHandler(context);
  const logRequest = createRequestLogger(options);

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    const url = new URL(req.url ?? '/', 'http://emulator');
    const rawBody = await readRequestBody(req, MAX_BODY_BYTES);
    if (rawBody === undefined) return writeResponse(res, saasError(413, 'request body too large or unreadable'));
    if (url.pathname === '/admin' || url.pathname.startsWith('/admin/')) {
      return handleAdmin({ method: (req.method ?? 'GET').toUpperCase(), url, rawBody, res });
    }
    logRequest(req, res, url);
    await handleSaas({ req, res, url, rawBody });
  }

  return (req, res) => {
    onRequest(req, res).catch((error: unknown) => {
      options.logger?.error('saas emulator request failed', { err: error });
      if (!res.headersSent) writeResponse(res, saasError(500, 'emulator failure'));
      else res.destroy();
    });
  };
}

/** With `logRequests`: one `saas request` line (method, path, status) when each SaaS response closes. */
function createRequestLogger(
  options: SaasEmulatorOptions,
): (req: IncomingMessage, res: ServerResponse, url: URL) => void {
  if (options.logRequests !== true) return () => undefined;
  const { logger } = options;
  const log =
    logger === undefined
      ? (fields: Record<string, unknown>) =>
          process.stdout.write(`${JSON.stringify({ msg: 'saas request', ...fields })}\n`)
      : (fields: Record<string, unknown>) => logger.info('saas request', fields);
  return (req, res, url) =>
    res.on('close', () => log({ method: req.method, path: url.pathname, status: res.statusCode }));
}
