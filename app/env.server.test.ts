import { EnvError, parseEnv } from "./env.server";

describe("parseEnv", () => {
  it("needs no variables at all", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      PORT: 3000,
      PGLITE_DATA_DIR: "data/pglite",
      SEED_DEMO_DATA: true,
      cookieSecure: false,
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("turns on secure cookies outside development", () => {
    expect(parseEnv({ NODE_ENV: "production" }).cookieSecure).toBe(true);
    expect(parseEnv({ NODE_ENV: "production", COOKIE_SECURE: "false" }).cookieSecure).toBe(false);
  });

  it("lists every wrong variable in German and English", () => {
    try {
      parseEnv({
        PORT: "achtzig",
        DATABASE_URL: "mysql://localhost/db",
        REDIS_URL: "nicht-url",
        SEED_DEMO_DATA: "ja",
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      const { problems, message } = error as EnvError;
      expect(problems.map((p) => p.split(":")[0])).toEqual([
        "PORT",
        "DATABASE_URL",
        "REDIS_URL",
        "SEED_DEMO_DATA",
      ]);
      expect(message).toContain("Ungültige Konfiguration / invalid configuration");
      expect(message).toContain("muss eine Zahl sein / must be a number");
    }
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", PORT: "" }).PORT).toBe(3000);
  });
});
