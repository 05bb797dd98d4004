import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** Arguments of {@link DnsValidatedCertificate}. */
export interface DnsValidatedCertificateArgs {
    /** The certificate's primary name. */
    readonly domainName: string;
    /** Further names on the certificate. @default [] */
    readonly subjectAlternativeNames?: string[];
    /**
     * Route 53 zone that holds the names; when given, the validation records are
     * created in it. @default - no zone: the records are exported for whoever runs the DNS
     */
    readonly hostedZoneId?: string;
    /**
     * Wait for ACM to issue the certificate. `false` requests it and exports the records
     * only: a CertificateValidation waits up to 75 minutes (the provider's default create
     * timeout) for DNS nobody may have created yet, and `up` fails when it gives up.
     * @default true
     */
    readonly validate?: boolean;
    /** Tags. @default {} */
    readonly tags?: Record<string, string>;
}

/** How long `up` waits for ACM to issue a certificate whose records should already exist. */
export const VALIDATION_TIMEOUT = "30m";

/** One CNAME record that proves control of a name to ACM. */
export interface ValidationRecord {
    readonly domainName: string;
    readonly name: string;
    readonly type: string;
    readonly value: string;
}

/**
 * An ACM certificate validated by DNS. `certificateArn` resolves only once ACM has
 * issued the certificate, so listeners and distributions that use it wait for that
 * rather than failing on a pending certificate. With `validate: false` there is no
 * such ARN: nothing may use a certificate that is still pending.
 */
export class DnsValidatedCertificate extends pulumi.ComponentResource {
    /** ARN of the issued certificate (waits for validation); undefined when not validated. */
    public readonly certificateArn: pulumi.Output<string> | undefined;
    /** The CNAME records ACM asks for. */
    public readonly validationRecords: pulumi.Output<ValidationRecord[]>;

    constructor(name: string, args: DnsValidatedCertificateArgs, opts?: pulumi.ComponentResourceOptions) {
        super("chatmrpt:acm:DnsValidatedCertificate", name, {}, opts);
        const sans = args.subjectAlternativeNames ?? [];
        if (sans.includes(args.domainName)) {
            throw new Error(
                `subjectAlternativeNames (${JSON.stringify(sans)}) must not repeat domainName (${args.domainName})`,
            );
        }

        const certificate = new aws.acm.Certificate(
            `${name}-cert`,
            {
                domainName: args.domainName,
                // ACM's DomainList holds 1 to 100 names: with no alternative names, send none (not an empty list).
                subjectAlternativeNames: sans.length > 0 ? sans : undefined,
                validationMethod: "DNS",
                keyAlgorithm: "RSA_2048",
                tags: { ...(args.tags ?? {}), Name: args.domainName },
            },
            { parent: this },
        );

        this.validationRecords = certificate.domainValidationOptions.apply((options) =>
            options.map((o) => ({
                domainName: o.domainName,
                name: o.resourceRecordName,
                type: o.resourceRecordType,
                value: o.resourceRecordValue,
            })),
        );

        const names = [args.domainName, ...sans];
        const records =
            args.hostedZoneId === undefined
                ? []
                : names.map((domain, i) => {
                      const option = certificate.domainValidationOptions.apply((options) => {
                          const found = options.find((o) => o.domainName === domain);
                          if (!found) throw new Error(`ACM returned no validation option for ${domain}`);
                          return found;
                      });
                      return new aws.route53.Record(
                          `${name}-validation-${i + 1}`,
                          {
                              zoneId: args.hostedZoneId!,
                              name: option.resourceRecordName,
                              type: option.resourceRecordType,
                              records: [option.resourceRecordValue],
                              ttl: 300,
                              allowOverwrite: true,
                          },
                          { parent: this },
                      );
                  });

        if (args.validate ?? true) {
            const validation = new aws.acm.CertificateValidation(
                `${name}-validation`,
                {
                    certificateArn: certificate.arn,
                    validationRecordFqdns: records.length > 0 ? records.map((r) => r.fqdn) : undefined,
                },
                {
                    parent: this,
                    // Validation only comes once the records exist, when it takes minutes. If they are
                    // missing, fail in 30 minutes (not the provider's 75) so `up` ends inside the deploy
                    // job's 60 and the stack is not left locked.
                    customTimeouts: { create: VALIDATION_TIMEOUT },
                },
            );
            this.certificateArn = validation.certificateArn;
        }
        this.registerOutputs({
            certificateArn: this.certificateArn,
            validationRecords: this.validationRecords,
        });
    }
}
