import Html from '@kitajs/html';
import { Layout } from '../../../../platform/web/layout.tsx';
import type { Representative } from '../representative.ts';

export interface ProviderLayoutProps {
  title: string;
  representative: Representative;
  /** Links above the heading, from the start page down to the parent of this page. */
  breadcrumbs?: { href: string; text: string }[];
  /** The start page itself has no breadcrumbs. */
  home?: boolean;
  children?: Html.Children;
}

/** Every page of a provider representative: the signed-in header (name, sign out) and breadcrumbs. */
export function ProviderLayout({ title, representative, breadcrumbs = [], home = false, children }: ProviderLayoutProps): JSX.Element {
  return (
    <Layout title={title} staff={{ name: representative.name, csrfToken: representative.csrfToken }}>
      {home ? (
        ''
      ) : (
        <nav class="govuk-breadcrumbs" aria-label="Brödsmulor">
          <ol class="govuk-breadcrumbs__list">
            <li class="govuk-breadcrumbs__list-item">
              <a class="govuk-breadcrumbs__link" href="/provider">
                Anmälningar och rapporter
              </a>
            </li>
            {breadcrumbs.map((b) => (
              <li class="govuk-breadcrumbs__list-item">
                <a class="govuk-breadcrumbs__link" href={b.href}>
                  <span safe>{b.text}</span>
                </a>
              </li>
            ))}
          </ol>
        </nav>
      )}
      {children}
    </Layout>
  );
}
