import { describe, expect, it } from "vitest";
import { en } from "../../i18n/en.ts";
import { es } from "../../i18n/es.ts";
import { createFormatters } from "../../i18n/format.ts";
import { interpolate, type Language, type Translate } from "../../i18n/i18n.tsx";
import { actionLabel, fieldChanges, type Words, whoText } from "./audit-words.ts";

function words(lang: Language): Words {
  const messages: Record<string, string> = lang === "es" ? es : en;
  const t: Translate = (key, vars) => interpolate(messages[key] ?? key, vars);
  return { t, fmt: createFormatters(lang), pick: (names) => (names ? names[lang] : "") };
}

const component = "5584715b-6f0f-4dc3-ba0a-fcf5ff8d8c3f";
const refs = {
  [component]: { code: "A", name: { es: "Combate al delito", en: "Combating crime" } },
};
const budgetChange = {
  action: "update",
  entity_type: "initiatives",
  before: {
    budget_amount_minor: 123450,
    budget_currency: "EUR",
    status: "submitted",
    version: 2,
    component_id: component,
    start_date: null,
  },
  after: {
    budget_amount_minor: 150000,
    budget_currency: "EUR",
    status: "endorsed",
    version: 3,
    component_id: component,
    start_date: "2011-07-01",
  },
};

describe("an audit entry in words", () => {
  it("labels each changed field and formats money with its currency, dates and statuses", () => {
    expect(fieldChanges(budgetChange, refs, words("en"))).toEqual([
      { column: "budget_amount_minor", label: "Budget", before: "€1,234.5", after: "€1,500" },
      { column: "start_date", label: "Start date", before: null, after: "Jul 1, 2011" },
      { column: "status", label: "Status", before: "Submitted", after: "Endorsed" },
    ]);
    const spanish = words("es");
    const es = fieldChanges(budgetChange, refs, spanish);
    expect(es.map((c) => [c.label, c.before, c.after])).toEqual([
      ["Presupuesto", spanish.fmt.money("1234.50", "EUR"), spanish.fmt.money("1500", "EUR")],
      ["Fecha de inicio", null, "1 jul 2011"],
      ["Estado", "Presentada", "Respaldada"],
    ]);
  });

  it("names what an id points to, and lists a creation's filled fields", () => {
    const created = { ...budgetChange, action: "insert", before: null };
    const changes = fieldChanges(created, refs, words("en"));
    expect(changes.map((c) => c.column)).toEqual([
      "budget_amount_minor",
      "budget_currency",
      "component_id",
      "start_date",
      "status",
    ]);
    expect(changes.find((c) => c.column === "component_id")?.after).toBe("A · Combating crime");
  });

  it("says what happened and who did it, by organization and role, the person only when given", () => {
    const { t } = words("es");
    expect(actionLabel({ action: "update", after: null }, t)).toBe("Modificado");
    expect(actionLabel({ action: "insert", after: { reverses_id: component } }, t)).toBe(
      "Reversión registrada",
    );
    const who = {
      kind: "user" as const,
      organization: { id: component, code: "GT", name: { es: "Guatemala", en: "Guatemala" } },
      role: "focal_point" as const,
    };
    expect(whoText(who, words("es"))).toBe("Guatemala, Punto focal");
    expect(
      whoText(
        { ...who, person: { name: "Ana", email: "ana@example.org", actor: "ana@example.org" } },
        words("en"),
      ),
    ).toBe("Ana <ana@example.org> · Guatemala, Focal point");
  });
});
