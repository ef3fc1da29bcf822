import { audiencesOf, parseSecondFactorRoles, secondFactorRequired } from "./sign-in-policy";

describe("Anmelderegeln: zweiter Faktor", () => {
  it.each([
    [null, null],
    ["", null],
    ["kein JSON", null],
    ['{"roles":["staff"]}', null],
    ['["staff","superuser"]', null],
    ["[]", []],
    ['["platform_admin","coordinator"]', ["platform_admin", "coordinator"]],
  ])("reads the stored setting %j as %j", (stored, roles) => {
    expect(parseSecondFactorRoles(stored)).toEqual(roles);
  });

  const staffCoordinator = {
    role: "staff" as const,
    isPlatformAdmin: false,
    coordinatedNetworkIds: ["n"],
  };
  const platformAdmin = {
    role: "org_admin" as const,
    isPlatformAdmin: true,
    coordinatedNetworkIds: [],
  };

  it("counts the member role and the rights on top of it", () => {
    expect(audiencesOf(staffCoordinator)).toEqual(["staff", "coordinator"]);
    expect(audiencesOf(platformAdmin)).toEqual(["org_admin", "platform_admin"]);
  });

  it.each([
    { who: "coordinator", stored: '["coordinator"]', organization: false, required: true },
    { who: "coordinator", stored: '["org_admin"]', organization: false, required: false },
    { who: "coordinator", stored: null, organization: false, required: false },
    { who: "coordinator", stored: "kaputt", organization: true, required: true },
    { who: "platformAdmin", stored: '["org_admin"]', organization: false, required: true },
    { who: "platformAdmin", stored: '["staff"]', organization: false, required: false },
  ])(
    "$who with roles $stored, organisation $organization: $required",
    ({ who, stored, organization, required }) => {
      const person = who === "coordinator" ? staffCoordinator : platformAdmin;
      expect(secondFactorRequired(person, organization, stored)).toBe(required);
    },
  );
});
