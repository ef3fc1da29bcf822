import { count, eq } from "drizzle-orm";
import { getDb } from "~/db/client.server";
import { referrals } from "~/db/schema";
import { advanceReferral, createReferral } from "~/demo/referral-factories.server";
import { addMonths } from "~/referrals/consent";
import { referralTexts as texts } from "~/referrals/texts";
import * as detail from "~/routes/_app.uebergaben.$referralId";
import * as editDraft from "~/routes/_app.uebergaben.$referralId_.bearbeiten";
import * as create from "~/routes/_app.uebergaben.neu";
import { berlinDate } from "~/time/berlin";
import { buildReferralWorld } from "#tests/helpers/referral-world";
import { callRoute, feedbackOf } from "#tests/helpers/routes";
import { builtBeforeAll } from "#tests/integration/world-steps";

/** The referral pages' forms as the browser sends them and reads the answers. */

const world = builtBeforeAll(buildReferralWorld);

const today = berlinDate(new Date());

function typedReferral() {
  return {
    serviceId: world.service.id,
    pseudonym: "Kundin Sonnenblume",
    ageBand: "25_bis_34",
    needs: "schuldnerberatung",
    reason: "Mietschulden",
    urgency: "dringend",
    contactPreference: "brief",
    consentObtainedBy: "Petra Sommer",
    consentObtainedOn: today,
    consentForm: "",
    consentOrganizationId: "",
    consentPurpose: "",
    consentValidUntil: "",
  };
}

async function sentBySender() {
  const [row] = await getDb()
    .select({ value: count() })
    .from(referrals)
    .where(eq(referrals.senderOrganizationId, world.organizations.sender.id));
  return row!.value;
}

function postNew(form: Record<string, string>) {
  return callRoute(create.action, "/uebergaben/neu", { cookie: world.cookies.senderStaff, form });
}

describe("the creation form", () => {
  it("sent without a consent names each missing field and keeps what was typed", async () => {
    const before = await sentBySender();
    const response = await postNew({ ...typedReferral(), intent: "send" });
    expect(response.status).toBe(400);
    const { errors, values } = await feedbackOf(response);
    expect(errors).toEqual({
      consentForm: texts.consentFormInvalid,
      consentOrganizationId: texts.consentOrganizationInvalid,
      consentPurpose: texts.consentPurposeRequired,
      consentValidUntil: texts.consentValidUntilInvalid,
    });
    // Conform sends empty fields back as absent.
    const typed = Object.entries(typedReferral()).filter(([, value]) => value !== "");
    expect(values).toEqual({ ...Object.fromEntries(typed), intent: "send" });
    expect(await sentBySender()).toBe(before);
  });

  it("answers a consent for another organisation at the consent fieldset", async () => {
    const response = await postNew({
      ...typedReferral(),
      intent: "send",
      consentForm: "schriftlich",
      consentOrganizationId: world.organizations.third.id,
      consentPurpose: "Schuldnerberatung",
      consentValidUntil: addMonths(today, 6),
    });
    expect(response.status).toBe(400);
    expect((await feedbackOf(response)).errors).toEqual({
      consent: texts.consentWrongOrganization,
    });
  });

  it("prefills the consent and the service chosen in the directory", async () => {
    const response = await callRoute(create.loader, `/uebergaben/neu?angebot=${world.service.id}`, {
      cookie: world.cookies.senderStaff,
    });
    const page = (await response.json()) as { today: string; defaultValue: unknown };
    expect(page.today).toBe(today);
    expect(page.defaultValue).toEqual({
      serviceId: world.service.id,
      needs: ["schuldnerberatung"],
      urgency: "normal",
      contactPreference: "telefon",
      consentObtainedBy: world.users.senderStaff.name,
      consentObtainedOn: today,
      consentOrganizationId: world.organizations.receiver.id,
    });
  });
});

describe("a draft's form", () => {
  it("shows the stored referral and its consent, the feedback box included", async () => {
    const id = await createReferral({
      sender: world.users.senderStaff,
      serviceId: world.service.id,
      receiverOrganizationId: world.organizations.receiver.id,
      send: false,
      consent: { consentCoversFeedback: true },
    });
    const response = await callRoute(editDraft.loader, `/uebergaben/${id}/bearbeiten`, {
      cookie: world.cookies.senderStaff,
      params: { referralId: id },
    });
    const page = (await response.json()) as { referralId: string; defaultValue: unknown };
    expect(page.referralId).toBe(id);
    expect(page.defaultValue).toMatchObject({
      serviceId: world.service.id,
      pseudonym: "M. K.",
      needs: ["schuldnerberatung"],
      consentObtainedBy: "Petra Sommer",
      consentOrganizationId: world.organizations.receiver.id,
      consentCoversFeedback: true,
    });
  });
});

describe("the detail page's actions", () => {
  const post = (id: string, form: Record<string, string>) =>
    callRoute(detail.action, `/uebergaben/${id}`, {
      cookie: world.cookies.receiverStaff,
      params: { referralId: id },
      form,
    });

  it("answers a missing field beside it, and a lost race for the whole form", async () => {
    const id = await createReferral({
      sender: world.users.senderStaff,
      serviceId: world.service.id,
      receiverOrganizationId: world.organizations.receiver.id,
    });
    const unreasoned = await post(id, { intent: "decline", declineReason: "", note: "" });
    expect(unreasoned.status).toBe(400);
    expect(await feedbackOf(unreasoned)).toMatchObject({
      intent: "decline",
      errors: { declineReason: texts.declineReasonRequired },
    });

    await advanceReferral(id, [{ actor: world.users.receiverAdmin, name: "accept" }]);
    const late = await post(id, { intent: "decline", declineReason: "keine_kapazitaet" });
    expect(late.status).toBe(400);
    const { intent, errors } = await feedbackOf(late);
    expect(intent).toBe("decline");
    expect(Object.keys(errors)).toEqual(["form"]);
    expect(errors.form).toContain("inzwischen");
    expect(errors.form).toContain(world.users.receiverAdmin.name);
  });
});
