import Html from '@kitajs/html';
import { Layout } from '../web/layout.tsx';
import { hasPermission, ROLES, type StaffUser } from './policy.ts';

export interface StaffLayoutProps {
  title: string;
  staff: StaffUser;
  /** Links above the heading, from the start page down to the parent of this page. */
  breadcrumbs?: { href: string; text: string }[];
  children?: Html.Children;
}

/** Every staff page: the staff header (name, sign out), the staff menu and breadcrumbs. */
export function StaffLayout({ title, staff, breadcrumbs = [], children }: StaffLayoutProps): JSX.Element {
  const links = [
    { href: '/staff', text: 'Start', show: true },
    { href: '/staff/triage', text: 'Triagekö', show: hasPermission(staff, 'signal.triage') },
    { href: '/staff/arenden', text: 'Ärenden', show: hasPermission(staff, 'case.read') },
    { href: '/staff/effekter', text: 'Effekter av beslut', show: hasPermission(staff, 'effect.read') },
    { href: '/staff/risk', text: 'Riskanalys', show: hasPermission(staff, 'risk.read') },
    { href: '/staff/urval', text: 'Urvalsprojekt', show: hasPermission(staff, 'risk.select') },
    { href: '/staff/synpunkter', text: 'Synpunkter på e-tjänsterna', show: hasPermission(staff, 'signal.triage') },
    { href: '/staff/audit', text: 'Logg', show: hasPermission(staff, 'audit.read') },
    { href: '/staff/admin', text: 'Administration', show: hasPermission(staff, 'admin.access') },
  ].filter((l) => l.show);
  return (
    <Layout title={title} staff={{ name: staff.name, csrfToken: staff.csrfToken }}>
      <nav aria-label="Medarbetarmeny" class="govuk-!-margin-bottom-4">
        <ul class="govuk-list govuk-!-display-inline">
          {links.map((l) => (
            <li class="govuk-!-display-inline govuk-!-margin-right-4">
              <a class="govuk-link" href={l.href}>
                <span safe>{l.text}</span>
              </a>
            </li>
          ))}
        </ul>
        <span class="govuk-body-s govuk-!-margin-left-2" safe>
          {`Inloggad som ${staff.roles.map((r) => ROLES[r]).join(', ')}${staff.departmentName ? `, ${staff.departmentName}` : ''}`}
        </span>
      </nav>
      {breadcrumbs.length > 0 ? (
        <nav class="govuk-breadcrumbs" aria-label="Brödsmulor">
          <ol class="govuk-breadcrumbs__list">
            {breadcrumbs.map((b) => (
              <li class="govuk-breadcrumbs__list-item">
                <a class="govuk-breadcrumbs__link" href={b.href}>
                  <span safe>{b.text}</span>
                </a>
              </li>
            ))}
          </ol>
        </nav>
      ) : (
        ''
      )}
      {children}
    </Layout>
  );
}
