import { PolicyPackConfig } from "@pulumi/policy";
import { View } from "../../offline/policy/views";
import { Mutator, prodBaseline } from "../policyHarness";

export { ALL_VIEWS } from "../policyViews";

/**
 * One deliberate mistake, or a legitimate variant, applied to the recorded prod stack the way
 * a pull request or a console change would make it, and what the pack must say about it.
 * {@link checkMistakes} (./run.ts) applies it in each of its views and asserts the exact
 * messages of `policy`, and that no other policy fires unless listed.
 */
export interface Mistake {
    /** What the change is, as the test title reads it. */
    readonly what: string;
    /** The change, made on a copy of the view's records. */
    readonly mutate: (m: Mutator) => void;
    /** The policy expected to fire (for a legitimate variant: to stay silent). */
    readonly policy: string;
    /**
     * Its exact messages, the same in every view; [] for a variant it must accept. `{key}`
     * stands for `ids[key]`, a value known only once the stack has run.
     */
    readonly messages: string[];
    /** Other policies the same change trips. @default [] */
    readonly alsoCaughtBy?: string[];
    /** Pack config. @default {} */
    readonly config?: PolicyPackConfig;
    /** Stack config on top of prod's (the cutover). @default {} */
    readonly stack?: Record<string, string>;
    /** The engine views it is checked in (../policyViews.ts): up, preview (a first deployment), refreshed. */
    readonly views: readonly View[];
}

export const TAGS = { Project: "chatmrpt", Environment: "prod", ManagedBy: "pulumi" };
export const SAFE_INSTANCE = {
    instanceType: "t3.large",
    associatePublicIpAddress: false,
    metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 },
    rootBlockDevice: { encrypted: true },
    tags: TAGS,
};

/** IDs and values of the recorded prod stack (up view) the mistakes refer to; filled by {@link loadIds}. */
export const ids: Record<string, string> = {};

export async function loadIds(): Promise<void> {
    const run = await prodBaseline();
    const get = (name: string) => run.resources.find((r) => r.name === name && r.custom)!;
    const first = (name: string) => run.resources.find((r) => r.name === name)!;
    Object.assign(ids, {
        appSg: get("chatmrpt-web-app-sg").id,
        albSg: get("chatmrpt-web-alb-sg").id,
        cacheSg: get("chatmrpt-cache-sg").id,
        httpListener: get("chatmrpt-web-http").outputs.arn,
        targetGroup: get("chatmrpt-web-tg").outputs.arn,
        topic: get("chatmrpt-monitoring-alerts").outputs.arn,
        lt: get("chatmrpt-web-lt").id,
        ltUserData: get("chatmrpt-web-lt").inputs.userData,
        redis: get("chatmrpt-cache-redis").id,
        uploads: first("chatmrpt-uploads-bucket").outputs.bucket,
        vpcOriginSg: first("chatmrpt-web-alb-from-cloudfront-http").inputs.referencedSecurityGroupId,
    });
}

/** The URN of a security group of the stack, as a property dependency names it. */
export const sg = (m: Mutator, name: string) => m.get(name).urn;
