import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { legacyOriginIdOf } from "../cdnAdoption";
import { ORIGIN_IDS, OriginRouter } from "../originRouter";
import {
    APP_ORIGIN_ID,
    CdnAdoption,
    CdnLegacyOrigin,
    CdnOrigin,
    VPC_ORIGIN_SECURITY_GROUP_NAME,
    VPC_ORIGIN_TIMEOUT,
} from "./args";

/** The VPC origin and the security group AWS creates with it. */
export interface CdnVpcOrigin {
    readonly vpcOrigin: aws.cloudfront.VpcOrigin;
    /** ID of {@link VPC_ORIGIN_SECURITY_GROUP_NAME} in the ALB's VPC, looked up after the VPC origin exists. */
    readonly securityGroupId: pulumi.Output<string>;
}

/** The VPC origin in front of the internal ALB, one per protocol, and the lookup of its security group. */
export function createVpcOrigin(
    name: string,
    origin: CdnOrigin,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): CdnVpcOrigin {
    // A VPC origin in use cannot be updated in place (AWS: detach it from every distribution
    // first), so each protocol gets its own: moving to HTTPS creates the new one, repoints
    // the distribution, then deletes the old one.
    const protocol = origin.protocol;
    const vpcOrigin = new aws.cloudfront.VpcOrigin(
        `${name}-origin-${protocol}`,
        {
            vpcOriginEndpointConfig: {
                name: `${name}-alb-${protocol}`,
                arn: origin.loadBalancerArn,
                httpPort: 80,
                httpsPort: 443,
                originProtocolPolicy: protocol === "https" ? "https-only" : "http-only",
                // Required by the API even for http-only; used only over HTTPS.
                originSslProtocols: { items: ["TLSv1.2"], quantity: 1 },
            },
            // AWS: creating a VPC origin "can take up to 15 minutes", the provider's default wait.
            // Through the input: the customTimeouts option does not reach plugin-framework
            // resources such as this one (pulumi/pulumi-terraform-bridge#827).
            timeouts: {
                create: VPC_ORIGIN_TIMEOUT,
                update: VPC_ORIGIN_TIMEOUT,
                delete: VPC_ORIGIN_TIMEOUT,
            },
            tags,
        },
        {
            parent,
            dependsOn: origin.waitFor ?? [],
            // Tagged when created; a later tag change is an update AWS may refuse while the
            // origin is associated with a distribution, so it is not made.
            ignoreChanges: ["tags", "tagsAll"],
        },
    );
    // The group exists only once a VPC origin does. With dependsOn the SDK skips the lookup
    // and returns unknown while the VPC origin's ID is unknown (a first preview:
    // @pulumi/pulumi runtime/invoke.js), and `up` reads it after creating the VPC origin.
    const securityGroupId = aws.ec2.getSecurityGroupOutput(
        { name: VPC_ORIGIN_SECURITY_GROUP_NAME, vpcId: origin.vpcId },
        { parent, dependsOn: [vpcOrigin] },
    ).id;
    return { vpcOrigin, securityGroupId };
}

/** The app's origin: the internal ALB through the VPC origin. */
export function appOrigin(
    origin: CdnOrigin,
    vpcOriginId: pulumi.Input<string>,
    readTimeout: number,
): aws.types.input.cloudfront.DistributionOrigin {
    return {
        originId: APP_ORIGIN_ID,
        domainName: origin.domainName,
        vpcOriginConfig: {
            vpcOriginId,
            originReadTimeout: readTimeout,
            originKeepaliveTimeout: 5,
        },
    };
}

/** Old prod's origin, the router's `legacy` side: its ALB over plain HTTP. */
export function legacyOrigin(
    legacy: CdnLegacyOrigin,
    readTimeout: number,
): aws.types.input.cloudfront.DistributionOrigin {
    return {
        originId: ORIGIN_IDS.legacy,
        domainName: legacy.domainName,
        customOriginConfig: {
            // Old prod's ALB has no certificate; the pack allows this only under an exemption of at most 14 days.
            originProtocolPolicy: "http-only",
            httpPort: 80,
            httpsPort: 443,
            // Required by the API, unused over HTTP.
            originSslProtocols: ["TLSv1.2"],
            originReadTimeout: readTimeout,
            originKeepaliveTimeout: 5,
        },
    };
}

/** The router function and its KeyValueStore, which move viewers between the legacy and app origins. */
export function createRouter(
    name: string,
    legacy: CdnLegacyOrigin,
    adopt: CdnAdoption | undefined,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): OriginRouter {
    return new OriginRouter(
        `${name}-router`,
        {
            activeOrigin: legacy.activeOrigin,
            overrideToken: legacy.overrideToken,
            fallback: legacy.fallback,
            legacyOriginId: adopt === undefined ? undefined : legacyOriginIdOf(adopt.live, legacy.domainName),
            tags,
        },
        { parent },
    );
}
