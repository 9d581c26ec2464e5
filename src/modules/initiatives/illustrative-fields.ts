import { type InitiativeField, initiativeFields } from "./initiatives.schema.ts";

/**
 * The fields made up in an otherwise sourced initiative, as the jsonb column stores them:
 * each once, in the order of the record (["budget","status"] whatever order they came in).
 */
export const fieldsJson = (fields: readonly InitiativeField[]): string =>
  JSON.stringify(initiativeFields.filter((field) => fields.includes(field)));

/** The stored list, keeping only fields the API knows (the column's check allows no other). */
export const readFields = (stored: readonly string[]): InitiativeField[] =>
  initiativeFields.filter((field) => stored.includes(field));
