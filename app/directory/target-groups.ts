/** Target groups of the jobcenters' integration programmes; shared by services, ideas and events. */
export const targetGroups = [
  "U25",
  "Ü50",
  "Alleinerziehende",
  "Langzeitarbeitslose",
  "Geflüchtete",
  "Menschen mit Behinderung",
  "Partner-Bedarfsgemeinschaften mit Kindern",
  "Rehabilitanden",
] as const;
export type TargetGroup = (typeof targetGroups)[number];
