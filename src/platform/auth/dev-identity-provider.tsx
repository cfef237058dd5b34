import { createPrivateKey, generateKeyPairSync, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import Html from '@kitajs/html';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Account, OidcContext, Provider as OidcProvider } from 'oidc-provider';
import type { Config } from '../config.ts';
import { Layout, sendHtml } from '../web/layout.tsx';
import { DEMO_USERS, findDemoUser, type DemoUser } from './demo-users.ts';
import { createDevIdpAdapter } from './dev-idp-store.ts';
import { ROLES } from './policy.ts';
import { STAFF_SCOPES } from './relying-party.ts';

/**
 * The development identity provider: a real OpenID Connect provider (oidc-provider) inside the app, under
 * /dev-idp, used when no external issuer is configured. People pick a demo user with a click; there are no
 * passwords. It is refused in production by the configuration (VAKA_OIDC_ISSUER is required there).
 */
export const DEV_IDP_PREFIX = '/dev-idp';

export function devIssuerUrl(config: Config): string {
  return `${config.publicUrl}${DEV_IDP_PREFIX}`;
}

/**
 * oidc-provider v9 prints "Unsupported runtime" on import under Node 20 (it targets Node 22); it runs
 * fine here (the browser test signs in through it). Only that one line is held back, nothing else.
 */
async function importOidcProvider(): Promise<typeof import('oidc-provider').Provider> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].includes('oidc-provider WARNING: Unsupported runtime')) return;
    warn(...args);
  };
  try {
    return (await import('oidc-provider')).Provider;
  } finally {
    console.warn = warn;
  }
}

function signingKey() {
  // Generated as PEM and read back before the JWK export: exporting the key object a generation job made can
  // deadlock Node 20 when garbage collection frees that job mid-export (both take the key's mutex; seen as a
  // test worker hung in KeyGenJob's destructor under ExportJWKEcKey).
  const pem = generateKeyPairSync('ec', { namedCurve: 'P-256', privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey;
  const jwk = createPrivateKey(pem).export({ format: 'jwk' });
  return { ...jwk, use: 'sig', alg: 'ES256', kid: randomUUID() };
}

function accountFor(subject: string): Account | undefined {
  const user = findDemoUser(subject);
  if (!user) return undefined;
  return {
    accountId: user.subject,
    claims: () => ({
      sub: user.subject,
      name: user.name,
      email: user.email,
      email_verified: true,
      roles: user.roles,
      department: user.department,
      ...(user.organisations ? { organisations: user.organisations } : {}),
    }),
  };
}

function DemoBanner() {
  return (
    <div class="govuk-warning-text">
      <span class="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong class="govuk-warning-text__text">
        <span class="govuk-visually-hidden">Varning</span>
        Det här är Vakas demo-identitetsleverantör. Den finns bara för utveckling och demonstration och kräver inget
        lösenord. I drift loggar medarbetare in via myndighetens egen inloggningstjänst.
      </strong>
    </div>
  );
}

function DevIdpPage({ title, children }: { title: string; children: Html.Children }) {
  return (
    <Layout title={title}>
      <span class="govuk-caption-l">Demo-inloggning</span>
      <h1 class="govuk-heading-l" safe>
        {title}
      </h1>
      <DemoBanner />
      {children}
    </Layout>
  );
}

function PickUserPage({ action, abortAction }: { action: string; abortAction: string }) {
  const staff = DEMO_USERS.filter((u) => !u.organisations);
  const representatives = DEMO_USERS.filter((u) => u.organisations);
  return (
    <DevIdpPage title="Välj vem du vill logga in som">
      <p class="govuk-body">Välj en demoanvändare. Varje användare har en roll och ser det rollen får se i Vaka.</p>
      <form method="post" action={action} novalidate>
        <UserTable caption="Medarbetare" users={staff} />
        <UserTable caption="Företrädare för vårdgivare och huvudmän" users={representatives} />
      </form>
      <form method="post" action={abortAction}>
        <button type="submit" class="govuk-button govuk-button--secondary">
          Avbryt inloggningen
        </button>
      </form>
    </DevIdpPage>
  );
}

function roleText(user: DemoUser): string {
  if (user.organisations) return `${ROLES.provider_representative}. I drift loggar företrädare in med BankID.`;
  return user.roles.map((r) => ROLES[r]).join(', ') + (user.department ? '' : ' (hela landet)');
}

function UserTable({ caption, users }: { caption: string; users: readonly DemoUser[] }) {
  return (
    <table class="govuk-table">
      <caption class="govuk-table__caption govuk-table__caption--m" safe>
        {caption}
      </caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">
            Logga in som
          </th>
          <th scope="col" class="govuk-table__header">
            Namn
          </th>
          <th scope="col" class="govuk-table__header">
            Roll
          </th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {users.map((user) => (
          <tr class="govuk-table__row">
            <td class="govuk-table__cell">
              <button type="submit" name="account" value={user.subject} class="govuk-button govuk-!-margin-bottom-0" data-module="govuk-button">
                <span safe>{user.label}</span>
              </button>
            </td>
            <td class="govuk-table__cell" safe>
              {user.name}
            </td>
            <td class="govuk-table__cell" safe>
              {roleText(user)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ProblemPage({ message }: { message: string }) {
  return (
    <DevIdpPage title="Inloggningen gick inte att slutföra">
      <p class="govuk-body" safe>
        {message}
      </p>
      <p class="govuk-body">
        <a class="govuk-link" href="/auth/login">
          Börja om inloggningen
        </a>
      </p>
    </DevIdpPage>
  );
}

/** Mounts the provider at /dev-idp in the app and renders its sign-in page (in Swedish) itself. */
export async function registerDevIdentityProvider(app: FastifyInstance, config: Config): Promise<OidcProvider> {
  const Provider = await importOidcProvider();
  const provider = new Provider(devIssuerUrl(config), {
    clients: [
      {
        client_id: config.oidc.clientId,
        client_secret: config.oidc.clientSecret,
        redirect_uris: [`${config.publicUrl}/auth/callback`],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_basic',
        id_token_signed_response_alg: 'ES256',
      },
    ],
    adapter: createDevIdpAdapter(),
    jwks: { keys: [signingKey()] },
    cookies: { keys: [config.sessionSecret] },
    pkce: { required: () => true },
    // Seconds. A provider session lasts a working day, like Vaka's own staff session.
    ttl: { Interaction: 600, Session: 8 * 3600, Grant: 8 * 3600, AuthorizationCode: 60, AccessToken: 600, IdToken: 600 },
    // `roles`, `department` and (for provider representatives) `organisations` come with the profile scope, so the relying party asks only for standard scopes.
    claims: { openid: ['sub'], profile: ['name', 'roles', 'department', 'organisations'], email: ['email', 'email_verified'] },
    // Put the scope's claims in the id_token itself, so the relying party needs no userinfo call.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `${DEV_IDP_PREFIX}/interaction/${interaction.uid}` },
    findAccount: (_ctx: unknown, subject: string) => accountFor(subject),
    // Vaka is the only client and a first party: the grant is given without a consent screen.
    loadExistingGrant: async (ctx: OidcContext) => {
      const { oidc } = ctx;
      const clientId = oidc.client?.clientId;
      if (!clientId || !oidc.session?.accountId) return undefined;
      const grantId = oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(clientId);
      const existing = grantId ? await oidc.provider.Grant.find(grantId) : undefined;
      if (existing) return existing;
      const grant = new oidc.provider.Grant({ clientId, accountId: oidc.session.accountId });
      grant.addOIDCScope(STAFF_SCOPES);
      await grant.save();
      return grant;
    },
    renderError: async (ctx: { type: string; body: unknown }, out: { error?: string; error_description?: string }) => {
      ctx.type = 'html';
      ctx.body = await (<ProblemPage message={`Identitetsleverantören svarade: ${out.error_description ?? out.error ?? 'okänt fel'}.`} />);
    },
  });
  // Behind a TLS-terminating proxy (an https public URL), X-Forwarded-Proto says the scheme.
  provider.proxy = config.publicUrl.startsWith('https:');
  provider.on('server_error', (_ctx: unknown, error: Error) => app.log.error({ err: error }, 'dev identity provider error'));

  const interactionPath = `${DEV_IDP_PREFIX}/interaction/:uid`;
  const problem = (reply: FastifyReply, error: unknown) => {
    app.log.info({ err: error }, 'dev identity provider interaction failed');
    return sendHtml(reply, <ProblemPage message="Inloggningen har gått ut eller startades i en annan webbläsare." />, 400);
  };
  const finish = async (reply: FastifyReply, work: (req: IncomingMessage, res: ServerResponse) => Promise<void>) => {
    try {
      // Reads the interaction first, so an expired one gets our page instead of a half-written response.
      await provider.interactionDetails(reply.request.raw, reply.raw);
    } catch (error) {
      return problem(reply, error);
    }
    reply.hijack();
    try {
      await work(reply.request.raw, reply.raw);
    } catch (error) {
      app.log.error({ err: error }, 'dev identity provider could not finish the interaction');
      if (!reply.raw.headersSent) reply.raw.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      reply.raw.end('Inloggningen gick inte att slutföra.');
    }
  };

  await app.register(async (idp) => {
    idp.get<{ Params: { uid: string } }>(interactionPath, async (request, reply) => {
      let prompt: string;
      try {
        prompt = (await provider.interactionDetails(request.raw, reply.raw)).prompt.name;
      } catch (error) {
        return problem(reply, error);
      }
      if (prompt !== 'login') return problem(reply, new Error(`unexpected prompt ${prompt}`));
      reply.header('cache-control', 'no-store');
      const base = `${DEV_IDP_PREFIX}/interaction/${encodeURIComponent(request.params.uid)}`;
      return sendHtml(reply, <PickUserPage action={base} abortAction={`${base}/abort`} />);
    });

    idp.post<{ Params: { uid: string }; Body: { account?: string } }>(interactionPath, async (request, reply) => {
      const user = findDemoUser(String(request.body?.account ?? ''));
      if (!user) return sendHtml(reply, <ProblemPage message="Välj en av demoanvändarna i listan." />, 400);
      return finish(reply, (req, res) =>
        provider.interactionFinished(req, res, { login: { accountId: user.subject } }, { mergeWithLastSubmission: false }),
      );
    });

    idp.post(`${interactionPath}/abort`, async (_request, reply) =>
      finish(reply, (req, res) =>
        provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'Inloggningen avbröts.' }, { mergeWithLastSubmission: false }),
      ),
    );

    // Everything else is the provider's own protocol endpoints. It reads request bodies itself, so this
    // context has a content-type parser that leaves the body unread.
    await idp.register(async (protocol) => {
      protocol.removeAllContentTypeParsers();
      protocol.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
      const callback = provider.callback();
      protocol.all(`${DEV_IDP_PREFIX}/*`, async (request, reply) => {
        const raw = request.raw as IncomingMessage & { originalUrl?: string };
        raw.originalUrl = raw.url;
        raw.url = (raw.url ?? '/').slice(DEV_IDP_PREFIX.length) || '/';
        reply.hijack();
        await callback(raw, reply.raw);
      });
    });
  });
  return provider;
}
