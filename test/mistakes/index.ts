// Every table of deliberate mistakes, by theme, in one shape (./mistake.ts) with one runner (./run.ts).
import { SECURITY_GROUP_MISTAKES } from "./securityGroups";
import { INGRESS_MISTAKES } from "./ingress";
import { HTTPS_MISTAKES } from "./https";
import { WAF_MISTAKES } from "./waf";
import { APP_TIER_MISTAKES } from "./appTier";
import { IAM_MISTAKES } from "./iam";
import { OBSERVABILITY_MISTAKES } from "./observability";
import { RECOVERY_MISTAKES } from "./recovery";
import { DATA_MISTAKES } from "./data";
import { CUTOVER_MISTAKES } from "./cutover";
import { Mistake } from "./mistake";

export { checkMistakes } from "./run";
export type { Mistake } from "./mistake";

/** The themes, each a title and its table, in the order the tests run them. */
export const MISTAKE_THEMES: readonly (readonly [string, readonly Mistake[]])[] = [
    ["security groups: which ones the app tier carries, and how they are declared", SECURITY_GROUP_MISTAKES],
    ["ingress: who reaches the ALB, the app and Redis", INGRESS_MISTAKES],
    ["HTTPS from the viewer to the app, and the headers that keep it", HTTPS_MISTAKES],
    ["the web ACL in front of the distribution", WAF_MISTAKES],
    ["app instances and how the tier behaves", APP_TIER_MISTAKES],
    ["IAM and secrets", IAM_MISTAKES],
    ["alarms, the canary and logs", OBSERVABILITY_MISTAKES],
    ["backups, restore tests and protected data", RECOVERY_MISTAKES],
    ["data services the team may add: RDS, S3, ElastiCache", DATA_MISTAKES],
    ["the cutover: the adopted distribution and the router", CUTOVER_MISTAKES],
];

/** Every mistake of every theme. */
export const ALL_MISTAKES: readonly Mistake[] = MISTAKE_THEMES.flatMap(([, table]) => table);
