import Html from '@kitajs/html';
import type { FastifyReply } from 'fastify';

export interface LayoutProps {
  title: string;
  /** Staff pages get the staff header with the signed-in person's name and a sign-out button. */
  staff?: { name: string; csrfToken: string } | undefined;
  children?: Html.Children;
}

const SERVICE_NAME = 'Vaka';

export function Layout({ title, staff, children }: LayoutProps): JSX.Element {
  return (
    <>
      {'<!doctype html>'}
      <html lang="sv" class="govuk-template">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title safe>{`${title} – ${SERVICE_NAME}`}</title>
          <link rel="stylesheet" href="/assets/govuk/govuk-frontend.min.css" />
          <link rel="stylesheet" href="/assets/vaka/vaka.css" />
          <link rel="icon" href="/assets/vaka/favicon.svg" type="image/svg+xml" />
        </head>
        <body class="govuk-template__body">
          <a href="#huvudinnehall" class="govuk-skip-link">
            Hoppa till huvudinnehållet
          </a>
          <header class="vaka-header" role="banner">
            <div class="govuk-width-container vaka-header__inner">
              <a href={staff ? '/staff' : '/'} class="vaka-header__logo">
                Vaka <span class="vaka-header__tagline">Tillsyn av vård och omsorg</span>
              </a>
              {staff ? (
                <nav class="vaka-header__nav" aria-label="Personalmeny">
                  <span class="vaka-header__user" safe>
                    {staff.name}
                  </span>
                  <form method="post" action="/auth/logout" class="vaka-header__logout">
                    <input type="hidden" name="_csrf" value={staff.csrfToken} />
                    <button type="submit" class="vaka-link-button">
                      Logga ut
                    </button>
                  </form>
                </nav>
              ) : (
                <nav class="vaka-header__nav" aria-label="Huvudmeny">
                  <a href="/hvb">HVB-förteckningen</a>
                  <a href="/staff">För medarbetare</a>
                </nav>
              )}
            </div>
          </header>
          <div class="govuk-width-container">
            <main class="govuk-main-wrapper" id="huvudinnehall" role="main">
              {children}
            </main>
          </div>
          <footer class="govuk-footer" role="contentinfo">
            <div class="govuk-width-container">
              <p class="govuk-body-s">
                Vaka är öppen källkod för tillsyn av hälso- och sjukvård och socialtjänst. <a class="govuk-footer__link" href="/oppna-data">Öppna data och API</a>
              </p>
            </div>
          </footer>
          <script type="module" src="/assets/vaka/govuk-init.js"></script>
        </body>
      </html>
    </>
  );
}

export function sendHtml(reply: FastifyReply, html: string | Promise<string>, status = 200) {
  return reply.status(status).type('text/html; charset=utf-8').send(html);
}
