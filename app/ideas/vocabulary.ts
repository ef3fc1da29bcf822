/** The words ideas are described and filtered with, shared by form, search facets and seed. */

/** The six geschäftspolitische Handlungsfelder of the jobcenters. */
export const fieldsOfAction = [
  "Jugendliche integrieren",
  "Langzeitbezieher aktivieren",
  "Marktnähe/Arbeitgeber erschließen",
  "Kunden ohne Abschluss qualifizieren",
  "Zuwanderung/Flucht/Asyl",
  "Rechtmäßigkeit und Qualität",
] as const;
export type FieldOfAction = (typeof fieldsOfAction)[number];

export const fundingSources = [
  "ESF",
  "Bundesprogramm",
  "Landesprogramm",
  "Eingliederungstitel",
  "kommunal",
  "sonstige",
] as const;
export type FundingSource = (typeof fundingSources)[number];
