import { DocRule, between, text } from "./rule";

const CF_TIMEOUT_SOURCE =
    "https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_CustomOriginConfig.html";

/** Documented limits of CloudFront distributions and WAF web ACLs. */
export const EDGE_RULES: readonly DocRule[] = [
    {
        type: "aws:wafv2/webAcl:WebAcl",
        property: "rules[].statement.rateBasedStatement.evaluationWindowSec",
        check: (v) => ([60, 120, 300, 600].includes(Number(v)) ? undefined : "one of 60, 120, 300, 600"),
        quote: "Valid settings are 60, 120, 300, and 600.",
        source: "https://docs.aws.amazon.com/waf/latest/APIReference/API_RateBasedStatement.html",
    },
    ...["visibilityConfig.metricName", "rules[].visibilityConfig.metricName"].map((property): DocRule => ({
        type: "aws:wafv2/webAcl:WebAcl",
        property,
        check: (v) =>
            ["All", "Default_Action"].includes(String(v))
                ? "a name reserved for WAF"
                : text(/^[A-Za-z0-9_-]+$/, 128, "only A-Z, a-z, 0-9, - and _")(v),
        quote: "The name can contain only the characters: A-Z, a-z, 0-9, - (hyphen), and _ (underscore). The name can be from one to 128 characters long. It can't contain whitespace or metric names that are reserved for WAF, for example All and Default_Action.",
        source: "https://docs.aws.amazon.com/waf/latest/APIReference/API_VisibilityConfig.html",
    })),
    ...["vpcOriginConfig", "customOriginConfig"].flatMap((block): DocRule[] => [
        {
            type: "aws:cloudfront/distribution:Distribution",
            property: `origins[].${block}.originReadTimeout`,
            check: between(1, 120),
            source: CF_TIMEOUT_SOURCE,
            quote: "The minimum timeout is 1 second, the maximum is 120 seconds, and the default (if you don't specify otherwise) is 30 seconds.",
        },
        {
            type: "aws:cloudfront/distribution:Distribution",
            property: `origins[].${block}.originKeepaliveTimeout`,
            check: between(1, 120),
            source: CF_TIMEOUT_SOURCE,
            quote: "The minimum timeout is 1 second, the maximum is 120 seconds, and the default (if you don't specify otherwise) is 5 seconds.",
        },
    ]),
    {
        type: "aws:cloudfront/distribution:Distribution",
        property: "comment",
        check: text(/^/, 128, ""),
        quote: "The comment cannot be longer than 128 characters.",
        source: "https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_DistributionConfig.html",
    },
];
