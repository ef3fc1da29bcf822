import { admitToNetwork, createOrganization } from "~/demo/factories.server";

/** A new organisation, admitted to the network. */
export async function admittedOrganization(
  networkId: string,
  fields: Parameters<typeof createOrganization>[0],
) {
  const organization = await createOrganization(fields);
  await admitToNetwork(networkId, organization.id);
  return organization;
}
