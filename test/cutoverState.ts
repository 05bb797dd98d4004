/**
 * The committed cutover state (stacks/examples/cutover/): the Pulumi.prod.yaml overlays of
 * each phase and the pack config the cutover pull request commits, as tests read them.
 */
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { PolicyPackConfig } from "@pulumi/policy";
import { readPackConfig } from "../offline/policy/checkStack";
import { ROOT } from "./helpers";

export const EXAMPLES = path.join(ROOT, "stacks", "examples", "cutover");
export const LEGACY_DNS = "chatmrpt-alb-319454030.us-east-2.elb.amazonaws.com";
/** old prod's distribution as it is live: default certificate, one HTTP origin, one behaviour. */
export const OLD_PROD_CONFIG = "test/fixtures/distributions/old-prod.json";
/** The realistic live configuration: alias and certificate, logging, error pages, two behaviours, PriceClass_All. */
export const REALISTIC_CONFIG = "test/fixtures/distributions/realistic.json";

/** The route phase of old prod's distribution (the runbook's cutover, routing to legacy). */
export const CUTOVER: Readonly<Record<string, string>> = {
    "chatmrpt:adoptDistributionId": "E2EXAMPLE12345",
    "chatmrpt:adoptedDistributionConfig": OLD_PROD_CONFIG,
    "chatmrpt:legacyOriginDomainName": LEGACY_DNS,
    "chatmrpt:activeOrigin": "legacy",
};

/** A phase's overlay (adopt, route or complete) as flat config, as the engine passes it. */
export function overlay(phase: "adopt" | "route" | "complete"): Record<string, string> {
    const file = yaml.load(fs.readFileSync(path.join(EXAMPLES, `${phase}.Pulumi.prod.yaml`), "utf8")) as {
        config: Record<string, unknown>;
    };
    return Object.fromEntries(Object.entries(file.config).map(([k, v]) => [k, String(v)]));
}

/** The pack config the cutover pull request commits (dated exemptions), or the one after step 7. */
export function cutoverPackConfig(which: "cutover" | "complete" = "cutover"): PolicyPackConfig {
    return readPackConfig(
        path.join(EXAMPLES, which === "cutover" ? "config.prod.json" : "config.prod.complete.json"),
    );
}
