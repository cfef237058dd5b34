// The two anonymous channels share one flow and one code; what differs is said here: where they live, the
// channel their signals get, and the words — plain Swedish for adults, simpler still for children.

export type AnonymousService = 'tipsa' | 'ung';
export type FeedbackService = AnonymousService | 'klagomal';
export const FEEDBACK_SERVICES: readonly FeedbackService[] = ['tipsa', 'ung', 'klagomal'];
export const FEEDBACK_SERVICE_NAMES: Record<FeedbackService, string> = {
  tipsa: 'Tipsa om brister',
  ung: 'Barn och unga berättar',
  klagomal: 'Klagomål på vården',
};

/** The parts of the form's error messages a channel says in its own words. */
export interface ErrorWords {
  /** The name of the text field and of the unit's name in a message about their length. */
  whatName: string;
  unitName: string;
  /** A date that is not a date, or has only some of its parts (by default a message naming what is wrong). */
  badDate?: string;
  /** Contact chosen, but neither e-mail nor phone given. */
  contactMissing: string;
  /** The form was sent too soon after it was shown, or after it had been open too long, or could not be read. */
  tooFast: string;
  expired: string;
  unreadable: string;
}

export interface AnonymousChannel {
  service: AnonymousService;
  channel: 'tip' | 'child_line';
  base: '/tipsa' | '/ung';
  /** Must the sender say which unit it is about (picked or described)? Children need not know. */
  unitRequired: boolean;
  texts: {
    serviceName: string;
    startHeading: string;
    startLead: string;
    startPoints: string[];
    startButton: string;
    searchHeading: string;
    searchHint: string;
    notFoundLink: string;
    skipUnitLink?: string;
    formHeading: string;
    unitHeading: string;
    /** Words for the unit's name field and the link back to the search, when the channel speaks differently. */
    unitWords?: { unitName: string; searchInstead: string };
    describeHint: string;
    whatLabel: string;
    whatHint: string;
    whatRequired: string;
    whenLabel: string;
    whenHint: string;
    contactLegend: string;
    contactHint: string;
    attachmentsLabel: string;
    attachmentsHint: string;
    submitButton: string;
    receiptHeading: string;
    receiptLead: string;
    receiptSaveCode: string;
    nextHeading: string;
    nextText: string[];
    /** In place of the receipt's sentences that say we do not know who sent it, when contact details were given. */
    identified: { receiptSaveCode: string; nextText: string[] };
    followUpHeading: string;
    followUpLead: string;
    messagesEmpty: string;
    answerLabel: string;
    answerHint: string;
    /** Error messages in the channel's words, where they differ from the adult channel's (forms.ts). */
    errors?: ErrorWords;
  };
  /** Shown on every page of the channel: where to turn when it cannot wait. */
  emergency: string[];
}

export const TIP_CHANNEL: AnonymousChannel = {
  service: 'tipsa',
  channel: 'tip',
  base: '/tipsa',
  unitRequired: true,
  texts: {
    serviceName: 'Tipsa om brister i vård och omsorg',
    startHeading: 'Tipsa om brister i vård och omsorg',
    startLead: 'Har du sett risker eller brister i en verksamhet inom vård eller omsorg? Berätta för oss. Alla tips blir underlag när vi väljer vad vi ska granska.',
    startPoints: [
      'Du kan vara anonym. Vi sparar inte vem du är, din IP-adress eller vilken webbläsare du använder.',
      'Du får en kod när du har skickat tipset. Med koden kan du läsa frågor från oss och svara, utan att säga vem du är.',
      'Du får inte veta vad ditt tips leder till. Det beror på att vi inte vet vem du är.',
      'Det tar ungefär 5–10 minuter.',
    ],
    startButton: 'Börja tipsa',
    searchHeading: 'Vilken verksamhet gäller det?',
    searchHint: 'Sök på namnet, en del av namnet eller adressen. Du kan också välja kommun.',
    notFoundLink: 'Jag hittar inte verksamheten',
    formHeading: 'Berätta vad som har hänt',
    unitHeading: 'Verksamheten',
    describeHint: 'Beskriv verksamheten så gott du kan, så tar vi reda på vilken det är.',
    whatLabel: 'Vad har hänt?',
    whatHint: 'Beskriv vad du har sett eller hört och vilka risker eller brister det gäller. Skriv inte namn på patienter eller brukare om det inte behövs.',
    whatRequired: 'Skriv vad som har hänt',
    whenLabel: 'När hände det?',
    whenHint: 'Om du vet. Till exempel 27 3 2026.',
    contactLegend: 'Vill du lämna kontaktuppgifter?',
    contactHint: 'Du behöver inte. Om du lämnar dem kan vi kontakta dig om vi har frågor. Då är du inte längre anonym för oss.',
    attachmentsLabel: 'Bilagor (om du vill)',
    attachmentsHint: 'Bilder (JPEG eller PNG) eller PDF-filer, högst 3 filer och 5 MB per fil. Vi tar bort platsuppgifter och annan dold information ur bilder. En PDF kan innehålla ditt namn i dokumentets egenskaper: kontrollera det innan du skickar.',
    submitButton: 'Skicka tipset',
    receiptHeading: 'Tack för ditt tips',
    receiptLead: 'Vi har tagit emot tipset.',
    receiptSaveCode: 'Spara koden nu. Skriv upp den, ta en skärmbild eller kopiera den till en säker plats. Vi visar den inte igen, och eftersom vi inte vet vem du är kan vi inte skicka den till dig.',
    nextHeading: 'Vad händer nu?',
    nextText: [
      'Vi läser alla tips. Ett tips kan leda till att vi granskar verksamheten nu eller senare.',
      'Du får inget besked om vad ditt tips leder till.',
      'Om vi behöver veta mer skriver vi en fråga till dig. Gå in på sidan för uppföljning med din kod om några dagar för att se om vi har skrivit.',
    ],
    identified: {
      receiptSaveCode: 'Spara koden nu. Skriv upp den, ta en skärmbild eller kopiera den till en säker plats. Vi visar den inte igen.',
      nextText: [
        'Vi läser alla tips. Ett tips kan leda till att vi granskar verksamheten nu eller senare.',
        'Du får inget besked om vad ditt tips leder till.',
        'Du har lämnat kontaktuppgifter, så vi kan höra av oss till dig om vi behöver veta mer. Du kan också gå in på sidan för uppföljning med din kod och se om vi har skrivit.',
      ],
    },
    followUpHeading: 'Följ upp ditt tips',
    followUpLead: 'Skriv koden du fick när du skickade tipset. Då ser du frågor från oss och kan svara eller lägga till information.',
    messagesEmpty: 'Vi har inte skrivit några frågor till dig än.',
    answerLabel: 'Svara eller lägg till information',
    answerHint: 'Skriv inte ditt namn om du vill vara anonym.',
  },
  emergency: ['Om någon är i fara just nu: ring 112.'],
};

export const CHILD_CHANNEL: AnonymousChannel = {
  service: 'ung',
  channel: 'child_line',
  base: '/ung',
  unitRequired: false,
  texts: {
    serviceName: 'Barn och unga berättar',
    startHeading: 'Berätta vad som har hänt',
    startLead: 'Är du under 21 år? Har något hänt dig eller någon annan på ett boende, ett HVB-hem, i skolans hälsovård, hos vården eller där du får stöd? Här kan du berätta för oss.',
    startPoints: [
      'Du behöver inte säga vem du är.',
      'Vi sparar inte vilken dator eller mobil du använder.',
      'När du har skickat får du en kod. Med koden kan du läsa om vi har frågor till dig och svara.',
      'Vi är en myndighet som kontrollerar att vård och boenden är bra och säkra för barn och unga.',
      'Vi läser det du skriver. Det kan leda till att vi kontrollerar stället. Vi berättar inte för stället vem som har skrivit.',
    ],
    startButton: 'Börja berätta',
    searchHeading: 'Var hände det?',
    searchHint: 'Skriv namnet på boendet eller stället, eller en del av namnet. Du kan också välja kommun.',
    notFoundLink: 'Jag hittar inte stället',
    skipUnitLink: 'Jag vet inte eller vill inte säga',
    formHeading: 'Berätta vad som har hänt',
    unitHeading: 'Stället',
    unitWords: { unitName: 'Vad heter stället?', searchInstead: 'Sök efter stället' },
    describeHint: 'Om du vet var det hände kan du skriva det här. Du får hoppa över det.',
    whatLabel: 'Vad har hänt?',
    whatHint: 'Skriv med dina egna ord. Det gör inget om det blir fel eller om du inte vet allt.',
    whatRequired: 'Skriv vad som har hänt',
    whenLabel: 'När hände det?',
    whenHint: 'Om du vet. Du kan hoppa över det här.',
    contactLegend: 'Vill du att vi ska kunna kontakta dig?',
    contactHint: 'Du behöver inte. Om du skriver hur vi når dig vet vi vem du är.',
    attachmentsLabel: 'Bilder eller filer (om du vill)',
    attachmentsHint: 'Bilder (JPEG eller PNG) eller PDF, högst 3 filer och 5 MB per fil. Vi tar bort dolda uppgifter om var bilden är tagen.',
    submitButton: 'Skicka',
    receiptHeading: 'Tack för att du berättade',
    receiptLead: 'Vi har fått det du skrev.',
    receiptSaveCode: 'Spara koden. Skriv upp den eller ta en skärmbild. Vi kan inte visa den igen.',
    nextHeading: 'Vad händer nu?',
    nextText: [
      'Vi läser det du har skrivit. Det kan leda till att vi kontrollerar stället.',
      'Om vi vill fråga dig något skriver vi det här. Gå in med din kod om några dagar och titta.',
      'Vi berättar inte vad som händer sedan, eftersom vi inte vet vem du är.',
    ],
    identified: {
      receiptSaveCode: 'Spara koden. Skriv upp den eller ta en skärmbild. Vi kan inte visa den igen.',
      nextText: [
        'Vi läser det du har skrivit. Det kan leda till att vi kontrollerar stället.',
        'Du har skrivit hur vi når dig. Om vi vill fråga dig något hör vi av oss, eller skriver det här. Gå in med din kod om några dagar och titta.',
      ],
    },
    followUpHeading: 'Läs svar och frågor',
    followUpLead: 'Skriv koden du fick när du skickade. Då ser du om vi har frågor till dig, och du kan svara.',
    messagesEmpty: 'Vi har inte skrivit något till dig än.',
    answerLabel: 'Skriv till oss',
    answerHint: 'Du behöver inte skriva ditt namn.',
    errors: {
      whatName: 'Det du har skrivit',
      unitName: 'Namnet på stället',
      badDate: 'Datumet blev fel. Skriv dag, månad och år med siffror, till exempel 27 3 2026. Du kan också lämna rutorna tomma.',
      contactMissing: 'Skriv hur vi kan nå dig: en e-postadress eller ett telefonnummer. Du kan också välja ”Nej” om du inte vill det.',
      tooFast: 'Det gick lite för snabbt. Titta på det du har skrivit och tryck på ”Skicka” igen.',
      expired: 'Sidan har varit öppen länge. Titta på det du har skrivit och tryck på ”Skicka” igen.',
      unreadable: 'Något gick fel när du skickade. Tryck på ”Skicka” igen.',
    },
  },
  emergency: [
    'Om du eller någon annan är i fara just nu: ring 112.',
    'Vill du prata med någon? Du kan ringa eller chatta med BRIS på 116 111. Det är gratis och du behöver inte säga vem du är. Du kan också prata med en vuxen du litar på, till exempel skolkuratorn.',
  ],
};

export const ANONYMOUS_CHANNELS = [TIP_CHANNEL, CHILD_CHANNEL] as const;
