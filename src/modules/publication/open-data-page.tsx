import Html from '@kitajs/html';
import { Layout } from '../../platform/web/layout.tsx';

const ENDPOINTS: { path: string; example: string; what: string }[] = [
  { path: '/api/v1/register/hvb', example: '/api/v1/register/hvb?kommun=0180', what: 'HVB och stödboenden för barn och unga, med åldrar, inriktning, platser och tillstånd. Filtrera på kommun, län, typ av hem och ålder.' },
  { path: '/api/v1/register/units', example: '/api/v1/register/units?kommun=0180&form=sabo', what: 'Alla verksamheter under tillsyn, av alla verksamhetsformer. Filtrera på kommun, verksamhetsform och vårdgivare.' },
  { path: '/api/v1/register/units/{id}', example: '', what: 'En verksamhet med dess tillstånd och deras historik.' },
  { path: '/api/v1/register/providers', example: '/api/v1/register/providers', what: 'Vårdgivare och huvudmän. Sök på organisationsnummer.' },
  { path: '/api/v1/register/changes', example: '/api/v1/register/changes?since=0&limit=100', what: 'Det som har ändrats i registret, i ordning. Fråga igen med det senaste numret du fick för att hämta nya ändringar.' },
];

/** Open data in plain Swedish: what there is, how to get it, and what is left out. The technical reference is Swagger UI. */
export function OpenDataPage(): JSX.Element {
  return (
    <Layout title="Öppna data">
      <h1 class="govuk-heading-xl">Öppna data</h1>
      <p class="govuk-body-l">Registret över verksamheter, vårdgivare och tillstånd finns som öppna data. Alla får hämta och använda uppgifterna, utan inloggning.</p>
      <h2 class="govuk-heading-m">Vad du kan hämta</h2>
      <p class="govuk-body">Svaren är i formatet JSON. Listor kommer sida för sida, med högst 100 poster per sida.</p>
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-table__caption--s">Adresser för öppna data</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">
              Adress
            </th>
            <th scope="col" class="govuk-table__header">
              Innehåll
            </th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {ENDPOINTS.map((e) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">
                {e.example ? (
                  <a class="govuk-link" href={e.example}>
                    <code safe>{e.path}</code>
                  </a>
                ) : (
                  <code safe>{e.path}</code>
                )}
              </td>
              <td class="govuk-table__cell" safe>
                {e.what}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 class="govuk-heading-m">Det som inte finns med</h2>
      <ul class="govuk-list govuk-list--bullet">
        <li>Personnummer. En enskild firmas organisationsnummer är ägarens personnummer och visas inte.</li>
        <li>Var skyddade boenden ligger. För dem visas bara kommun och län, inte adress, koordinater eller telefon.</li>
        <li>Uppgifter om enskilda personer i ärenden och signaler.</li>
      </ul>
      <h2 class="govuk-heading-m">Teknisk beskrivning</h2>
      <p class="govuk-body">
        Den fullständiga beskrivningen av alla fält och filter finns som ett{' '}
        <a class="govuk-link" href="/api/openapi.json">
          OpenAPI-dokument
        </a>{' '}
        och som{' '}
        <a class="govuk-link" href="/api/docs" hreflang="en">
          teknisk dokumentation för utvecklare (på engelska)
        </a>
        .
      </p>
    </Layout>
  );
}
