DROP INDEX "referrals_receiver_list_idx";--> statement-breakpoint
DROP INDEX "referrals_sender_list_idx";--> statement-breakpoint
CREATE INDEX "referrals_inbox_recent_idx" ON "referrals" USING btree ("receiver_organization_id","created_at" DESC NULLS FIRST) WHERE "referrals"."sent_at" is not null;--> statement-breakpoint
CREATE INDEX "referrals_outbox_recent_idx" ON "referrals" USING btree ("sender_organization_id","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "referrals_receiver_list_idx" ON "referrals" USING btree ("receiver_organization_id","status","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "referrals_sender_list_idx" ON "referrals" USING btree ("sender_organization_id","status","created_at" DESC NULLS FIRST);