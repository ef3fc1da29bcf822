-- Mails kept before the mail worker existed were never sent: they must not go out now that the
-- worker would pick up every pending row, so they are closed with an explanation.
UPDATE "mail_outbox"
SET "status" = 'failed',
    "last_error" = 'Vor der Einführung des Mail-Versands gespeichert, nicht versendet.'
WHERE "status" = 'pending';
--> statement-breakpoint
-- Referrals sent before secrecy was fixed at sending: bound when the receiver is a
-- § 203 StGB service now, or when its profile was ever changed (its kind at sending can no
-- longer be told; secrecy is the safe side).
UPDATE "referrals" AS r
SET "receiver_secrecy_bound" = (
  o."kind" IN ('schuldnerberatung', 'suchtberatung', 'psychosozialer_dienst')
  OR EXISTS (
    SELECT 1 FROM "audit_log" a
    WHERE a."action" = 'organization.updated' AND a."target_id" = o."id"::text
  )
)
FROM "organizations" AS o
WHERE o."id" = r."receiver_organization_id" AND r."sent_at" IS NOT NULL;
