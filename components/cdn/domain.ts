import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DnsValidatedCertificate } from "../dnsValidatedCertificate";
import { CdnDomain } from "./args";

/** The us-east-1 certificate naming the site, validated only at the `active` step. */
export function createCertificate(
    name: string,
    domain: CdnDomain,
    tags: Record<string, string>,
    usEast1Provider: aws.Provider,
    parent: pulumi.Resource,
): DnsValidatedCertificate {
    return new DnsValidatedCertificate(
        `${name}-cert`,
        {
            domainName: domain.name,
            hostedZoneId: domain.hostedZoneId,
            validate: domain.stage === "active",
            tags,
        },
        { parent, provider: usEast1Provider },
    );
}

/** The A and AAAA alias records pointing the site's name at the distribution, in its Route 53 zone. */
export function createAliasRecords(
    name: string,
    domainName: string,
    hostedZoneId: string,
    distribution: aws.cloudfront.Distribution,
    parent: pulumi.Resource,
): void {
    for (const type of ["A", "AAAA"]) {
        new aws.route53.Record(
            `${name}-alias-${type.toLowerCase()}`,
            {
                zoneId: hostedZoneId,
                name: domainName,
                type,
                aliases: [
                    {
                        name: distribution.domainName,
                        zoneId: distribution.hostedZoneId,
                        evaluateTargetHealth: false,
                    },
                ],
            },
            { parent },
        );
    }
}
