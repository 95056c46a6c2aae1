/**
 * A real OpenID provider for sign-in tests: `oidc-provider` (certified OpenID Connect
 * implementation) on loopback over real HTTP, with one confidential client, PKCE required, and a
 * `groups` claim released with the `groups` scope, as Okta's custom authorization servers do. The
 * login page is replaced by one that signs in whoever the test says is at the keyboard
 * (`idp.user = ...`) and consents to what the client asked for.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface Account {
  email: string;
  name?: string;
  groups: string[];
}

export interface TestIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who signs in at the IdP's login page next (account id = sub). */
  user: string | null;
  accounts: Map<string, Account>;
  close(): Promise<void>;
}

/**
 * `claimsInIdToken: false` keeps scope-released claims (e-mail, groups) out of the ID token, as the
 * OpenID spec's default does: the relying party must fetch them from userinfo.
 */
export async function startIdp(redirectUri: string, opts: { claimsInIdToken?: boolean } = {}): Promise<TestIdp> {
  const server: Server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const accounts = new Map<string, Account>();
  const idp: TestIdp = {
    issuer,
    clientId: 'daylight-dashboard',
    clientSecret: 'a-long-random-client-secret-for-the-daylight-tests',
    user: null,
    accounts,
    close: () => new Promise((r) => server.close(() => r())),
  };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: idp.clientId,
        client_secret: idp.clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    pkce: { required: () => true },
    scopes: ['openid', 'email', 'profile', 'groups'],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
    // Okta and Entra put the groups claim in the ID token (conformIdTokenClaims false).
    conformIdTokenClaims: opts.claimsInIdToken === false,
    features: { devInteractions: { enabled: false } },
    cookies: { keys: ['test-cookie-signing-key-0123456789'] },
    findAccount: (_ctx: unknown, sub: string) => {
      const a = accounts.get(sub);
      if (!a) return undefined;
      return {
        accountId: sub,
        claims: async () => ({ sub, email: a.email, email_verified: true, name: a.name ?? a.email, groups: a.groups }),
      };
    },
  });
  const handle = provider.callback();
  server.on('request', (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return handle(req, res);
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name === 'login') {
        if (!idp.user) throw new Error('no test user at the keyboard');
        return provider.interactionFinished(req, res, { login: { accountId: idp.user } });
      }
      // consent: grant what the client asked for.
      const grant = new provider.Grant({ accountId: details.session!.accountId!, clientId: details.params.client_id });
      grant.addOIDCScope(String(details.params.scope ?? 'openid'));
      return provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } });
    })().catch((e: unknown) => {
      res.statusCode = 500;
      res.end(String(e));
    });
  });
  return idp;
}

/** A browser's part of a redirect dance: follows redirects with real HTTP, keeping cookies per host. */
export class Browser {
  readonly jar = new Map<string, Map<string, string>>();

  cookie(host: string, name: string): string | undefined {
    return this.jar.get(host)?.get(name);
  }

  /** GETs `url` and follows redirects until `stop(url)` or a non-redirect; answers the last response and its URL. */
  async follow(url: string, stop: (u: URL) => boolean = () => false): Promise<{ res: Response; url: URL; hops: URL[] }> {
    let u = new URL(url);
    const hops: URL[] = [];
    for (let i = 0; i < 20; i++) {
      hops.push(u);
      const cookies = [...(this.jar.get(u.host) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ');
      const res = await fetch(u, { redirect: 'manual', headers: cookies ? { cookie: cookies } : {} });
      for (const c of res.headers.getSetCookie()) {
        const [pair, ...attrs] = c.split(';');
        const eq = pair!.indexOf('=');
        const name = pair!.slice(0, eq).trim();
        const value = pair!.slice(eq + 1).trim();
        const jar = this.jar.get(u.host) ?? new Map<string, string>();
        const expired = attrs.some((a) => /^\s*max-age=0$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
        if (expired || value === '') jar.delete(name);
        else jar.set(name, value);
        this.jar.set(u.host, jar);
      }
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) return { res, url: u, hops };
      const next = new URL(location, u);
      if (stop(next)) return { res, url: next, hops };
      u = next;
    }
    throw new Error(`too many redirects from ${url}`);
  }
}
