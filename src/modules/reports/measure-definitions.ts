/**
 * Each measure the report shows, named and defined in the words of docs/MEASURES.md (the
 * portal's tooltips); report-words.test.ts fails when the two disagree.
 */
export const MEASURE_DEFINITIONS = {
  budget: {
    en: {
      name: "Budget",
      definition:
        "The sum of the initiatives' budgets in US dollars, at the rate of each budget's value date; rejected and cancelled initiatives are left out. Budgets belong to initiatives, so there is none per partner or year.",
    },
    es: {
      name: "Presupuesto",
      definition:
        "La suma de los presupuestos de las iniciativas en dólares estadounidenses, al tipo de cambio de la fecha valor de cada presupuesto; no cuentan las iniciativas rechazadas ni canceladas. Los presupuestos son de las iniciativas: no hay presupuesto por socio ni por año.",
    },
  },
  announced: {
    en: {
      name: "Announced",
      definition:
        "Support partners pledged (announced), in US dollars at the rate of each pledge's value date, reversals deducted.",
    },
    es: {
      name: "Anunciado",
      definition:
        "Apoyo que los socios prometieron (anunciaron), en dólares estadounidenses al tipo de cambio de la fecha valor de cada promesa, descontadas las reversiones.",
    },
  },
  committed: {
    en: {
      name: "Committed",
      definition:
        "Support partners committed by a signed agreement, to an initiative or not yet allocated to one, in US dollars at the rate of each value date, reversals deducted.",
    },
    es: {
      name: "Comprometido",
      definition:
        "Apoyo que los socios comprometieron por un acuerdo firmado, a una iniciativa o aún sin asignar a una, en dólares estadounidenses al tipo de cambio de cada fecha valor, descontadas las reversiones.",
    },
  },
  committed_not_allocated: {
    en: {
      name: "Committed, not yet allocated",
      definition:
        "The part of what is committed that no initiative has received yet (given to a component or to the whole strategy). It covers no budget and fills nobody's gap; tables show it as a row of its own.",
    },
    es: {
      name: "Comprometido, aún sin asignar",
      definition:
        "La parte de lo comprometido que todavía no recibió ninguna iniciativa (dada a un componente o a toda la estrategia). No cubre ningún presupuesto ni reduce la brecha de nadie; las tablas la muestran en una fila propia.",
    },
  },
  disbursed: {
    en: {
      name: "Disbursed",
      definition:
        "Money partners paid out, in US dollars at the rate of each value date, reversals deducted.",
    },
    es: {
      name: "Desembolsado",
      definition:
        "Dinero que los socios desembolsaron, en dólares estadounidenses al tipo de cambio de cada fecha valor, descontadas las reversiones.",
    },
  },
  gap: {
    en: {
      name: "Funding gap",
      definition:
        "For each initiative, its budget minus what is committed to it, never below zero; then summed. Money committed to no initiative is not deducted from anyone's gap, and an over-funded initiative does not fill another's.",
    },
    es: {
      name: "Brecha de financiamiento",
      definition:
        "Para cada iniciativa, su presupuesto menos lo comprometido a ella, nunca menos de cero; luego se suma. Lo comprometido a ninguna iniciativa no se descuenta de la brecha de nadie, y una iniciativa con más fondos no llena la de otra.",
    },
  },
  coverage_pct: {
    en: {
      name: "Coverage",
      definition:
        "What is committed to initiatives divided by their budget, as a percentage; support not yet allocated to an initiative covers no budget. Above 100 % when initiatives received more than they cost.",
    },
    es: {
      name: "Cobertura",
      definition:
        "Lo comprometido a iniciativas dividido por su presupuesto, en porcentaje; el apoyo aún sin asignar a una iniciativa no cubre ningún presupuesto. Supera el 100 % cuando las iniciativas recibieron más de lo que cuestan.",
    },
  },
  remainder: {
    en: {
      name: "Not yet allocated to an initiative",
      definition:
        "Support partners gave to a component or to the whole strategy but to no initiative yet. It has no country, no budget and no gap; the total is the rows above plus this one.",
    },
    es: {
      name: "Aún sin asignar a una iniciativa",
      definition:
        "Apoyo que los socios dieron a un componente o a toda la estrategia, pero todavía a ninguna iniciativa. No tiene país, presupuesto ni brecha; el total es la suma de las filas de arriba más esta.",
    },
  },
  not_allocated_to_component: {
    en: {
      name: "Announced, not allocated to a component",
      definition:
        "Support a partner announced for the whole region and allocated to no component and no initiative, such as the 2011 conference pledges. ESCA Hub does not spread it over components; the total is the rows above plus this one.",
    },
    es: {
      name: "Anunciado, sin asignar a un componente",
      definition:
        "Apoyo que un socio anunció para toda la región sin asignarlo a ningún componente ni iniciativa, como las promesas de la conferencia de 2011. ESCA Hub no lo reparte entre componentes; el total es la suma de las filas de arriba más esta.",
    },
  },
} as const;
export type DefinedMeasure = keyof typeof MEASURE_DEFINITIONS;
