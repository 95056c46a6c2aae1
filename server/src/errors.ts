import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorCode, ErrorResponse } from '../../shared/contracts/errors.ts';

/** An error meant for the client: its status, code and message are sent as they are. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const unauthorized = (message = 'Missing or invalid credentials.') =>
  new ApiError(401, 'unauthorized', message, { 'www-authenticate': 'Bearer' });
export const forbidden = (message = 'This credential may not use this route.') => new ApiError(403, 'forbidden', message);
export const notFound = (what = 'Resource') => new ApiError(404, 'not_found', `${what} not found.`);
export const conflict = (message: string) => new ApiError(409, 'conflict', message);

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'unavailable',
};

const body = (code: ErrorCode, message: string): ErrorResponse => ({ error: { code, message } });

/**
 * One error shape for every route: `{error: {code, message}}`. Client mistakes (bad JSON, schema
 * violations, oversize bodies, wrong media type) are 4xx with a message that says what to fix;
 * anything else is logged and answered with a 500 that says nothing about the internals.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | ApiError, req, reply) => {
    if (err instanceof ApiError) {
      return reply.code(err.statusCode).headers(err.headers).send(body(err.code, err.message));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'request';
      const issues = err.validation.slice(0, 10).map((v) => {
        const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
        return path ? `${path}: ${v.message}` : String(v.message);
      });
      const more = err.validation.length > 10 ? ` (and ${err.validation.length - 10} more)` : '';
      return reply.code(400).send(body('bad_request', `Invalid ${where}: ${issues.join('; ')}${more}`));
    }
    // Defense in depth: a value the database refuses (SQLSTATE class 22, data exception) came
    // from the client; say so without echoing the database's words.
    const sqlstate = (err as { code?: unknown }).code;
    if (typeof sqlstate === 'string' && /^22[0-9A-Z]{3}$/.test(sqlstate)) {
      req.log.warn({ err }, 'value refused by the database');
      return reply.code(400).send(body('bad_request', 'A value in the request is out of range or not valid.'));
    }
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status >= 400 && status < 500) {
      // Fastify's own client errors (JSON syntax, empty body, body too large, media type,
      // prototype poisoning) carry safe, useful messages.
      return reply.code(status).send(body(CODE_BY_STATUS[status] ?? 'bad_request', clientMessage(err)));
    }
    req.log.error({ err }, 'request failed');
    return reply.code(500).send(body('internal', 'Internal server error.'));
  });

  // PostgreSQL text cannot hold NUL and JSON-to-jsonb refuses lone surrogates: refuse such
  // strings up front, for every route, with a clear 400.
  app.addHook('preValidation', async (req) => {
    const bad = findBadString(req.body);
    if (bad !== null)
      throw new ApiError(400, 'bad_request', `Invalid body: ${bad || '(root)'}: strings must be valid Unicode without NUL characters.`);
  });

  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send(body('not_found', `No route ${req.method} ${req.url.split('?')[0]}.`));
  });
}

/**
 * For Fastify's `frameworkErrors` option: errors the router raises before any route or error
 * handler is involved (malformed URL encoding, over-long path parameters) get the same shape.
 */
export function frameworkError(err: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  const status = typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
  const message = err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'A path parameter is too long.' : 'Malformed request URL.';
  void reply.code(status).send(body(CODE_BY_STATUS[status] ?? 'bad_request', message));
}

function clientMessage(err: FastifyError): string {
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return 'Request body is too large.';
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return 'Unsupported content type: send application/json.';
  if (err instanceof SyntaxError || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY') return `Malformed JSON body: ${err.message}`;
  return err.message.slice(0, 500);
}

// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const BAD_CHARS = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The path of the first string (value or key) holding NUL or a lone surrogate; null if none. Iterative: bodies may nest deeply. */
export function findBadString(root: unknown): string | null {
  const stack: [unknown, string][] = [[root, '']];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (BAD_CHARS.test(v)) return path;
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => stack.push([x, path ? `${path}.${i}` : String(i)]));
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (BAD_CHARS.test(k)) return path ? `${path}.(key)` : '(key)';
        stack.push([x, path ? `${path}.${k}` : k]);
      }
    }
  }
  return null;
}
