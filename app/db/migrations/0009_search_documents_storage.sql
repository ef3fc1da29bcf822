-- Keep the search index row narrow (see ADR 007): counting and ranking read every matching row,
-- so texts and the full tsvector go out of line (TOAST) as soon as a row exceeds 128 bytes,
-- uncompressed so that a snippet reads only what it needs. The small `head` vector that ranking
-- reads for every match stays in the row.
ALTER TABLE search_documents SET (toast_tuple_target = 128);
--> statement-breakpoint
ALTER TABLE search_documents ALTER COLUMN title SET STORAGE EXTERNAL;
--> statement-breakpoint
ALTER TABLE search_documents ALTER COLUMN summary SET STORAGE EXTERNAL;
--> statement-breakpoint
ALTER TABLE search_documents ALTER COLUMN body_text SET STORAGE EXTERNAL;
--> statement-breakpoint
ALTER TABLE search_documents ALTER COLUMN document SET STORAGE EXTERNAL;
--> statement-breakpoint
ALTER TABLE search_documents ALTER COLUMN head SET STORAGE MAIN;
