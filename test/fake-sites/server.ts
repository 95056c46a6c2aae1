/**
 * One HTTPS server that plays every fake AI site: the browser is pointed at it for each host
 * through `--host-resolver-rules`, and the site is chosen from the Host header. It records what
 * each site received (sends and uploads), as the real service would.
 */
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { renderFramePage, renderSitePage } from './page.ts';
import { FAKE_SITES, siteFor } from './sites.ts';

export interface Received {
  host: string;
  kind: 'send' | 'upload';
  body: Record<string, unknown>;
  at: number;
}

export interface FakeSites {
  port: number;
  hosts: string[];
  url(host: string, path?: string): string;
  received(host?: string): Received[];
  clear(): void;
  stop(): Promise<void>;
}

export async function makeCertificate(hosts: readonly string[]): Promise<{ key: string; cert: string }> {
  const pems = await generate([{ name: 'commonName', value: 'Daylight fake AI sites' }], {
    keyType: 'ec',
    curve: 'P-256',
    notAfterDate: new Date(Date.now() + 2 * 86_400_000),
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: hosts.map((h) => ({ type: 2 as const, value: h })) }],
  });
  return { key: pems.private, cert: pems.cert };
}

export async function startFakeSites(): Promise<FakeSites> {
  const hosts = FAKE_SITES.map((s) => s.host);
  const { key, cert } = await makeCertificate(hosts);
  const log: Received[] = [];
  const server: Server = createServer({ key, cert }, (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const site = siteFor(host);
    if (!site) {
      res.writeHead(421).end('unknown host');
      return;
    }
    const url = new URL(req.url ?? '/', `https://${host}`);
    if (req.method === 'POST' && (url.pathname === '/__send' || url.pathname === '/__upload')) {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
          log.push({ host, kind: url.pathname === '/__send' ? 'send' : 'upload', body, at: Date.now() });
          res.writeHead(204).end();
        } catch {
          res.writeHead(400).end('bad json');
        }
      });
      return;
    }
    if (req.method !== 'GET') {
      res.writeHead(405).end();
      return;
    }
    if (url.pathname === '/__slow.js') {
      // A parser-blocking script that answers late: the page stays in readyState "loading".
      const ms = Math.min(Number(url.searchParams.get('ms') ?? 0) || 0, 30_000);
      setTimeout(() => res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' }).end('/* slow */'), ms);
      return;
    }
    if (url.pathname === '/favicon.ico') {
      res.writeHead(404).end();
      return;
    }
    const html =
      url.pathname === '/frame'
        ? renderFramePage(site)
        : renderSitePage(site, url.pathname, Number(url.searchParams.get('slow') ?? 0) || 0);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    hosts,
    url: (host, path = '/') => `https://${host}:${port}${path}`,
    received: (host) => log.filter((r) => !host || r.host === host),
    clear: () => void log.splice(0),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
