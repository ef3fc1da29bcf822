import { feedbackFor } from "#tests/helpers/forms";
import type { ActionFunction } from "@remix-run/node";
import { randomUUID } from "node:crypto";
import { getChannelAccess } from "~/discussions/access.server";
import { createChannel } from "~/discussions/channels.server";
import { startChannelThread } from "~/discussions/posts.server";
import { getEnv } from "~/env.server";
import { formTexts } from "~/form-texts";
import * as channelPage from "~/routes/_app.diskussionen.$channelId";
import * as channels from "~/routes/_app.diskussionen._index";
import * as reports from "~/routes/_app.diskussionen.meldungen";
import * as threadPage from "~/routes/_app.diskussionen.thema.$threadId";
import * as services from "~/routes/_app.angebote";
import * as editService from "~/routes/_app.angebote_.$serviceId";
import * as ideaPage from "~/routes/_app.ideen.$ideaId";
import * as editIdea from "~/routes/_app.ideen.$ideaId_.bearbeiten";
import * as newIdea from "~/routes/_app.ideen.neu";
import * as coursePage from "~/routes/_app.massnahmen.$courseId";
import * as editCourse from "~/routes/_app.massnahmen.$courseId_.bearbeiten";
import * as newCourse from "~/routes/_app.massnahmen.neu";
import * as network from "~/routes/_app.netzwerke.$networkId";
import * as organization from "~/routes/_app.organisation";
import * as members from "~/routes/_app.organisation_.mitglieder";
import * as referralPage from "~/routes/_app.uebergaben.$referralId";
import * as editReferral from "~/routes/_app.uebergaben.$referralId_.bearbeiten";
import * as newReferral from "~/routes/_app.uebergaben.neu";
import * as eventPage from "~/routes/_app.veranstaltungen.$eventId";
import * as editEvent from "~/routes/_app.veranstaltungen.$eventId_.bearbeiten";
import * as calendarFeed from "~/routes/_app.veranstaltungen.kalender-abo";
import * as newEvent from "~/routes/_app.veranstaltungen.neu";
import * as administration from "~/routes/_app.verwaltung.netzwerke";
import * as login from "~/routes/anmelden";
import * as account from "~/routes/_app.konto._index";
import * as identityProviders from "~/routes/_app.verwaltung.anmeldedienste";
import * as forgottenPassword from "~/routes/passwort-vergessen";
import * as newPassword from "~/routes/passwort-neu.$token";
import * as invitation from "~/routes/einladung.$token";
import type { ChannelAccess } from "~/auth/permissions.server";
import { courseForm, createBildungstraeger, createCourseFor } from "~/demo/course-factories.server";
import { createEventFor } from "~/demo/event-factories.server";
import { createLoginCookie } from "~/demo/factories.server";
import { createIdeaFor } from "~/demo/idea-factories.server";
import { createReferral, createService } from "~/demo/referral-factories.server";
import { buildRequest } from "#tests/helpers/routes";
import { buildWorld } from "#tests/helpers/world";
import { postInputFromText } from "#tests/helpers/discussion-world";

/**
 * Issue 12, defects 6 and 7: every action of the portal gets every kind of malformed body a
 * browser, a broken client or an attacker can send. None may answer 500; each answers 400 (413
 * for an oversized body) with a German message, and keeps what was typed whenever the body could
 * be decoded as a form. POST /abmelden is not here: it reads no body.
 */
/** The form as its page sends it; `probe` names the text field that gets the bad value. */
interface SentForm {
  form: Record<string, string>;
  probe: string;
  /** The field that carries tiptap JSON, if the form has one. */
  richText?: string;
}

interface Target extends SentForm {
  route: string;
  handler: ActionFunction;
  path: string;
  params: Record<string, string>;
  cookie?: string;
}

/**
 * The action behind `route` ("POST /ideen/:ideaId"), its path filled in from `params`, posted
 * with the session `cookie` (none for a visitor).
 */
function action(
  route: string,
  handler: ActionFunction,
  cookie?: string,
  params: Record<string, string> = {},
) {
  const path = route
    .replace(/^POST /, "")
    .replace(/:(\w+)/g, (_placeholder, name: string) => params[name]!);
  return { route, handler, path, params, cookie };
}

interface Failure {
  intent?: string;
  errors: Record<string, string>;
  values: Record<string, string | string[]>;
}

async function buildTargets(): Promise<Target[]> {
  const world = await buildWorld();
  const { north } = world.networks;
  const { orgA, orgB } = world.organizations;
  const { staff, coordinator, otherOrgAdmin } = world.users;
  const cookies = world.cookies;
  const trainer = await createBildungstraeger(north.id);
  const trainerCookie = (await createLoginCookie(trainer.staff.id)).cookie;

  const service = await createService({ organizationId: orgB.id, acceptsReferrals: true });
  const referral = { sender: staff, serviceId: service.id, receiverOrganizationId: orgB.id };
  const sentReferralId = await createReferral(referral);
  const draftReferralId = await createReferral({ ...referral, send: false });
  const ideaId = await createIdeaFor(staff, { networkId: north.id });
  const courseId = await createCourseFor(
    { id: trainer.staff.id, organizationId: trainer.organization.id },
    { networkId: north.id },
  );
  const eventId = await createEventFor(staff, { networkId: north.id });
  const channel = await createChannel(
    coordinator,
    north.id,
    { name: `Kanal ${randomUUID().slice(0, 6)}`, description: "", employerAccess: "none" },
    null,
  );
  if (!("id" in channel)) throw new Error(channel.error);
  const threadId = await startChannelThread(
    { id: staff.id, organizationId: orgA.id, name: staff.name },
    (await getChannelAccess(channel.id)) as ChannelAccess,
    "Thema für kaputte Formulare",
    postInputFromText("Erster Beitrag"),
  );

  const ideaFields: SentForm = {
    form: {
      intent: "draft",
      title: "Speed-Dating mit Betrieben",
      summary: "Arbeitgeber treffen Bewerberinnen.",
      body: "",
      visibility: "network",
      networkId: north.id,
    },
    probe: "title",
    richText: "body",
  };
  const referralFields: SentForm = {
    form: {
      intent: "draft",
      reason: "Mietschulden; die Kundin möchte einen Überblick.",
      serviceId: service.id,
      pseudonym: "M. K.",
    },
    probe: "reason",
  };
  const eventFields: SentForm = {
    form: { title: "Inforunde Solarmontage", description: "", networkId: north.id },
    probe: "title",
    richText: "description",
  };
  // Without its checkbox group, which comes back as a list (see tests/integration/read-form.test.ts).
  const { admittedKinds: _kinds, ...courseText } = courseForm(north.id);
  const courseFields: SentForm = {
    form: { ...courseText, description: "" },
    probe: "title",
    richText: "description",
  };
  const serviceFields: SentForm = {
    form: { name: "Budgetberatung", category: "schuldnerberatung", description: "" },
    probe: "name",
  };

  return [
    {
      ...action("POST /anmelden", login.action),
      form: { email: "petra@example.org", password: "geheim-geheim-1", weiter: "/netzwerk" },
      probe: "email",
    },
    {
      ...action("POST /passwort-vergessen", forgottenPassword.action),
      form: { email: "petra@example.org" },
      probe: "email",
    },
    {
      ...action("POST /passwort-neu/:token", newPassword.action, undefined, { token: "unbekannt" }),
      form: { password: "geheim", passwordConfirmation: "geheim" },
      probe: "password",
    },
    {
      ...action("POST /konto", account.action, cookies.staff),
      form: { intent: "profile", name: "Petra Sommer", jobTitle: "Integrationsfachkraft" },
      probe: "name",
    },
    {
      ...action("POST /verwaltung/anmeldedienste", identityProviders.action, cookies.platformAdmin),
      form: {
        intent: "save",
        displayName: "Landkreis-Konto",
        issuer: "https://login.example.org/realms/verwaltung",
        clientId: "portal",
        clientSecret: "geheim",
        allowedDomains: "example.org",
        organizationId: orgA.id,
      },
      probe: "displayName",
    },
    {
      ...action("POST /einladung/:token", invitation.action, undefined, { token: "unbekannt" }),
      form: { name: "Petra Sommer", password: "geheim", passwordConfirmation: "geheim" },
      probe: "name",
    },
    {
      ...action("POST /organisation", organization.action, cookies.orgAdmin),
      form: { name: "Jobcenter Nordkreis", city: "Apolda" },
      probe: "name",
    },
    {
      ...action("POST /organisation/mitglieder", members.action, cookies.orgAdmin),
      form: { intent: "invite", email: "neu@example.org", role: "staff" },
      probe: "email",
    },
    {
      ...action("POST /netzwerke/:networkId", network.action, cookies.coordinator, {
        networkId: north.id,
      }),
      form: { intent: "create", name: "Diakonie Nord", kind: "sonstige", adminEmail: "a@b.de" },
      probe: "name",
    },
    {
      ...action("POST /verwaltung/netzwerke", administration.action, cookies.platformAdmin),
      form: { intent: "create", name: "Netzwerk West", region: "Westkreis" },
      probe: "name",
    },
    { ...action("POST /angebote", services.action, cookies.orgAdmin), ...serviceFields },
    {
      ...action("POST /angebote/:serviceId", editService.action, cookies.otherOrgAdmin, {
        serviceId: service.id,
      }),
      ...serviceFields,
    },
    {
      ...action("POST /uebergaben/neu", newReferral.action, cookies.staff),
      ...referralFields,
    },
    {
      ...action("POST /uebergaben/:referralId/bearbeiten", editReferral.action, cookies.staff, {
        referralId: draftReferralId,
      }),
      ...referralFields,
    },
    {
      ...action(
        "POST /uebergaben/:referralId",
        referralPage.action,
        (await createLoginCookie(otherOrgAdmin.id)).cookie,
        { referralId: sentReferralId },
      ),
      form: { intent: "decline", reason: "Keine Kapazität", note: "Bitte später erneut" },
      probe: "reason",
    },
    { ...action("POST /ideen/neu", newIdea.action, cookies.staff), ...ideaFields },
    {
      ...action("POST /ideen/:ideaId/bearbeiten", editIdea.action, cookies.staff, { ideaId }),
      ...ideaFields,
    },
    {
      ...action("POST /ideen/:ideaId", ideaPage.action, cookies.otherOrgAdmin, { ideaId }),
      form: { intent: "adopt", note: "Machen wir im Herbst auch.", source: "seite" },
      probe: "note",
    },
    { ...action("POST /massnahmen/neu", newCourse.action, trainerCookie), ...courseFields },
    {
      ...action("POST /massnahmen/:courseId", coursePage.action, cookies.staff, { courseId }),
      form: { intent: "pledge", seats: "2", comment: "Zwei Plätze" },
      probe: "seats",
    },
    {
      ...action("POST /massnahmen/:courseId/bearbeiten", editCourse.action, trainerCookie, {
        courseId,
      }),
      ...courseFields,
    },
    {
      ...action("POST /veranstaltungen/neu", newEvent.action, cookies.staff),
      ...eventFields,
    },
    {
      ...action("POST /veranstaltungen/:eventId", eventPage.action, cookies.otherOrgAdmin, {
        eventId,
      }),
      form: { intent: "reserve", pseudonyms: "A. B.\nC. D.", note: "Zwei Personen" },
      probe: "pseudonyms",
    },
    {
      ...action("POST /veranstaltungen/:eventId/bearbeiten", editEvent.action, cookies.staff, {
        eventId,
      }),
      ...eventFields,
    },
    {
      ...action("POST /veranstaltungen/kalender-abo", calendarFeed.action, cookies.staff),
      form: { intent: "create", note: "Für Outlook" },
      probe: "note",
    },
    {
      ...action("POST /diskussionen", channels.action, cookies.coordinator),
      form: { intent: "create", networkId: north.id, name: "Neuer Kanal", description: "Kurz" },
      probe: "name",
    },
    {
      ...action("POST /diskussionen/:channelId", channelPage.action, cookies.staff, {
        channelId: channel.id,
      }),
      form: { intent: "start", title: "Neues Thema", body: "", bodyText: "Hallo" },
      probe: "title",
      richText: "body",
    },
    {
      ...action("POST /diskussionen/thema/:threadId", threadPage.action, cookies.staff, {
        threadId,
      }),
      form: { intent: "reply", body: "", bodyText: "Eine Antwort" },
      probe: "bodyText",
      richText: "body",
    },
    {
      ...action("POST /diskussionen/meldungen", reports.action, cookies.coordinator),
      form: { intent: "dismiss", reportId: randomUUID(), comment: "erledigt" },
      probe: "comment",
    },
  ];
}

/** Runs an action as Remix does: a thrown Response is the answer, anything else a 500. */
async function post(target: Target, contentType: string | null, body: BodyInit) {
  const base = buildRequest(target.path, { cookie: target.cookie });
  const headers = new Headers(base.headers);
  if (contentType) headers.set("content-type", contentType);
  const request = new Request(base.url, { method: "POST", headers, body });
  let response: Response;
  try {
    const result = await target.handler({ request, params: target.params, context: {} });
    response = result instanceof Response ? result : Response.json(result);
  } catch (thrown) {
    response = thrown instanceof Response ? thrown : new Response(String(thrown), { status: 500 });
  }
  const text = await response.text();
  let failure: Partial<Failure> = {};
  try {
    failure = feedbackFor(JSON.parse(text));
  } catch {
    // Not the form-failure shape; the assertions below say what was expected.
  }
  return { status: response.status, failure };
}

const urlencoded = "application/x-www-form-urlencoded";
const encode = (pairs: [string, string][]) => new URLSearchParams(pairs).toString();
const withValue = (form: Record<string, string>, field: string, value: string) =>
  encode(Object.entries({ ...form, [field]: value }));
/** What the page gets back to fill in again: everything typed except passwords. */
const typed = (form: Record<string, string>) =>
  Object.fromEntries(Object.entries(form).filter(([key]) => !/password/i.test(key)));

/** What the page gets back when the intent was missing or unknown: the intent stays out. */
function typedWithoutIntent(target: Target) {
  const { intent: _intent, ...rest } = typed(target.form);
  return rest;
}

/** A tiptap document whose text carries an unpaired surrogate, escaped as JSON allows. */
const loneSurrogateDocument =
  '{"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"Hallo \\ud800 Welt"}]}]}';

interface Variant {
  name: string;
  /** Only for forms told apart by `intent`. */
  needsIntent?: boolean;
  send: (target: Target) => { contentType: string | null; body: BodyInit };
  status: number;
  message: string;
  /** The failure names the submitted intent, so the page shows it at the form it came from. */
  attributed?: boolean;
  /** Field errors expected besides the form-level message. */
  fieldErrors?: (target: Target) => Record<string, string>;
  /** The values the page gets back; undefined where the body could not be decoded. */
  keeps?: (target: Target) => Record<string, string>;
}

const variants: Variant[] = [
  {
    name: "a JSON body",
    send: (target) => ({ contentType: "application/json", body: JSON.stringify(target.form) }),
    status: 400,
    message: formTexts.unreadable,
  },
  {
    name: "a text/plain body",
    send: (target) => ({
      contentType: "text/plain;charset=UTF-8",
      body: Object.entries(target.form)
        .map(([key, value]) => `${key}=${value}`)
        .join("\r\n"),
    }),
    status: 400,
    message: formTexts.unreadable,
  },
  {
    name: "no content type",
    // Bytes, not a string: a string body would get text/plain from fetch.
    send: (target) => ({
      contentType: null,
      body: new TextEncoder().encode(encode(Object.entries(target.form))),
    }),
    status: 400,
    message: formTexts.unreadable,
  },
  {
    name: "a multipart body with a boundary that does not match",
    send: (target) => ({
      contentType: "multipart/form-data; boundary=angekuendigt",
      body: `--tatsaechlich\r\nContent-Disposition: form-data; name="${target.probe}"\r\n\r\nText\r\n--tatsaechlich--\r\n`,
    }),
    status: 400,
    message: formTexts.unreadable,
  },
  {
    name: "a NUL character in a text field",
    send: (target) => ({
      contentType: urlencoded,
      body: withValue(target.form, target.probe, "Vorher\u0000nachher"),
    }),
    status: 400,
    message: formTexts.invalidCharacters,
    attributed: true,
    fieldErrors: (target) => ({ [target.probe]: formTexts.invalidCharactersField }),
    keeps: (target) => typed({ ...target.form, [target.probe]: "Vorher\uFFFDnachher" }),
  },
  {
    name: "an unpaired surrogate in rich-text JSON",
    send: (target) => ({
      contentType: urlencoded,
      body: withValue(target.form, target.richText ?? target.probe, loneSurrogateDocument),
    }),
    status: 400,
    message: formTexts.invalidCharacters,
    attributed: true,
    fieldErrors: (target) => ({
      [target.richText ?? target.probe]: formTexts.invalidCharactersField,
    }),
    keeps: (target) =>
      typed({
        ...target.form,
        [target.richText ?? target.probe]: loneSurrogateDocument.replace("\\ud800", "\uFFFD"),
      }),
  },
  {
    name: "no intent",
    needsIntent: true,
    send: (target) => {
      const { intent: _intent, ...rest } = target.form;
      return { contentType: urlencoded, body: encode(Object.entries(rest)) };
    },
    status: 400,
    message: formTexts.unknownIntent,
    keeps: typedWithoutIntent,
  },
  {
    name: "an unknown intent",
    needsIntent: true,
    send: (target) => ({
      contentType: urlencoded,
      body: withValue(target.form, "intent", "allesLoeschen"),
    }),
    status: 400,
    message: formTexts.unknownIntent,
    // The answer names no form (it shows at every form of the page), so the intent stays out.
    keeps: typedWithoutIntent,
  },
  {
    name: "a duplicated field",
    send: (target) => ({
      contentType: urlencoded,
      body: encode([
        ...Object.entries({ ...target.form, [target.probe]: "Erster Wert" }),
        [target.probe, "Zweiter Wert"],
      ]),
    }),
    status: 400,
    message: formTexts.duplicates,
    attributed: true,
    fieldErrors: (target) => ({ [target.probe]: formTexts.duplicateField }),
    keeps: (target) => typed({ ...target.form, [target.probe]: "Erster Wert" }),
  },
  ...[
    ["conform's state field", "__state__", "kaputt"],
    ["a list index of twenty million", "tags[20000000]", "x"],
    ["a path into the prototype", "__proto__.isAdmin", "true"],
  ].map(([name, field, value]): Variant => ({
    name: `a field name that is ${name}`,
    send: (target) => ({
      contentType: urlencoded,
      body: encode([...Object.entries(target.form), [field!, value!]]),
    }),
    status: 400,
    message: formTexts.unreadable,
    attributed: true,
    keeps: (target) => typed(target.form),
  })),
  {
    name: "a body over the size limit",
    send: (target) => ({
      contentType: urlencoded,
      body: withValue(target.form, target.probe, "x".repeat(getEnv().MAX_BODY_BYTES)),
    }),
    status: 413,
    message: formTexts.tooLarge(getEnv().MAX_BODY_BYTES),
  },
];

let targets: Target[] = [];
beforeAll(async () => {
  targets = await buildTargets();
});

const routeNames = [
  "POST /anmelden",
  "POST /passwort-vergessen",
  "POST /passwort-neu/:token",
  "POST /konto",
  "POST /verwaltung/anmeldedienste",
  "POST /einladung/:token",
  "POST /organisation",
  "POST /organisation/mitglieder",
  "POST /netzwerke/:networkId",
  "POST /verwaltung/netzwerke",
  "POST /angebote",
  "POST /angebote/:serviceId",
  "POST /uebergaben/neu",
  "POST /uebergaben/:referralId/bearbeiten",
  "POST /uebergaben/:referralId",
  "POST /ideen/neu",
  "POST /ideen/:ideaId/bearbeiten",
  "POST /ideen/:ideaId",
  "POST /massnahmen/neu",
  "POST /massnahmen/:courseId",
  "POST /massnahmen/:courseId/bearbeiten",
  "POST /veranstaltungen/neu",
  "POST /veranstaltungen/:eventId",
  "POST /veranstaltungen/:eventId/bearbeiten",
  "POST /veranstaltungen/kalender-abo",
  "POST /diskussionen",
  "POST /diskussionen/:channelId",
  "POST /diskussionen/thema/:threadId",
  "POST /diskussionen/meldungen",
];

describe.each(routeNames)("%s", (route) => {
  const target = () => {
    const found = targets.find((candidate) => candidate.route === route);
    if (!found) throw new Error(`no target for ${route}`);
    return found;
  };

  it.each(variants)("answers $name with $status and a German message", async (variant) => {
    const current = target();
    if (variant.needsIntent && !("intent" in current.form)) return;
    const { contentType, body } = variant.send(current);
    const { status, failure } = await post(current, contentType, body);
    expect(status).toBe(variant.status);
    expect(failure.errors).toEqual({ form: variant.message, ...variant.fieldErrors?.(current) });
    const keeps = variant.keeps?.(current);
    // Multi-valued fields come back as lists, empty where nothing was ticked.
    if (keeps) expect(failure.values).toMatchObject(keeps);
    else expect(failure.values).toEqual({});
    expect(Object.keys(failure.values ?? {}).filter((key) => /password/i.test(key))).toEqual([]);
    expect(failure.intent).toBe(variant.attributed ? current.form.intent : undefined);
  });
});

it("covers every action that reads a form", async () => {
  expect(targets.map(({ route }) => route)).toEqual(routeNames);
});
