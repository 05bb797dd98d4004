// ACM certificates (their DNS validation records) and Route 53 records.
import { listOf, MOCK_ACCOUNT_ID, OutputFiller, shortHash, uuidOf } from "./context";

export const DNS_OUTPUTS: Record<string, OutputFiller> = {
    "aws:acm/certificate:Certificate": ({ out, inputs, region, h }) => {
        out.arn = `arn:aws:acm:${region}:${MOCK_ACCOUNT_ID}:certificate/${uuidOf(h)}`;
        const names = [inputs.domainName, ...listOf(inputs.subjectAlternativeNames)].map((n) => `${n}`);
        out.domainValidationOptions = names.map((domainName) => ({
            domainName,
            resourceRecordName: `_${shortHash(domainName).slice(0, 32)}.${domainName}.`,
            resourceRecordType: "CNAME",
            resourceRecordValue: `_${shortHash("value", domainName).slice(0, 32)}.mhbtsbpdnt.acm-validations.aws.`,
        }));
        out.status = "PENDING_VALIDATION";
        return `${out.arn}`;
    },
    "aws:acm/certificateValidation:CertificateValidation": ({ out, inputs }) => {
        out.certificateArn = inputs.certificateArn;
        return `${inputs.certificateArn}`;
    },
    "aws:route53/record:Record": ({ out, inputs }) => {
        out.fqdn = `${inputs.name}`.replace(/\.$/, "");
        return `${inputs.zoneId}_${out.fqdn}_${inputs.type}`;
    },
};
