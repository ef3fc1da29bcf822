CREATE TYPE "public"."event_kind" AS ENUM('inforunde', 'infostand', 'informationsveranstaltung', 'speed_dating', 'praktikumsboerse', 'fachveranstaltung', 'aktionswoche');--> statement-breakpoint
CREATE TYPE "public"."reservation_status" AS ENUM('confirmed', 'waitlisted', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."course_instrument" AS ENUM('fbw', 'avgs', 'paragraph_45', 'esf', 'sonstige');--> statement-breakpoint
CREATE TYPE "public"."course_status" AS ENUM('open', 'confirmed', 'cancelled');--> statement-breakpoint
ALTER TYPE "public"."thread_subject" ADD VALUE 'event';--> statement-breakpoint
CREATE TABLE "calendar_feed_tokens" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	CONSTRAINT "calendar_feed_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "event_outcomes_by_organization" (
	"event_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"attended" integer DEFAULT 0 NOT NULL,
	"interviews" integer DEFAULT 0 NOT NULL,
	"internships" integer DEFAULT 0 NOT NULL,
	"hires" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "event_outcomes_by_organization_event_id_organization_id_pk" PRIMARY KEY("event_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "event_reservations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"reserved_by_user_id" uuid,
	"pseudonym" text NOT NULL,
	"status" "reservation_status" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"promoted_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"created_by_user_id" uuid,
	"kind" "event_kind" NOT NULL,
	"title" text NOT NULL,
	"description" jsonb NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"online_url" text DEFAULT '' NOT NULL,
	"capacity" integer NOT NULL,
	"registration_deadline" timestamp with time zone NOT NULL,
	"target_groups" text[] DEFAULT '{}'::text[] NOT NULL,
	"jobs" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"language_requirements" text DEFAULT '' NOT NULL,
	"accessibility" text DEFAULT '' NOT NULL,
	"contact_name" text DEFAULT '' NOT NULL,
	"contact_email" text DEFAULT '' NOT NULL,
	"contact_phone" text DEFAULT '' NOT NULL,
	"confirmed_seats" integer DEFAULT 0 NOT NULL,
	"waitlisted_seats" integer DEFAULT 0 NOT NULL,
	"revision" integer DEFAULT 0 NOT NULL,
	"cancelled_at" timestamp with time zone,
	"reminder_sent_at" timestamp with time zone,
	"attended" integer,
	"interviews" integer,
	"internships" integer,
	"hires" integer,
	"outcomes_recorded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "events_seats_within_capacity" CHECK ("events"."confirmed_seats" <= "events"."capacity"),
	CONSTRAINT "events_ends_after_start" CHECK ("events"."ends_at" > "events"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "course_pledges" (
	"course_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"seats" integer NOT NULL,
	"pledged_by_user_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "course_pledges_course_id_organization_id_pk" PRIMARY KEY("course_id","organization_id"),
	CONSTRAINT "course_pledges_positive" CHECK ("course_pledges"."seats" > 0)
);
--> statement-breakpoint
CREATE TABLE "courses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"created_by_user_id" uuid,
	"title" text NOT NULL,
	"description" jsonb NOT NULL,
	"instrument" "course_instrument" NOT NULL,
	"start_date" date NOT NULL,
	"duration" text NOT NULL,
	"place" text NOT NULL,
	"min_participants" integer NOT NULL,
	"max_participants" integer NOT NULL,
	"pledge_deadline" timestamp with time zone NOT NULL,
	"admitted_kinds" "organization_kind"[] DEFAULT '{jobcenter}'::organization_kind[] NOT NULL,
	"pledged_seats" integer DEFAULT 0 NOT NULL,
	"status" "course_status" DEFAULT 'open' NOT NULL,
	"confirmed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "courses_pledges_within_maximum" CHECK ("courses"."pledged_seats" <= "courses"."max_participants"),
	CONSTRAINT "courses_minimum_within_maximum" CHECK ("courses"."min_participants" <= "courses"."max_participants")
);
--> statement-breakpoint
ALTER TABLE "discussion_threads" ADD COLUMN "event_id" uuid;--> statement-breakpoint
ALTER TABLE "calendar_feed_tokens" ADD CONSTRAINT "calendar_feed_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_outcomes_by_organization" ADD CONSTRAINT "event_outcomes_by_organization_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_outcomes_by_organization" ADD CONSTRAINT "event_outcomes_by_organization_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_reservations" ADD CONSTRAINT "event_reservations_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_reservations" ADD CONSTRAINT "event_reservations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_reservations" ADD CONSTRAINT "event_reservations_reserved_by_user_id_users_id_fk" FOREIGN KEY ("reserved_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_pledges" ADD CONSTRAINT "course_pledges_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_pledges" ADD CONSTRAINT "course_pledges_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_pledges" ADD CONSTRAINT "course_pledges_pledged_by_user_id_users_id_fk" FOREIGN KEY ("pledged_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "courses" ADD CONSTRAINT "courses_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "courses" ADD CONSTRAINT "courses_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "courses" ADD CONSTRAINT "courses_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "event_reservations_event_idx" ON "event_reservations" USING btree ("event_id","status","created_at");--> statement-breakpoint
CREATE INDEX "event_reservations_organization_idx" ON "event_reservations" USING btree ("organization_id","event_id");--> statement-breakpoint
CREATE INDEX "events_network_start_idx" ON "events" USING btree ("network_id","starts_at");--> statement-breakpoint
CREATE INDEX "courses_network_idx" ON "courses" USING btree ("network_id","start_date");--> statement-breakpoint
CREATE INDEX "courses_open_deadline_idx" ON "courses" USING btree ("status","pledge_deadline");--> statement-breakpoint
ALTER TABLE "discussion_threads" ADD CONSTRAINT "discussion_threads_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "discussion_threads_event_idx" ON "discussion_threads" USING btree ("event_id");