import { ResourceValidationPolicy } from "@pulumi/policy";
import { isTrue } from "../lib/shapes";
import { isOneOf, show, T } from "../lib/types";

/**
 * Memcached can encrypt in transit (engine 1.6.12 and later) but not at rest, and takes no
 * snapshots: it is accepted for data that can be lost and rebuilt, with TLS required.
 */
export const elasticacheMemcachedEncrypted: ResourceValidationPolicy = {
    name: "elasticache-memcached-encrypted",
    description:
        "Checks that Memcached cache clusters encrypt in transit (Memcached cannot encrypt at rest or snapshot, so it holds only rebuildable cache data).",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        if (!isOneOf(args.type, T.cacheCluster) || args.props.engine !== "memcached") return;
        if (!isTrue(args.props.transitEncryptionEnabled)) {
            report(
                `transitEncryptionEnabled must be true (Memcached 1.6.12 or later); found ${show(args.props.transitEncryptionEnabled)}`,
            );
        }
    },
};
