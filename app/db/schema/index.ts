export * from "./organizations";
export * from "./accounts";
export * from "./audit";
export * from "./messaging";
export * from "./referrals";
export * from "./ideas";
export * from "./discussions";
