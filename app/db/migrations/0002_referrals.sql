CREATE TYPE "public"."age_band" AS ENUM('unter_18', '18_bis_24', '25_bis_34', '35_bis_49', '50_bis_64', 'ab_65');--> statement-breakpoint
CREATE TYPE "public"."consent_form" AS ENUM('schriftlich', 'elektronisch', 'muendlich_dokumentiert');--> statement-breakpoint
CREATE TYPE "public"."contact_preference" AS ENUM('telefon', 'brief', 'persoenlich', 'ueber_jobcenter');--> statement-breakpoint
CREATE TYPE "public"."decline_reason" AS ENUM('keine_kapazitaet', 'nicht_zustaendig', 'einwilligung_unzureichend', 'nicht_erreichbar', 'sonstiges');--> statement-breakpoint
CREATE TYPE "public"."outcome_code" AS ENUM('beratung_aufgenommen', 'beratung_abgeschlossen', 'nicht_erschienen', 'an_andere_stelle_vermittelt', 'abgebrochen');--> statement-breakpoint
CREATE TYPE "public"."referral_status" AS ENUM('draft', 'sent', 'accepted', 'declined', 'in_progress', 'completed', 'withdrawn', 'consent_revoked');--> statement-breakpoint
CREATE TYPE "public"."service_category" AS ENUM('schuldnerberatung', 'suchtberatung', 'psychosoziale_beratung', 'kinderbetreuung', 'jugendhilfe', 'sprachkurs', 'qualifizierung', 'gesundheit', 'mobilitaet', 'sonstige');--> statement-breakpoint
CREATE TYPE "public"."referral_urgency" AS ENUM('normal', 'dringend');--> statement-breakpoint
CREATE TABLE "referral_consents" (
	"referral_id" uuid PRIMARY KEY NOT NULL,
	"obtained_by" text,
	"obtained_on" date NOT NULL,
	"form" "consent_form" NOT NULL,
	"organization_id" uuid NOT NULL,
	"purpose" text,
	"valid_until" date NOT NULL,
	"covers_feedback" boolean DEFAULT false NOT NULL,
	"recorded_by_user_id" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by_user_id" uuid
);
--> statement-breakpoint
CREATE TABLE "referral_transitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"referral_id" uuid NOT NULL,
	"from_status" "referral_status",
	"to_status" "referral_status" NOT NULL,
	"actor_user_id" uuid,
	"actor_organization_id" uuid,
	"note" text,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"sender_organization_id" uuid NOT NULL,
	"receiver_organization_id" uuid NOT NULL,
	"created_by_user_id" uuid NOT NULL,
	"status" "referral_status" DEFAULT 'draft' NOT NULL,
	"pseudonym" text,
	"age_band" "age_band" NOT NULL,
	"needs" "service_category"[] NOT NULL,
	"reason" text,
	"urgency" "referral_urgency" DEFAULT 'normal' NOT NULL,
	"contact_preference" "contact_preference" NOT NULL,
	"sent_at" timestamp with time zone,
	"due_on" date,
	"escalated_at" timestamp with time zone,
	"decline_reason" "decline_reason",
	"first_appointment_on" date,
	"outcome" "outcome_code",
	"closed_at" timestamp with time zone,
	"anonymised_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"category" "service_category" NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"target_groups" text[] DEFAULT '{}'::text[] NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"accepts_referrals" boolean DEFAULT true NOT NULL,
	"response_working_days" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "networks" ADD COLUMN "referral_retention_months" integer DEFAULT 6 NOT NULL;--> statement-breakpoint
ALTER TABLE "referral_consents" ADD CONSTRAINT "referral_consents_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_consents" ADD CONSTRAINT "referral_consents_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_consents" ADD CONSTRAINT "referral_consents_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_consents" ADD CONSTRAINT "referral_consents_revoked_by_user_id_users_id_fk" FOREIGN KEY ("revoked_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_transitions" ADD CONSTRAINT "referral_transitions_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_transitions" ADD CONSTRAINT "referral_transitions_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_transitions" ADD CONSTRAINT "referral_transitions_actor_organization_id_organizations_id_fk" FOREIGN KEY ("actor_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_sender_organization_id_organizations_id_fk" FOREIGN KEY ("sender_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_receiver_organization_id_organizations_id_fk" FOREIGN KEY ("receiver_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "referral_transitions_referral_idx" ON "referral_transitions" USING btree ("referral_id","occurred_at");--> statement-breakpoint
CREATE INDEX "referrals_receiver_list_idx" ON "referrals" USING btree ("receiver_organization_id","status","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "referrals_sender_list_idx" ON "referrals" USING btree ("sender_organization_id","status","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "referrals_overdue_idx" ON "referrals" USING btree ("due_on") WHERE "referrals"."status" = 'sent' and "referrals"."escalated_at" is null;--> statement-breakpoint
CREATE INDEX "referrals_retention_idx" ON "referrals" USING btree ("closed_at") WHERE "referrals"."anonymised_at" is null;--> statement-breakpoint
CREATE INDEX "services_organization_idx" ON "services" USING btree ("organization_id");