-- The PostgreSQL search index changes shape in the next migrations (facets as bit masks, texts
-- out of line; see ADR 007). It is derived data: empty it, and queue every idea so that the
-- search worker rebuilds it after the upgrade.
TRUNCATE search_documents;
--> statement-breakpoint
INSERT INTO search_outbox (entity_id, operation) SELECT id, 'upsert' FROM ideas;
