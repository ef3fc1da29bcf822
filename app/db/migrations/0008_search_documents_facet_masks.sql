CREATE TABLE "search_facet_values" (
	"facet" text NOT NULL,
	"value" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "search_facet_values_facet_value_pk" PRIMARY KEY("facet","value")
);
--> statement-breakpoint
ALTER TABLE "search_documents" ADD COLUMN "target_groups_mask" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "search_documents" ADD COLUMN "fields_of_action_mask" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "search_documents" ADD COLUMN "partner_kinds_mask" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "search_documents" ADD COLUMN "funding_mask" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "search_documents" ADD COLUMN "region_code" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "search_documents" ADD COLUMN "head" "tsvector" NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "search_facet_values_position_idx" ON "search_facet_values" USING btree ("facet","position");