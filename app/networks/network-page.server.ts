import { authorize, can, notFound } from "~/auth/permissions.server";
import type { CurrentUser } from "~/auth/session.server";
import { inUnitOfWork } from "~/db/unit-of-work.server";
import { redirectWithFlash } from "~/flash.server";
import { parseSubmission } from "~/form-schema";
import { readForm, rejectSubmission, unhandledIntent } from "~/forms.server";
import { createAdmitAndInvite } from "~/organizations/create-organization.server";
import {
  changeOrganizationKind,
  getOrganizationNetworks,
} from "~/organizations/organizations.server";
import { requireUuid } from "~/params.server";
import { mailLimitReached } from "~/rate-limits.server";
import {
  emptyReferralCounts,
  referralFiguresForNetwork,
  setReferralRetention,
} from "~/referrals/network-figures.server";
import { retentionSchema } from "~/referrals/retention-form";
import { clientIp } from "~/request-context.server";
import type { Network } from "./network-access.server";
import {
  admitSchema,
  changeKindSchema,
  removeOrganizationSchema,
  networkPageIntents,
  newOrganizationSchema,
} from "./network-page-form";
import {
  admitOrganization,
  listAdmittableOrganizations,
  listCoordinators,
  listNetworksWithOrganizations,
  removeOrganization,
} from "./networks.server";

/** Counts per member organisation and the retention period, for the coordinator only. */
async function referralPanelData(network: Network, organizations: { id: string; name: string }[]) {
  const figures = await referralFiguresForNetwork(network.id);
  return {
    retentionMonths: network.referralRetentionMonths,
    figures: organizations.map((organization) => ({
      organizationId: organization.id,
      name: organization.name,
      ...(figures.get(organization.id) ?? emptyReferralCounts),
    })),
  };
}

/** What the network's page shows a user who may see the network. */
export async function networkPageData(user: CurrentUser, network: Network) {
  const [withOrganizations] = await listNetworksWithOrganizations([network.id]);
  if (!withOrganizations) throw notFound();
  const networkId = network.id;
  const canManage = can(user, { action: "network.manageMembers", networkId });
  // Every organisation listed here belongs to this network.
  const canChangeKinds = withOrganizations.organizations.some((organization) =>
    can(user, {
      action: "organization.changeKind",
      organization: { id: organization.id, networkIds: [networkId] },
    }),
  );
  const seesFigures = can(user, { action: "network.viewReferralFigures", networkId });
  const [coordinators, admittable, referralPanel] = await Promise.all([
    listCoordinators(networkId),
    canManage ? listAdmittableOrganizations(networkId).execute() : Promise.resolve([]),
    seesFigures
      ? referralPanelData(network, withOrganizations.organizations)
      : Promise.resolve(null),
  ]);
  return {
    network: withOrganizations,
    coordinators,
    canManage,
    canChangeKinds,
    admittable,
    referralPanel,
  };
}

/**
 * The page's forms, for a user who sees the network: each intent authorizes what it changes
 * (the coordination manages members and the retention period; an organisation's kind is
 * authorized for that organisation).
 */
export async function networkPageAction(request: Request, user: CurrentUser, network: Network) {
  const ip = clientIp();
  const form = await readForm(request, { intents: networkPageIntents });
  if (!form.ok) return form.response;
  const { formData, intent } = form;
  const networkId = network.id;
  const here = `/netzwerke/${networkId}`;
  if (intent === "changeKind") return changeKind(user, networkId, formData, ip);
  await authorize(
    user,
    intent === "retention"
      ? { action: "network.configureReferrals", networkId }
      : { action: "network.manageMembers", networkId },
    ip,
  );

  switch (intent) {
    case "retention": {
      const submission = parseSubmission(formData, retentionSchema);
      if (submission.status !== "success") return rejectSubmission(submission);
      await setReferralRetention(user, networkId, submission.value.months, ip);
      return redirectWithFlash(here, "retentionSaved");
    }
    case "admit": {
      const submission = parseSubmission(formData, admitSchema);
      if (submission.status !== "success") return rejectSubmission(submission);
      const result = await inUnitOfWork((unit) =>
        admitOrganization(unit, user, networkId, submission.value.organizationId, ip),
      );
      if (!result.ok) {
        return rejectSubmission(submission, { fields: { [result.field]: result.message } });
      }
      return redirectWithFlash(here, "organizationAdmitted");
    }
    case "create": {
      const submission = parseSubmission(formData, newOrganizationSchema);
      const tooMany = await mailLimitReached("invitations", user.id, ip);
      if (tooMany) return rejectSubmission(submission, { form: tooMany }, 429);
      if (submission.status !== "success") return rejectSubmission(submission);
      const invitation = await createAdmitAndInvite(user, networkId, submission.value, ip);
      if (!invitation.ok) {
        return rejectSubmission(submission, { fields: { adminEmail: invitation.message } });
      }
      return redirectWithFlash(here, "organizationCreated");
    }
    case "remove": {
      const submission = parseSubmission(formData, removeOrganizationSchema);
      if (submission.status !== "success") return rejectSubmission(submission);
      const organizationId = requireUuid(submission.value.organizationId);
      if (!(await removeOrganization(user, networkId, organizationId, ip))) throw notFound();
      return redirectWithFlash(here, "organizationRemoved");
    }
    default:
      return unhandledIntent(intent);
  }
}

/** A coordinator of one of the organisation's networks, or the platform admin, sets its kind. */
async function changeKind(
  user: CurrentUser,
  networkId: string,
  formData: FormData,
  ip: string | null,
) {
  // The organisation is loaded and authorized before its new kind is read.
  const organization = await getOrganizationNetworks(
    requireUuid(String(formData.get("organizationId") ?? "")),
  );
  // Only the organisations listed on this network's page are changed from it.
  if (!organization?.networkIds.includes(networkId)) throw notFound();
  await authorize(user, { action: "organization.changeKind", organization }, ip);
  const submission = parseSubmission(formData, changeKindSchema);
  if (submission.status !== "success") return rejectSubmission(submission);
  await changeOrganizationKind(user, organization.id, submission.value.kind, ip);
  return redirectWithFlash(`/netzwerke/${networkId}`, "organizationKindChanged");
}
