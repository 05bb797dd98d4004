// The CrossGuard pack: `pulumi preview --policy-pack policies [--policy-pack-config <file>]`.
// The only file that constructs a PolicyPack (construction starts the policy server).
import { PolicyPack } from "@pulumi/policy";
import { chatMrptPolicies, PACK_NAME } from "./pack";

new PolicyPack(PACK_NAME, {
    description:
        "ChatMRPT guard rails: HTTPS everywhere, alarms, backups and one consistent set of security groups.",
    enforcementLevel: "mandatory",
    policies: chatMrptPolicies(),
});
