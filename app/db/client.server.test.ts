import { DrizzleQueryError } from "drizzle-orm/errors";
import { describeError, isDatabaseUnavailable } from "./client.server";

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe("isDatabaseUnavailable", () => {
  it.each([
    ["a refused connection", withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED")],
    ["a restart (57P01)", withCode("terminating connection due to administrator command", "57P01")],
    ["a server starting up (57P03)", withCode("the database system is starting up", "57P03")],
    ["a connection exception (08006)", withCode("connection failure", "08006")],
    ["a lost connection", new Error("Connection terminated unexpectedly")],
    ["a connect timeout", new Error("timeout exceeded when trying to connect")],
    [
      "all addresses of a host refused",
      new AggregateError([withCode("connect ECONNREFUSED ::1:5432", "ECONNREFUSED")], ""),
    ],
  ])("is true for %s, also wrapped by Drizzle", (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(isDatabaseUnavailable(new DrizzleQueryError("select 1", [], error))).toBe(true);
  });

  it("is false for faults of the query and for non-errors", () => {
    const duplicate = withCode("duplicate key value violates unique constraint", "23505");
    expect(isDatabaseUnavailable(new DrizzleQueryError("insert …", [], duplicate))).toBe(false);
    expect(isDatabaseUnavailable(new Error("Failed query"))).toBe(false);
    expect(isDatabaseUnavailable("ECONNREFUSED")).toBe(false);
  });
});

describe("describeError", () => {
  it("names the innermost cause with its code, in one line", () => {
    const cause = withCode("terminating connection due to administrator command", "57P01");
    expect(describeError(new DrizzleQueryError("select 1", [], cause))).toBe(
      "57P01: terminating connection due to administrator command",
    );
    expect(describeError(withCode("connect ECONNREFUSED 127.0.0.1:1", "ECONNREFUSED"))).toBe(
      "connect ECONNREFUSED 127.0.0.1:1",
    );
  });
});
