import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { validateCdnArgs } from "../cdnBehaviors";
import { ValidationRecord } from "../dnsValidatedCertificate";
import { CdnArgs, cdnSettings, validateAdoption } from "./args";
import { createDistribution, createSecurityHeaders } from "./distribution";
import { createAliasRecords, createCertificate } from "./domain";
import { appOrigin, createRouter, createVpcOrigin, legacyOrigin } from "./origins";

/**
 * The CloudFront distribution in front of the internal ALB: HTTPS for viewers (HSTS),
 * the ALB reached through a VPC origin, dynamic paths uncached, static paths cached.
 *
 * To extend (another origin, a function on the default behaviour): add an origin next to
 * ./origins.ts `appOrigin` (the app's origin is `APP_ORIGIN_ID`) and to what
 * ../cdnBehaviors.ts `cacheBehaviors` returns, rather than to the distribution literal
 * (./distribution.ts).
 */
export class Cdn extends pulumi.ComponentResource {
    public readonly distributionId: pulumi.Output<string>;
    public readonly distributionArn: pulumi.Output<string>;
    public readonly distributionDomainName: pulumi.Output<string>;
    public readonly distributionHostedZoneId: pulumi.Output<string>;
    /** The VPC origin: the ALB's ingress rule must depend on it (it creates the source group). */
    public readonly vpcOrigin: aws.cloudfront.VpcOrigin;
    /** ID of the VPC-origin security group (`CloudFront-VPCOrigins-Service-SG`, see ./args.ts) in the ALB's VPC, looked up after the VPC origin exists. */
    public readonly vpcOriginSecurityGroupId: pulumi.Output<string>;
    /** ARN of the router's KeyValueStore; empty without a legacy origin. */
    public readonly routerKeyValueStoreArn: pulumi.Output<string>;
    /** The us-east-1 certificate's validation CNAMEs; empty without a domain. */
    public readonly certificateValidationRecords: pulumi.Output<ValidationRecord[]>;

    constructor(name: string, args: CdnArgs, opts?: pulumi.ComponentResourceOptions) {
        super("chatmrpt:cdn:Cdn", name, {}, opts);
        const s = cdnSettings(args);
        validateCdnArgs({ readTimeout: s.readTimeout, staticPaths: s.staticPaths, priceClass: s.priceClass });
        validateAdoption(args);

        // Registered in this order (certificate, VPC origin, headers, router, distribution, alias
        // records): the plan lists a component's children as they were registered.
        const certificate =
            args.domain === undefined
                ? undefined
                : createCertificate(name, args.domain, s.tags, args.usEast1Provider, this);
        const { vpcOrigin, securityGroupId } = createVpcOrigin(name, args.origin, s.tags, this);
        this.vpcOrigin = vpcOrigin;
        this.vpcOriginSecurityGroupId = securityGroupId;
        const headers = createSecurityHeaders(name, s.hstsIncludeSubdomains, this);
        const legacy = args.legacyOrigin;
        const origins = [appOrigin(args.origin, vpcOrigin.id, s.readTimeout)];
        if (legacy !== undefined) origins.push(legacyOrigin(legacy, s.readTimeout));
        const router =
            legacy === undefined ? undefined : createRouter(name, legacy, args.adopt, s.tags, this);
        const distribution = createDistribution(
            name,
            args,
            s,
            {
                origins,
                responseHeadersPolicyId: headers.id,
                routerFunctionArn: router?.functionArn,
                certificateArn: certificate?.certificateArn,
            },
            this,
        );
        if (s.active && args.domain!.hostedZoneId !== undefined)
            createAliasRecords(name, args.domain!.name, args.domain!.hostedZoneId, distribution, this);

        this.distributionId = distribution.id;
        this.distributionArn = distribution.arn;
        this.distributionDomainName = distribution.domainName;
        this.distributionHostedZoneId = distribution.hostedZoneId;
        this.routerKeyValueStoreArn = router?.keyValueStoreArn ?? pulumi.output("");
        this.certificateValidationRecords = certificate?.validationRecords ?? pulumi.output([]);
        this.registerOutputs({
            distributionId: this.distributionId,
            distributionDomainName: this.distributionDomainName,
            vpcOriginId: this.vpcOrigin.id,
            routerKeyValueStoreArn: this.routerKeyValueStoreArn,
            certificateValidationRecords: this.certificateValidationRecords,
        });
    }
}
