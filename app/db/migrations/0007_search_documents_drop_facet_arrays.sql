ALTER TABLE "search_documents" DROP COLUMN "results_text";--> statement-breakpoint
ALTER TABLE "search_documents" DROP COLUMN "target_groups";--> statement-breakpoint
ALTER TABLE "search_documents" DROP COLUMN "fields_of_action";--> statement-breakpoint
ALTER TABLE "search_documents" DROP COLUMN "region";--> statement-breakpoint
ALTER TABLE "search_documents" DROP COLUMN "partner_kinds";--> statement-breakpoint
ALTER TABLE "search_documents" DROP COLUMN "funding";