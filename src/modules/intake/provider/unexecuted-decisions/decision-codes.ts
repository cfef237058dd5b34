// Code lists for reports of unexecuted decisions. A CSV file may use the code or the label.

export const LAWS = { SoL: 'Socialtjänstlagen (SoL)', LSS: 'Lagen om stöd och service till vissa funktionshindrade (LSS)' } as const;
export type Law = keyof typeof LAWS;

/** Kinds of help (insatser) a favourable decision can grant, by the law it is granted under. */
export const KINDS_OF_HELP = {
  // SoL (bistånd)
  sarskilt_boende: { law: 'SoL', label: 'Särskilt boende för äldre' },
  hemtjanst: { law: 'SoL', label: 'Hemtjänst' },
  korttidsboende: { law: 'SoL', label: 'Korttidsboende' },
  dagverksamhet: { law: 'SoL', label: 'Dagverksamhet' },
  boendestod: { law: 'SoL', label: 'Boendestöd' },
  boende_funktionsnedsattning: { law: 'SoL', label: 'Boende för personer med funktionsnedsättning' },
  kontaktperson_sol: { law: 'SoL', label: 'Kontaktperson eller kontaktfamilj (SoL)' },
  familjehem: { law: 'SoL', label: 'Vård i familjehem' },
  hvb: { law: 'SoL', label: 'Vård i hem för vård eller boende (HVB)' },
  stodboende: { law: 'SoL', label: 'Stödboende' },
  annat_sol: { law: 'SoL', label: 'Annat bistånd enligt SoL' },
  // LSS (9 § insatser)
  personlig_assistans: { law: 'LSS', label: 'Personlig assistans' },
  ledsagarservice: { law: 'LSS', label: 'Ledsagarservice' },
  kontaktperson: { law: 'LSS', label: 'Biträde av kontaktperson' },
  avlosarservice: { law: 'LSS', label: 'Avlösarservice i hemmet' },
  korttidsvistelse: { law: 'LSS', label: 'Korttidsvistelse utanför det egna hemmet' },
  korttidstillsyn: { law: 'LSS', label: 'Korttidstillsyn för skolungdom över 12 år' },
  bostad_barn: { law: 'LSS', label: 'Familjehem eller bostad med särskild service för barn eller ungdomar' },
  bostad_vuxna: { law: 'LSS', label: 'Bostad med särskild service för vuxna' },
  daglig_verksamhet: { law: 'LSS', label: 'Daglig verksamhet' },
} as const satisfies Record<string, { law: Law; label: string }>;
export type KindOfHelp = keyof typeof KINDS_OF_HELP;

/** Why the decision has not been executed. */
export const DELAY_REASONS = {
  resursbrist: 'Brist på lämplig plats eller resurs',
  personalbrist: 'Brist på personal',
  tackat_nej: 'Den enskilde har tackat nej till erbjudande',
  avvaktar: 'Den enskilde har valt att vänta',
  annat: 'Annan orsak',
} as const;
export type DelayReason = keyof typeof DELAY_REASONS;

/** For matching what someone wrote: lower case, no accents, spaces and punctuation ignored. */
export function normaliseCode(value: string): string {
  return value
    .toLocaleLowerCase('sv')
    .replace(/[åä]/g, 'a')
    .replace(/ö/g, 'o')
    .replace(/é/g, 'e')
    .replace(/[^a-z0-9]/g, '');
}

function finder<K extends string>(table: Record<K, string>): (value: string) => K | undefined {
  const index = new Map<string, K>();
  for (const [code, label] of Object.entries(table) as [K, string][]) {
    index.set(normaliseCode(code), code);
    index.set(normaliseCode(label), code);
  }
  return (value) => index.get(normaliseCode(value));
}

export const findLaw = finder<Law>({ SoL: 'SoL', LSS: 'LSS' });
export const findKindOfHelp = finder<KindOfHelp>(
  Object.fromEntries(Object.entries(KINDS_OF_HELP).map(([code, k]) => [code, k.label])) as Record<KindOfHelp, string>,
);
export const findDelayReason = finder<DelayReason>(DELAY_REASONS);
