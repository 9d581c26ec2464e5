import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { testBackend } from "../../../test/support/database.ts";
import type { SearchAnswer } from "../../contracts/search.ts";
import { setUpInitiativeWorld, submitAndPublish } from "../initiatives/initiatives.fixtures.ts";

const OAS_BODY = {
  code: "CICAD",
  name: {
    es: "Comisión Interamericana para el Control del Abuso de Drogas",
    en: "Inter-American Drug Abuse Control Commission",
  },
  acronym: "CICAD",
  body_kind: "entity",
  mandate: { es: "Foro hemisférico sobre el problema de las drogas", en: "Forum on drugs" },
  contact_role: { es: "Secretario Ejecutivo, CICAD", en: "Executive Secretary, CICAD" },
  components: ["A"],
  lines_of_action: ["AC"],
};
const RESOLUTION = {
  symbol: "AG/RES. 9999 (TEST)",
  title_es: "Resolución de prueba",
  title_en: "Test resolution",
  adopted_on: "2011-06-07",
  session_es: "Período ordinario de prueba",
  session_en: "Test regular session",
};
const MANDATE = {
  paragraph: 6,
  text_en: "To urge states to draw on the lessons learned of other mechanisms.",
  text_es: "Instar a los Estados a aprovechar las lecciones de otros mecanismos subregionales.",
  addressees: JSON.stringify(["member_states"]),
  reporting_body: "general_secretariat" as const,
  due_session_es: "Cuadragésimo segundo período",
  due_session_en: "Forty-second session",
  due_on: "2012-06-03",
};

/**
 * The one search on both databases (run with ESCA_TEST_DATABASE_URL for PostgreSQL): the
 * same answers to the same questions, in Spanish and English, accents ignored, ranked.
 */
describe(`search (${testBackend})`, () => {
  let t: TestApp;
  const search = async (query: string) => {
    const response = await t.anonymous<SearchAnswer>({
      method: "GET",
      url: `/api/search?${query}`,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  };
  const refs = (answer: SearchAnswer) => answer.data.map((hit) => `${hit.kind}:${hit.ref}`);

  async function initiative(payload: Record<string, unknown>, publish: boolean) {
    const created = await t.request<{ id: string }>({
      method: "POST",
      url: "/api/initiatives",
      payload: {
        component: "B",
        lead_country: "GT",
        budget: { amount: "1000.00", currency: "USD" },
        ...payload,
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    if (!publish) return;
    await submitAndPublish(t, payload.code as string);
  }

  async function practice(payload: Record<string, unknown>, publish: boolean) {
    const created = await t.request<{ id: string }>({
      method: "POST",
      url: "/api/practices",
      payload: {
        language: "es",
        source: { kind: "state", name: "Honduras", citation: "Boletín nacional" },
        components: ["B"],
        countries: ["HN"],
        ...payload,
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    if (publish) {
      const published = await t.request({
        method: "PUT",
        url: `/api/practices/${created.body.id}/status`,
        payload: { status: "published" },
      });
      expect(published.status).toBe(200);
    }
  }

  beforeAll(async () => {
    t = await createTestApp();
    await setUpInitiativeWorld(t);
    await initiative(
      {
        code: "BB7",
        title: { es: "Prevención de la violencia juvenil", en: "Youth violence prevention" },
        summary: {
          es: "Escuelas abiertas los fines de semana en los municipios con más homicidios.",
          en: "Schools open at weekends in the municipalities with most homicides.",
        },
      },
      true,
    );
    await initiative(
      {
        code: "AC7",
        title: { es: "Investigación criminal conjunta", en: "Joint criminal investigation" },
        summary: {
          es: "Equipos conjuntos; incluye un módulo de prevención del lavado de activos.",
          en: "Joint teams, with a module on the prevention of money laundering.",
        },
        component: "A",
        lead_country: "SV",
      },
      true,
    );
    await initiative(
      {
        code: "BB8",
        title: { es: "Prevención en borrador", en: "Draft prevention work" },
        summary: { es: "Palabra secreta: zarzamora." },
      },
      false,
    );
    await practice(
      {
        slug: "observatorio-unah",
        title: "Observatorio de la Violencia",
        summary: "Una cifra única de homicidios, acordada entre instituciones.",
        body: "La mesa interinstitucional hace la **conciliación** de los registros de Medicina Forense.",
      },
      true,
    );
    await practice(
      {
        slug: "borrador-secreto",
        title: "Práctica en borrador",
        summary: "Aún sin publicar.",
        body: "Contiene la palabra zarzamora.",
      },
      false,
    );
  }, 120_000);
  afterAll(async () => t.close());

  it("finds “prevención” when typed without its accent, in titles and in summaries", async () => {
    const plain = await search("q=prevencion");
    const accented = await search("q=prevenci%C3%B3n");
    expect(refs(plain)).toEqual(refs(accented));
    expect(refs(plain)).toEqual(expect.arrayContaining(["initiative:BB7", "initiative:AC7"]));
    // A title match ranks above a match in the summary only.
    expect(refs(plain).indexOf("initiative:BB7")).toBeLessThan(
      refs(plain).indexOf("initiative:AC7"),
    );
    // The snippet marks the accented word as the record writes it.
    const ac7 = plain.data.find((hit) => hit.ref === "AC7");
    expect(ac7?.snippet.filter((piece) => piece.match).map((piece) => piece.text)).toEqual([
      "prevención",
    ]);
  });

  it("finds an English word, stemmed, and a word found only in a summary", async () => {
    expect(refs(await search("q=preventing"))).toEqual(
      expect.arrayContaining(["initiative:BB7", "initiative:AC7"]),
    );
    expect(refs(await search("q=laundering"))).toEqual(["initiative:AC7"]);
    expect(refs(await search("q=escuelas%20abiertas"))).toEqual(["initiative:BB7"]);
    expect(refs(await search("q=weekend"))).toEqual(["initiative:BB7"]);
  });

  it("finds a practice by a word in its Markdown body, accents ignored", async () => {
    const answer = await search("q=conciliacion");
    expect(refs(answer)).toEqual(["practice:observatorio-unah"]);
    expect(answer.data[0]?.language).toBe("es");
    expect(
      answer.data[0]?.snippet.some((piece) => piece.match && piece.text === "conciliación"),
    ).toBe(true);
    // Markdown's marks are not part of the snippet.
    expect(answer.data[0]?.snippet.map((piece) => piece.text).join("")).not.toContain("**");
  });

  it("never finds a draft, an initiative's or a practice's", async () => {
    const answer = await search("q=zarzamora");
    expect(answer.data).toEqual([]);
    expect(answer.page.total).toBe(0);
    expect(answer.suggestion).toBeNull();
  });

  it("filters by kind, component and country, and counts per kind", async () => {
    const all = await search("q=prevencion");
    expect(all.counts.initiative).toBe(2);
    const a = await search("q=prevencion&component=A");
    expect(refs(a)).toEqual(["initiative:AC7"]);
    const sv = await search("q=prevencion&country=SV");
    expect(refs(sv)).toEqual(["initiative:AC7"]);
    const practices = await search("q=homicidios&kind=practice");
    expect(refs(practices)).toEqual(["practice:observatorio-unah"]);
    expect(practices.counts.initiative).toBe(1);
    expect(practices.page.total).toBe(1);
  });

  it("suggests the closest known word for a word found nowhere", async () => {
    const answer = await search("q=prevension");
    expect(answer.data).toEqual([]);
    expect(answer.suggestion).toBe("prevención");
    const mixed = await search("q=violencia%20juvenl");
    expect(mixed.suggestion).toBe("violencia juvenil");
    expect((await search("q=prevencion")).suggestion).toBeNull();
  });

  it("refuses a query without a letter or digit, naming q", async () => {
    const response = await t.anonymous<{ error: { details: { path: string }[] } }>({
      method: "GET",
      url: "/api/search?q=%3F%21",
    });
    expect(response.status).toBe(400);
    expect(response.body.error.details[0]?.path).toBe("q");
  });

  it("keeps the index in step: an edit, a withdrawal", async () => {
    const edited = await t.request({
      method: "PATCH",
      url: "/api/initiatives/BB7",
      payload: { summary: { es: "Canchas deportivas iluminadas.", en: "Lit sports fields." } },
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(refs(await search("q=canchas"))).toEqual(["initiative:BB7"]);
    expect(refs(await search("q=escuelas"))).toEqual([]);
    const withdrawn = await t.request({
      method: "POST",
      url: "/api/initiatives/BB7/publication",
      payload: { published: false },
    });
    expect(withdrawn.status).toBe(200);
    expect(refs(await search("q=canchas"))).toEqual([]);
  });

  it("finds an initiative by its own results framework's objectives, kept in step", async () => {
    const defined = await t.request<{ id: string }>({
      method: "POST",
      url: "/api/initiatives/AC7/results",
      payload: {
        code: "OUT-1",
        level: "output",
        name: {
          es: "Fiscales acreditados en cadena de custodia",
          en: "Prosecutors accredited in chain of custody",
        },
        unit: "people",
        direction: "higher_is_better",
        targets: [{ value: "40", year: 2014 }],
      },
    });
    expect(defined.status, JSON.stringify(defined.body)).toBe(201);
    expect(refs(await search("q=custodia"))).toEqual(["initiative:AC7"]);
    const english = await search("q=prosecutors");
    expect(refs(english)).toEqual(["initiative:AC7"]);
    expect(english.data[0]?.snippet.filter((piece) => piece.match).map((p) => p.text)).toEqual([
      "Prosecutors",
    ]);
    const renamed = await t.request({
      method: "PATCH",
      url: `/api/results-indicators/${defined.body.id}`,
      payload: { name: { es: "Peritos acreditados", en: "Accredited forensic experts" } },
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(refs(await search("q=custodia"))).toEqual([]);
    expect(refs(await search("q=peritos"))).toEqual(["initiative:AC7"]);
  });

  it("finds partners and OAS bodies by name, mandates by a word of their text", async () => {
    const body = await t.request({
      method: "POST",
      url: "/api/oas-bodies",
      payload: OAS_BODY,
    });
    expect(body.status, JSON.stringify(body.body)).toBe(201);
    const bank = await search("q=banco%20interamericano");
    expect(refs(bank)).toEqual(["partner:IDB"]);
    expect(refs(await search("q=development%20bank"))).toEqual(["partner:IDB"]);
    expect(refs(await search("kind=oas_body&q=abuso%20de%20drogas"))).toEqual(["oas_body:CICAD"]);
    expect(refs(await search("q=drug%20abuse"))).toEqual(["oas_body:CICAD"]);
    await t.handle.db.transaction().execute(async (trx) => {
      const resolution = await trx
        .insertInto("resolutions")
        .values(RESOLUTION)
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("mandates")
        .values({ ...MANDATE, resolution_id: resolution.id })
        .execute();
    });
    const mandate = await search("q=subregionales");
    expect(mandate.data.map((hit) => [hit.kind, hit.title.es ?? hit.title.en])).toEqual([
      ["mandate", "AG/RES. 9999 (TEST), párrafo 6"],
    ]);
    expect(refs(await search("q=lessons%20learned&kind=mandate"))).toHaveLength(1);
  });

  it("filters the initiatives list with the same search, drafts for those who see them", async () => {
    const list = async (q: string, asAdmin: boolean) => {
      const url = `/api/initiatives?q=${q}`;
      const response = asAdmin
        ? await t.request<{ data: { code: string }[] }>({ method: "GET", url })
        : await t.anonymous<{ data: { code: string }[] }>({ method: "GET", url });
      return response.body.data.map((row) => row.code).sort();
    };
    expect(await list("lavado", false)).toEqual(["AC7"]);
    expect(await list("prevencion", true)).toEqual(["AC7", "BB7", "BB8"]);
    expect(await list("zarzamora", false)).toEqual([]);
    expect(await list("zarzamora", true)).toEqual(["BB8"]);
    expect(await list("AC", false)).toEqual(["AC7"]);
    // A filter holding no word (typed half-way) matches by code only, and is not refused.
    expect(await list("-", false)).toEqual([]);
  });
});
