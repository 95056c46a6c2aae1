import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { FastifyRequest } from 'fastify';
import { ErrorResponse } from '../../../shared/contracts/errors.ts';
import {
  ExtensionFileParams,
  PutRolloutRequest,
  RolloutFileParams,
  RolloutInfo,
  RolloutOptions,
} from '../../../shared/contracts/rollout.ts';
import type { RouteContext, ZApp } from '../app.ts';
import { adminOf } from '../auth/plugin.ts';
import { conflict, notFound } from '../errors.ts';
import { fileBytes, rolloutFiles, type RolloutInput } from '../mdm/generate.ts';
import { listReleases, newestCrx, updateManifest } from '../mdm/releases.ts';
import { extensionSources, loadRollout, saveRollout, type RolloutConfig } from '../services/rollout.ts';
import { AUTH_ERRORS, iso, SECURITY } from './util.ts';

/** A placeholder for listings when the tenant has no rollout token yet (files are refused then). */
const NO_TOKEN = 'dle_not-created-yet';

/** The names of the rollout files (the same for every tenant). */
const FILE_NAMES = new Set(
  rolloutFiles({
    tenantId: '00000000-0000-0000-0000-000000000000',
    tenantName: '',
    serverUrl: 'https://x',
    enrollmentToken: NO_TOKEN,
    chromium: { extensionId: 'a'.repeat(32), updateUrl: 'https://x' },
    firefox: { extensionId: 'x', installUrl: 'https://x' },
    options: RolloutOptions.parse({}),
  }).map((f) => f.name),
);

/**
 * MDM rollout kit: the tenant's options and generated files (owner, admin), and the public
 * self-hosted extension distribution (`update.xml`, CRX/XPI releases). docs/rollout.md.
 */
export function rolloutRoutes(app: ZApp, { db, keys, rollout }: RouteContext): void {
  /** PUBLIC_URL when configured, else the origin the request came to. */
  const cfgFor = (req: FastifyRequest): RolloutConfig => ({
    releasesDir: rollout.releasesDir,
    publicUrl: (rollout.publicUrl ?? `${req.protocol}://${req.host}`).replace(/\/+$/, ''),
  });

  const info = async (req: FastifyRequest, tenantId: string): Promise<RolloutInfo> => {
    const cfg = cfgFor(req);
    const state = await loadRollout(db, keys, tenantId);
    const sources = extensionSources(cfg, state.options);
    const files = rolloutFiles({
      tenantId,
      tenantName: state.tenantName,
      serverUrl: cfg.publicUrl,
      enrollmentToken: NO_TOKEN,
      options: state.options,
      ...sources,
    });
    return {
      options: state.options,
      serverUrl: cfg.publicUrl,
      chromium: sources.chromium,
      firefox: sources.firefox,
      enrollmentToken: state.token
        ? { id: state.token.id, createdAt: iso(state.token.createdAt), revokedAt: iso(state.token.revokedAt) }
        : null,
      releases: listReleases(cfg.releasesDir).map((r) => ({ version: r.version, file: r.file })),
      files: files.map(({ name, platform, target, description, contentType }) => ({
        name,
        platform,
        target,
        description,
        contentType,
        downloadUrl: `/v1/rollout/files/${name}`,
      })),
    };
  };

  app.get(
    '/v1/rollout',
    {
      schema: {
        tags: ['rollout'],
        summary: 'Rollout options, the extension sources and the downloadable MDM files',
        security: SECURITY,
        response: { 200: RolloutInfo, ...AUTH_ERRORS },
      },
    },
    async (req) => info(req, adminOf(req).tenantId),
  );

  app.put(
    '/v1/rollout',
    {
      schema: {
        tags: ['rollout'],
        summary: 'Save rollout options; creates the rollout enrollment token when there is none or rotateToken is true',
        security: SECURITY,
        body: PutRolloutRequest,
        response: { 200: RolloutInfo, ...AUTH_ERRORS },
      },
    },
    async (req) => {
      const { tenantId, actor } = adminOf(req);
      await saveRollout(db, keys, tenantId, actor, req.body.options, req.body.rotateToken);
      return info(req, tenantId);
    },
  );

  app.get(
    '/v1/rollout/files/:name',
    {
      schema: {
        tags: ['rollout'],
        summary: 'Download one rollout file (holds the enrollment token)',
        security: SECURITY,
        params: RolloutFileParams,
        response: { 404: ErrorResponse, 409: ErrorResponse, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => {
      const { tenantId } = adminOf(req);
      const cfg = cfgFor(req);
      if (!FILE_NAMES.has(req.params.name)) throw notFound('Rollout file');
      const state = await loadRollout(db, keys, tenantId);
      if (!state.token) throw conflict('No rollout enrollment token yet: save the rollout settings first (PUT /v1/rollout).');
      if (state.token.revokedAt || (state.token.expiresAt && state.token.expiresAt <= new Date()))
        throw conflict('The rollout enrollment token was revoked or expired: rotate it (PUT /v1/rollout with rotateToken: true).');
      const input: RolloutInput = {
        tenantId,
        tenantName: state.tenantName,
        serverUrl: cfg.publicUrl,
        enrollmentToken: state.token.token,
        options: state.options,
        ...extensionSources(cfg, state.options),
      };
      const file = rolloutFiles(input).find((f) => f.name === req.params.name);
      if (!file) throw notFound('Rollout file');
      return reply
        .header('content-type', file.encoding === 'utf16le' ? `${file.contentType}; charset=utf-16le` : file.contentType)
        .header('content-disposition', `attachment; filename="${file.name}"`)
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .send(fileBytes(file) as never);
    },
  );

  app.get(
    '/extension/update.xml',
    { schema: { tags: ['rollout'], summary: 'Update manifest (gupdate) for self-hosted Chrome/Edge installs' } },
    async (req, reply) => {
      const cfg = cfgFor(req);
      const newest = newestCrx(cfg.releasesDir, (file, e) =>
        req.log.warn({ file, err: e instanceof Error ? e.message : String(e) }, 'extension release skipped: not a valid CRX'),
      );
      const xml = newest
        ? updateManifest(newest.id, {
            version: newest.release.version,
            codebase: `${cfg.publicUrl}/extension/${newest.release.file}`,
          })
        : updateManifest(requestedId(req.query), null);
      return reply.header('content-type', 'application/xml; charset=utf-8').header('cache-control', 'no-cache').send(xml);
    },
  );

  app.get(
    '/extension/:file',
    {
      schema: {
        tags: ['rollout'],
        summary: 'A self-hosted extension release (daylight-VERSION.crx / .xpi, daylight-latest.xpi)',
        params: ExtensionFileParams,
        response: { 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (req, reply) => {
      const dir = rollout.releasesDir;
      let file = req.params.file;
      if (file === 'daylight-latest.xpi') file = listReleases(dir, 'xpi')[0]?.file ?? '';
      const release = listReleases(dir).find((r) => r.file === file);
      if (!dir || !release) throw notFound('Extension release');
      return reply
        .header('content-type', release.kind === 'crx' ? 'application/x-chrome-extension' : 'application/x-xpinstall')
        .header('content-disposition', `attachment; filename="${release.file}"`)
        .header('cache-control', 'public, max-age=300')
        .send(createReadStream(join(dir, release.file)) as never);
    },
  );
}

/** The extension id a browser asks about in an update check (`?x=id%3D...%26v%3D...`), if well formed. */
function requestedId(query: unknown): string {
  const x = typeof query === 'object' && query !== null ? (query as Record<string, unknown>)['x'] : undefined;
  const id = typeof x === 'string' ? new URLSearchParams(x).get('id') : null;
  return id && /^[a-p]{32}$/.test(id) ? id : '';
}
