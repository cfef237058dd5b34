import Html from '@kitajs/html';
import { Layout } from '../../platform/web/layout.tsx';

/** The public front page: what the service is and where to go, in plain Swedish. */
export function StartPage() {
  return (
    <Layout title="Startsida">
      <h1 class="govuk-heading-xl">Tillsyn av vård och omsorg</h1>
      <p class="govuk-body-l">
        Här finns uppgifter om verksamheter inom hälso- och sjukvård, socialtjänst och stöd till personer med funktionsnedsättning som står under tillsyn.
      </p>
      <h2 class="govuk-heading-l">Berätta för oss</h2>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-third">
          <h3 class="govuk-heading-m">
            <a class="govuk-link" href="/tipsa">
              Tipsa om missförhållanden
            </a>
          </h3>
          <p class="govuk-body">Berätta om risker eller brister i en verksamhet. Du kan vara anonym.</p>
        </div>
        <div class="govuk-grid-column-one-third">
          <h3 class="govuk-heading-m">
            <a class="govuk-link" href="/ung">
              För dig som är under 21
            </a>
          </h3>
          <p class="govuk-body">Berätta om något som har hänt dig eller någon du känner. Du behöver inte säga vem du är.</p>
        </div>
        <div class="govuk-grid-column-one-third">
          <h3 class="govuk-heading-m">
            <a class="govuk-link" href="/klagomal">
              Klaga på vården
            </a>
          </h3>
          <p class="govuk-body">Gör ett klagomål om en allvarlig händelse i vården som drabbat dig eller en närstående.</p>
        </div>
      </div>
      <h2 class="govuk-heading-l">Hitta uppgifter</h2>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-half">
          <h3 class="govuk-heading-m">
            <a class="govuk-link" href="/hvb">
              HVB-förteckningen
            </a>
          </h3>
          <p class="govuk-body">
            Sök bland hem för vård eller boende (HVB) och stödboenden för barn och unga. Se vilka åldrar hemmen tar emot, vad de arbetar med och om de får ta emot placeringar.
          </p>
        </div>
        <div class="govuk-grid-column-one-half">
          <h3 class="govuk-heading-m">
            <a class="govuk-link" href="/oppna-data">
              Öppna data
            </a>
          </h3>
          <p class="govuk-body">Registret över verksamheter och vårdgivare finns också som öppna data för andra system.</p>
        </div>
      </div>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-half">
          <h3 class="govuk-heading-m">
            <a class="govuk-link" href="/beslut">
              Beslut efter tillsyn
            </a>
          </h3>
          <p class="govuk-body">Läs vilka brister IVO har funnit i verksamheter och vad IVO har beslutat: kritik, krav på åtgärder, förelägganden och förbud.</p>
        </div>
        <div class="govuk-grid-column-one-half">
          <h3 class="govuk-heading-m">
            <a class="govuk-link" href="/diarium">
              Diariet
            </a>
          </h3>
          <p class="govuk-body">Sök bland IVO:s ärenden och handlingar. Uppgifter som omfattas av sekretess visas inte.</p>
        </div>
      </div>
      <h2 class="govuk-heading-m">Logga in</h2>
      <ul class="govuk-list">
        <li>
          <a class="govuk-link" href="/provider">
            För vårdgivare och huvudmän
          </a>{' '}
          – lex Maria, lex Sarah och ej verkställda beslut
        </li>
        <li>
          <a class="govuk-link" href="/staff">
            För medarbetare
          </a>
        </li>
      </ul>
    </Layout>
  );
}
