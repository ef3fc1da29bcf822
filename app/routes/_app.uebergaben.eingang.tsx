import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/request.server";
import { loadReferralList } from "~/referrals/list-page.server";
import { ReferralListPage } from "~/referrals/referral-list-page";
import { GeneralErrorBoundary } from "~/ui/error-boundary";

export const meta: MetaFunction = () => [{ title: "Übergaben: Eingang – Netzwerke ABC" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return loadReferralList(user, "inbox", new URL(request.url).searchParams);
}

export default ReferralListPage;

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
