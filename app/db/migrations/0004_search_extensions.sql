-- Trigram matching for typos and word parts in German search (app/search/postgres-engine.server.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
