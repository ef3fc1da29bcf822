import { ideaStatuses, ideaVisibilities, type IdeaStatus, type IdeaVisibility } from "~/db/schema";
import { listedInSearch, mayOpenIdea, type IdeaViewer } from "./visibility.server";

/**
 * The two idea visibility rules as tables, for an idea of organisation A in network Nord. Their
 * SQL forms are proven to agree with these boolean forms in
 * tests/integration/idea-visibility-rules.test.ts.
 */
const viewers = {
  ownOrganization: { organizationId: "org-a", networkIds: ["netz-nord"] },
  /** A left Nord after writing the idea: still its own. */
  ownOrganizationGone: { organizationId: "org-a", networkIds: [] },
  sameNetwork: { organizationId: "org-b", networkIds: ["netz-nord", "netz-west"] },
  otherNetwork: { organizationId: "org-c", networkIds: ["netz-sued"] },
  noNetwork: { organizationId: "org-p", networkIds: [] },
} satisfies Record<string, IdeaViewer>;
type ViewerName = keyof typeof viewers;

type Row = `${IdeaStatus} ${IdeaVisibility}`;
type Table = Record<Row, Record<ViewerName, boolean>>;

const only = (...names: ViewerName[]): Record<ViewerName, boolean> => ({
  ownOrganization: names.includes("ownOrganization"),
  ownOrganizationGone: names.includes("ownOrganizationGone"),
  sameNetwork: names.includes("sameNetwork"),
  otherNetwork: names.includes("otherNetwork"),
  noNetwork: names.includes("noNetwork"),
});
const own = ["ownOrganization", "ownOrganizationGone"] as const;
const everyone = Object.keys(viewers) as ViewerName[];

const mayOpen: Table = {
  "draft network": only(...own),
  "draft nationwide": only(...own),
  "published network": only(...own, "sameNetwork"),
  "published nationwide": only(...everyone),
  "archived network": only(...own),
  "archived nationwide": only(...own),
};

/** What one may open, but archived ideas are found by nobody, their own organisation included. */
const listed: Table = {
  ...mayOpen,
  "archived network": only(),
  "archived nationwide": only(),
};

const rows = ideaStatuses.flatMap((status) =>
  ideaVisibilities.map((visibility) => ({ status, visibility })),
);

function tableOf(rule: typeof mayOpenIdea): Table {
  const table = {} as Table;
  for (const { status, visibility } of rows) {
    const idea = { organizationId: "org-a", networkId: "netz-nord", status, visibility };
    table[`${status} ${visibility}`] = only(
      ...everyone.filter((name) => rule(viewers[name], idea)),
    );
  }
  return table;
}

describe("idea visibility", () => {
  it("mayOpenIdea", () => {
    expect(tableOf(mayOpenIdea)).toEqual(mayOpen);
  });

  it("listedInSearch", () => {
    expect(tableOf(listedInSearch)).toEqual(listed);
  });
});
