import Html from '@kitajs/html';
import { Layout } from '../../../../platform/web/layout.tsx';
import { SummaryRow } from '../../../../platform/web/components.tsx';
import { HOME_STATUSES, LEGAL_FORMS, PROVIDER_KINDS, UNIT_FORMS } from '../../codes.ts';
import { formatOrgnr, isPersonalIdentityNumber } from '../presenters.ts';
import type { HvbHome } from '../repository.ts';
import { getSwedenMap } from '../sweden-map.ts';
import { agesText, homeTypeLabel, kindOfHomeText, orientationText, statusLabel, StatusTag } from './components.tsx';
import { PROTECTED_ADDRESS_TEXT } from '../../protected-address.ts';
import { formatLongDate } from '../../../../platform/dates.ts';

export function HvbHomePage({ home: { home, currentPermit } }: { home: HvbHome }): JSX.Element {
  const status = currentPermit?.permit.status ?? 'no_own_permit';
  const explanation = HOME_STATUSES[status as keyof typeof HOME_STATUSES]?.explanation;
  return (
    <Layout title={home.name}>
      <a href="/hvb" class="govuk-back-link">
        Tillbaka till HVB-förteckningen
      </a>
      <span class="govuk-caption-l" safe>
        {kindOfHomeText(home.form, home.home_type)}
      </span>
      <h1 class="govuk-heading-xl" safe>
        {home.name}
      </h1>

      <h2 class="govuk-heading-m">Status</h2>
      <p class="govuk-body">
        <StatusTag status={status} />
      </p>
      <p class="govuk-body">{explanation ?? ''}</p>
      {currentPermit ? (
        <>
          <p class="govuk-body" safe>
            {`Gäller sedan ${formatLongDate(currentPermit.permit.status_from)}.`}
          </p>
          <table class="govuk-table">
            <caption class="govuk-table__caption govuk-table__caption--s">Tillståndets historik</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">
                  Från och med
                </th>
                <th scope="col" class="govuk-table__header">
                  Status
                </th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {currentPermit.history.map((entry) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell" safe>
                    {formatLongDate(entry.valid_from)}
                  </td>
                  <td class="govuk-table__cell" safe>
                    {statusLabel(entry.status)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        ''
      )}

      <h2 class="govuk-heading-m">Om hemmet</h2>
      <dl class="govuk-summary-list">
        <SummaryRow name="Typ av boende" value={UNIT_FORMS[home.form as keyof typeof UNIT_FORMS] ?? home.form} />
        <SummaryRow name="Typ av hem" value={homeTypeLabel(home.home_type) ?? 'Uppgift saknas'} />
        <SummaryRow name="Inriktning" value={orientationText(home.orientation)} />
        <SummaryRow name="Åldrar som hemmet får ta emot" value={agesText(home.age_min, home.age_max)} />
        <SummaryRow name="Antal platser" value={String(home.capacity ?? Math.round(home.size))} />
        {currentPermit ? (
          <>
            <SummaryRow name="Tillstånd för" value={LEGAL_FORMS[currentPermit.permit.legal_form as keyof typeof LEGAL_FORMS]?.label ?? currentPermit.permit.legal_form} />
            <SummaryRow name="Tillståndet gavs" value={formatLongDate(currentPermit.permit.granted_on)} />
          </>
        ) : (
          ''
        )}
        {home.opened ? <SummaryRow name="Startade" value={formatLongDate(home.opened)} /> : ''}
        {home.closed ? <SummaryRow name="Upphörde" value={formatLongDate(home.closed)} /> : ''}
      </dl>

      <h2 class="govuk-heading-m">Kontakt</h2>
      <dl class="govuk-summary-list">
        <SummaryRow name="Adress" value={home.address_protected ? PROTECTED_ADDRESS_TEXT : (addressText(home) ?? 'Uppgift saknas')} />
        <SummaryRow name="Telefon">
          {home.address_protected ? (
            'Visas inte för skyddade boenden'
          ) : home.phone ? (
            <a class="govuk-link" href={`tel:${home.phone.replace(/[^0-9+]/g, '')}`} safe>
              {home.phone}
            </a>
          ) : (
            'Uppgift saknas'
          )}
        </SummaryRow>
        <SummaryRow name="E-post">
          {home.email && /^[^\s@<>"]+@[^\s@<>"]+$/.test(home.email) ? (
            <a class="govuk-link" href={`mailto:${home.email}`} safe>
              {home.email}
            </a>
          ) : (
            <span safe>{home.email ?? 'Uppgift saknas'}</span>
          )}
        </SummaryRow>
        <SummaryRow name="Webbplats">
          <WebsiteLink website={home.website} />
        </SummaryRow>
      </dl>

      <h2 class="govuk-heading-m">Var hemmet finns</h2>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <dl class="govuk-summary-list">
            <SummaryRow name="Kommun" value={home.kommun_name} />
            <SummaryRow name="Län" value={home.lan_name} />
            <SummaryRow name="Koordinater" value={home.address_protected ? 'Visas inte för skyddade boenden' : (coordinatesText(home.lat, home.lon) ?? 'Uppgift saknas')} />
          </dl>
        </div>
        <div class="govuk-grid-column-one-third">
          <LocationMap lat={home.lat} lon={home.lon} lan={home.lan} description={`Karta över Sveriges län. Hemmet ligger i ${home.kommun_name}, ${home.lan_name}.`} />
        </div>
      </div>

      <h2 class="govuk-heading-m">Huvudman</h2>
      <p class="govuk-body">Huvudmannen är den som driver hemmet och har ansvaret för det.</p>
      <dl class="govuk-summary-list">
        <SummaryRow name="Namn" value={home.provider_name} />
        <SummaryRow name="Organisationsnummer" value={orgnrText(home.provider_orgnr)} />
        <SummaryRow name="Typ av huvudman" value={PROVIDER_KINDS[home.provider_kind as keyof typeof PROVIDER_KINDS] ?? home.provider_kind} />
      </dl>
    </Layout>
  );
}

export function HvbHomeNotFoundPage(): JSX.Element {
  return (
    <Layout title="Hemmet finns inte">
      <h1 class="govuk-heading-l">Hemmet finns inte</h1>
      <p class="govuk-body">Det finns inget HVB eller stödboende på den här adressen. Det kan ha fått en ny adress, eller så är länken fel.</p>
      <p class="govuk-body">
        <a class="govuk-link" href="/hvb">
          Sök i HVB-förteckningen
        </a>
      </p>
    </Layout>
  );
}

function WebsiteLink({ website }: { website: string | null }): JSX.Element {
  if (!website) return <>Uppgift saknas</>;
  const href = /^https?:\/\//i.test(website) ? website : /^[a-z0-9.-]+\.[a-z]{2,}(\/\S*)?$/i.test(website) ? `https://${website}` : undefined;
  if (!href) return <span safe>{website}</span>;
  return (
    <a class="govuk-link" href={href} rel="noopener noreferrer" safe>
      {website}
    </a>
  );
}

function addressText(home: HvbHome['home']): string | undefined {
  const postalCode = home.postal_code ? `${home.postal_code.slice(0, 3)} ${home.postal_code.slice(3)}` : '';
  const town = [postalCode, home.city ?? ''].filter(Boolean).join(' ');
  const parts = [home.street ?? '', town].filter(Boolean);
  return parts.length ? parts.join(', ') : undefined;
}

const coordinate = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 4, maximumFractionDigits: 4 });

function coordinatesText(lat: number | null, lon: number | null): string | undefined {
  if (lat === null || lon === null) return undefined;
  return `${coordinate.format(lat)}° N, ${coordinate.format(lon)}° O`;
}

function orgnrText(orgnr: string | null): string {
  if (!orgnr) return 'Uppgift saknas';
  // A sole trader's number is the owner's personnummer: not shown on a public page.
  if (isPersonalIdentityNumber(orgnr)) return 'Visas inte (enskild näringsidkare)';
  return formatOrgnr(orgnr);
}

function LocationMap({ lat, lon, lan, description }: { lat: number | null; lon: number | null; lan: string; description: string }): JSX.Element {
  const map = getSwedenMap();
  const point = lat !== null && lon !== null ? map.project(lat, lon) : undefined;
  return (
    <svg
      class="vaka-map"
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${map.width} ${map.height}`}
      width={String(map.width)}
      height={String(map.height)}
      role="img"
      aria-labelledby="karta-titel"
    >
      <title id="karta-titel" safe>
        {description}
      </title>
      {map.lanPaths.map((path) => (
        <path d={path.d} fill={path.lan === lan ? '#bfd7ee' : '#f3f2f1'} stroke="#505a5f" stroke-width="0.5" stroke-linejoin="round" />
      ))}
      {point ? <circle cx={String(point.x)} cy={String(point.y)} r="5" fill="#d4351c" stroke="#ffffff" stroke-width="1.5" /> : ''}
    </svg>
  );
}
