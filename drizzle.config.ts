import { defineConfig } from "drizzle-kit";

// Migrations are generated from the schema and never edited after they land.
export default defineConfig({
  dialect: "postgresql",
  schema: "./app/db/schema/index.ts",
  out: "./app/db/migrations",
});
