ALTER TABLE "discussion_digest_items" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP TABLE "discussion_digest_items" CASCADE;--> statement-breakpoint
CREATE INDEX "notifications_undigested_idx" ON "notifications" USING btree ("user_id") WHERE "notifications"."digested_at" is null;--> statement-breakpoint
CREATE INDEX "discussion_posts_author_idx" ON "discussion_posts" USING btree ("author_user_id","sequence");