-- The key for hashing IP addresses in the audit log exists from the start, so an audit entry
-- written inside a transaction never has to create it (and lose it when that transaction rolls
-- back). gen_random_uuid() draws from a cryptographically strong source: two of them give 244
-- random bits.
INSERT INTO "instance_settings" ("key", "value")
VALUES ('ip_hash_key', replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''))
ON CONFLICT ("key") DO NOTHING;
