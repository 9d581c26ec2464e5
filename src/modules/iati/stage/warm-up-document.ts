import type { RateRow } from "./rate-table.ts";

/** Activities in the warm-up document: enough for V8 to compile every path it takes. */
const ACTIVITIES = 600;
const CURRENCIES = ["USD", "EUR", "GTQ", "HNL"] as const;

/**
 * A generated IATI 2.03 activity file (about 1.5 MB) that takes every common path of staging:
 * narratives in two languages and without one, all thirteen transaction types, budgets,
 * sectors and places with percentages, currencies with and without a rate, values with extra
 * decimals, and a few activities that break a rule. Staging it once in a worker thread leaves
 * that thread's code compiled for the files that follow (stage-in-worker.ts).
 */
export function warmUpDocument(): { xml: string; rates: RateRow[] } {
  const parts = [
    `<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03" generated-datetime="2011-06-23T00:00:00Z">\n`,
  ];
  for (let i = 0; i < ACTIVITIES; i++) parts.push(activity(i));
  parts.push("</iati-activities>\n");
  const rates: RateRow[] = [];
  for (const [currency, base] of [
    ["EUR", 1.1],
    ["GTQ", 0.13],
  ] as const)
    for (let month = 0; month < 24; month++)
      rates.push({
        currency,
        rate_date: date(month, 1),
        usd_per_unit: (base + month / 1000).toFixed(6),
      });
  return { xml: parts.join(""), rates };
}

const date = (month: number, day: number) =>
  `${2011 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, "0")}-${String(day).padStart(2, "0")}`;

function activity(i: number): string {
  const id = `XM-WARM-UP-${i}`;
  const lang = i % 7 === 0 ? "" : ' xml:lang="es"';
  const currency = CURRENCIES[i % CURRENCIES.length];
  const month = i % 24;
  const transactions: string[] = [];
  for (let t = 0; t < 9; t++) {
    const type = ((i + t) % 13) + 1;
    const own = t % 3 === 0 ? ` currency="${CURRENCIES[(i + t) % CURRENCIES.length]}"` : "";
    transactions.push(
      ` <transaction ref="${id}-T${t}"><transaction-type code="${type}"/><transaction-date iso-date="${date(month, 1 + t)}"/><value${own} value-date="${date(month, 1 + t)}">${(1000 + i * 37 + t * 11).toFixed(t % 4 === 0 ? 3 : 2)}</value><description><narrative>Tramo ${t + 1} &amp; seguimiento</narrative><narrative xml:lang="en">Tranche ${t + 1}</narrative></description><provider-org ref="XM-WARM-UP"/><receiver-org ref="XM-WARM-UP-R${i % 5}"/></transaction>\n`,
    );
  }
  return ` <iati-activity${lang} default-currency="${currency}" last-updated-datetime="2011-06-23T00:00:00Z">
 <iati-identifier>${id}</iati-identifier>
 <reporting-org ref="XM-WARM-UP" type="10"><narrative>Calentamiento</narrative></reporting-org>
 <title><narrative>Prevención de la violencia ${i}</narrative><narrative xml:lang="en">Violence prevention ${i}</narrative></title>
 <description type="1"><narrative>Apoyo a la estrategia, fase ${i % 3}.</narrative></description>
 <participating-org ref="XM-WARM-UP" role="1" type="10"><narrative>Socio</narrative></participating-org>
 <participating-org role="4" type="${i % 2 ? 10 : 80}"/>
 <activity-status code="${(i % 4) + 1}"/>
 <activity-date iso-date="${date(month, 2)}" type="1"/>
 <activity-date iso-date="${date(month, 3)}" type="2"/>
 <activity-date iso-date="${date(month + 12, 2)}" type="3"/>
 <recipient-country code="GT" percentage="${i % 5 === 0 ? 60 : 100}"/>
 <sector vocabulary="1" code="15210" percentage="70"/>
 <sector vocabulary="1" code="15130" percentage="${i % 9 === 0 ? 20 : 30}"/>
 <budget type="1" status="1"><period-start iso-date="${date(month, 1)}"/><period-end iso-date="${date(month + 11, 28)}"/><value value-date="${date(month, 1)}">${(50_000 + i).toFixed(2)}</value></budget>
${transactions.join("")} <related-activity ref="ESCA-WARM-UP-${i % 10}" type="1"/>
 </iati-activity>
`;
}
